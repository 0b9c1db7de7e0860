/*
 * fsck.c - fsck.mfs: check an MFS (MINIX v3 layout) image and report every problem.
 *
 *   fsck.mfs [-v] image.img
 *
 * It never changes the image.  It prints one line per problem, e.g.
 *
 *   fsck: inode 12: link count 2, but 1 directory entry names it
 *
 * then a summary, "fsck: clean: N inodes, M zones used" or "fsck: N problems", and exits 0
 * only when the image is clean (1 for problems, 2 for usage or I/O errors).  -v also prints
 * the superblock and the path of every inode.
 *
 * The checks, in order (the invariants are listed in include/minnow/mfs.h):
 *   1. the superblock: magic, block size, a geometry that fits the image;
 *   2. every inode: a known type; every zone it uses (data and indirect) in range and used
 *      only once; no zone past the end of the file; sizes that make sense for the type;
 *   3. the tree from the root: "." and ".." in every directory, every entry naming an in-use
 *      inode, each directory named by exactly one entry; this counts the names of each inode;
 *   4. link counts against those names;
 *   5. both bitmaps against what steps 2 and 3 found in use.
 * The image is read into memory once and every offset is checked against its length before
 * use, so a corrupt or truncated image gives problem lines, never a crash.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <minnow/mfs.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "fsck.mfs reads the structures of minnow/mfs.h as they are: it needs a little-endian host"
#endif

/* At most this many problem lines are printed (all are counted). */
#define MAX_SHOWN	1000

static int verbose;
static unsigned long problems;
static uint8_t *image;
static size_t image_len;
static struct mfs_super sb;
static uint32_t bs;
static uint32_t nzones;		/* zones that exist: min(s_zones, blocks in the image) */
static uint32_t itable_block;	/* first block of the inode table */

/* Per inode (index 0..s_ninodes): */
static uint32_t *names;		/* directory entries naming it, "." and ".." included */
static uint32_t *parent;	/* for a directory reached from the root: its parent */
static uint8_t *reached;	/* directory already walked */
/* Per zone (index 0..nzones-1): the inode using it, or 0. */
static uint32_t *owner;

/* problem: print one problem line "fsck: <text>" (the first MAX_SHOWN of them). */
static void
problem(const char *fmt, ...)
{
	va_list ap;

	if (++problems > MAX_SHOWN) {
		if (problems == MAX_SHOWN + 1)
			printf("fsck: (more problems: not shown)\n");
		return;
	}
	printf("fsck: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fprintf(stderr, "fsck: out of memory\n");
		exit(2);
	}
	return p;
}

/* block: the bytes of block @b, or NULL if the image does not hold all of it. */
static const uint8_t *
block(uint32_t b)
{
	if ((uint64_t)b * bs + bs > image_len)
		return NULL;
	return image + (size_t)b * bs;
}

static int
bit(uint32_t map_block, uint32_t n)
{
	return (image[(size_t)map_block * bs + n / 8] >> (n % 8)) & 1;
}

static struct mfs_inode
inode(uint32_t ino)
{
	struct mfs_inode ip;

	memcpy(&ip, image + (size_t)itable_block * bs + (size_t)(ino - 1) * MFS_INODE_SIZE,
		sizeof ip);
	return ip;
}

static uint32_t
file_type(const struct mfs_inode *ip)
{
	return ip->i_mode & MFS_S_IFMT;
}

static int
has_data(const struct mfs_inode *ip)
{
	uint32_t t = file_type(ip);

	return t == MFS_S_IFREG || t == MFS_S_IFDIR || t == MFS_S_IFLNK;
}

/* ---- 1. the superblock ----------------------------------------------------------------- */

static uint32_t
div_up(uint64_t a, uint64_t b)
{
	return (uint32_t)((a + b - 1) / b);
}

/* check_geometry: the bitmaps and the inode table of the superblock fit together and in
 * the image; 0 if they do not (nothing else can then be checked). */
