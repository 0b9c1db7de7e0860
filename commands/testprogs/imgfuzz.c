/*
 * imgfuzz.c - /test/imgfuzz SEED COUNT [FIRST] [DEV] [DIR] [LABEL]: the file-system image
 * fuzzer (handouts/hardening.md, "Image fuzzer"; grader/tests/fuzz_image.py).  Run by root.
 *
 * The base is /test/fuzzimg.mfs, a small valid MFS image the build makes (tools/mfs/
 * Makefile.inc).  Image number i (from FIRST, default 0) is the base corrupted by mutation
 * kind i % NKINDS with a generator seeded by SEED and i alone, so `imgfuzz SEED 1 I` replays
 * image I; image 0 is the base unchanged (the control: it must mount, list and read without
 * an error and unmount).  Each image is written to DEV (default /dev/c0d0p1, the disk's
 * spare partition), mounted on DIR (default /tmp/imgfuzz.mnt) with the file server LABEL
 * (default mfs_fuzz, a third MFS the grader starts with `service up`), listed recursively
 * (lstat of every entry, every regular file read, every symbolic link read), written to (a
 * new file, a new directory, both removed again) and unmounted.  The walk is bounded
 * (depth, entries, bytes per file) so that a directory loop cannot make the tool itself run
 * forever.  A file server that refuses to unmount (references of its own) is stopped and
 * started again (`service down`, `service up`), so that the campaign goes on; it is counted
 * (umount_failed).
 *
 * The corruptions: superblock fields (counts, bitmap sizes, first data zone, block size,
 * magic) and bit flips in it; inode and zone bitmaps cleared, filled or flipped; inodes'
 * sizes, zone pointers out of range or into the metadata, modes, link counts; the root
 * inode; directory entries naming inode 0, a free inode, an inode past the end, or holding
 * a name with no NUL; directory loops (an entry naming an ancestor, a ".." naming a child);
 * an indirect zone of garbage; a metadata block of random bytes; random bit flips; and
 * combinations.
 *
 * One line per image, "imgfuzz I KIND: refused EINVAL" or "imgfuzz I KIND: mounted, E
 * entries, F files, B bytes, X errors, write Y, umount OK", with ", mfs_fuzz restarted N"
 * when RS restarted the file server meanwhile.  The summary the grader reads:
 *   DONE imgfuzz seed=S images=N refused=A einval=.. eio=.. other_refusal=.. mounted=M
 *   entries=.. files=.. walk_errors=.. write_errors=.. umount_failed=.. mfs_restarts=..
 *   failed=F
 * failed counts what the tool could not do (read the base, write the device) and a control
 * that did not mount, list and unmount cleanly.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <minnow/mfs.h>
#include <minnow/sysinfo.h>
#include "fuzz.h"

#define MAX_IMAGE       (480 * 1024)
#define MAX_DEPTH       8
#define MAX_ENTRIES     600     /* per image */
#define MAX_FILE_BYTES  (128 * 1024)
#define WATCHDOG        10      /* seconds for one image's walk and writes */

static unsigned char base[MAX_IMAGE], img[MAX_IMAGE];
static size_t img_size;
static uint32_t bs, itable, ninodes, firstdata, nzones;
static const char *dev = "/dev/c0d0p1", *dir = "/tmp/imgfuzz.mnt", *label = "mfs_fuzz";

static struct {
	int images, refused, einval, eio, other_refusal, mounted, entries, files, walk_errors;
	int write_errors, umount_failed, walker_died, mfs_restarts, failed;
} n;

/* This image's walk (in the child). */
static int entries, files, errors;
static long bytes;

static struct mfs_super *
super(void)
{
	return (struct mfs_super *)(img + MFS_SUPER_OFFSET);
}

static struct mfs_inode *
inode(uint32_t ino)
{
	return (struct mfs_inode *)(img + itable * bs + (ino - 1) * MFS_INODE_SIZE);
}

/* A random inode of the base in use (of type type, or any if 0), 0 if none. */
static uint32_t
some_inode(uint16_t type)
{
	uint32_t tries, ino;

	for (tries = 0; tries < 200; tries++) {
		ino = 1 + below(ninodes);
		if (inode(ino)->i_mode != 0 &&
		    (type == 0 || (inode(ino)->i_mode & MFS_S_IFMT) == type))
			return ino;
	}
	return 0;
}

