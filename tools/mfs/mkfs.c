/*
 * mkfs.c - mkfs.mfs: build an MFS (MINIX v3 layout) image from a host directory tree.
 *
 *   mkfs.mfs -o image.img -s SIZE_KB [-i INODES] [-b BLOCK_SIZE] [-t TIME] SRC_DIR
 *
 * The image holds SRC_DIR's regular files (contents and permission bits), directories,
 * symbolic links and hard links (host files with one inode share one MFS inode), owned by
 * uid 0, gid 0.  Device nodes come from the manifest SRC_DIR/.devices (the host build never
 * runs mknod), one per line, '#' starting a comment:
 *
 *   /dev/null c 1 3 0666        path, c or b, major, minor, octal permissions
 *
 * The output is deterministic: directory entries are sorted by name (bytewise), inodes and
 * zones are handed out in that order, and every time stamp is TIME (default:
 * $SOURCE_DATE_EPOCH, else 0).  The same tree gives a byte-identical image.
 *
 * The program runs in three steps: scan the host tree into memory (struct node, with the
 * manifest's devices merged in), number the inodes in depth-first order, then lay out the
 * image in memory (superblock, bitmaps, inode table, data zones; see include/minnow/mfs.h)
 * and write it out.  Every error names what went wrong and exits 1 without leaving an image.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <minnow/mfs.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mkfs.mfs writes the structures of minnow/mfs.h as they are: it needs a little-endian host"
#endif

/** One file of the tree being copied. */
struct node {
	char name[MFS_NAME_FIELD];	/* name in its parent directory ("" for the root) */
	char *host;			/* host path (NULL for a device from the manifest) */
	char *path;			/* path inside the image, for messages */
	uint16_t mode;			/* MFS type and permission bits */
	uint32_t rdev;			/* device number (devices only) */
	uint64_t size;			/* bytes of data (regular files and symlinks) */
	dev_t hdev;			/* host identity, to find hard links */
	ino_t hino;
	nlink_t hlinks;			/* host link count */
	uint32_t ino;			/* MFS inode number */
	struct node *link_of;		/* the first node of this host inode (hard links) */
	struct node *parent;
	struct node **kids;		/* directory entries, sorted by name */
	int nkids;
};

static const char *out_path;
static uint8_t *image;		/* the whole image, built in memory */
static uint32_t bs = MFS_BLOCK_SIZE;
static uint32_t nblocks;	/* blocks in the image */
static uint32_t ninodes;	/* inodes of the file system */
static uint32_t next_ino = MFS_ROOT_INO;
static uint32_t next_zone;	/* next free data zone */
static int32_t stamp;		/* every time stamp */
static struct mfs_super sb;

/* die: print "mkfs.mfs: <message>", remove a half-written image and exit 1. */
static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkfs.mfs: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (out_path)
		unlink(out_path);
	exit(1);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

static char *
join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = xcalloc(la + lb + 2, 1);

	memcpy(s, a, la);
	if (la == 0 || a[la - 1] != '/')
		s[la++] = '/';
	memcpy(s + la, b, lb);
	return s;
}

/* ---- step 1: the host tree -------------------------------------------------------------- */

static void
set_name(struct node *n, const char *name)
{
	if (strlen(name) > MFS_NAME_MAX)
		die("%s: name is %zu bytes long, longer than the %d an MFS name may have",
			n->path, strlen(name), MFS_NAME_MAX);
	strncpy(n->name, name, sizeof n->name);
}

static int
cmp_kids(const void *a, const void *b)
{
	return strcmp((*(struct node *const *)a)->name, (*(struct node *const *)b)->name);
}

static void
add_kid(struct node *dir, struct node *kid)
{
	dir->kids = realloc(dir->kids, (size_t)(dir->nkids + 1) * sizeof *dir->kids);
	if (!dir->kids)
		die("out of memory");
	dir->kids[dir->nkids++] = kid;
	kid->parent = dir;
}

/* max_file_size: the largest file the inode's zones can map, within the signed 32-bit size. */
static uint64_t
max_file_size(void)
{
	uint64_t per = MFS_INDIRECTS(bs);
	uint64_t max = (MFS_NR_DZONES + per + per * per) * bs;

	return max > INT32_MAX ? INT32_MAX : max;
}

static struct node *scan(const char *host, const char *path, const char *name, int top);

