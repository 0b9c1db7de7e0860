/*
 * pm_vfs.c - a fake VFS for PM's tests: booted as a module whose file is called "vfs"
 * (build/commands/tests/pm_vfs/vfs), so the kernel puts it in VFS's slot and sets KIF_VFS,
 * and PM speaks the PM <-> VFS protocol (minnow/vfs.h) to it.  A system process (priv=sys).
 *
 * What it does with each request from PM, and what it checks (PASS/FAIL lines):
 *   INIT     records endpoint and pid; at NONE checks that PM (pid 0) and at least 4
 *            processes were announced (pm_vfs_init) and answers VFS_PM_INIT_REPLY, held
 *            back for a few clock ticks: PM must not send anything else for a process
 *            before that answer (a FORK, EXIT, ... before it is a FAIL of
 *            pm_vfs_init_first), so the test program's first calls wait in PM;
 *   FORK     the parent must be known and the child not (pm_vfs_fork_tables); the answer
 *            is held back for 3 clock ticks, so a PM that answered parent or child before
 *            VFS's answer would be caught by the test program (PMVFS_FORKED); after
 *            PMVFS_FAIL_FORK the next one is answered ENOMEM at once (the child is
 *            not added);
 *   EXIT     the process must be known (pm_vfs_exit_known); it is forgotten;
 *   EXEC     the path is read from the process: "/fake/enoexec" fails with ENOEXEC,
 *            "/fake/gone" with ENOMEM after the point of no return (VFS_PM_EXF_GONE),
 *            "/fake/jump" checks the argument frame's layout (pm_vfs_exec_frame) and
 *            answers OK with pc = argv[1] and sp = argv[2] (hex): nothing is loaded, the
 *            process goes on in its old image at that function; anything else is ENOENT;
 *   SETUID, SETGID, SETSID: counted and answered;
 *   REBOOT   prints "pm_vfs: REBOOT" and answers.
 * A request for a process whose previous request is still held is a FAIL
 * (pm_vfs_one_outstanding).  PMVFS_STATS and PMVFS_DONE come from the test program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "pm_vfs.h"
#include "testlib.h"

#define HELD_MAX        16
#define FRAME_MAX       4096
#define HOLD_TICKS      3       /* a FORK answer's delay */
#define INIT_HOLD_TICKS 20      /* VFS_PM_INIT_REPLY's delay */

static endpoint_t known[NR_PROCS];      /* slot -> endpoint in the table, or NONE */
static int forked[NR_PROCS];            /* slot -> its FORK has been answered */
static uint32_t counts[PMVFS_NWORDS];
static message held[HELD_MAX];          /* FORK answers waiting for the clock */
static int nheld;
static int init_held;                   /* VFS_PM_INIT_REPLY waits for the clock */
static int init_done;                   /* VFS_PM_INIT_REPLY has been sent */
static int alarm_on;                    /* a clock notification is on its way */
static int fail_fork;                   /* answer the next FORK with ENOMEM */

/* Make sure the clock rings in ticks ticks (unless it already will). */
static void
hold_alarm(uint32_t ticks)
{
	if (!alarm_on && sys_setalarm(ticks, 0, NULL) == OK)
		alarm_on = 1;
}

static int
slot_of(endpoint_t ep)
{
	int s = ENDPOINT_SLOT(ep);

	return (s >= 0 && s < NR_PROCS) ? s : 0;
}

static int
is_known(endpoint_t ep)
{
	return ep != NONE && known[slot_of(ep)] == ep;
}

/* Answer PM with type and status for ep. */
static void
answer(int type, endpoint_t ep, int status, message *m)
{
	int r;

	m->m_type = type;
	m->m_vfs_pm.endpt = ep;
	m->m_vfs_pm.status = status;
	if ((r = ipc_send(PM_PROC_NR, m)) != OK)
		printf("pm_vfs: cannot answer PM: %d\n", r);
}

static void
do_init(message *m)
{
	static int pm_seen, n;
	endpoint_t ep = m->m_vfs_pm.endpt;

	counts[PMVFS_N_INIT]++;
	if (ep != NONE) {
		known[slot_of(ep)] = ep;
		pm_seen |= (ep == PM_PROC_NR && m->m_vfs_pm.pid == 0);
		n++;
		return;
	}
	printf("pm_vfs: PM announced %d processes\n", n);
	test_check("pm_vfs_init", pm_seen && n >= 4, "PM seen %d, %d processes", pm_seen, n);
	init_held = 1;
	hold_alarm(INIT_HOLD_TICKS);
}