/* A random entry of a random directory of the base (not "." or ".." unless dots), or NULL. */
static struct mfs_dirent *
some_dirent(int dots)
{
	uint32_t d = some_inode(MFS_S_IFDIR), z, slots, tries;
	struct mfs_dirent *de;

	if (d == 0 || (z = inode(d)->i_zone[0]) == 0 || z >= nzones)
		return NULL;
	slots = (uint32_t)inode(d)->i_size / MFS_DIRENT_SIZE;
	for (tries = 0; tries < 50; tries++) {
		de = (struct mfs_dirent *)(img + z * bs) + below(slots < bs / 64 ? slots : bs / 64);
		if (de->d_ino != 0 && (dots || (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))))
			return de;
	}
	return NULL;
}

static uint32_t
bad_zone(void)
{
	static const uint32_t fixed[] = { 0xffffffffu, 1, 2, 0x7fffffffu };

	switch (below(5)) {
	case 0: return fixed[below(4)];
	case 1: return nzones + below(100);
	case 2: return below(firstdata);		/* the superblock, bitmaps, inodes */
	case 3: return firstdata + below(nzones - firstdata);	/* someone else's */
	default: return itable;
	}
}

/* ---- the corruptions ------------------------------------------------------------------- */

static void
c_super(void)
{
	struct mfs_super *sb = super();
	uint32_t v = below(2) ? rnd() : below(4) == 0 ? 0 : 0xffffffffu;

	switch (below(10)) {
	case 0: sb->s_ninodes = v; break;
	case 1: sb->s_imap_blocks = (uint16_t)v; break;
	case 2: sb->s_zmap_blocks = (uint16_t)v; break;
	case 3: sb->s_firstdatazone = (uint16_t)(below(2) ? v : sb->s_firstdatazone + 1u); break;
	case 4: sb->s_log_zone_size = (uint16_t)(1 + below(4)); break;
	case 5: sb->s_zones = below(2) ? v : sb->s_zones * (2 + below(1000)); break;
	case 6: sb->s_magic = (uint16_t)(below(2) ? 0x137f : v); break;
	case 7: sb->s_block_size = (uint16_t)(below(2) ? 1024u << below(3) : v); break;
	case 8: sb->s_max_size = (int32_t)v; break;
	default: sb->s_ninodes = sb->s_ninodes * (1 + below(4096)); break;
	}
}

static void
c_super_bits(void)
{
	int i, k = 1 + (int)below(6);

	for (i = 0; i < k; i++)
		img[MFS_SUPER_OFFSET + below(sizeof(struct mfs_super))] ^= (unsigned char)(1 << below(8));
}

static void
c_bitmap(uint32_t block)
{
	unsigned char *map = img + block * bs;
	uint32_t i, k;

	switch (below(3)) {
	case 0: memset(map, 0, bs); break;		/* everything free */
	case 1: memset(map, 0xff, bs); break;		/* everything in use */
	default:
		for (i = 0, k = 1 + below(16); i < k; i++)
			map[below(16)] ^= (unsigned char)(1 << below(8));
	}
}

static void
c_imap(void)
{
	c_bitmap(MFS_IMAP_BLOCK);
}

static void
c_zmap(void)
{
	c_bitmap(MFS_IMAP_BLOCK + super()->s_imap_blocks);
}

static void
c_size(void)
{
	static const int32_t v[] = { -1, 0x7fffffff, 0, 1, (int32_t)0x80000000, 64 * 1024 * 1024 };
	uint32_t ino = some_inode(0);

	if (ino)
		inode(ino)->i_size = below(2) ? v[below(6)] : (int32_t)rnd();
}

static void
c_zone(void)
{
	uint32_t ino = some_inode(0);

	if (ino)
		inode(ino)->i_zone[below(MFS_NR_ZONES)] = bad_zone();
}

static void
c_mode(void)
{
	static const uint16_t types[] = { MFS_S_IFREG, MFS_S_IFDIR, MFS_S_IFCHR, MFS_S_IFBLK,
					  MFS_S_IFLNK, MFS_S_IFIFO, 0, 0170000, 0030000 };
	uint32_t ino = some_inode(0);

	if (ino == 0)
		return;
	if (below(2))
		inode(ino)->i_mode = (uint16_t)(types[below(9)] | (inode(ino)->i_mode & 07777));
	else
		inode(ino)->i_mode = (uint16_t)rnd();
}