/* scan_dir: add the entries of host directory @dir (node @n) and sort them. */
static void
scan_dir(struct node *n, int top)
{
	DIR *d = opendir(n->host);
	struct dirent *e;

	if (!d)
		die("%s: %s", n->host, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (top && !strcmp(e->d_name, ".devices"))
			continue;
		char *host = join(n->host, e->d_name);
		char *path = join(n->path, e->d_name);
		add_kid(n, scan(host, path, e->d_name, 0));
	}
	closedir(d);
	qsort(n->kids, (size_t)n->nkids, sizeof *n->kids, cmp_kids);
}

/* scan: make the node of host file @host (image path @path) and, for a directory, its
 * subtree.  Refuses file types MFS cannot hold from the host. */
static struct node *
scan(const char *host, const char *path, const char *name, int top)
{
	struct node *n = xcalloc(1, sizeof *n);
	struct stat st;

	n->host = (char *)host;
	n->path = (char *)path;
	set_name(n, name);
	if (lstat(host, &st) < 0)
		die("%s: %s", host, strerror(errno));
	n->hdev = st.st_dev;
	n->hino = st.st_ino;
	n->hlinks = st.st_nlink;
	n->size = (uint64_t)st.st_size;
	if (S_ISREG(st.st_mode))
		n->mode = MFS_S_IFREG | (st.st_mode & MFS_S_PERM);
	else if (S_ISDIR(st.st_mode))
		n->mode = MFS_S_IFDIR | (st.st_mode & MFS_S_PERM);
	else if (S_ISLNK(st.st_mode))
		n->mode = MFS_S_IFLNK | 0777;
	else
		die("%s: unsupported file type (only regular files, directories and symbolic "
			"links are copied; list devices in .devices)", host);
	if (S_ISLNK(st.st_mode) && (n->size == 0 || n->size >= bs))
		die("%s: symbolic link target of %llu bytes (1 to %u allowed)", host,
			(unsigned long long)n->size, bs - 1);
	if (n->size > max_file_size())
		die("%s: %llu bytes is larger than the largest MFS file (%llu bytes)", host,
			(unsigned long long)n->size, (unsigned long long)max_file_size());
	if (S_ISDIR(st.st_mode))
		scan_dir(n, top);
	return n;
}

static struct node *
find_kid(struct node *dir, const char *name)
{
	for (int i = 0; i < dir->nkids; i++)
		if (!strcmp(dir->kids[i]->name, name))
			return dir->kids[i];
	return NULL;
}

/* walk_to_parent: the directory node that will hold manifest path @path (its last component
 * returned in @last), or die naming manifest line @line. */
static struct node *
walk_to_parent(struct node *root, char *path, char **last, int line)
{
	struct node *dir = root;
	char *save = NULL, *part = strtok_r(path, "/", &save), *next;

	if (!part)
		die(".devices line %d: empty path", line);
	while ((next = strtok_r(NULL, "/", &save)) != NULL) {
		dir = find_kid(dir, part);
		if (!dir || (dir->mode & MFS_S_IFMT) != MFS_S_IFDIR)
			die(".devices line %d: %s is not a directory of the tree", line, part);
		part = next;
	}
	*last = part;
	return dir;
}

/* add_device: add manifest line @line ("path c|b major minor mode") to the tree. */
static void
add_device(struct node *root, char *text, int line)
{
	char path[4096], type[8], extra[2];
	unsigned major, minor, perm;
	char *last;

	if (sscanf(text, "%4095s %7s %u %u %o %1s", path, type, &major, &minor, &perm,
			extra) != 5 || (strcmp(type, "c") && strcmp(type, "b")))
		die(".devices line %d: expected \"path c|b major minor mode\"", line);
	if (major > 255 || minor > 255 || perm > MFS_S_PERM)
		die(".devices line %d: major and minor must be 0..255, mode at most 07777", line);
	struct node *dir = walk_to_parent(root, path, &last, line);
	struct node *n = xcalloc(1, sizeof *n);
	n->path = join(dir->path, last);
	set_name(n, last);
	if (find_kid(dir, last))
		die(".devices line %d: %s already exists", line, n->path);
	n->mode = (type[0] == 'c' ? MFS_S_IFCHR : MFS_S_IFBLK) | perm;
	n->rdev = MFS_MKDEV(major, minor);
	add_kid(dir, n);
	qsort(dir->kids, (size_t)dir->nkids, sizeof *dir->kids, cmp_kids);
}

