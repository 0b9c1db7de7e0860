/*
 * pm_bench.c - the process benchmarks of `make bench` (tools/bench.py), through PM.
 *
 * Booted as a user process next to VM, RS, DS and PM:  pm_bench priv=user
 * Each benchmark keeps the cheapest of ROUNDS runs, counted with `rdtsc` (guest instructions
 * under QEMU's -icount shift=0), and prints "bench: <name> <instructions>":
 *   getpid            one getpid(): a SENDREC to PM and its reply
 *   fork_exit_wait    fork(), the child's _exit(0), the parent's wait() for it
 *   signal_self       raise(SIGUSR1) with a handler: kill to PM, the answer, the stop,
 *                     (with a VFS) VFS_PM_UNPAUSE and its answer, the frame, the handler,
 *                     sigreturn through PM and the kernel
 *   getpid_traced     one getpid() of a child this program traces with T_SYSCALL: the
 *                     kernel stops it at the call's entry and at its leave, PM reports
 *                     each stop to this program's waitpid, which resumes it (ptrace)
 * Then it powers the machine off through PM (reboot(RBT_POWEROFF)), which ends the run.
 * With a last argument loop=N it only calls getpid() N times (no rdtsc) and powers off: a
 * workload for the profiler (tools/profile.py).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <minnow/kcall.h>
#include "bench.h"

#define ROUNDS 16

static volatile int handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* The cheapest of ROUNDS raise(SIGUSR1) through a handler. */
static uint64_t
bench_signal(void)
{
	uint64_t best = ~0ull, t0, t;
	int i;

	signal(SIGUSR1, on_usr1);
	for (i = 0; i < ROUNDS; i++) {
		t0 = rdtsc();
		raise(SIGUSR1);
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	if (handled != ROUNDS)
		printf("pm_bench: %d of %d signals handled\n", handled, ROUNDS);
	return best;
}

/* The child: stop for the tracer, then time ROUNDS getpid() while traced. */
static void
traced_child(void)
{
	uint64_t best = ~0ull, t0, t;
	int i;

	ptrace(T_OK, 0, 0, 0);
	raise(SIGSTOP);			/* held for the tracer: it starts T_SYSCALL */
	for (i = 0; i < ROUNDS; i++) {
		t0 = rdtsc();
		(void)getpid();
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	printf("bench: getpid_traced %llu\n", (unsigned long long)best);
	_exit(0);
}

/* Trace a child's system calls to its end (it prints its own numbers). */
static void
bench_traced(void)
{
	int status;
	pid_t pid;

	if ((pid = fork()) == 0)
		traced_child();
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) {
		printf("pm_bench: the traced child did not stop\n");
		return;
	}
	while (ptrace(T_SYSCALL, pid, 0, 0) == 0 && waitpid(pid, &status, 0) == pid &&
	       WIFSTOPPED(status))
		;
}

/* N getpid() and nothing else (the profiler's workload, tools/profile.py), then power off. */
static void
getpid_loop(int n)
{
	int i;

	for (i = 0; i < n; i++)
		(void)getpid();
	printf("bench: getpid_loop %d\n", n);
	fflush(stdout);
	reboot(RBT_POWEROFF);
}

int
main(int argc, char **argv)
{
	uint64_t best_pid = ~0ull, best_fork = ~0ull, t0, t;
	int i, status;

	if (argc > 1 && strncmp(argv[argc - 1], "loop=", 5) == 0)
		getpid_loop(atoi(argv[argc - 1] + 5));
	for (i = 0; i < ROUNDS; i++) {
		t0 = rdtsc();
		(void)getpid();
		if ((t = rdtsc() - t0) < best_pid)
			best_pid = t;
		t0 = rdtsc();
		if (fork() == 0)
			_exit(0);
		(void)wait(&status);
		if ((t = rdtsc() - t0) < best_fork)
			best_fork = t;
	}
	printf("bench: getpid %llu\n", (unsigned long long)best_pid);
	printf("bench: fork_exit_wait %llu\n", (unsigned long long)best_fork);
	printf("bench: signal_self %llu\n", (unsigned long long)bench_signal());
	fflush(stdout);
	bench_traced();
	reboot(RBT_POWEROFF);
	printf("pm_bench: reboot failed\n");
	return 1;
}