static void
c_links(void)
{
	uint32_t ino = some_inode(0);

	if (ino)
		inode(ino)->i_nlinks = (uint16_t)(below(2) ? 0 : below(2) ? 0xffff : rnd());
}

static void
c_root(void)
{
	struct mfs_inode *root = inode(MFS_ROOT_INO);

	switch (below(4)) {
	case 0: root->i_mode = (uint16_t)(MFS_S_IFREG | 0755); break;
	case 1: root->i_size = below(2) ? 0 : 65; break;
	case 2: root->i_zone[0] = below(2) ? 0 : bad_zone(); break;
	default: root->i_mode = 0; break;
	}
}

static void
c_dirent_ino(void)
{
	struct mfs_dirent *de = some_dirent(below(4) == 0);
	uint32_t free_ino = ninodes;

	while (free_ino > 1 && inode(free_ino)->i_mode != 0 && free_ino > ninodes / 2)
		free_ino--;
	if (de == NULL)
		return;
	switch (below(4)) {
	case 0: de->d_ino = below(2) ? 0xffffffffu : ninodes + 1 + below(1000); break;
	case 1: de->d_ino = free_ino; break;			/* a free inode */
	case 2: de->d_ino = 0; break;
	default: de->d_ino = rnd(); break;
	}
}

static void
c_dirent_name(void)
{
	struct mfs_dirent *de = some_dirent(below(4) == 0);

	if (de == NULL)
		return;
	switch (below(4)) {
	case 0: memset(de->d_name, 'x', MFS_NAME_FIELD); break;	/* no NUL */
	case 1: de->d_name[0] = '\0'; break;			/* empty name */
	case 2: memcpy(de->d_name, "a/b", 4); break;
	default: memcpy(de->d_name, below(2) ? "." : "..", 3); break;
	}
}

static void
c_loop(void)
{
	struct mfs_dirent *de = some_dirent(1);
	uint32_t d = some_inode(MFS_S_IFDIR);

	if (de == NULL || d == 0)
		return;
	de->d_ino = below(2) ? MFS_ROOT_INO : d;	/* names an ancestor, itself or a cousin */
}

static void
c_indirect(void)
{
	uint32_t ino = some_inode(MFS_S_IFREG), z, i;

	if (ino == 0)
		return;
	z = inode(ino)->i_zone[MFS_ZONE_IND];
	if (z == 0 || z >= nzones || below(3) == 0) {
		inode(ino)->i_zone[below(2) ? MFS_ZONE_IND : MFS_ZONE_DIND] = bad_zone();
		return;
	}
	for (i = 0; i < 1 + below(8); i++)
		((uint32_t *)(img + z * bs))[below(bs / 4)] = bad_zone();
}

static void
c_garbage(void)
{
	uint32_t block = below(2) ? below(firstdata) : firstdata + below(nzones - firstdata), i;

	for (i = 0; i < bs; i++)
		img[block * bs + i] = (unsigned char)rnd();
}

static void
c_bitflips(void)
{
	int i, k = 1 + (int)below(32);

	for (i = 0; i < k; i++)
		img[below(firstdata * bs)] ^= (unsigned char)(1 << below(8));
}

struct kind {
	const char *name;
	void (*fn)(void);
};

static void c_combo(void);

static const struct kind kinds[] = {
	{ "super", c_super }, { "super-bits", c_super_bits }, { "imap", c_imap },
	{ "zmap", c_zmap }, { "size", c_size }, { "zone", c_zone }, { "mode", c_mode },
	{ "links", c_links }, { "root", c_root }, { "dirent-ino", c_dirent_ino },
	{ "dirent-name", c_dirent_name }, { "loop", c_loop }, { "indirect", c_indirect },
	{ "garbage", c_garbage }, { "bitflips", c_bitflips }, { "combo", c_combo },
};
#define NKINDS ((int)(sizeof(kinds) / sizeof(kinds[0])))

static void
c_combo(void)
{
	int i, k = 2 + (int)below(3);
	const struct kind *c;

	for (i = 0; i < k; i++) {
		c = &kinds[below(NKINDS - 1)];
		c->fn();
		combo_add(i, c->name);
	}
	combo_end();
}

/* ---- mounting, walking, writing ------------------------------------------------------- */