/* read_manifest: add every device listed in SRC_DIR/.devices (if there is one). */
static void
read_manifest(struct node *root)
{
	char *name = join(root->host, ".devices");
	FILE *f = fopen(name, "r");
	char buf[4096];
	int line = 0;

	if (!f) {
		if (errno != ENOENT)
			die("%s: %s", name, strerror(errno));
		return;
	}
	while (fgets(buf, sizeof buf, f)) {
		line++;
		char *hash = strchr(buf, '#'), *p = buf;
		if (hash)
			*hash = '\0';
		p += strspn(p, " \t\r\n");
		if (*p)
			add_device(root, p, line);
	}
	fclose(f);
}

/* ---- step 2: inode numbers ---------------------------------------------------------------- */

/* number: give @n and its subtree inode numbers in depth-first, sorted order; a second
 * host name of a hard-linked file shares the first one's inode. */
static void
number(struct node *n, struct node **seen, size_t *nseen)
{
	if ((n->mode & MFS_S_IFMT) == MFS_S_IFREG && n->hlinks > 1) {
		for (size_t i = 0; i < *nseen; i++)
			if (seen[i]->hdev == n->hdev && seen[i]->hino == n->hino) {
				n->link_of = seen[i];
				n->ino = seen[i]->ino;
				return;
			}
		seen[(*nseen)++] = n;
	}
	if (next_ino == 0)
		die("too many files");
	n->ino = next_ino++;
	for (int i = 0; i < n->nkids; i++)
		number(n->kids[i], seen, nseen);
}

static size_t
count_nodes(const struct node *n)
{
	size_t c = 1;

	for (int i = 0; i < n->nkids; i++)
		c += count_nodes(n->kids[i]);
	return c;
}

/* ---- step 3: the image ---------------------------------------------------------------- */

static uint32_t
div_up(uint64_t a, uint64_t b)
{
	return (uint32_t)((a + b - 1) / b);
}

static void
set_bit(uint32_t first_block, uint32_t bit)
{
	image[(size_t)first_block * bs + bit / 8] |= (uint8_t)(1u << (bit % 8));
}

/* geometry: fill the superblock for @nblocks blocks and (at least) @want inodes. */
static void
geometry(uint32_t want)
{
	uint32_t ipb = MFS_INODES_PER_BLOCK(bs), bpb = MFS_BITS_PER_BLOCK(bs);
	uint32_t itable = div_up(want, ipb), zmap = 1, first;

	ninodes = itable * ipb;		/* fill the last inode-table block, as MINIX does */
	sb.s_imap_blocks = (uint16_t)div_up((uint64_t)ninodes + 1, bpb);
	for (;; zmap++) {		/* the zone bitmap must cover the zones after itself */
		first = MFS_IMAP_BLOCK + sb.s_imap_blocks + zmap + itable;
		if (first >= nblocks || div_up((uint64_t)nblocks - first + 1, bpb) <= zmap)
			break;
	}
	if ((uint64_t)first + 1 > nblocks || first > UINT16_MAX)
		die("%u inodes do not fit in an image of %u blocks of %u bytes (use fewer with -i "
			"or a larger -s)", ninodes, nblocks, bs);
	sb.s_ninodes = ninodes;
	sb.s_zmap_blocks = (uint16_t)zmap;
	sb.s_firstdatazone = (uint16_t)first;
	sb.s_flags = MFS_FLAG_CLEAN;
	sb.s_max_size = (int32_t)max_file_size();
	sb.s_zones = nblocks;
	sb.s_magic = MFS_MAGIC;
	sb.s_block_size = (uint16_t)bs;
	next_zone = first;
}

/* alloc_zone: a fresh zeroed data zone for @n, or die naming the file that did not fit. */
static uint32_t
alloc_zone(const struct node *n)
{
	if (next_zone >= nblocks)
		die("%s: no space left on the image (%u blocks of %u bytes are full; use a larger -s)",
			n->path[0] ? n->path : "/", nblocks, bs);
	return next_zone++;
}

static uint32_t *
zone_slots(uint32_t zone)
{
	return (uint32_t *)(image + (size_t)zone * bs);
}

/* map_block: allocate data zone number @idx of the file of @n (inode @ip), with the indirect
 * zones that lead to it, and return where its bytes go. */
