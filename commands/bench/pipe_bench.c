/*
 * pipe_bench.c - the pipe benchmark of `make bench` (tools/bench.py), run from the shell.
 *
 * A parent and a forked child pass one byte back and forth through two pipes: the parent
 * writes to the child's pipe and reads the answer from its own.  Each round times ROUNDS
 * ping-pongs with `rdtsc` (guest instructions under QEMU's -icount shift=0); the cheapest
 * round, divided by ROUNDS, is printed as "bench: pipe_pingpong <instructions>": one byte
 * there and back, i.e. two writes, two reads and the wake-ups in VFS and PFS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"

#define ROUNDS  8
#define PINGS   32

/* The child: echo every byte from in to out until end of file. */
static void
echo_bytes(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(0);
}

int
main(void)
{
	int to_child[2], to_parent[2], i, j, status;
	uint64_t best = ~0ull, t0, t;
	pid_t pid;
	char c = 'p';

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
		for (j = 0; j < PINGS; j++)
			if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1) {
				perror("pipe_bench: ping-pong");
				return 1;
			}
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	close(to_child[1]);
	waitpid(pid, &status, 0);
	printf("bench: pipe_pingpong %llu\n", (unsigned long long)(best / PINGS));
	return 0;
}