static void
read_file(const char *path)
{
	static char buf[4096];
	long got = 0;
	ssize_t r = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		errors++;
		return;
	}
	while (got < MAX_FILE_BYTES && (r = read(fd, buf, sizeof(buf))) > 0)
		got += r;
	errors += r < 0;
	bytes += got;
	files++;
	close(fd);
}

static void
walk(const char *path, int depth)
{
	char sub[512], link[256];
	struct dirent *d;
	struct stat st;
	DIR *dp = opendir(path);

	if (dp == NULL) {
		errors++;
		return;
	}
	while (entries < MAX_ENTRIES && (d = readdir(dp)) != NULL) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		entries++;
		snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
		if (lstat(sub, &st) != 0)
			errors++;
		else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
			walk(sub, depth + 1);
		else if (S_ISREG(st.st_mode))
			read_file(sub);
		else if (S_ISLNK(st.st_mode) && readlink(sub, link, sizeof(link)) < 0)
			errors++;
	}
	closedir(dp);
}

/* Create, write, remove: the bitmaps at work.  The number of calls that failed. */
static int
write_some(void)
{
	char path[300], buf[8192];
	int fd, bad = 0;

	memset(buf, 'w', sizeof(buf));
	snprintf(path, sizeof(path), "%s/imgfuzz.new", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		bad++;
	else {
		bad += write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf);
		bad += close(fd) != 0;
		bad += unlink(path) != 0;
	}
	snprintf(path, sizeof(path), "%s/imgfuzz.dir", dir);
	if (mkdir(path, 0755) != 0)
		bad++;
	else
		bad += rmdir(path) != 0;
	return bad;
}

/* RS's restart count of label, or -1. */
static int
restarts(void)
{
	static struct rs_svcinfo tab[64];
	unsigned total;
	int i, rows = getsysinfo_rs(tab, sizeof(tab), &total);

	for (i = 0; i < rows; i++)
		if (strcmp(tab[i].label, label) == 0)
			return (int)tab[i].restarts;
	return -1;
}

static int
write_image(void)
{
	int fd = open(dev, O_WRONLY);
	ssize_t w;

	if (fd < 0)
		return -1;
	w = write(fd, img, img_size);
	return close(fd) == 0 && w == (ssize_t)img_size ? 0 : -1;
}

static void
count_refusal(int e)
{
	n.refused++;
	if (e == EINVAL)
		n.einval++;
	else if (e == EIO)
		n.eio++;
	else
		n.other_refusal++;
	printf("refused %s", strerror(e));
}

/* The walk and the writes, in a child (a walk the corrupt data derails must not take the
 * tool with it): its figures through a pipe.  OK, or -1 with the child's wait status in
 * *status (killed by the watchdog: SIGKILL). */
static int
walk_in_child(int fig[5], int *status)
{
	int fds[2], got = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds) != 0 || (pid = fork()) < 0)
		return *status = 0, -1;
	if (pid == 0) {
		close(fds[0]);
		walk(dir, 0);
		fig[0] = entries, fig[1] = files, fig[2] = (int)bytes, fig[3] = errors;
		fig[4] = write_some();
		write(fds[1], fig, 5 * sizeof(int));
		_exit(0);
	}
	close(fds[1]);
	woke = 0;
	alarm(WATCHDOG);
	while (!woke && got < (int)(5 * sizeof(int)) &&
	       (r = read(fds[0], (char *)fig + got, 5 * sizeof(int) - got)) > 0)
		got += (int)r;
	close(fds[0]);
	if (woke || got < (int)(5 * sizeof(int)))
		kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	alarm(0);
	return got == (int)(5 * sizeof(int)) ? OK : -1;
}

/* The file server will not unmount (it counts references VFS does not hold: its own leak):
 * stop it, so that VFS's unmount finds it gone and lets the mount go, and start a fresh
 * one, so that the next image has a file server again. */
static void
restart_server(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "service down %s", label);
	system(cmd);
	sleep(1);
	printf(", %s after a restart of %s", umount(dir) == 0 ? "unmounted" : "still mounted",
	       label);
	snprintf(cmd, sizeof(cmd), "service up /service/mfs -label %s >/dev/null", label);
	system(cmd);
}