static int
check_geometry(void)
{
	uint32_t bpb = MFS_BITS_PER_BLOCK(bs);
	uint64_t itable = div_up(sb.s_ninodes, MFS_INODES_PER_BLOCK(bs));
	uint64_t first = MFS_IMAP_BLOCK + (uint64_t)sb.s_imap_blocks + sb.s_zmap_blocks + itable;

	if (sb.s_ninodes == 0) {
		problem("superblock: no inodes");
		return 0;
	}
	if ((uint64_t)sb.s_imap_blocks * bpb < (uint64_t)sb.s_ninodes + 1) {
		problem("superblock: %u inode bitmap blocks cannot map %u inodes",
			sb.s_imap_blocks, sb.s_ninodes);
		return 0;
	}
	if (first != sb.s_firstdatazone || first >= sb.s_zones) {
		problem("superblock: first data zone %u, but the bitmaps and inode table end at "
			"block %llu (of %u)", sb.s_firstdatazone, (unsigned long long)first,
			sb.s_zones);
		return 0;
	}
	if ((uint64_t)sb.s_zmap_blocks * bpb < (uint64_t)sb.s_zones - first + 1) {
		problem("superblock: %u zone bitmap blocks cannot map %llu zones",
			sb.s_zmap_blocks, (unsigned long long)(sb.s_zones - first));
		return 0;
	}
	if (first > image_len / bs) {
		problem("image truncated inside the bitmaps or the inode table (%zu bytes)",
			image_len);
		return 0;
	}
	itable_block = MFS_IMAP_BLOCK + sb.s_imap_blocks + sb.s_zmap_blocks;
	return 1;
}

/* check_super: read and check the superblock; 0 if the rest cannot be checked. */
static int
check_super(void)
{
	if (image_len < MFS_SUPER_OFFSET + sizeof sb) {
		problem("image is %zu bytes: too small to hold a superblock", image_len);
		return 0;
	}
	memcpy(&sb, image + MFS_SUPER_OFFSET, sizeof sb);
	bs = sb.s_block_size;
	if (sb.s_magic != MFS_MAGIC) {
		problem("superblock: magic 0x%04x, expected 0x%04x", sb.s_magic, MFS_MAGIC);
		return 0;
	}
	if (bs != 1024 && bs != 2048 && bs != 4096) {
		problem("superblock: block size %u (1024, 2048 or 4096 expected)", bs);
		return 0;
	}
	if (sb.s_log_zone_size != 0) {
		problem("superblock: log zone size %u (only 0 is supported)", sb.s_log_zone_size);
		return 0;
	}
	uint64_t image_blocks = image_len / bs;
	if (sb.s_zones > image_blocks)
		problem("image truncated: the superblock says %u blocks, the image holds %llu",
			sb.s_zones, (unsigned long long)image_blocks);
	nzones = sb.s_zones < image_blocks ? sb.s_zones : (uint32_t)image_blocks;
	return check_geometry();
}

static void
print_super(void)
{
	printf("fsck: superblock: %u inodes, %u zones of %u bytes, inode bitmap %u block(s), "
		"zone bitmap %u block(s), first data zone %u, max file size %d%s\n",
		sb.s_ninodes, sb.s_zones, bs, sb.s_imap_blocks, sb.s_zmap_blocks,
		sb.s_firstdatazone, sb.s_max_size,
		sb.s_flags & MFS_FLAG_CLEAN ? "" : " (not marked clean)");
}

/* ---- 2. inodes and their zones --------------------------------------------------------- */

/* claim: inode @ino uses zone @z; 1 if @z may be read (in range, in the image, first use). */
static int
claim(uint32_t ino, uint32_t z)
{
	if (z < sb.s_firstdatazone || z >= sb.s_zones) {
		problem("inode %u: zone %u out of range (data zones are %u..%u)", ino, z,
			sb.s_firstdatazone, sb.s_zones - 1);
		return 0;
	}
	if (z >= nzones) {
		problem("inode %u: zone %u lies beyond the end of the (truncated) image", ino, z);
		return 0;
	}
	if (owner[z]) {
		problem("zone %u: used twice, by inode %u and by inode %u", z, owner[z], ino);
		return 0;
	}
	owner[z] = ino;
	return 1;
}

