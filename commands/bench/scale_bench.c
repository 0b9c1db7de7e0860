/*
 * scale_bench.c - the scaling table of `make bench` (tools/bench.py): how the cost of an
 * operation grows with the work it is given, in guest instructions (rdtsc under QEMU's
 * -icount shift=0; handouts/profiling.md, "The scaling table").
 *
 * Run from the shell of the whole system:  /test/scale_bench [fork|read|procs]
 * (all three parts without an argument; one part for the profiler, tools/profile.py --cmd)
 * Each figure is one line "bench: scale_<name>_<n> <instructions>":
 *   scale_fork_<n>m       fork()+_exit()+wait() of a parent with n MiB of heap touched (1,
 *                         16, 64), the cheapest of ROUNDS; measured in a child of its own,
 *                         so the heap goes back to VM before the next size
 *   scale_read_<n>k       read()ing a file of n KiB (1024, 4096, 16384) in /tmp (the root MFS,
 *                         on the memory driver's /dev/imgrd), written and sync()ed first, in
 *                         64 KiB calls: one pass, from open to close
 *   scale_getpid_<n>p     getpid() with n more processes alive (0, 100, and as many as fork
 *                         allows up to 1,000: NR_PROCS is 256), the cheapest of ROUNDS
 *   scale_forkp_<n>p      fork()+_exit()+wait() with those n processes alive
 * plus "bench: scale_alive_max <n>", how many fork made before it failed; the last step
 * measures with SPARE of them killed again (fork needs a free slot).  The extra processes
 * are children that pause() until SIGKILL.  Exit status 1 if a step could not run (it says
 * which on standard output).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"

#define ROUNDS 8
#define MIB (1024 * 1024)
#define CHUNK (64 * 1024)
#define MAX_ALIVE 1000
#define SPARE 4        /* slots freed again at the most, for the measured forks */
#define FILE_PATH "/tmp/scale_bench.dat"

static char chunk[CHUNK];
static pid_t alive[MAX_ALIVE];
static int failures;

static void
report(const char *name, int n, const char *unit, uint64_t count)
{
	printf("bench: scale_%s_%d%s %llu\n", name, n, unit, (unsigned long long)count);
	fflush(stdout);
}

/* The cheapest of ROUNDS fork()+_exit(0)+wait(). */
static uint64_t
best_fork(void)
{
	uint64_t best = ~0ull, t0, t;
	int i, status;
	pid_t pid;

	for (i = 0; i < ROUNDS; i++) {
		t0 = rdtsc();
		if ((pid = fork()) == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			printf("scale_bench: fork failed\n");
			failures++;
			return 0;
		}
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	return best;
}

/* In a child: touch mib MiB of heap, then report best_fork(). */
static void
fork_touched(int mib)
{
	int status;
	char *p;

	if (fork() == 0) {
		if ((p = malloc((size_t)mib * MIB)) == NULL) {
			printf("scale_bench: no %d MiB of heap\n", mib);
			_exit(1);
		}
		memset(p, 1, (size_t)mib * MIB);
		report("fork", mib, "m", best_fork());
		_exit(0);
	}
	if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		failures++;
}

/* Write kib KiB to FILE_PATH and sync; 0 or -1. */
static int
write_file(int kib)
{
	int fd, i, ok = 1;

	if ((fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	for (i = 0; ok && i < kib / (CHUNK / 1024); i++)
		ok = write(fd, chunk, CHUNK) == CHUNK;
	close(fd);
	sync();
	return ok ? 0 : -1;
}

/* Time reading a kib KiB file from open to close. */
static void
read_file(int kib)
{
	uint64_t t0, t;
	long total = 0;
	ssize_t n;
	int fd;

	if (write_file(kib) != 0) {
		printf("scale_bench: cannot write %d KiB to %s\n", kib, FILE_PATH);
		failures++;
		unlink(FILE_PATH);
		return;
	}
	t0 = rdtsc();
	if ((fd = open(FILE_PATH, O_RDONLY)) >= 0) {
		while ((n = read(fd, chunk, CHUNK)) > 0)
			total += n;
		close(fd);
	}
	t = rdtsc() - t0;
	unlink(FILE_PATH);
	if (total != (long)kib * 1024) {
		printf("scale_bench: read %ld of %d KiB\n", total, kib);
		failures++;
		return;
	}
	report("read", kib, "k", t);
}

/* Fork children that pause() until there are n (or fork fails); how many there are. */
static int
grow_alive(int have, int n)
{
	pid_t pid;

	while (have < n) {
		if ((pid = fork()) == 0) {
			for (;;)
				pause();
		}
		if (pid < 0)
			break;
		alive[have++] = pid;
	}
	return have;
}

/* getpid and fork costs with n processes alive besides the system's. */
static void
with_alive(int n)
{
	uint64_t best = ~0ull, t0, t;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		t0 = rdtsc();
		(void)getpid();
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	report("getpid", n, "p", best);
	report("forkp", n, "p", best_fork());
}

/* Kill and reap the paused children alive[from] to alive[to - 1]. */
static void
kill_alive_from(int from, int to)
{
	int i, status;

	for (i = from; i < to; i++)
		kill(alive[i], SIGKILL);
	for (i = from; i < to; i++)
		(void)waitpid(alive[i], &status, 0);
}

/* The processes-alive part: 0, 100 and as many as fork allows. */
static void
procs_part(void)
{
	int have;

	with_alive(0);
	have = grow_alive(0, 100);
	with_alive(have);
	have = grow_alive(have, MAX_ALIVE);
	printf("bench: scale_alive_max %d\n", have);
	kill_alive_from(have - SPARE, have);	/* slots for the forks measured */
	have -= SPARE;
	with_alive(have);
	kill_alive_from(0, have);
}

int
main(int argc, char **argv)
{
	static const int mibs[] = { 1, 16, 64 }, kibs[] = { 1024, 4096, 16384 };
	const char *part = argc > 1 ? argv[1] : "";
	int i;

	if (*part && strcmp(part, "fork") && strcmp(part, "read") && strcmp(part, "procs")) {
		printf("usage: scale_bench [fork|read|procs]\n");
		return 2;
	}
	for (i = 0; i < 3 && (!*part || !strcmp(part, "fork")); i++)
		fork_touched(mibs[i]);
	memset(chunk, 'x', sizeof(chunk));
	for (i = 0; i < 3 && (!*part || !strcmp(part, "read")); i++)
		read_file(kibs[i]);
	if (!*part || !strcmp(part, "procs"))
		procs_part();
	return failures ? 1 : 0;
}
