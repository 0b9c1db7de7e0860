/*
 * faultload.c - /test/faultload hello|disk [SEED]: the workload a driver fault-injection
 * campaign runs against (grader/tests/fuzz_faults.py; handouts/hardening.md, "Driver fault
 * injection").  It loops until STOP_FILE exists, counting what each round gave.
 *
 *   hello  open, read, close /dev/hello: a good round read exactly "Hello, world! (called
 *          N times)" with N > 0
 *   disk   odd rounds: write FILE_KIB KiB of pseudo-random bytes (xorshift32 from SEED
 *          and the round) to one of four files in /home/faultload, sync (so the blocks go
 *          through the disk driver: MFS's cache would otherwise answer alone), read it
 *          back and compare; even rounds: the same bytes written straight to a random
 *          place of the raw partition RAW (/dev/c0d0p1, which no file system uses: block
 *          specials have no cache) and read back
 *
 * A round is "ok", "bad" (the driver answered with wrong data: a line that is not hello's,
 * bytes that differ from what was written) or "error" (a call failed with an errno: the
 * clean error a dead driver's users get, EIO or ENXIO most often).  At the end it prints
 * "faultload: KIND: R rounds, O ok, B bad, E errors (EIO x, ENXIO y, other z)" and exits
 * with status 0 if at least one round was ok after the stop file appeared: the device
 * works again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define STOP_FILE       "/tmp/faultload.stop"
#define HELLO           "/dev/hello"
#define DIR             "/home/faultload"
#define RAW             "/dev/c0d0p1"
#define RAW_BYTES       (500 * 1024)    /* its size (tools/mfs: the disk's layout) */
#define FILE_KIB        16
#define FILE_BYTES      (FILE_KIB * 1024)
#define FINAL_TRIES     50      /* rounds that may fail after the stop before "dead" */

static unsigned rounds, ok, bad, eio, enxio, other;
static unsigned char data[FILE_BYTES], back[FILE_BYTES];

/* Is line exactly "Hello, world! (called N times)\n" with N > 0? */
static int
good_hello(const char *line)
{
	static const char head[] = "Hello, world! (called ", tail[] = " times)\n";
	const char *p = line + strlen(head);

	if (strncmp(line, head, strlen(head)) != 0 || *p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return strcmp(p, tail) == 0;
}

/* One hello round: 1 (ok), 0 (bad), or -errno. */
static int
hello_round(void)
{
	char buf[80];
	ssize_t n;
	int fd, e;

	if ((fd = open(HELLO, O_RDONLY)) < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	buf[n] = '\0';
	return good_hello(buf);
}

/* Write all of buf to path and close it: 0 or -errno. */
static int
write_file(const char *path, const unsigned char *buf, size_t len)
{
	ssize_t n;
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -errno;
	n = write(fd, buf, len);
	e = errno;
	if (close(fd) < 0 && n == (ssize_t)len)
		return -errno;
	return n == (ssize_t)len ? 0 : n < 0 ? -e : -EIO;
}

/* Fill data with the bytes of this round. */
static void
fill(uint32_t seed)
{
	uint32_t x = seed * 2654435761u + rounds + 1;
	size_t i;

	for (i = 0; i < FILE_BYTES; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		data[i] = (unsigned char)x;
	}
}

/* Read FILE_BYTES at off of path into back and compare: 1, 0, or -errno. */
static int
read_back(const char *path, off_t off)
{
	ssize_t n;
	int fd, e;

	if ((fd = open(path, O_RDONLY)) < 0)
		return -errno;
	n = lseek(fd, off, SEEK_SET) == off ? read(fd, back, FILE_BYTES) : -1;
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	return n == FILE_BYTES && memcmp(data, back, FILE_BYTES) == 0;
}

/* One disk round: 1 (ok), 0 (bad), or -errno. */
static int
disk_round(uint32_t seed)
{
	char path[64];
	off_t off = (off_t)(data[0] % (RAW_BYTES / FILE_BYTES)) * FILE_BYTES;
	ssize_t n;
	int fd, r, e;

	fill(seed);
	if (rounds % 2 == 0) {
		if ((fd = open(RAW, O_WRONLY)) < 0)
			return -errno;
		n = lseek(fd, off, SEEK_SET) == off ? write(fd, data, FILE_BYTES) : -1;
		e = errno;
		close(fd);
		if (n != FILE_BYTES)
			return n < 0 ? -e : -EIO;
		return read_back(RAW, off);
	}
	snprintf(path, sizeof(path), "%s/f%u", DIR, rounds % 4);
	if ((r = write_file(path, data, FILE_BYTES)) < 0)
		return r;
	sync();
	return read_back(path, 0);
}

static int
round_of(int disk, uint32_t seed)
{
	int r = disk ? disk_round(seed) : hello_round();

	rounds++;
	if (r == 1)
		ok++;
	else if (r == 0)
		bad++;
	else if (r == -EIO)
		eio++;
	else if (r == -ENXIO)
		enxio++;
	else if (other++ < 5)
		printf("faultload: round %u: error %d (%s)\n", rounds, -r, strerror(-r));
	return r;
}

int
main(int argc, char **argv)
{
	uint32_t seed = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 1;
	int disk, tries;

	if (argc < 2 || argc > 3 || (strcmp(argv[1], "hello") != 0 &&
				     strcmp(argv[1], "disk") != 0)) {
		fprintf(stderr, "usage: faultload hello|disk [SEED]\n");
		return 2;
	}
	disk = strcmp(argv[1], "disk") == 0;
	if (disk && mkdir(DIR, 0755) < 0 && errno != EEXIST) {
		printf("faultload: mkdir %s: %s\n", DIR, strerror(errno));
		return 1;
	}
	while (access(STOP_FILE, F_OK) != 0)
		round_of(disk, seed);
	for (tries = 0; tries < FINAL_TRIES && round_of(disk, seed) != 1; tries++)
		sleep(1);
	printf("faultload: %s: %u rounds, %u ok, %u bad, %u errors (EIO %u, ENXIO %u, "
	       "other %u)\n", argv[1], rounds, ok, bad, eio + enxio + other, eio, enxio, other);
	return tries < FINAL_TRIES ? 0 : 1;
}
