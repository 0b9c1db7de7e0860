/*
 * drvtest - drivers that die and come back (grader/tests/driverup.py; handouts/vfs.md,
 * "Driver restarts", and handouts/drivers.md, "Restarting a block driver").  Run as root:
 * it kills drivers with kill -9, which PM hands to RS.
 *
 * Usage: drvtest hello
 *        drvtest disk FILE KILLS
 *        drvtest blk DEV KILLS
 *
 * hello: opens /dev/hello and reads its line, kills hello (its pid from RS_LOOKUP), waits
 * until a new open of /dev/hello reads "called 1 times" (the restarted instance), then
 * checks the descriptor opened before: read and ioctl are EIO, select reports it ready at
 * once (not a hang) and the read after it is EIO again, close is 0.  Each check prints
 * "drvtest: <case> ok" or "drvtest: <case> FAILED: <what>"; the last line is
 * "drvtest: N ok, M failed" and the exit status is 0 only if every case held.
 *
 * disk: a child writes FILE (4 MiB of a xorshift32 stream seeded by the round number, in
 * 16 KiB writes), syncs, reads it back and compares every byte, round after round; the
 * parent meanwhile kills at_wini KILLS times, each kill 2.5 s after the previous one (so
 * every instance lives longer than RS's 2 s and is restarted at once), then tells the child
 * to stop (the file /tmp/drvtest.stop) after the round it is in.  The child prints
 * "drvtest: round R ok" or "drvtest: round R FAILED: ..." per round, the parent
 * "drvtest: kill K: pid P" per kill; at the end the child prints "drvtest: writer: R
 * rounds, F failed" and the parent "drvtest: disk: K kills, writer status S"; the exit
 * status is 0 only if every round verified and every kill was delivered.
 *
 * blk: the same with the block special DEV itself, its first 256 KiB written and read back
 * through VFS (no file server: VFS opens the device again on the new instance).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>

#define TESTPROG_NAME "drvtest"
#include "testprog.h"

#define DEV             "/dev/hello"
#define STOP            "/tmp/drvtest.stop"
#define FILE_BYTES      (4u << 20)
#define BLK_BYTES       (256u << 10)    /* blk: the part of the device used */
#define CHUNK           16384u
#define KILL_GAP_US     2500000u        /* longer than RS's 2 s: no back-off */

