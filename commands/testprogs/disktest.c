/*
 * disktest - files on the disk and the disk's block specials (Minnow's disk tests,
 * grader/tests/disk.py).
 *
 * Usage: disktest write FILE KIB SEED    write KIB KiB of pseudo-random bytes (xorshift32
 *                                         from SEED) to FILE in 64 KiB writes
 *        disktest verify FILE KIB SEED   read FILE back in 64 KiB reads and compare every
 *                                         byte with the same sequence
 *        disktest end DEV BYTES          DEV is a block special of BYTES bytes (a multiple of
 *                                         512): reads and writes at and across its end
 * write and verify print "disktest: <verb> N bytes, crc32 XXXXXXXX" (the CRC-32 of the
 * data, as zlib computes it) or "disktest: FAILED: <what>"; with a last word "bench" they
 * also print "bench: disk_write_<KIB>k <TSC ticks>" (disk_read_...) for `make bench`
 * (tools/bench.py: guest instructions under -icount), from open to close; end prints one line per case,
 * "disktest: <case> ok" or "disktest: <case> FAILED: <what>", then "disktest: N ok, M
 * failed".  The exit status is 0 only if everything held.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../bench/bench.h"

#define CHUNK   65536
#define BIG     (256 * 1024)    /* more than one DMA command (the driver's buffer: 64 KiB) */

static unsigned char buf[CHUNK], want[CHUNK], big[BIG], saved[BIG];
static uint32_t rng, crc_table[256];
static int ok, failed, bench;
static uint64_t t0;

/* With "bench": the bench line of what (write, read) of kib KiB since t0. */
static void
bench_line(const char *what, long kib)
{
	if (bench)
		printf("bench: disk_%s_%ldk %llu\n", what, kib, (unsigned long long)(rdtsc() - t0));
}

