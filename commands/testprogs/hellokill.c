/*
 * hellokill.c - /test/hellokill KILLS [bench]: kill the hello driver KILLS times under a
 * reading loop (grader/tests/recovery.py; handouts/rs.md, "Crash recovery").
 *
 * A child reads /dev/hello in a loop (open, read, close), reopening when the open or the
 * read fails with EIO or ENXIO (the driver died under it), and checks that every line it
 * reads is exactly "Hello, world! (called N times)" with N > 0; it stops when the parent
 * creates STOP_FILE and prints "hellokill: reader: R reads ok, B bad, E EIO, X ENXIO".
 * The parent (root) finds hello in RS's table (RS_GETSYSINFO), then KILLS times sends it
 * SIGKILL and waits (3 s at most) until the table shows it running again with one more
 * restart, checking each time that the endpoint and pid are the ones it had before the
 * first kill (RS restarts it from a replica under its own endpoint).  It ends with
 * "hellokill: N kills, endpoint E and pid P kept" or "hellokill: FAILED: <what>", and the
 * exit status says which.
 * With "bench" (make bench: tools/bench.py), no reader: each of KILLS rounds measures, in
 * TSC ticks (guest instructions under -icount), from the kill to the next read of
 * /dev/hello that returns a good line, and the cheapest is printed as
 * "bench: crash_recovery N".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>
#include <minnow/sysinfo.h>
#include "../bench/bench.h"

#define DEV             "/dev/hello"
#define STOP_FILE       "/tmp/hellokill.stop"
#define WAIT_TRIES      300     /* 10 ms apart: a restart may take 3 s at most (hello is
				   started with -b: no back-off; a restart takes ~50 ms) */

/* Is line exactly "Hello, world! (called N times)\n" with N > 0? */
static int
good_line(const char *line)
{
	static const char head[] = "Hello, world! (called ", tail[] = " times)\n";
	const char *p = line + strlen(head);
	unsigned long n = 0;

	if (strncmp(line, head, strlen(head)) != 0 || *p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	return n > 0 && strcmp(p, tail) == 0;
}

/* One open, read, close: 1 (a good line), 0 (a bad one, printed), or -errno. */
static int
read_once(void)
{
	char buf[80];
	ssize_t n;
	int fd, e;

	if ((fd = open(DEV, O_RDONLY)) < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	buf[n] = '\0';
	if (good_line(buf))
		return 1;
	printf("hellokill: reader: bad line \"%s\" (%d bytes)\n", buf, (int)n);
	return 0;
}

/* The reading loop (the child); its exit status is 0 if every line was good. */
static int
reader(void)
{
	unsigned ok = 0, bad = 0, eio = 0, enxio = 0, other = 0;
	int r;

	while (access(STOP_FILE, F_OK) != 0) {
		r = read_once();
		if (r == 1)
			ok++;
		else if (r == 0)
			bad++;
		else if (r == -EIO)
			eio++;
		else if (r == -ENXIO)
			enxio++;
		else if (other++ < 5)
			printf("hellokill: reader: unexpected error %d\n", r);
	}
	printf("hellokill: reader: %u reads ok, %u bad, %u EIO, %u ENXIO\n", ok, bad, eio,
	       enxio);
	return bad == 0 && other == 0 && ok > 0 ? 0 : 1;
}

/* hello's row in RS's table: 0, or -1. */
static int
hello_row(struct rs_svcinfo *row)
{
	static struct rs_svcinfo rows[64];
	unsigned total;
	int n, i;

	if ((n = getsysinfo_rs(rows, sizeof(rows), &total)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].label, "hello") == 0) {
			*row = rows[i];
			return 0;
		}
	return -1;
}

/* Wait until hello runs with more than `restarts` restarts: 0, or -1 (it never did). */
static int
wait_restarted(unsigned restarts, struct rs_svcinfo *row)
{
	int i;

	for (i = 0; i < WAIT_TRIES; i++) {
		if (hello_row(row) == 0 && row->restarts > restarts && (row->flags & RSI_ACTIVE))
			return 0;
		usleep(10000);
	}
	return -1;
}

/* Kill hello kills times, each time waiting for it to run again under the same
 * endpoint and pid: 0, or -1 (why printed). */
static int
kill_loop(int kills, int bench)
{
	struct rs_svcinfo before, row;
	uint64_t t0, best = 0;
	int i;

	if (hello_row(&before) != 0 || !(before.flags & RSI_ACTIVE)) {
		printf("hellokill: FAILED: hello is not running\n");
		return -1;
	}
	for (i = 0; i < kills; i++) {
		unsigned restarts = (unsigned)before.restarts + (unsigned)i;

		t0 = rdtsc();
		if (kill(before.pid, SIGKILL) != 0) {
			printf("hellokill: FAILED: kill %d: %s\n", (int)before.pid, strerror(errno));
			return -1;
		}
		while (bench && read_once() != 1)
			;
		if (bench && (best == 0 || rdtsc() - t0 < best))
			best = rdtsc() - t0;
		if (wait_restarted(restarts, &row) != 0) {
			printf("hellokill: FAILED: hello not running again 3 s after kill %d\n",
			       i + 1);
			return -1;
		}
		if (row.endpoint != before.endpoint || row.pid != before.pid) {
			printf("hellokill: FAILED: kill %d: endpoint %d pid %d became %d pid %d\n",
			       i + 1, before.endpoint, (int)before.pid, row.endpoint, (int)row.pid);
			return -1;
		}
		usleep(20000);		/* let the reader read from this instance */
	}
	if (bench)
		printf("bench: crash_recovery %llu\n", (unsigned long long)best);
	printf("hellokill: %d kills, endpoint %d and pid %d kept\n", kills, before.endpoint,
	       (int)before.pid);
	return 0;
}

int
main(int argc, char **argv)
{
	int kills, bench, status = 0, r, fd;
	pid_t child = -1;

	if (argc < 2 || argc > 3 || (kills = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: hellokill KILLS [bench]\n");
		return 2;
	}
	bench = argc == 3 && strcmp(argv[2], "bench") == 0;
	unlink(STOP_FILE);
	if (!bench && (child = fork()) == 0)
		return reader();
	r = kill_loop(kills, bench);
	if ((fd = open(STOP_FILE, O_WRONLY | O_CREAT, 0644)) >= 0)
		close(fd);
	if (child > 0 && (waitpid(child, &status, 0) != child || status != 0)) {
		printf("hellokill: FAILED: the reader saw bad lines or errors\n");
		r = -1;
	}
	unlink(STOP_FILE);
	if (read_once() != 1) {
		printf("hellokill: FAILED: /dev/hello does not answer after the kills\n");
		r = -1;
	}
	return r == 0 ? 0 : 1;
}
