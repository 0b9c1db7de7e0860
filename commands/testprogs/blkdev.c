/*
 * blkdev - a block special file through VFS (Minnow's shell tests): /dev/imgrd, the root
 * image the memory driver serves in 4096-byte blocks.
 *
 * Usage: blkdev
 * Each case prints "blkdev: <case> ok" or "blkdev: <case> FAILED: <what>"; the last line is
 * "blkdev: N ok, M failed" and the exit status is 0 only if every case held.  The cases:
 *   magic      the MFS superblock's magic (byte 1024 + 24) reads 0x4d5a, as "magic 0x4d5a"
 *   unaligned  the first 16 blocks read in 1000-byte pieces (most of them unaligned, some
 *              across a block boundary) equal one aligned read of them
 *   size       reading the whole device in 1000-byte pieces gives "size N" bytes
 *   end        a read at the end returns 0, a write there fails with ENOSPC
 *   seek_end   lseek(SEEK_END) is EINVAL (VFS does not know the size), SEEK_CUR works
 *   write      100 bytes across the boundary of the last two blocks and one whole block are
 *              written, read back, and the old contents put back
 *   enxio      /dev/ram (no such minor in the driver) is ENXIO
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <minnow/mfs.h>

#define DEV     "/dev/imgrd"
#define BLOCK   4096

static int ok, failed;
static unsigned char two[2 * BLOCK], buf[2 * BLOCK], save[BLOCK], big[16 * BLOCK];

static void
check(const char *name, int good, const char *what)
{
	if (good) {
		printf("blkdev: %s ok\n", name);
		ok++;
	} else {
		printf("blkdev: %s FAILED: %s (errno %s)\n", name, what, strerror(errno));
		failed++;
	}
}

/* n bytes at pos into b: 1 if all came. */
static int
read_at(int fd, off_t pos, void *b, size_t n)
{
	return lseek(fd, pos, SEEK_SET) == pos && read(fd, b, n) == (ssize_t)n;
}

static int
write_at(int fd, off_t pos, const void *b, size_t n)
{
	return lseek(fd, pos, SEEK_SET) == pos && write(fd, b, n) == (ssize_t)n;
}

/* Read the first sizeof(big) bytes again in 1000-byte pieces: 1 if they match big. */
static int
pieces_match(int fd)
{
	size_t at, n;

	for (at = 0; at < sizeof(big); at += n) {
		n = sizeof(big) - at < 1000 ? sizeof(big) - at : 1000;
		if (!read_at(fd, at, buf, n) || memcmp(buf, big + at, n) != 0)
			return 0;
	}
	return 1;
}

static void
test_reads(int fd)
{
	uint16_t magic = 0;
	struct stat st;

	check("stat", fstat(fd, &st) == 0 && S_ISBLK(st.st_mode), "not a block special");
	if (read_at(fd, MFS_SUPER_OFFSET + offsetof(struct mfs_super, s_magic), &magic, 2))
		printf("magic 0x%04x\n", magic);
	check("magic", magic == MFS_MAGIC, "wrong magic");
	check("unaligned", read_at(fd, 0, big, sizeof(big)) && pieces_match(fd),
	      "the bytes differ");
}

/* The device's size, read in odd pieces (then the position is at the end). */
static long
test_size(int fd)
{
	long total = 0;
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, 1000)) > 0)
		total += n;
	printf("size %ld\n", total);
	check("size", n == 0 && total > 0 && total % BLOCK == 0, "read failed or odd size");
	check("end", read(fd, buf, 10) == 0 && lseek(fd, total, SEEK_SET) == total &&
	      write(fd, "x", 1) == -1 && errno == ENOSPC, "no 0 / ENOSPC at the end");
	check("seek_end", lseek(fd, 0, SEEK_END) == -1 && errno == EINVAL &&
	      lseek(fd, 0, SEEK_SET) == 0 && lseek(fd, 10, SEEK_CUR) == 10,
	      "lseek misbehaves");
	return total;
}

/* Write a pattern across the last block boundary and one whole block, then restore. */
static void
test_write(int fd, long size)
{
	off_t at = size - BLOCK - 50, last = size - BLOCK;
	int good;

	memset(buf, 0xa5, 100);
	good = read_at(fd, last - BLOCK, two, sizeof(two)) && write_at(fd, at, buf, 100) &&
	       read_at(fd, last - BLOCK, buf, sizeof(buf)) &&
	       memcmp(buf, two, BLOCK - 50) == 0 && buf[BLOCK - 50] == 0xa5 &&
	       buf[BLOCK + 49] == 0xa5 && memcmp(buf + BLOCK + 50, two + BLOCK + 50, BLOCK - 50) == 0;
	memcpy(save, two + BLOCK, BLOCK);
	memset(buf, 0x5a, BLOCK);
	good = good && write_at(fd, last, buf, BLOCK) && read_at(fd, last - 1, buf, 2) &&
	       buf[0] == 0xa5 && buf[1] == 0x5a;
	good = write_at(fd, last - BLOCK, two, sizeof(two)) && good &&
	       read_at(fd, last, buf, BLOCK) && memcmp(buf, save, BLOCK) == 0;
	check("write", good, "data read back differs");
}

int
main(void)
{
	int fd = open(DEV, O_RDWR);
	long size;

	if (fd < 0) {
		printf("blkdev: %s: %s\n", DEV, strerror(errno));
		return 1;
	}
	test_reads(fd);
	size = test_size(fd);
	if (size > 2 * BLOCK)
		test_write(fd, size);
	close(fd);
	check("enxio", open("/dev/ram", O_RDONLY) == -1 && errno == ENXIO, "not ENXIO");
	printf("blkdev: %d ok, %d failed\n", ok, failed);
	return failed == 0 ? 0 : 1;
}