/* Is a FORK answer for ep still held? */
static int
is_held(endpoint_t ep)
{
	int i;

	for (i = 0; i < nheld; i++)
		if (held[i].m_vfs_pm.endpt == ep)
			return 1;
	return 0;
}

static void
do_fork(message *m)
{
	endpoint_t child = m->m_vfs_pm.endpt;

	counts[PMVFS_N_FORK]++;
	if (!is_known(m->m_vfs_pm.parent) || is_known(child))
		test_fail("pm_vfs_fork_tables", "parent %d known %d, child %d known %d",
			  m->m_vfs_pm.parent, is_known(m->m_vfs_pm.parent), child,
			  is_known(child));
	if (fail_fork) {
		fail_fork = 0;
		answer(VFS_PM_FORK_REPLY, child, -ENOMEM, m);
		return;
	}
	known[slot_of(child)] = child;
	forked[slot_of(child)] = 0;
	if (nheld == HELD_MAX) {
		answer(VFS_PM_FORK_REPLY, child, OK, m);
		forked[slot_of(child)] = 1;
		return;
	}
	hold_alarm(HOLD_TICKS);
	held[nheld++] = *m;
}

/* The clock rang: the held INIT and FORK answers go out. */
static void
release_held(void)
{
	message m;
	int i;

	alarm_on = 0;
	if (init_held) {
		memset(&m, 0, sizeof(m));
		answer(VFS_PM_INIT_REPLY, NONE, OK, &m);
		init_held = 0;
		init_done = 1;
	}
	for (i = 0; i < nheld; i++) {
		forked[slot_of(held[i].m_vfs_pm.endpt)] = 1;
		answer(VFS_PM_FORK_REPLY, held[i].m_vfs_pm.endpt, OK, &held[i]);
	}
	nheld = 0;
}

static void
do_exit(message *m)
{
	endpoint_t ep = m->m_vfs_pm.endpt;

	counts[PMVFS_N_EXIT]++;
	if (!is_known(ep))
		test_fail("pm_vfs_exit_known", "EXIT of unknown endpoint %d", ep);
	known[slot_of(ep)] = NONE;
	answer(VFS_PM_EXIT_REPLY, ep, OK, m);
}

/* Word i of frame (len bytes), or 0xFFFFFFFF if outside. */
static uint32_t
frame_word(const char *frame, uint32_t len, uint32_t i)
{
	return (i + 1) * 4 <= len ? ((const uint32_t *)frame)[i] : 0xFFFFFFFFu;
}

/* The string at offset off of frame, if it lies inside with its NUL, else NULL. */
static const char *
frame_str(const char *frame, uint32_t len, uint32_t off)
{
	if (off >= len || memchr(frame + off, '\0', len - off) == NULL)
		return NULL;
	return frame + off;
}

/* "/fake/jump": check the frame, take pc and sp from argv[1], argv[2]. */
static int
exec_jump(endpoint_t ep, const message *m, uint32_t *pc, uint32_t *sp)
{
	static char frame[FRAME_MAX];
	uint32_t len = m->m_vfs_pm.frame_len, argc, envc = 0;
	const char *a1, *a2;

	if (len > FRAME_MAX || len % 4 != 0 ||
	    sys_vircopy(ep, m->m_vfs_pm.frame, SELF, (vir_bytes)frame, len, 0) != OK)
		return -EFAULT;
	argc = frame_word(frame, len, 0);
	while (argc == 3 && frame_word(frame, len, 5 + envc) != 0 && envc < 64)
		envc++;
	a1 = frame_str(frame, len, frame_word(frame, len, 2));
	a2 = frame_str(frame, len, frame_word(frame, len, 3));
	if (!test_check("pm_vfs_exec_frame", argc == 3 && frame_word(frame, len, 4) == 0 &&
			frame_word(frame, len, 5 + envc) == 0 && a1 != NULL && a2 != NULL &&
			frame_str(frame, len, frame_word(frame, len, 1)) != NULL,
			"argc %u, len %u", argc, len))
		return -EINVAL;
	*pc = (uint32_t)strtoul(a1, NULL, 16);
	*sp = (uint32_t)strtoul(a2, NULL, 16);
	return OK;
}