/* check_data_zone: zone @z holds block @idx of inode @ino, whose data has @nblk blocks. */
static void
check_data_zone(uint32_t ino, const struct mfs_inode *ip, uint32_t z, uint64_t idx,
	uint64_t nblk)
{
	if (z == MFS_NO_ZONE) {
		if (file_type(ip) == MFS_S_IFDIR && idx < nblk)
			problem("inode %u: directory has a hole at block %llu", ino,
				(unsigned long long)idx);
		return;
	}
	if (idx >= nblk)
		problem("inode %u: zone %u holds block %llu, past the end of the file (size %d)",
			ino, z, (unsigned long long)idx, ip->i_size);
	claim(ino, z);
}

/* check_indirect: indirect zone @z maps blocks from @base on, @levels levels deep. */
static void
check_indirect(uint32_t ino, const struct mfs_inode *ip, uint32_t z, uint64_t base,
	int levels, uint64_t nblk)
{
	uint32_t per = MFS_INDIRECTS(bs);
	uint64_t span = levels == 1 ? 1 : per;

	if (z == MFS_NO_ZONE)
		return;
	if (base >= nblk)
		problem("inode %u: indirect zone %u maps only blocks past the end of the file "
			"(size %d)", ino, z, ip->i_size);
	if (!claim(ino, z))
		return;
	const uint32_t *slot = (const uint32_t *)block(z);
	for (uint32_t j = 0; j < per; j++) {
		if (levels == 1)
			check_data_zone(ino, ip, slot[j], base + j, nblk);
		else
			check_indirect(ino, ip, slot[j], base + j * span, levels - 1, nblk);
	}
}

static void
check_zones(uint32_t ino, const struct mfs_inode *ip)
{
	uint64_t per = MFS_INDIRECTS(bs);
	uint64_t nblk = ip->i_size > 0 ? div_up((uint64_t)ip->i_size, bs) : 0;

	for (uint32_t i = 0; i < MFS_NR_DZONES; i++)
		check_data_zone(ino, ip, ip->i_zone[i], i, nblk);
	check_indirect(ino, ip, ip->i_zone[MFS_ZONE_IND], MFS_NR_DZONES, 1, nblk);
	check_indirect(ino, ip, ip->i_zone[MFS_ZONE_DIND], MFS_NR_DZONES + per, 2, nblk);
	if (ip->i_zone[MFS_ZONE_TIND])
		problem("inode %u: triple-indirect zone %u (not supported)", ino,
			ip->i_zone[MFS_ZONE_TIND]);
}

/* check_symlink: symbolic link @ino (size already checked) has its data zone, and the
 * target in it holds no NUL byte. */
static void
check_symlink(uint32_t ino, const struct mfs_inode *ip)
{
	uint32_t z = ip->i_zone[0];
	const uint8_t *b;

	if (z == MFS_NO_ZONE)
		problem("inode %u: symbolic link without a data zone", ino);
	else if (z >= sb.s_firstdatazone && z < nzones && (b = block(z)) != NULL &&
		 memchr(b, '\0', (size_t)ip->i_size) != NULL)
		problem("inode %u: symbolic link target holds a NUL byte", ino);
}

