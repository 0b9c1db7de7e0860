/*
 * pipe_bench.c - the pipe benchmark of `make bench` (tools/bench.py), run from the shell.
 *
 * A parent and a forked child pass one byte back and forth through two pipes: the parent
 * writes to the child's pipe and reads the answer from its own.  Each round times ROUNDS
 * ping-pongs with `rdtsc` (guest instructions under QEMU's -icount shift=0); the cheapest
 * round, divided by ROUNDS, is printed as "bench: pipe_pingpong <instructions>": one byte
 * there and back, i.e. two writes, two reads and the wake-ups in VFS and PFS.
 *
 * `pipe_bench fp` does the same with both processes using the FPU at every ping (one x87
 * add each), printed as "bench: pipe_pingpong_fp <instructions>": the cost of switching
 * FPU state between two processes (lazily, a #NM trap each way: kernel/arch/i386/fpu.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"

#define ROUNDS  8
#define PINGS   32

static int use_fp;
static volatile double fp_acc;

/* With `fp`: touch the FPU (one load, add and store). */
static void
fp_touch(void)
{
	if (use_fp)
		fp_acc = fp_acc + 1.0;
}

/* The child: echo every byte from in to out until end of file. */
static void
echo_bytes(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1) {
		fp_touch();
		if (write(out, &c, 1) != 1)
			break;
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	int to_child[2], to_parent[2], i, j, status;
	uint64_t best = ~0ull, t0, t;
	pid_t pid;
	char c = 'p';

	use_fp = argc > 1 && strcmp(argv[1], "fp") == 0;
	if (pipe(to_child) != 0 || pipe(to_parent) != 0) {
		perror("pipe_bench: pipe");
		return 1;
	}
	if ((pid = fork()) < 0) {
		perror("pipe_bench: fork");
		return 1;
	}
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		echo_bytes(to_child[0], to_parent[1]);
	}
	close(to_child[0]);
	close(to_parent[1]);
	for (i = 0; i < ROUNDS; i++) {
		t0 = rdtsc();
		for (j = 0; j < PINGS; j++, fp_touch())
			if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1) {
				perror("pipe_bench: ping-pong");
				return 1;
			}
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	close(to_child[1]);
	waitpid(pid, &status, 0);
	printf("bench: pipe_pingpong%s %llu\n", use_fp ? "_fp" : "",
	       (unsigned long long)(best / PINGS));
	return 0;
}
