/*
 * ipc_reach.c - /test/ipc_reach: whom a user process may reach (handouts/ipc.md,
 * "Privileges"), run from the shell of a real system, as root and as an ordinary user.
 *
 * A user process (root's shell and its children are user processes too: privilege is not
 * the uid) may SENDREC only to the system processes whose system.conf entry says "users
 * yes" -- PM, VFS, DS and the ping test service -- and to RS and VM, which the kernel makes.
 * Every other target is ECALLDENIED at once, from the kernel: tty, the memory driver, MFS,
 * PFS, log and hello never see the message, so a bad request cannot hang the caller.  The
 * kernel calls a user process kept before PM and tty existed are gone in a real system:
 * SYS_DIAGCTL (printing on the kernel's console) and SYS_EXIT are ECALLDENIED.
 * Every server a user may reach answers every request: a type it does not know, and a
 * request that merely carries the notification type NOTIFY_MESSAGE, get ENOSYS (or the
 * server's refusal: EPERM) as the answer; the caller never hangs.
 *
 * Prints PASS/FAIL per case and "DONE ipc_reach N passed, M failed"; exits 0 if all
 * passed.  Cases: reach_<server>_unknown, reach_<server>_notify_type (pm vfs rs ds vm),
 * reach_<target>_denied (tty memory mfs pfs log hello), reach_diagctl_denied,
 * reach_exit_denied.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>
#include <minnow/syslib.h>
#include "testlib.h"

/* A type no server knows: the first of the tests' own range. */
#define UNKNOWN_TYPE    TEST_RQ_BASE

static const struct {
	const char *name;
	endpoint_t ep;
} servers[] = {
	{ "pm", PM_PROC_NR }, { "vfs", VFS_PROC_NR }, { "rs", RS_PROC_NR },
	{ "ds", DS_PROC_NR }, { "vm", VM_PROC_NR },
};

/* SENDREC type to ep: the IPC result, and the answer's type in *answer. */
static int
ask(endpoint_t ep, int type, int *answer)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	r = ipc_sendrec(ep, &m);
	*answer = m.m_type;
	return r;
}

/* One server answers both an unknown type and NOTIFY_MESSAGE with a refusal. */
static void
server_answers(const char *name, endpoint_t ep)
{
	static const int types[] = { UNKNOWN_TYPE, NOTIFY_MESSAGE };
	static const char *const what[] = { "unknown", "notify_type" };
	char c[48];
	int i, r, answer;

	for (i = 0; i < 2; i++) {
		snprintf(c, sizeof(c), "reach_%s_%s", name, what[i]);
		r = ask(ep, types[i], &answer);
		test_check(c, r == OK && (answer == -ENOSYS || answer == -EPERM),
			   "SENDREC of type %#x to %s: IPC %s, answer %d (%s); want OK and "
			   "ENOSYS or EPERM", types[i], name, test_errname(r), answer,
			   test_errname(answer));
	}
}

/* SENDREC to ep must be ECALLDENIED by the kernel. */
static void
denied(const char *name, endpoint_t ep)
{
	char c[48];
	int answer;

	snprintf(c, sizeof(c), "reach_%s_denied", name);
	test_expect(c, ask(ep, UNKNOWN_TYPE, &answer), -ECALLDENIED);
}

/* The endpoint of label (RS_LOOKUP), or NONE. */
static endpoint_t
lookup(const char *label)
{
	message m;

	memset(&m, 0, sizeof(m));
	strncpy(m.m_rs_req.label, label, sizeof(m.m_rs_req.label) - 1);
	m.m_type = RS_LOOKUP;
	if (ipc_sendrec(RS_PROC_NR, &m) != OK || m.m_type != OK)
		return NONE;
	return m.m_rs_req.endpoint;
}

/* A service found by label must be denied; one not running is a failure to look into. */
static void
denied_by_label(const char *label)
{
	endpoint_t ep = lookup(label);
	char c[48];

	if (ep == NONE) {
		snprintf(c, sizeof(c), "reach_%s_denied", label);
		test_fail(c, "RS_LOOKUP of %s failed: is it running?", label);
		return;
	}
	denied(label, ep);
}

int
main(int argc, char **argv)
{
	size_t i;

	test_init("ipc_reach", argc, argv);
	for (i = 0; i < sizeof(servers) / sizeof(servers[0]); i++)
		server_answers(servers[i].name, servers[i].ep);
	denied("tty", TTY_PROC_NR);
	denied("memory", MEM_PROC_NR);
	denied("mfs", MFS_PROC_NR);
	denied("pfs", PFS_PROC_NR);
	denied_by_label("log");
	denied_by_label("hello");
	test_expect("reach_diagctl_denied", sys_diagctl_diag("x\n", 2), -ECALLDENIED);
	test_expect("reach_exit_denied", sys_exit(), -ECALLDENIED);
	return test_done();
}