static void
do_exec(message *m)
{
	endpoint_t ep = m->m_vfs_pm.endpt;
	char path[64];
	uint32_t pc = 0, sp = 0;
	int status = -ENOENT;

	counts[PMVFS_N_EXEC]++;
	memset(path, 0, sizeof(path));
	if (m->m_vfs_pm.path_len == 0 || m->m_vfs_pm.path_len > sizeof(path) ||
	    sys_vircopy(ep, m->m_vfs_pm.path, SELF, (vir_bytes)path, m->m_vfs_pm.path_len,
			0) != OK)
		path[0] = '\0';
	m->m_vfs_pm.flags = 0;
	if (strcmp(path, "/fake/enoexec") == 0) {
		status = -ENOEXEC;
	} else if (strcmp(path, "/fake/gone") == 0) {
		status = -ENOMEM;
		m->m_vfs_pm.flags = VFS_PM_EXF_GONE;
	} else if (strcmp(path, "/fake/jump") == 0) {
		status = exec_jump(ep, m, &pc, &sp);
	}
	m->m_vfs_pm.pc = pc;
	m->m_vfs_pm.sp = sp;
	answer(VFS_PM_EXEC_REPLY, ep, status, m);
}

/* A request from PM. */
static void
from_pm(message *m)
{
	endpoint_t ep = m->m_vfs_pm.endpt;

	if (m->m_type != VFS_PM_INIT && is_held(ep))
		test_fail("pm_vfs_one_outstanding", "request 0x%x for %d during its FORK",
			  m->m_type, ep);
	if (m->m_type != VFS_PM_INIT && !init_done)
		test_fail("pm_vfs_init_first", "request 0x%x for %d before INIT's answer",
			  m->m_type, ep);
	switch (m->m_type) {
	case VFS_PM_INIT: do_init(m); break;
	case VFS_PM_FORK: do_fork(m); break;
	case VFS_PM_EXIT: do_exit(m); break;
	case VFS_PM_EXEC: do_exec(m); break;
	case VFS_PM_SETUID:
		counts[PMVFS_N_SETUID]++;
		counts[PMVFS_LAST_UID] = m->m_vfs_pm.uid;
		answer(VFS_PM_SETUID_REPLY, ep, OK, m);
		break;
	case VFS_PM_SETGID:
		counts[PMVFS_N_SETGID]++;
		answer(VFS_PM_SETGID_REPLY, ep, OK, m);
		break;
	case VFS_PM_SETSID:
		counts[PMVFS_N_SETSID]++;
		answer(VFS_PM_SETSID_REPLY, ep, OK, m);
		break;
	case VFS_PM_REBOOT:
		printf("pm_vfs: REBOOT\n");
		fflush(NULL);
		answer(VFS_PM_REBOOT_REPLY, NONE, OK, m);
		break;
	default:
		printf("pm_vfs: unexpected request 0x%x from PM\n", m->m_type);
	}
}

/* A question from a test program. */
static void
from_test(message *m)
{
	endpoint_t ep = m->m_source;
	int done = m->m_type == PMVFS_DONE;

	if (m->m_type == PMVFS_FAIL_FORK)
		fail_fork = 1;
	memset(m, 0, sizeof(*m));
	memcpy(m->m_u32.m_u32, counts, sizeof(counts));
	m->m_u32.m_u32[PMVFS_KNOWN] = is_known(ep);
	m->m_u32.m_u32[PMVFS_FORKED] = forked[slot_of(ep)];
	m->m_type = OK;
	ipc_sendnb(ep, m);
	if (done)
		test_done();
}

int
main(int argc, char **argv)
{
	message m;
	int i, status;

	test_init("pm_vfs", argc, argv);
	for (i = 0; i < NR_PROCS; i++)
		known[i] = NONE;
	sef_startup();
	for (;;) {
		if (sef_receive_status(ANY, &m, &status) != OK)
			continue;
		if (m.m_type == NOTIFY_MESSAGE) {
			if (m.m_source == CLOCK)
				release_held();
		} else if (m.m_source == PM_PROC_NR && m.m_type >= VFS_PM_BASE &&
			   m.m_type < VFS_PM_BASE + VFS_PM_NR) {
			from_pm(&m);
		} else if (m.m_type == PMVFS_STATS || m.m_type == PMVFS_DONE ||
			   m.m_type == PMVFS_FAIL_FORK) {
			from_test(&m);
		}
	}
}
