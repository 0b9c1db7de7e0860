/*
 * ipc_senda.c - SENDA, the asynchronous send (handouts/ipc.md, "SENDA").
 *
 * Grader: the SENDA tests (grader/tests/kcalls.py) boot, in this order (VM may come first;
 * the main process must be the first ipc_senda module):
 *     ipc_senda priv=sys main      runs the cases, keeps the SENDA table
 *     ipc_senda priv=sys dest      the cooperative destination
 *     ipc_senda priv=sys mute      a destination that never receives from main; main kills it
 *     ipc_senda priv=user user     SENDA from a user process
 * and expects a PASS line for every case, no FAIL line, and the DONE lines of ipc_senda,
 * ipc_senda_dest and ipc_senda_user.  The kernel prints the death of mute
 * ("kernel: ipc_senda (endpoint N) killed by signal 15: sys_kill").
 *
 * Main finds dest and mute as the first and second ipc_senda process after itself in slot
 * order; the helpers find main as the first ipc_senda process.  Main keeps one table of
 * asynchronous messages and fills one entry per step; each SENDA hands the kernel the whole
 * table again (finished entries are skipped).  Steps, with what dest does meanwhile:
 *   immediate  dest waits in RECEIVE(ANY): the entry is delivered during the SENDA call
 *   queued     dest is blocked SENDing to main: the entry stays pending until main has
 *              received dest's message and dest RECEIVEs (status SENDA)
 *   notify     an AMF_NOTIFY entry: after delivery main gets a notification from ASYNCM
 *   noreply    dest is in SENDREC to main and main has taken the request: an AMF_NOREPLY
 *              entry must not end dest's SENDREC; main's real reply does, and the async
 *              message arrives at dest's next plain RECEIVE
 *   killed     an AMF_NOTIFY entry for mute (blocked receiving from HARDWARE, never from
 *              main) stays pending; sys_kill(mute) ends it with EDEADSRCDST and an ASYNCM
 *              notification
 *   errors     bad flag bits (EINVAL), a kernel task (ECALLDENIED; with AMF_NOTIFY_ERR, a
 *              notification), a dead endpoint (EDEADSRCDST), a table too large (EDOM),
 *              SENDA(NULL, 0) (OK), empty entries left alone
 *   user       SENDA from a user process: ETRAPDENIED (its trap mask allows only SENDREC)
 * Main waits for a message with a time limit (an alarm), so a lost notification is a FAIL
 * line rather than a hang.
 */
#include <stdlib.h>
#include <string.h>
#include <minnow/signum.h>
#include "testlib.h"

#define S_IMMEDIATE     (TEST_RQ_BASE + 0x40)   /* main -> dest by SENDA */
#define S_QUEUED        (TEST_RQ_BASE + 0x41)
#define S_NOTIFY        (TEST_RQ_BASE + 0x42)
#define S_NOREPLY       (TEST_RQ_BASE + 0x43)
#define S_MUTE          (TEST_RQ_BASE + 0x44)   /* main -> mute: never delivered */
#define S_BAD           (TEST_RQ_BASE + 0x45)   /* entries the kernel must refuse */
#define D_SYNC          (TEST_RQ_BASE + 0x48)   /* dest -> main by SEND */
#define D_REQUEST       (TEST_RQ_BASE + 0x49)   /* dest -> main by SENDREC */
#define M_REPLY         (TEST_RQ_BASE + 0x4A)   /* main -> dest: the reply */
#define M_QUIT          (TEST_RQ_BASE + 0x4B)   /* main -> dest: exit */
#define BAD_FLAG        0x100                   /* not an AMF_* bit */
#define MAX_ENTRIES     (16 * (NR_TASKS + NR_PROCS))

enum { E_IMMEDIATE, E_QUEUED, E_NOTIFY, E_NOREPLY, E_MUTE, E_BADFLAGS, E_KTASK, E_DEAD,
       E_UNUSED, NR_ENTRIES };

static asynmsg_t table[NR_ENTRIES];     /* main's SENDA table: the kernel writes into it */
static endpoint_t self = NONE;

/* ---- helpers ------------------------------------------------------------------------- */

/* What wait_for() waits for: e blocked receiving from `from`, or sending to `to`. */
struct state {
	endpoint_t e, from, to;
};