/* Mount, walk, write, unmount; 1 if everything went cleanly. */
static int
try_image(void)
{
	int fig[5] = { 0 }, st = 0, tries, clean;

	if (mount(dev, dir, label, 0) != 0) {
		count_refusal(errno);
		return 0;
	}
	n.mounted++;
	if ((clean = walk_in_child(fig, &st) == OK)) {
		n.entries += fig[0], n.files += fig[1], n.walk_errors += fig[3];
		n.write_errors += fig[4];
		printf("mounted, %d entries, %d files, %d bytes, %d errors, write %d, ", fig[0],
		       fig[1], fig[2], fig[3], fig[4]);
	} else {
		n.walker_died++;
		printf("mounted, the walker died (%s %d), ", WIFSIGNALED(st) ? "signal" : "status",
		       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	}
	for (tries = 0; umount(dir) != 0; tries++) {
		if (tries == 3) {
			printf("umount FAILED: %s", strerror(errno));
			n.umount_failed++;
			restart_server();
			return 0;
		}
		sleep(1);
	}
	printf("umount OK");
	return clean && fig[3] == 0 && fig[4] == 0;
}

static void
one_image(uint32_t seed, int i)
{
	const struct kind *k = i == 0 ? NULL : &kinds[(i - 1) % NKINDS];
	int before = restarts(), after, clean;

	fuzz_seed(seed, i);
	memcpy(img, base, img_size);
	combo_names[0] = '\0';
	if (k != NULL)
		k->fn();
	printf("imgfuzz %d %s%s: ", i, k ? k->name : "control", combo_names);
	fflush(stdout);
	if (write_image() != 0) {
		printf("FAILED: writing %s: %s\n", dev, strerror(errno));
		n.failed++;
		return;
	}
	n.images++;
	clean = try_image();
	after = restarts();
	if (after > before) {
		printf(", %s restarted %d", label, after - before);
		n.mfs_restarts += after - before;
	}
	printf("\n");
	if (k == NULL && (!clean || after != before)) {
		printf("imgfuzz: FAILED: the control (the base unchanged) did not mount, list and "
		       "unmount cleanly\n");
		n.failed++;
	}
}

static int
load_base(const char *path)
{
	long got = read_base(path, base, sizeof(base));

	if (got < 8 * 4096)
		return -1;
	img_size = (size_t)got;
	memcpy(img, base, img_size);
	bs = super()->s_block_size;
	ninodes = super()->s_ninodes;
	firstdata = super()->s_firstdatazone;
	nzones = super()->s_zones;
	itable = MFS_IMAP_BLOCK + super()->s_imap_blocks + super()->s_zmap_blocks;
	return bs == 4096 && nzones * bs <= img_size && ninodes * 64 <= bs ? 0 : -1;
}

int
main(int argc, char **argv)
{
	uint32_t seed;
	int count, first, i;

	if (argc < 3) {
		fprintf(stderr, "usage: imgfuzz SEED COUNT [FIRST] [DEV] [DIR] [LABEL]\n");
		return 2;
	}
	seed = (uint32_t)strtoul(argv[1], NULL, 0);
	count = atoi(argv[2]);
	first = argc > 3 ? atoi(argv[3]) : 0;
	dev = argc > 4 ? argv[4] : dev;
	dir = argc > 5 ? argv[5] : dir;
	label = argc > 6 ? argv[6] : label;
	if (load_base("/test/fuzzimg.mfs") != 0) {
		printf("imgfuzz: cannot use the base image /test/fuzzimg.mfs\n");
		return 1;
	}
	watchdog_init();
	mkdir(dir, 0755);
	printf("imgfuzz: seed %u, images %d..%d on %s, mounted on %s by %s\n", seed, first,
	       first + count - 1, dev, dir, label);
	for (i = first; i < first + count; i++)
		one_image(seed, i);
	printf("DONE imgfuzz seed=%u images=%d refused=%d einval=%d eio=%d other_refusal=%d "
	       "mounted=%d entries=%d files=%d walk_errors=%d write_errors=%d umount_failed=%d "
	       "walker_died=%d mfs_restarts=%d failed=%d\n", seed, n.images, n.refused, n.einval,
	       n.eio, n.other_refusal, n.mounted, n.entries, n.files, n.walk_errors,
	       n.write_errors, n.umount_failed, n.walker_died, n.mfs_restarts, n.failed);
	return n.failed ? 1 : 0;
}