static uint8_t *
map_block(struct node *n, struct mfs_inode *ip, uint32_t idx)
{
	uint32_t per = MFS_INDIRECTS(bs), *slot;

	if (idx < MFS_NR_DZONES) {
		slot = &ip->i_zone[idx];
	} else if ((idx -= MFS_NR_DZONES) < per) {
		if (!ip->i_zone[MFS_ZONE_IND])
			ip->i_zone[MFS_ZONE_IND] = alloc_zone(n);
		slot = &zone_slots(ip->i_zone[MFS_ZONE_IND])[idx];
	} else {
		idx -= per;
		if (!ip->i_zone[MFS_ZONE_DIND])
			ip->i_zone[MFS_ZONE_DIND] = alloc_zone(n);
		uint32_t *outer = &zone_slots(ip->i_zone[MFS_ZONE_DIND])[idx / per];
		if (!*outer)
			*outer = alloc_zone(n);
		slot = &zone_slots(*outer)[idx % per];
	}
	*slot = alloc_zone(n);
	return image + (size_t)*slot * bs;
}

static struct mfs_inode *
inode_at(uint32_t ino)
{
	size_t itable = MFS_IMAP_BLOCK + sb.s_imap_blocks + sb.s_zmap_blocks;

	return (struct mfs_inode *)(image + itable * bs + (size_t)(ino - 1) * MFS_INODE_SIZE);
}

static void
fill_dirent(uint8_t *buf, uint32_t k, uint32_t ino, const char *name)
{
	struct mfs_dirent *d = (struct mfs_dirent *)(buf + (size_t)k * MFS_DIRENT_SIZE);

	d->d_ino = ino;
	strncpy(d->d_name, name, sizeof d->d_name);
}

/* write_dir: write the entries of directory @n (".", "..", then its sorted entries). */
static void
write_dir(struct node *n, struct mfs_inode *ip)
{
	size_t bytes = (size_t)(n->nkids + 2) * MFS_DIRENT_SIZE;
	uint8_t *buf = xcalloc(bytes + bs, 1);

	if (bytes > (size_t)sb.s_max_size)
		die("%s: too many entries for one directory", n->path);
	fill_dirent(buf, 0, n->ino, ".");
	fill_dirent(buf, 1, n->parent ? n->parent->ino : n->ino, "..");
	for (int i = 0; i < n->nkids; i++)
		fill_dirent(buf, (uint32_t)i + 2, n->kids[i]->ino, n->kids[i]->name);
	for (uint32_t idx = 0; (size_t)idx * bs < bytes; idx++)
		memcpy(map_block(n, ip, idx), buf + (size_t)idx * bs, bs);
	ip->i_size = (int32_t)bytes;
	free(buf);
}

/* write_data: copy the contents of regular file or symlink @n into fresh zones. */
static void
write_data(struct node *n, struct mfs_inode *ip)
{
	if ((n->mode & MFS_S_IFMT) == MFS_S_IFLNK) {
		char target[MFS_MAX_BLOCK_SIZE];
		ssize_t len = readlink(n->host, target, sizeof target);
		if (len < 0 || (uint64_t)len != n->size)
			die("%s: cannot read the link (or it changed)", n->host);
		memcpy(map_block(n, ip, 0), target, (size_t)len);
		ip->i_size = (int32_t)len;
		return;
	}
	int fd = open(n->host, O_RDONLY);
	if (fd < 0)
		die("%s: %s", n->host, strerror(errno));
	uint64_t done = 0;
	for (uint32_t idx = 0; done < n->size; idx++) {
		uint8_t *blk = map_block(n, ip, idx);
		size_t want = n->size - done < bs ? (size_t)(n->size - done) : bs;
		ssize_t got = read(fd, blk, want);
		if (got != (ssize_t)want)
			die("%s: short read (did the file change?)", n->host);
		done += want;
	}
	close(fd);
	ip->i_size = (int32_t)n->size;
}

static int
count_subdirs(const struct node *n)
{
	int c = 0;

	for (int i = 0; i < n->nkids; i++)
		c += (n->kids[i]->mode & MFS_S_IFMT) == MFS_S_IFDIR;
	return c;
}

/* write_tree: fill the inode of @n and its data, then do the same for its subtree. */
static void
write_tree(struct node *n)
{
	struct mfs_inode *ip = inode_at(n->ino);

	if (n->link_of) {
		ip->i_nlinks++;
		return;
	}
	ip->i_mode = n->mode;
	ip->i_atime = ip->i_mtime = ip->i_ctime = stamp;
	switch (n->mode & MFS_S_IFMT) {
	case MFS_S_IFDIR:
		ip->i_nlinks = (uint16_t)(2 + count_subdirs(n));
		write_dir(n, ip);
		break;
	case MFS_S_IFCHR:
	case MFS_S_IFBLK:
		ip->i_nlinks = 1;
		ip->i_zone[0] = n->rdev;
		break;
	default:
		ip->i_nlinks = 1;
		write_data(n, ip);
	}
	set_bit(MFS_IMAP_BLOCK, n->ino);
	for (int i = 0; i < n->nkids; i++)
		write_tree(n->kids[i]);
}