/* check_inode: the type, size and zones of in-use inode @ino. */
static void
check_inode(uint32_t ino)
{
	struct mfs_inode ip = inode(ino);
	uint32_t t = file_type(&ip);

	if (t != MFS_S_IFREG && t != MFS_S_IFDIR && t != MFS_S_IFCHR && t != MFS_S_IFBLK &&
			t != MFS_S_IFLNK && t != MFS_S_IFIFO) {
		problem("inode %u: unknown file type in mode 0%o", ino, ip.i_mode);
		return;
	}
	if (ip.i_size < 0 || ip.i_size > sb.s_max_size)
		problem("inode %u: size %d out of range (0..%d)", ino, ip.i_size, sb.s_max_size);
	if (!has_data(&ip)) {
		/* a device or a FIFO: no data; a device's number is in slot 0 */
		if (ip.i_size != 0)
			problem("inode %u: device or FIFO with size %d (must be 0)", ino, ip.i_size);
		for (int i = t == MFS_S_IFIFO ? 0 : 1; i < MFS_NR_ZONES; i++)
			if (ip.i_zone[i])
				problem("inode %u: device or FIFO with zone %u in slot %d", ino,
					ip.i_zone[i], i);
		return;
	}
	if (t == MFS_S_IFDIR && ip.i_size % MFS_DIRENT_SIZE)
		problem("inode %u: directory size %d is not a multiple of %d", ino, ip.i_size,
			MFS_DIRENT_SIZE);
	if (t == MFS_S_IFLNK && (ip.i_size <= 0 || (uint32_t)ip.i_size >= bs))
		problem("inode %u: symbolic link of size %d (1..%u)", ino, ip.i_size, bs - 1);
	else if (t == MFS_S_IFLNK)
		check_symlink(ino, &ip);
	if (ip.i_size >= 0)
		check_zones(ino, &ip);
}

/* ---- 3. the directory tree -------------------------------------------------------------- */

/* bmap: the zone holding block @idx of directory @ino, if the checks of step 2 let @ino
 * have it; 0 otherwise. */
static uint32_t
bmap(uint32_t ino, const struct mfs_inode *ip, uint64_t idx)
{
	uint64_t per = MFS_INDIRECTS(bs);
	uint32_t z;

	if (idx < MFS_NR_DZONES) {
		z = ip->i_zone[idx];
	} else if ((idx -= MFS_NR_DZONES) < per) {
		z = ip->i_zone[MFS_ZONE_IND];
		if (z >= nzones || owner[z] != ino)
			return 0;
		z = ((const uint32_t *)block(z))[idx];
	} else {
		idx -= per;
		z = ip->i_zone[MFS_ZONE_DIND];
		if (idx / per >= per || z >= nzones || owner[z] != ino)
			return 0;
		z = ((const uint32_t *)block(z))[idx / per];
		if (z >= nzones || owner[z] != ino)
			return 0;
		z = ((const uint32_t *)block(z))[idx % per];
	}
	return z < nzones && owner[z] == ino ? z : 0;
}

/* shown: @name (a NUL-terminated directory entry name) with every byte that is not printable
 * ASCII, and the quote and backslash, written as \xNN: problem lines stay one clean line. */
static const char *
shown(const char *name)
{
	static char buf[MFS_NAME_FIELD * 4 + 1];
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
			o += (size_t)snprintf(buf + o, sizeof buf - o, "\\x%02x", *p);
		else
			buf[o++] = (char)*p;
	buf[o] = '\0';
	return buf;
}

/* check_name: the name of entry @k of directory @dir is NUL-terminated, non-empty, no '/'. */
static int
check_name(uint32_t dir, uint32_t k, const struct mfs_dirent *d)
{
	size_t len = strnlen(d->d_name, MFS_NAME_FIELD);

	if (len == MFS_NAME_FIELD)
		problem("inode %u: entry %u: name is not NUL-terminated (%d bytes at most)", dir, k,
			MFS_NAME_MAX);
	else if (len == 0)
		problem("inode %u: entry %u: empty name", dir, k);
	else if (memchr(d->d_name, '/', len))
		problem("inode %u: entry %u: name \"%s\" contains '/'", dir, k, shown(d->d_name));
	else
		return 1;
	return 0;
}

static uint32_t *queue;
static uint32_t queue_len;