static int
in_state(void *arg)
{
	struct state *s = arg;
	struct proc_info pi;

	if (sys_getproc(s->e, &pi) != OK)
		return 0;
	return s->from != NONE ? pi.pi_getfrom == s->from && pi.pi_sendto == NONE
			       : pi.pi_sendto == s->to;
}

/* Wait (up to 5 s) until e is blocked receiving from `from` (or sending to `to`). */
static int
wait_for(const char *name, endpoint_t e, endpoint_t from, endpoint_t to)
{
	struct state s = { e, from, to };

	return test_check(name, test_poll(in_state, &s, 5),
		"endpoint %d never blocked %s %d", e, from != NONE ? "receiving from" :
		"sending to", from != NONE ? from : to);
}

/* RECEIVE(ANY) for at most 3 seconds: OK, a receive error, or -EAGAIN on time-out.  An
 * alarm bounds the wait; if it went off after the message came, its notification is
 * collected here, so none is left over for the next receive. */
static int
receive_within(message *m, int *status)
{
	uint32_t hz = 100, left = 0;
	message junk;
	int r;

	sys_gethz(&hz);
	sys_setalarm(3 * hz, 0, NULL);
	r = ipc_receive(ANY, m, status);
	if (r == OK && m->m_source == CLOCK && m->m_type == NOTIFY_MESSAGE)
		return -EAGAIN;
	sys_setalarm(0, 0, &left);
	if (left == 0)
		ipc_receive(CLOCK, &junk, NULL);
	return r;
}

/* Expect a notification from ASYNCM next. */
static void
expect_asyncm(const char *name)
{
	message m;
	int status = 0, r = receive_within(&m, &status);

	if (r == -EAGAIN) {
		test_fail(name, "no notification from ASYNCM within 3 s");
		return;
	}
	test_check(name, r == OK && m.m_source == ASYNCM && m.m_type == NOTIFY_MESSAGE &&
		IPC_STATUS_CALL(status) == NOTIFY,
		"got r=%s type 0x%x from %d (status 0x%x), want a notification from ASYNCM",
		test_errname(r), m.m_type, m.m_source, status);
}

/* The entry as the kernel left it (the kernel writes the table behind the compiler). */
static uint32_t
entry_flags(int i)
{
	return ((volatile asynmsg_t *)&table[i])->flags;
}

static int
entry_result(int i)
{
	return ((volatile asynmsg_t *)&table[i])->result;
}

/* Fill entry i and hand the kernel the table again. */
static int
post(int i, uint32_t flags, endpoint_t dst, int type)
{
	memset(&table[i], 0, sizeof(table[i]));
	table[i].dst = dst;
	table[i].msg.m_type = type;
	table[i].msg.m_u32.m_u32[0] = (uint32_t)i;
	table[i].flags = flags;
	return ipc_senda(table, NR_ENTRIES);
}

/* Entry i is done with result want: PASS name. */
static void
expect_done(const char *name, int i, int want)
{
	if (!(entry_flags(i) & AMF_DONE)) {
		test_fail(name, "entry %d not AMF_DONE (flags 0x%x)", i, entry_flags(i));
		return;
	}
	test_expect(name, entry_result(i), want);
}

static int
entry_is_done(void *arg)
{
	return (entry_flags((int)(intptr_t)arg) & AMF_DONE) != 0;
}

/* ---- main ------------------------------------------------------------------------------ */

static void
step_immediate(endpoint_t dest)
{
	if (!wait_for("ipc_senda_dest_waits", dest, ANY, NONE))
		return;
	test_expect("ipc_senda_call", post(E_IMMEDIATE, AMF_VALID, dest, S_IMMEDIATE), OK);
	expect_done("ipc_senda_immediate", E_IMMEDIATE, OK);
}

static void
step_queued(endpoint_t dest)
{
	message m;
	int status = 0, r;

	if (!wait_for("ipc_senda_dest_sending", dest, NONE, self))
		return;
	post(E_QUEUED, AMF_VALID, dest, S_QUEUED);
	test_check("ipc_senda_queued_pending", !(entry_flags(E_QUEUED) & AMF_DONE),
		"delivered to a process that was not receiving (flags 0x%x)",
		entry_flags(E_QUEUED));
	r = ipc_receive(dest, &m, &status);
	test_check("ipc_senda_queued_sync", r == OK && m.m_type == D_SYNC,
		"receive from dest: %s, type 0x%x", test_errname(r), m.m_type);
	if (!test_check("ipc_senda_queued_delivered",
			test_poll(entry_is_done, (void *)E_QUEUED, 5),
			"entry still pending 5 s after dest began to receive"))
		return;
	expect_done("ipc_senda_queued_result", E_QUEUED, OK);
}

