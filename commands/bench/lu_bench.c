/*
 * lu_bench.c - the live-update benchmark of `make bench` (tools/bench.py), run from the
 * shell (handouts/rs.md, "Live update").
 *
 * Each round runs `/bin/service update /service/hello -label hello` in a forked child, waits
 * for it, then opens /dev/hello and reads its line: the time from the fork to the new
 * version's answer, read with `rdtsc` (guest instructions under QEMU's -icount shift=0;
 * the CPU's idle waits count too, so RS's alarm must play no part: RS commits the update
 * as soon as the new version answers its ping).  The cheapest of ROUNDS rounds is printed
 * as "bench: live_update_hello <instructions>"; a failed update or read prints
 * "lu_bench: FAILED: <what>" and exits 1.  `lu_bench rs` and `lu_bench vm` time
 * `service update self -label rs` (vm) instead, to the command's exit (the update is over
 * when RS answers it): "bench: live_update_rs <instructions>" (handouts/rs.md, "Updating RS
 * and VM").
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"

#define ROUNDS  3

/* One update of label (and a read of /dev/hello): its cost, or 0 if something failed
 * (reported). */
static uint64_t
one_round(char *label)
{
	char line[80];
	uint64_t t0 = rdtsc();
	int status, fd, hello = strcmp(label, "hello") == 0;
	char *argv[] = { "service", "update", hello ? "/service/hello" : "self", "-label", label,
			 NULL };
	pid_t pid;

	if ((pid = fork()) == 0) {
		execv("/bin/service", argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		printf("lu_bench: FAILED: service update\n");
		return 0;
	}
	if (!hello)
		return rdtsc() - t0;
	if ((fd = open("/dev/hello", O_RDONLY)) < 0 || read(fd, line, sizeof(line)) <= 0) {
		printf("lu_bench: FAILED: reading /dev/hello after the update\n");
		return 0;
	}
	close(fd);
	return rdtsc() - t0;
}

int
main(int argc, char **argv)
{
	char *label = argc > 1 ? argv[1] : "hello";
	uint64_t best = ~0ull, t;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		if ((t = one_round(label)) == 0)
			return 1;
		if (t < best)
			best = t;
	}
	printf("bench: live_update_%s %llu\n", label, (unsigned long long)best);
	return 0;
}