/* check_entry: entry @k of directory @dir, naming inode d_ino; counts the name. */
static void
check_entry(uint32_t dir, uint32_t k, const struct mfs_dirent *d, int *dot, int *dotdot)
{
	uint32_t ino = d->d_ino;

	if (!check_name(dir, k, d))
		return;
	if (ino > sb.s_ninodes) {
		problem("inode %u: entry \"%s\" names inode %u, out of range (1..%u)", dir,
			shown(d->d_name), ino, sb.s_ninodes);
		return;
	}
	struct mfs_inode ip = inode(ino);
	if (ip.i_mode == 0) {
		problem("inode %u: entry \"%s\" names inode %u, which is free", dir,
			shown(d->d_name), ino);
		return;
	}
	names[ino]++;
	if (verbose)
		printf("fsck: inode %u: \"%s\" in directory inode %u\n", ino, shown(d->d_name),
			dir);
	if (!strcmp(d->d_name, ".")) {
		(*dot)++;
		if (ino != dir)
			problem("inode %u: \".\" names inode %u, not itself", dir, ino);
	} else if (!strcmp(d->d_name, "..")) {
		(*dotdot)++;
		if (ino != parent[dir])
			problem("inode %u: \"..\" names inode %u, but its parent is inode %u", dir,
				ino, parent[dir]);
	} else if (file_type(&ip) == MFS_S_IFDIR) {
		if (reached[ino]) {
			problem("inode %u: directory named by more than one entry (\"%s\" in inode %u)",
				ino, shown(d->d_name), dir);
			return;
		}
		reached[ino] = 1;
		parent[ino] = dir;
		queue[queue_len++] = ino;
	}
}

/* walk_dir: check every entry of directory @dir. */
static void
walk_dir(uint32_t dir)
{
	struct mfs_inode ip = inode(dir);
	uint32_t per = MFS_DIRENTS_PER_BLOCK(bs);
	uint64_t count = ip.i_size > 0 ? (uint64_t)ip.i_size / MFS_DIRENT_SIZE : 0;
	int dot = 0, dotdot = 0;

	for (uint64_t k = 0; k < count; k++) {
		uint32_t z = bmap(dir, &ip, k / per);
		if (!z)
			continue;
		struct mfs_dirent d;
		memcpy(&d, block(z) + (k % per) * MFS_DIRENT_SIZE, sizeof d);
		if (d.d_ino != 0)
			check_entry(dir, (uint32_t)k, &d, &dot, &dotdot);
	}
	if (dot != 1)
		problem("inode %u: directory has %d \".\" entries (1 expected)", dir, dot);
	if (dotdot != 1)
		problem("inode %u: directory has %d \"..\" entries (1 expected)", dir, dotdot);
}

static void
walk_tree(void)
{
	struct mfs_inode root = inode(MFS_ROOT_INO);

	if (file_type(&root) != MFS_S_IFDIR || root.i_mode == 0) {
		problem("inode %u: the root is not a directory (mode 0%o)", MFS_ROOT_INO,
			root.i_mode);
		return;
	}
	queue = xcalloc((size_t)sb.s_ninodes + 1, sizeof *queue);
	reached[MFS_ROOT_INO] = 1;
	parent[MFS_ROOT_INO] = MFS_ROOT_INO;
	queue[queue_len++] = MFS_ROOT_INO;
	for (uint32_t i = 0; i < queue_len; i++)
		walk_dir(queue[i]);
}

/* ---- 4. link counts, 5. bitmaps ------------------------------------------------------- */

static void
check_links(uint32_t ino)
{
	struct mfs_inode ip = inode(ino);

	if (ip.i_nlinks != names[ino])
		problem("inode %u: link count %u, but %u directory %s it", ino, ip.i_nlinks,
			names[ino], names[ino] == 1 ? "entry names" : "entries name");
}

