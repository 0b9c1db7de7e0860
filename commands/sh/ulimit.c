/*
 * ulimit.c - the ulimit builtin: ulimit [-H | -S] [-a | -c | -f | -s | -u] [N | unlimited].
 *
 * The limits are the process's resource limits (getrlimit, setrlimit; PM keeps them, and
 * children inherit them), so a limit set in the shell holds for every command it runs
 * after.  The resources: -c the core file's size, in 512-byte blocks; -s the stack's size,
 * in KiB (1024 bytes), as POSIX shells count them; -u the processes of the user
 * (RLIMIT_NPROC, a count); -f the file size (the default, RLIMIT_FSIZE), in 512-byte
 * blocks: a command writing past it gets SIGXFSZ.  -a
 * prints all of them, each after its name and unit.  Without N the soft limit is printed
 * (the hard one with -H); with N both are set (only the hard one with -H, only the soft
 * one with -S).  Anyone may lower a limit; raising the hard one is for root (EPERM), and
 * the soft one may not pass the hard one (EINVAL).  A bad number and a refused setrlimit
 * print a message, with status 1; a bad option is status 2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "sh.h"

#define LIMIT_HARD 1
#define LIMIT_SOFT 2

static const struct limit {
	char opt;
	int res;                /* the resource */
	unsigned unit;          /* bytes per unit of the printed value */
	const char *label;      /* for -a */
} limits[] = {
	{ 'c', RLIMIT_CORE, 512, "core file size (blocks, -c)" },
	{ 'f', RLIMIT_FSIZE, 512, "file size (blocks, -f)" },
	{ 's', RLIMIT_STACK, 1024, "stack size (kbytes, -s)" },
	{ 'u', RLIMIT_NPROC, 1, "processes (-u)" },
};
#define NLIMITS (sizeof(limits) / sizeof(limits[0]))

static void
print_limit(const struct limit *l, int which, int label)
{
	struct rlimit rl;
	rlim_t v;

	if (getrlimit(l->res, &rl) != 0) {
		sh_error("ulimit: -%c: %s", l->opt, strerror(errno));
		return;
	}
	v = which == LIMIT_HARD ? rl.rlim_max : rl.rlim_cur;
	if (label)
		printf("%s ", l->label);
	if (v == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%lu\n", (unsigned long)(v / l->unit));
}

/* Set l's soft and/or hard limit (which) to val: the status. */
static int
set_limit(const struct limit *l, int which, const char *val)
{
	struct rlimit rl;
	rlim_t n = RLIM_INFINITY;
	unsigned long long u;
	char *end;

	if (strcmp(val, "unlimited") != 0) {
		errno = 0;
		u = strtoull(val, &end, 10);
		if (*val < '0' || *val > '9' || *end != '\0') {
			sh_error("ulimit: %s: bad number", val);
			return 1;
		}
		if (errno == ERANGE || u > (RLIM_INFINITY - 1) / l->unit) {
			sh_error("ulimit: %s: out of range", val);
			return 1;
		}
		n = (rlim_t)u * l->unit;
	}
	if (getrlimit(l->res, &rl) != 0) {
		sh_error("ulimit: -%c: %s", l->opt, strerror(errno));
		return 1;
	}
	if (which & LIMIT_SOFT)
		rl.rlim_cur = n;
	if (which & LIMIT_HARD)
		rl.rlim_max = n;
	if (setrlimit(l->res, &rl) != 0) {
		sh_error("ulimit: -%c: %s", l->opt, strerror(errno));
		return 1;
	}
	return 0;
}

static int
usage(void)
{
	sh_error("ulimit: usage: ulimit [-H | -S] [-a | -c | -f | -s | -u] [N | unlimited]");
	return 2;
}

int
bi_ulimit(int argc, char **argv)
{
	const struct limit *l = &limits[1];     /* -f */
	int i = 1, which = 0, all = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++)
		for (const char *o = argv[i] + 1; *o != '\0'; o++) {
			size_t k;

			if (*o == 'H' || *o == 'S')
				which |= *o == 'H' ? LIMIT_HARD : LIMIT_SOFT;
			else if (*o == 'a')
				all = 1;
			else {
				for (k = 0; k < NLIMITS && limits[k].opt != *o; k++)
					;
				if (k == NLIMITS)
					return usage();
				l = &limits[k];
			}
		}
	if (argc > i + 1 || (all && i < argc))
		return usage();
	if (all) {
		for (size_t k = 0; k < NLIMITS; k++)
			print_limit(&limits[k], which & LIMIT_HARD ? LIMIT_HARD : LIMIT_SOFT, 1);
		return 0;
	}
	if (i == argc) {
		print_limit(l, which & LIMIT_HARD ? LIMIT_HARD : LIMIT_SOFT, 0);
		return 0;
	}
	return set_limit(l, which != 0 ? which : LIMIT_HARD | LIMIT_SOFT, argv[i]);
}
