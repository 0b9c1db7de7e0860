/*
 * testlib.c - PASS/FAIL reporting, error names, peer lookup, polling and VM's free page
 * count for the in-guest test programs (see testlib.h for the output protocol).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/syslib.h>
#include "testlib.h"

static const char *program = "test";
static int passed, failed, poweroff;

int
test_init(const char *name, int argc, char **argv)
{
	int n = 0;

	program = name;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strchr(argv[i], '=') != NULL) {
			if (strcmp(argv[i], "poweroff=1") == 0)
				poweroff = 1;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

void
test_set_program(const char *name)
{
	program = name;
}

void
test_pass(const char *name)
{
	passed++;
	printf("PASS %s\n", name);
}

void
test_fail(const char *name, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	failed++;
	printf("FAIL %s: %s\n", name, why);
}

int
test_expect(const char *name, int got, int want)
{
	if (got == want) {
		test_pass(name);
		return 1;
	}
	test_fail(name, "got %d (%s), want %d (%s)", got, test_errname(got), want,
		test_errname(want));
	return 0;
}

int
test_expect_either(const char *name, int got, int want1, int want2)
{
	if (got == want1 || got == want2) {
		passed++;
		printf("PASS %s (%s)\n", name, test_errname(got));
		return 1;
	}
	test_fail(name, "got %d (%s), want %s or %s", got, test_errname(got),
		test_errname(want1), test_errname(want2));
	return 0;
}

int
test_check(const char *name, int cond, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	if (cond) {
		test_pass(name);
		return 1;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	test_fail(name, "%s", why);
	return 0;
}

int
test_ok(const char *name, int r, const char *what)
{
	if (r < 0)
		test_fail(name, "%s: %s", what, strerror(errno));
	return r >= 0;
}

int
test_errno(const char *name, int r, int want, const char *rule)
{
	int got = errno;

	return test_check(name, r < 0 && got == want, "%s: want %s, got %s", rule,
			  strerror(want), r < 0 ? strerror(got) : "success");
}

/* The error numbers the tests meet, by name. */
static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ OK, "OK" }, { EPERM, "EPERM" }, { ESRCH, "ESRCH" }, { EINTR, "EINTR" },
	{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EINVAL, "EINVAL" }, { ENOMEM, "ENOMEM" },
	{ ENOSPC, "ENOSPC" }, { EDOM, "EDOM" }, { ERANGE, "ERANGE" }, { EAGAIN, "EAGAIN" },
	{ ELOOP, "ELOOP" }, { ENOSYS, "ENOSYS" }, { ELOCKED, "ELOCKED" },
	{ EBADCALL, "EBADCALL" }, { ECALLDENIED, "ECALLDENIED" },
	{ EDEADSRCDST, "EDEADSRCDST" }, { ENOTREADY, "ENOTREADY" },
	{ EBADREQUEST, "EBADREQUEST" }, { ETRAPDENIED, "ETRAPDENIED" },
	{ EDONTREPLY, "EDONTREPLY" }, { EDEADEPT, "EDEADEPT" }, { EBADEPT, "EBADEPT" },
	{ ENOENT, "ENOENT" }, { ENXIO, "ENXIO" }, { EBADF, "EBADF" }, { EDEADLK, "EDEADLK" },
	{ EACCES, "EACCES" }, { EEXIST, "EEXIST" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
	{ ESPIPE, "ESPIPE" }, { EPIPE, "EPIPE" }, { ENOLCK, "ENOLCK" }, { EOVERFLOW, "EOVERFLOW" },
	{ ENAMETOOLONG, "ENAMETOOLONG" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
	{ ENOEXEC, "ENOEXEC" }, { ECHILD, "ECHILD" }, { EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
	{ ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" }, { EFBIG, "EFBIG" },
	{ EROFS, "EROFS" }, { EMLINK, "EMLINK" }, { EOPNOTSUPP, "EOPNOTSUPP" },
	{ ENOTEMPTY, "ENOTEMPTY" }, { ERESTART, "ERESTART" }, { EJOBCTL, "EJOBCTL" },
};

const char *
test_errname(int r)
{
	static char unknown[16];
	int err = r < 0 ? -r : r;

	for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(unknown, sizeof(unknown), "E?%d", r);
	return unknown;
}

int
test_done(void)
{
	printf("DONE %s %d passed, %d failed\n", program, passed, failed);
	fflush(stdout);
	if (poweroff)
		sys_abort(RBT_POWEROFF);
	return failed;
}

/* Ticks since boot (GET_UPTIME, else sys_times), or 0 if the kernel will not say. */
static uint32_t
now_ticks(void)
{
	uint32_t ticks = 0;

	if (sys_getuptime(&ticks) != OK)
		sys_times(NONE, NULL, NULL, &ticks);
	return ticks;
}

int
test_poll(int (*cond)(void *arg), void *arg, unsigned seconds)
{
	uint32_t hz = 100, start = now_ticks();

	sys_gethz(&hz);
	while (!cond(arg)) {
		if (now_ticks() - start > seconds * hz)
			return cond(arg) != 0;
	}
	return 1;
}

/* The table scan_for_peer() reads. */
static struct proc_info peer_tab[NR_TASKS + NR_PROCS];

/* The endpoint of a process called `name` other than the caller, or NONE. */
static endpoint_t
scan_for_peer(const char *name)
{
	endpoint_t self = NONE;

	sys_whoami(&self, NULL, 0, NULL);
	if (sys_getproctab(peer_tab) != OK)
		return NONE;
	for (int i = 0; i < NR_TASKS + NR_PROCS; i++) {
		const struct proc_info *pi = &peer_tab[i];

		if (pi->pi_endpoint != NONE && pi->pi_endpoint != self &&
		    strncmp(pi->pi_name, name, PROC_NAME_LEN - 1) == 0)
			return pi->pi_endpoint;
	}
	return NONE;
}

/* test_poll() condition: has the peer called `arg` appeared? */
static int
peer_present(void *arg)
{
	return scan_for_peer(arg) != NONE;
}

endpoint_t
test_find_peer(const char *name)
{
	char casename[64];

	if (test_poll(peer_present, (void *)name, 5))
		return scan_for_peer(name);
	snprintf(casename, sizeof(casename), "%s_lookup", name);
	test_fail(casename, "no process called %s besides this one", name);
	return NONE;
}

uint32_t
test_ipc_fast(endpoint_t e)
{
	struct proc_info pi;

	return sys_getinfo(GET_PROC, e, &pi, sizeof(pi), NULL) == OK ? pi.pi_ipc_fast : 0;
}

endpoint_t
test_nth_of_program(int n)
{
	static struct proc_info tab[NR_TASKS + NR_PROCS];
	char name[PROC_NAME_LEN];
	endpoint_t self;

	if (sys_whoami(&self, name, sizeof(name), NULL) != OK || sys_getproctab(tab) != OK)
		return NONE;
	for (int i = 0; i < NR_TASKS + NR_PROCS; i++)
		if (tab[i].pi_endpoint != NONE &&
		    strncmp(tab[i].pi_name, name, PROC_NAME_LEN) == 0 && n-- == 0)
			return tab[i].pi_endpoint;
	return NONE;
}

endpoint_t
test_role_endpoint(int k)
{
	static struct proc_info tab[NR_TASKS + NR_PROCS];
	char name[PROC_NAME_LEN];
	endpoint_t self;
	int i, mine = -1;

	if (sys_whoami(&self, name, sizeof(name), NULL) != OK || sys_getproctab(tab) != OK)
		return NONE;
	for (i = 0; i < NR_TASKS + NR_PROCS; i++) {
		if (tab[i].pi_endpoint == NONE || strncmp(tab[i].pi_name, name, PROC_NAME_LEN) != 0)
			continue;
		if (tab[i].pi_endpoint == self)
			mine = i;
		else if (mine >= 0 && --k == 0)
			return tab[i].pi_endpoint;
	}
	return NONE;
}

uint32_t
test_free_pages(void)
{
	mess_vm_info info;
	char casename[64];
	int r;

	if ((r = vm_info(&info)) == OK)
		return info.free_pages;
	/* a count of 0 would let "free pages back to the baseline" pass as 0 == 0 */
	snprintf(casename, sizeof(casename), "%s_vm_info", program);
	test_fail(casename, "VM did not answer VM_INFO (%s): no free page count to compare",
		  test_errname(r));
	test_done();
	exit(EXIT_FAILURE);
}