static void
crc_init(void)
{
	uint32_t c, n, k;

	for (n = 0; n < 256; n++) {
		for (c = n, k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t
crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n-- > 0)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* The next n bytes of the xorshift32 sequence (4 bytes per step, little-endian). */
static void
fill(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 4) {
		rng ^= rng << 13;
		rng ^= rng >> 17;
		rng ^= rng << 5;
		p[i] = rng & 0xff;
		p[i + 1] = (rng >> 8) & 0xff;
		p[i + 2] = (rng >> 16) & 0xff;
		p[i + 3] = rng >> 24;
	}
}

static int
do_write(const char *path, long kib)
{
	long total = kib * 1024, done;
	uint32_t crc = 0;
	int fd = (t0 = rdtsc(), open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));

	if (fd < 0) {
		printf("disktest: FAILED: open %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (done = 0; done < total; done += CHUNK) {
		size_t n = total - done < CHUNK ? (size_t)(total - done) : CHUNK;

		fill(buf, n);
		crc = crc32_update(crc, buf, n);
		if (write(fd, buf, n) != (ssize_t)n) {
			printf("disktest: FAILED: write at %ld: %s\n", done, strerror(errno));
			return 1;
		}
	}
	if (close(fd) != 0) {
		printf("disktest: FAILED: close: %s\n", strerror(errno));
		return 1;
	}
	bench_line("write", kib);
	printf("disktest: wrote %ld bytes, crc32 %08x\n", total, crc);
	return 0;
}

static int
do_verify(const char *path, long kib)
{
	long total = kib * 1024, done;
	uint32_t crc = 0;
	ssize_t got;
	int fd = (t0 = rdtsc(), open(path, O_RDONLY));

	if (fd < 0) {
		printf("disktest: FAILED: open %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (done = 0; done < total; done += got) {
		size_t n = total - done < CHUNK ? (size_t)(total - done) : CHUNK;

		if ((got = read(fd, buf, n)) != (ssize_t)n) {
			printf("disktest: FAILED: read at %ld gave %ld: %s\n", done, (long)got,
			       got < 0 ? strerror(errno) : "short");
			return 1;
		}
		fill(want, n);
		if (memcmp(buf, want, n) != 0) {
			printf("disktest: FAILED: the data differ in the 64 KiB at %ld\n", done);
			return 1;
		}
		crc = crc32_update(crc, buf, n);
	}
	if (read(fd, buf, 1) != 0) {
		printf("disktest: FAILED: the file is longer than %ld bytes\n", total);
		return 1;
	}
	close(fd);
	bench_line("read", kib);
	printf("disktest: verified %ld bytes, crc32 %08x\n", total, crc);
	return 0;
}

static void
check(const char *name, int good, const char *what)
{
	if (good) {
		printf("disktest: %s ok\n", name);
		ok++;
	} else {
		printf("disktest: %s FAILED: %s (errno %s)\n", name, what, strerror(errno));
		failed++;
	}
}

/* size bytes at pos of fd: what read() returned. */
static ssize_t
read_at(int fd, off_t pos, size_t size)
{
	if (lseek(fd, pos, SEEK_SET) != pos)
		return -2;
	return read(fd, buf, size);
}

/* The same n bytes at pos, read 4096 at a time, as big holds: 1 yes, 0 no. */
static int
reads_back(int fd, off_t pos, ssize_t n)
{
	ssize_t done, k;

	for (done = 0; done < n; done += k) {
		k = n - done < 4096 ? n - done : 4096;
		if (read_at(fd, pos + done, (size_t)k) != k || memcmp(buf, big + done, k) != 0)
			return 0;
	}
	return 1;
}

/* A BIG read at pos (4096-aligned: straight to the driver) returns expect bytes, the same
 * as reading them 4096 at a time (big is filled with 0xa5 first, so a part the driver
 * skipped shows): 1 yes, 0 no. */
static int
big_read_matches(int fd, off_t pos, ssize_t expect)
{
	memset(big, 0xa5, BIG);
	if (lseek(fd, pos, SEEK_SET) != pos || read(fd, big, BIG) != expect)
		return 0;
	return reads_back(fd, pos, expect);
}

/* A BIG write of a pattern at pos writes the n bytes up to the end (cut there), which read
 * back 4096 at a time; then the old bytes go back: 1 yes, 0 no. */
static int
big_write_reads_back(int fd, off_t pos, ssize_t n)
{
	ssize_t i;
	int good;

	if (lseek(fd, pos, SEEK_SET) != pos || read(fd, saved, BIG) != n)
		return 0;
	for (i = 0; i < BIG; i++)
		big[i] = (unsigned char)(i ^ i >> 9 ^ 0x5a);
	good = lseek(fd, pos, SEEK_SET) == pos && write(fd, big, BIG) == n &&
	       reads_back(fd, pos, n);
	if (lseek(fd, pos, SEEK_SET) != pos || write(fd, saved, BIG) != n)
		return 0;               /* all of it: cut at the end by the driver, as above */
	return good;
}

/* A 10-byte write at pos (inside the device's last, partial block: VFS reads the block,
 * changes it and writes it back) reads back, and the old bytes go back: 1 yes, 0 no. */
static int
small_write_reads_back(int fd, off_t pos)
{
	unsigned char old[10], mine[10] = "minnow-10b", got[10];

	if (lseek(fd, pos, SEEK_SET) != pos || read(fd, old, 10) != 10)
		return 0;
	if (lseek(fd, pos, SEEK_SET) != pos || write(fd, mine, 10) != 10)
		return 0;
	if (lseek(fd, pos, SEEK_SET) != pos || read(fd, got, 10) != 10 ||
	    memcmp(got, mine, 10) != 0)
		return 0;
	return lseek(fd, pos, SEEK_SET) == pos && write(fd, old, 10) == 10;
}

/* The cases: the last sector; a read across the end through VFS's bounce buffer and one
 * of the last 4096-aligned block straight to the driver (which must cut it at the end); a
 * 256 KiB read and a 256 KiB write straight to the driver across the end (several DMA
 * commands, the last cut short), checked against the same bytes read block by block; a
 * small write in the last block; at and past the end; a write at the end. */
static int
do_end(const char *dev, long bytes)
{
	off_t end = bytes, tail = (end - 1) / 4096 * 4096;
	int fd = open(dev, O_RDWR);
	ssize_t r;

	if (fd < 0) {
		printf("disktest: FAILED: open %s: %s\n", dev, strerror(errno));
		return 1;
	}
	check("last_sector", read_at(fd, end - 512, 512) == 512, "reading the last sector");
	check("across_end", read_at(fd, end - 1024, 4096) == 1024,
	      "a read across the end is not cut at the end");
	check("last_block", read_at(fd, tail, 4096) == end - tail,
	      "the last block's read is not cut at the end");
	check("big_across_end", big_read_matches(fd, tail - 196608, end - tail + 196608),
	      "a 256 KiB read across the end is not cut there or differs from 4 KiB reads");
	check("big_write_end", big_write_reads_back(fd, tail - 196608, end - tail + 196608),
	      "a 256 KiB write across the end is not cut there or does not read back");
	check("small_write_tail", small_write_reads_back(fd, end - 100),
	      "a 10-byte write in the last block does not read back");
	check("at_end", read_at(fd, end, 4096) == 0, "a read at the end is not 0 bytes");
	check("past_end", read_at(fd, end + 1048576, 512) == 0, "a read past the end is not 0");
	errno = 0;
	r = lseek(fd, end, SEEK_SET) == end ? write(fd, buf, 4096) : -2;
	check("write_end", r == -1 && errno == ENOSPC, "a write at the end is not ENOSPC");
	close(fd);
	printf("disktest: %d ok, %d failed\n", ok, failed);
	return failed != 0;
}

int
main(int argc, char **argv)
{
	crc_init();
	if (argc == 6 && strcmp(argv[5], "bench") == 0) {
		bench = 1;
		argc--;
	}
	if (argc == 5 && strcmp(argv[1], "write") == 0) {
		rng = (uint32_t)strtoul(argv[4], NULL, 0) | 1;
		return do_write(argv[2], atol(argv[3]));
	}
	if (argc == 5 && strcmp(argv[1], "verify") == 0) {
		rng = (uint32_t)strtoul(argv[4], NULL, 0) | 1;
		return do_verify(argv[2], atol(argv[3]));
	}
	if (argc == 4 && strcmp(argv[1], "end") == 0)
		return do_end(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: disktest write|verify FILE KIB SEED [bench] | disktest end DEV BYTES\n");
	return 2;
}