static void
check_inode_map(uint32_t *in_use)
{
	uint32_t end = sb.s_imap_blocks * MFS_BITS_PER_BLOCK(bs);

	if (!bit(MFS_IMAP_BLOCK, 0))
		problem("inode bitmap: bit 0 (there is no inode 0) is not set");
	for (uint32_t ino = 1; ino <= sb.s_ninodes; ino++) {
		int used = inode(ino).i_mode != 0;
		*in_use += used;
		if (used && !bit(MFS_IMAP_BLOCK, ino))
			problem("inode %u: in use, but free in the inode bitmap", ino);
		else if (!used && bit(MFS_IMAP_BLOCK, ino))
			problem("inode %u: free, but marked in use in the inode bitmap", ino);
	}
	for (uint32_t b = sb.s_ninodes + 1; b < end; b++)
		if (!bit(MFS_IMAP_BLOCK, b)) {
			problem("inode bitmap: bit %u, past the last inode, is not set", b);
			break;
		}
}

static void
check_zone_map(uint32_t *in_use)
{
	uint32_t map = MFS_IMAP_BLOCK + sb.s_imap_blocks, first = sb.s_firstdatazone;
	uint64_t end = (uint64_t)sb.s_zmap_blocks * MFS_BITS_PER_BLOCK(bs);

	if (!bit(map, 0))
		problem("zone bitmap: bit 0 is not set");
	for (uint32_t z = first; z < nzones; z++) {
		int marked = bit(map, z - first + 1);
		*in_use += owner[z] != 0;
		if (owner[z] && !marked)
			problem("zone %u: used by inode %u, but free in the zone bitmap", z, owner[z]);
		else if (!owner[z] && marked)
			problem("zone %u: marked in use in the zone bitmap, but no inode uses it", z);
	}
	for (uint64_t b = (uint64_t)sb.s_zones - first + 1; b < end; b++)
		if (!bit(map, (uint32_t)b)) {
			problem("zone bitmap: bit %llu, past the last zone, is not set",
				(unsigned long long)b);
			break;
		}
}

/* ---- the program ------------------------------------------------------------------------ */

static void
read_image(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 20, n;

	if (!f) {
		fprintf(stderr, "fsck: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	image = xcalloc(cap, 1);
	while ((n = fread(image + image_len, 1, cap - image_len, f)) > 0) {
		image_len += n;
		if (image_len == cap) {
			if (cap >= ((size_t)1 << 32)) {
				fprintf(stderr, "fsck: %s: image larger than 4 GiB\n", path);
				exit(2);
			}
			image = realloc(image, cap *= 2);
			if (!image) {
				fprintf(stderr, "fsck: out of memory\n");
				exit(2);
			}
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "fsck: %s: read error\n", path);
		exit(2);
	}
	fclose(f);
}

/* check: run every check on the image in memory; returns the number of in-use inodes and
 * zones in @inodes and @zones. */
static void
check(uint32_t *inodes, uint32_t *zones)
{
	if (!check_super())
		return;
	if (verbose)
		print_super();
	names = xcalloc((size_t)sb.s_ninodes + 1, sizeof *names);
	parent = xcalloc((size_t)sb.s_ninodes + 1, sizeof *parent);
	reached = xcalloc((size_t)sb.s_ninodes + 1, 1);
	owner = xcalloc(nzones, sizeof *owner);
	for (uint32_t ino = 1; ino <= sb.s_ninodes; ino++)
		if (inode(ino).i_mode != 0)
			check_inode(ino);
	walk_tree();
	for (uint32_t ino = 1; ino <= sb.s_ninodes; ino++)
		if (inode(ino).i_mode != 0)
			check_links(ino);
	check_inode_map(inodes);
	check_zone_map(zones);
}

int
main(int argc, char **argv)
{
	uint32_t inodes = 0, zones = 0;
	int c;

	while ((c = getopt(argc, argv, "v")) != -1) {
		if (c != 'v') {
			fprintf(stderr, "usage: fsck.mfs [-v] image.img\n");
			return 2;
		}
		verbose = 1;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: fsck.mfs [-v] image.img\n");
		return 2;
	}
	read_image(argv[optind]);
	check(&inodes, &zones);
	if (problems) {
		printf("fsck: %lu problem%s\n", problems, problems == 1 ? "" : "s");
		return 1;
	}
	printf("fsck: clean: %u inodes, %u zones used\n", inodes, zones);
	return 0;
}