static void
step_notify(endpoint_t dest)
{
	if (!wait_for("ipc_senda_dest_waits_again", dest, ANY, NONE))
		return;
	post(E_NOTIFY, AMF_VALID | AMF_NOTIFY, dest, S_NOTIFY);
	expect_done("ipc_senda_notify_done", E_NOTIFY, OK);
	expect_asyncm("ipc_senda_notify_asyncm");
}

static void
step_noreply(endpoint_t dest)
{
	struct proc_info pi;
	message m;
	int status = 0, r;

	r = ipc_receive(dest, &m, &status);
	if (!test_check("ipc_senda_noreply_request", r == OK && m.m_type == D_REQUEST &&
			IPC_STATUS_CALL(status) == SENDREC,
			"receive from dest: %s, type 0x%x, status 0x%x", test_errname(r),
			m.m_type, status))
		return;
	/* dest now waits in the receive half of its SENDREC to us. */
	post(E_NOREPLY, AMF_VALID | AMF_NOREPLY, dest, S_NOREPLY);
	test_check("ipc_senda_noreply_held", !(entry_flags(E_NOREPLY) & AMF_DONE),
		"an AMF_NOREPLY message was delivered to a SENDREC waiting for its reply "
		"(flags 0x%x, result %s)", entry_flags(E_NOREPLY),
		test_errname(entry_result(E_NOREPLY)));
	test_check("ipc_senda_noreply_still_waiting",
		sys_getproc(dest, &pi) == OK && pi.pi_getfrom == self,
		"dest no longer waits for main's reply (getfrom %d)", pi.pi_getfrom);
	memset(&m, 0, sizeof(m));
	m.m_type = M_REPLY;
	test_expect("ipc_senda_noreply_reply", ipc_send(dest, &m), OK);
	if (test_check("ipc_senda_noreply_delivered",
			test_poll(entry_is_done, (void *)E_NOREPLY, 5),
			"entry still pending 5 s after the reply"))
		expect_done("ipc_senda_noreply_result", E_NOREPLY, OK);
}

static endpoint_t
step_killed(endpoint_t mute)
{
	struct proc_info pi;

	if (!wait_for("ipc_senda_mute_waits", mute, HARDWARE, NONE))
		return NONE;
	post(E_MUTE, AMF_VALID | AMF_NOTIFY, mute, S_MUTE);
	test_check("ipc_senda_undeliverable_pending", !(entry_flags(E_MUTE) & AMF_DONE),
		"entry for a process that never receives is done (result %s)",
		test_errname(entry_result(E_MUTE)));
	test_expect("ipc_senda_kill_target", sys_kill(mute, SIGTERM), OK);
	test_expect("ipc_senda_target_gone", sys_getproc(mute, &pi), -EINVAL);
	expect_done("ipc_senda_killed_target", E_MUTE, -EDEADSRCDST);
	expect_asyncm("ipc_senda_killed_target_notify");
	return mute;
}

static void
step_errors(endpoint_t dest, endpoint_t dead)
{
	int r;

	memset(&table[E_BADFLAGS], 0, sizeof(table[0]));
	table[E_BADFLAGS].flags = AMF_VALID | BAD_FLAG;
	table[E_BADFLAGS].dst = dest;
	table[E_BADFLAGS].msg.m_type = S_BAD;
	memset(&table[E_KTASK], 0, sizeof(table[0]));
	table[E_KTASK].flags = AMF_VALID | AMF_NOTIFY_ERR;
	table[E_KTASK].dst = SYSTEM;
	table[E_KTASK].msg.m_type = S_BAD;
	memset(&table[E_DEAD], 0, sizeof(table[0]));
	table[E_DEAD].flags = AMF_VALID;
	table[E_DEAD].dst = dead != NONE ? dead : MAKE_ENDPOINT(3, NR_PROCS - 1);
	table[E_DEAD].msg.m_type = S_BAD;
	test_expect("ipc_senda_errors_call", ipc_senda(table, NR_ENTRIES), OK);
	expect_done("ipc_senda_bad_flags", E_BADFLAGS, -EINVAL);
	expect_done("ipc_senda_kernel_task", E_KTASK, -ECALLDENIED);
	expect_done("ipc_senda_dead_dst", E_DEAD, -EDEADSRCDST);
	expect_asyncm("ipc_senda_notify_err");
	test_check("ipc_senda_empty_untouched", entry_flags(E_UNUSED) == 0,
		"an AMF_EMPTY entry was changed (flags 0x%x)", entry_flags(E_UNUSED));
	r = ipc_senda(table, MAX_ENTRIES + 1);
	test_expect("ipc_senda_too_large", r, -EDOM);
	test_expect("ipc_senda_stop", ipc_senda(NULL, 0), OK);
}