/* Open /dev/hello and read its line into buf: the descriptor, or -1. */
static int
open_read(char *buf, size_t len)
{
	int fd = open(DEV, O_RDONLY), n;

	memset(buf, 0, len);
	if (fd < 0)
		return -1;
	if ((n = (int)read(fd, buf, len - 1)) <= 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Wait (up to 20 s) until a fresh open reads the line of a restarted hello. */
static int
wait_restarted(void)
{
	char buf[80];
	int i, fd;

	for (i = 0; i < 200; i++) {
		if ((fd = open_read(buf, sizeof(buf))) >= 0) {
			close(fd);
			if (strstr(buf, "(called 1 times)") != NULL)
				return 0;
		}
		usleep(100000);
	}
	return -1;
}

static int
hello_case(void)
{
	char buf[80];
	struct timeval tv = { 5, 0 };
	fd_set rd;
	int fd, pid, r, winsz[2];

	fd = open_read(buf, sizeof(buf));
	check("before", fd >= 0 && strncmp(buf, "Hello, world!", 13) == 0, buf);
	pid = service_pid("hello");
	check("kill", pid > 0 && kill(pid, SIGKILL) == 0, "kill -9 of hello's pid");
	check("new_open", wait_restarted() == 0, "no \"called 1 times\" from a new open in 20 s");
	lseek(fd, 0, SEEK_SET);
	errno = 0;
	r = (int)read(fd, buf, sizeof(buf));
	check("stale_read", r == -1 && errno == EIO, "read on the old descriptor");
	errno = 0;
	r = ioctl(fd, TIOCGWINSZ, winsz);
	check("stale_ioctl", r == -1 && errno == EIO, "ioctl on the old descriptor");
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	r = select(fd + 1, &rd, NULL, NULL, &tv);
	check("stale_select", r == 1 && FD_ISSET(fd, &rd), "select on the old descriptor");
	errno = 0;
	r = (int)read(fd, buf, sizeof(buf));
	check("stale_again", r == -1 && errno == EIO, "read after select");
	check("stale_close", close(fd) == 0, "close of the old descriptor");
	fd = open_read(buf, sizeof(buf));
	check("after", fd >= 0 && strstr(buf, "(called ") != NULL, buf);
	if (fd >= 0)
		close(fd);
	printf("drvtest: %d ok, %d failed\n", ok, failed);
	return failed == 0 ? 0 : 1;
}

/* Fill p with n bytes of round's stream from *x. */
static void
fill(uint32_t *x, uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 4) {
		*x ^= *x << 13;
		*x ^= *x >> 17;
		*x ^= *x << 5;
		memcpy(p + i, x, 4);
	}
}

/* All of n bytes at p to or from fd (short counts and EINTR go on): 0, or -1. */
static int
full_io(int fd, uint8_t *p, size_t n, int writing)
{
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = writing ? write(fd, p + done, n - done) : read(fd, p + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

/* Write file (bytes; a device: not created or truncated) with round's stream, sync, read
 * it back: 0, or -1 (why printed). */
static int
one_round(const char *file, int round, unsigned bytes, int device)
{
	static uint8_t want[CHUNK], got[CHUNK];
	uint32_t x = (uint32_t)round * 2654435761u | 1;
	unsigned off;
	int fd;

	if ((fd = open(file, device ? O_WRONLY : O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return printf("drvtest: round %d FAILED: create: %s\n", round, strerror(errno)), -1;
	for (off = 0; off < bytes; off += CHUNK) {
		fill(&x, want, CHUNK);
		if (full_io(fd, want, CHUNK, 1) != 0)
			return printf("drvtest: round %d FAILED: write at %u: %s\n", round, off,
				      strerror(errno)), close(fd), -1;
	}
	close(fd);
	sync();
	x = (uint32_t)round * 2654435761u | 1;
	if ((fd = open(file, O_RDONLY)) < 0)
		return printf("drvtest: round %d FAILED: open: %s\n", round, strerror(errno)), -1;
	for (off = 0; off < bytes; off += CHUNK) {
		fill(&x, want, CHUNK);
		if (full_io(fd, got, CHUNK, 0) != 0 || memcmp(want, got, CHUNK) != 0)
			return printf("drvtest: round %d FAILED: bytes at %u differ or unreadable\n",
				      round, off), close(fd), -1;
	}
	close(fd);
	printf("drvtest: round %d ok\n", round);
	return 0;
}

/* The writer: rounds until STOP exists; the exit status is the failed rounds. */
static int
writer(const char *file, unsigned bytes, int device)
{
	int round, bad = 0;

	for (round = 1; ; round++) {
		bad += one_round(file, round, bytes, device) != 0;
		if (access(STOP, F_OK) == 0)
			break;
	}
	printf("drvtest: writer: %d rounds, %d failed\n", round, bad);
	return bad > 125 ? 125 : bad;
}

static int
disk_case(const char *file, int kills, unsigned bytes, int device)
{
	int i, pid, killed = 0, status = 0;
	pid_t child;

	unlink(STOP);
	if ((child = fork()) < 0)
		return printf("drvtest: fork: %s\n", strerror(errno)), 1;
	if (child == 0)
		exit(writer(file, bytes, device));
	usleep(500000);
	for (i = 1; i <= kills; i++) {
		if ((pid = service_pid("at_wini")) > 0 && kill(pid, SIGKILL) == 0)
			killed++;
		printf("drvtest: kill %d: pid %d\n", i, pid);
		usleep(KILL_GAP_US);
	}
	close(open(STOP, O_WRONLY | O_CREAT, 0644));
	waitpid(child, &status, 0);
	printf("drvtest: disk: %d kills, writer status %d\n", killed, status);
	unlink(STOP);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 && killed == kills ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "hello") == 0)
		return hello_case();
	if (argc == 4 && strcmp(argv[1], "disk") == 0 && atoi(argv[3]) > 0)
		return disk_case(argv[2], atoi(argv[3]), FILE_BYTES, 0);
	if (argc == 4 && strcmp(argv[1], "blk") == 0 && atoi(argv[3]) > 0)
		return disk_case(argv[2], atoi(argv[3]), BLK_BYTES, 1);
	fprintf(stderr, "usage: drvtest hello | drvtest disk FILE KILLS | drvtest blk DEV KILLS\n");
	return 2;
}