/* finish_bitmaps: mark bit 0 of both bitmaps, the used zones, and every bit past the end. */
static void
finish_bitmaps(void)
{
	uint32_t bpb = MFS_BITS_PER_BLOCK(bs), zmap = MFS_IMAP_BLOCK + sb.s_imap_blocks;
	uint32_t zbits = nblocks - sb.s_firstdatazone + 1;

	set_bit(MFS_IMAP_BLOCK, 0);
	for (uint32_t b = ninodes + 1; b < sb.s_imap_blocks * bpb; b++)
		set_bit(MFS_IMAP_BLOCK, b);
	for (uint32_t z = sb.s_firstdatazone; z < next_zone; z++)
		set_bit(zmap, z - sb.s_firstdatazone + 1);
	set_bit(zmap, 0);
	for (uint32_t b = zbits; b < sb.s_zmap_blocks * bpb; b++)
		set_bit(zmap, b);
	memcpy(image + MFS_SUPER_OFFSET, &sb, sizeof sb);
}

static void
write_image(size_t bytes)
{
	int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("%s: %s", out_path, strerror(errno));
	for (size_t done = 0; done < bytes;) {
		ssize_t w = write(fd, image + done, bytes - done);
		if (w <= 0)
			die("%s: %s", out_path, strerror(errno));
		done += (size_t)w;
	}
	if (close(fd) < 0)
		die("%s: %s", out_path, strerror(errno));
}

static void
usage(void)
{
	fprintf(stderr, "usage: mkfs.mfs -o image.img -s SIZE_KB [-i INODES] [-b 1024|2048|4096] "
		"[-t TIME] SRC_DIR\n");
	exit(2);
}

static unsigned long
number_arg(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end || v > UINT32_MAX)
		die("bad %s: %s", what, s);
	return v;
}

int
main(int argc, char **argv)
{
	unsigned long size_kb = 0, want_inodes = 0;
	const char *env = getenv("SOURCE_DATE_EPOCH"), *out = NULL;
	int c;

	stamp = env ? (int32_t)number_arg(env, "SOURCE_DATE_EPOCH") : 0;
	while ((c = getopt(argc, argv, "o:s:i:b:t:")) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 's': size_kb = number_arg(optarg, "size"); break;
		case 'i': want_inodes = number_arg(optarg, "inode count"); break;
		case 'b': bs = (uint32_t)number_arg(optarg, "block size"); break;
		case 't': stamp = (int32_t)number_arg(optarg, "time"); break;
		default: usage();
		}
	}
	if (!out || !size_kb || optind != argc - 1)
		usage();
	out_path = out;		/* from here on, a failure removes the output */
	if (bs != 1024 && bs != 2048 && bs != 4096)
		die("block size %u: only 1024, 2048 and 4096 are supported", bs);
	nblocks = (uint32_t)(size_kb * 1024 / bs);
	if (size_kb > 1024 * 1024 || nblocks < 8)
		die("image size %lu KiB: must be %u to %u KiB", size_kb, 8 * bs / 1024, 1024 * 1024);

	struct node *root = scan(argv[optind], "", "", 1);
	if ((root->mode & MFS_S_IFMT) != MFS_S_IFDIR)
		die("%s: not a directory", argv[optind]);
	read_manifest(root);
	size_t total = count_nodes(root);
	struct node **seen = xcalloc(total, sizeof *seen);
	size_t nseen = 0;
	number(root, seen, &nseen);
	uint32_t used = next_ino - 1;
	if (!want_inodes)
		want_inodes = nblocks * (bs / 1024) / 4 > used ? nblocks * (bs / 1024) / 4 : used;
	if (want_inodes < used)
		die("too many files: the tree needs %u inodes but -i allows %lu", used, want_inodes);

	if (want_inodes > (uint64_t)nblocks * MFS_INODES_PER_BLOCK(bs))
		die("too many inodes: %lu do not fit in an image of %u blocks", want_inodes, nblocks);
	image = xcalloc(nblocks, bs);
	geometry((uint32_t)want_inodes);
	write_tree(root);
	finish_bitmaps();
	write_image((size_t)nblocks * bs);
	return 0;
}