static void
run_main(void)
{
	endpoint_t dest = test_role_endpoint(1), mute = test_role_endpoint(2), dead;
	message m;

	if (!test_check("ipc_senda_roles", dest != NONE && mute != NONE,
			"dest %d, mute %d: boot main, dest and mute in that order", dest, mute))
		return;
	step_immediate(dest);
	step_queued(dest);
	step_notify(dest);
	step_noreply(dest);
	dead = step_killed(mute);
	step_errors(dest, dead);
	memset(&m, 0, sizeof(m));
	m.m_type = M_QUIT;
	test_expect("ipc_senda_quit_dest", ipc_send(dest, &m), OK);
}

/* ---- dest, mute, user ------------------------------------------------------------------ */

/* RECEIVE(ANY) and check that message `type` came from main by SENDA. */
static void
dest_expect(const char *name, endpoint_t main_ep, int type)
{
	message m;
	int status = 0, r = ipc_receive(ANY, &m, &status);

	test_check(name, r == OK && m.m_type == type && m.m_source == main_ep &&
		IPC_STATUS_CALL(status) == SENDA,
		"receive: %s, type 0x%x from %d (status 0x%x); want 0x%x from %d by SENDA",
		test_errname(r), m.m_type, m.m_source, status, type, main_ep);
}

static void
run_dest(endpoint_t main_ep)
{
	message m;
	int status = 0, r;

	dest_expect("ipc_senda_immediate_received", main_ep, S_IMMEDIATE);
	memset(&m, 0, sizeof(m));
	m.m_type = D_SYNC;
	test_expect("ipc_senda_dest_sync", ipc_send(main_ep, &m), OK);
	dest_expect("ipc_senda_queued_received", main_ep, S_QUEUED);
	dest_expect("ipc_senda_notify_received", main_ep, S_NOTIFY);
	memset(&m, 0, sizeof(m));
	m.m_type = D_REQUEST;
	r = ipc_sendrec(main_ep, &m);
	test_check("ipc_senda_noreply_sendrec_gets_reply", r == OK && m.m_type == M_REPLY,
		"SENDREC ended by %s, type 0x%x (want main's reply 0x%x)", test_errname(r),
		m.m_type, M_REPLY);
	dest_expect("ipc_senda_noreply_received_after", main_ep, S_NOREPLY);
	r = ipc_receive(main_ep, &m, &status);
	test_check("ipc_senda_dest_quit", r == OK && m.m_type == M_QUIT,
		"receive: %s, type 0x%x (want the quit message)", test_errname(r), m.m_type);
}

int
main(int argc, char **argv)
{
	endpoint_t main_ep;
	message m;

	argc = test_init("ipc_senda", argc, argv);
	sys_whoami(&self, NULL, 0, NULL);
	if (argc >= 2 && strcmp(argv[1], "user") == 0) {
		test_set_program("ipc_senda_user");
		memset(table, 0, sizeof(table));
		table[0].flags = AMF_VALID;
		table[0].dst = MAKE_ENDPOINT(3, NR_PROCS - 1);
		test_expect("ipc_senda_user", ipc_senda(table, 1), -ETRAPDENIED);
		return test_done();
	}
	if (argc >= 2 && strcmp(argv[1], "mute") == 0) {
		ipc_receive(HARDWARE, &m, NULL);	/* nothing ever comes: main kills us */
		test_fail("ipc_senda_mute", "woke up");
		return 1;
	}
	if (argc >= 2 && strcmp(argv[1], "dest") == 0) {
		test_set_program("ipc_senda_dest");
		if ((main_ep = test_find_peer("ipc_senda")) != NONE)
			run_dest(main_ep);
		return test_done();
	}
	run_main();
	return test_done();
}
