/*
 * ipc_notify.c - notifications collapse: 100 NOTIFYs to a process that is not receiving
 * leave exactly one notification, and none is delivered to a process waiting for its SENDREC
 * reply (handouts/ipc.md, "NOTIFY" and "SENDREC").
 *
 * Grader: the notify test boots two system processes:
 *     ipc_notify priv=sys sink <source name>
 *     ipc_notify priv=sys source <sink name>
 * and expects PASS for every case of both, no FAIL, and the two DONE lines
 * (ipc_notify_sink, ipc_notify_source).
 *
 * Round 0 (pending before SENDREC): the source NOTIFYs the sink once, then RECEIVEs from it;
 * the sink waits until the source is receiving (so the notification is pending) and SENDRECs
 * READY, which the source gets at once (status call SENDREC).  The kernel's IPC fast path
 * must leave this SENDREC to the general path (a notification is pending): the sink's
 * fast-path count (pi_ipc_fast) stays the same (ipc_notify_sendrec_slow_path).
 * Round 1 (SENDREC): while the sink waits for the reply, notifications must not be delivered:
 * neither the one pending from round 0 nor the source's 100 new NOTIFYs; the source replies,
 * then SENDs a MARKER.  The sink must get the reply, then exactly one notification from the
 * source (status call NOTIFY), then the MARKER.
 * Round 2 (busy): the source sends 100 NOTIFYs while the sink runs (it polls the process
 * table until the source is blocked sending it MARKER2, which needs timer preemption), then
 * the sink must again receive one notification and then MARKER2.
 * Round 3 (pending before RECEIVE): the source NOTIFYs once more and RECEIVEs from the sink;
 * once it is receiving (the notification pending, nobody queued), the sink's RECEIVE from
 * ANY must return the notification at once: the fast path blocks a RECEIVE only when nothing
 * is pending (handouts/ipc.md, "The fast path"), and a kernel that blocked here would hang
 * the sink.  The sink then SENDs MARKER3, which ends the source's wait.
 */
#include <string.h>
#include "testlib.h"

#define READY           (TEST_RQ_BASE + 20)     /* sink -> source, by SENDREC */
#define REPLY           (TEST_RQ_BASE + 21)     /* source -> sink: the reply */
#define MARKER          (TEST_RQ_BASE + 22)     /* source -> sink after round 1 */
#define MARKER2         (TEST_RQ_BASE + 23)     /* source -> sink after round 2 */
#define MARKER3         (TEST_RQ_BASE + 24)     /* sink -> source after round 3 */
#define NOTIFIES        100

/* Receive from ANY and check it is a notification from `source`. */
static void
expect_notification(const char *name, endpoint_t source)
{
	message m;
	int status, r = ipc_receive(ANY, &m, &status);

	if (r != OK) {
		test_fail(name, "receive: %s", test_errname(r));
		return;
	}
	test_check(name, m.m_type == NOTIFY_MESSAGE && m.m_source == source &&
		IPC_STATUS_CALL(status) == NOTIFY,
		"got type 0x%x from %d (status 0x%x), want a notification from %d",
		m.m_type, m.m_source, status, source);
}

/* Receive from ANY and check it is the message `type` SENT by `source`. */
static void
expect_marker(const char *name, endpoint_t source, int type)
{
	message m;
	int status, r = ipc_receive(ANY, &m, &status);

	if (r != OK) {
		test_fail(name, "receive: %s", test_errname(r));
		return;
	}
	test_check(name, m.m_type == type && m.m_source == source &&
		IPC_STATUS_CALL(status) == SEND,
		"got type 0x%x from %d (status 0x%x), want 0x%x from %d by SEND",
		m.m_type, m.m_source, status, type, source);
}

static endpoint_t watched_source, sink_self;

/* test_poll() condition: is the source blocked sending to the sink? */
static int
source_sending_to_sink(void *arg)
{
	struct proc_info pi;

	(void)arg;
	return sys_getproc(watched_source, &pi) == OK && pi.pi_sendto == sink_self;
}

/* test_poll() condition: is the source blocked receiving from the sink? */
static int
source_receiving_from_sink(void *arg)
{
	struct proc_info pi;

	(void)arg;
	return sys_getproc(watched_source, &pi) == OK && pi.pi_getfrom == sink_self;
}

/* Round 3: a RECEIVE from ANY with only a notification pending takes it at once. */
static void
pending_before_receive(endpoint_t source)
{
	message m;

	if (!test_check("ipc_notify_pending_before_receive",
			test_poll(source_receiving_from_sink, NULL, 10),
			"the source never blocked receiving from the sink"))
		return;
	expect_notification("ipc_notify_receive_takes_pending", source);
	memset(&m, 0, sizeof(m));
	m.m_type = MARKER3;
	test_expect("ipc_notify_marker3", ipc_send(source, &m), OK);
}

static void
sink(endpoint_t source)
{
	uint32_t fast;
	message m;

	watched_source = source;
	sys_whoami(&sink_self, NULL, 0, NULL);
	if (!test_check("ipc_notify_pending_before_sendrec",
			test_poll(source_receiving_from_sink, NULL, 10),
			"the source never blocked receiving from the sink"))
		return;
	memset(&m, 0, sizeof(m));
	m.m_type = READY;
	fast = test_ipc_fast(sink_self);
	if (test_expect("ipc_notify_sendrec", ipc_sendrec(source, &m), OK))
		test_check("ipc_notify_reply_first", m.m_type == REPLY && m.m_source == source,
			"SENDREC's reply was type 0x%x from %d", m.m_type, m.m_source);
	test_check("ipc_notify_sendrec_slow_path", test_ipc_fast(sink_self) == fast,
		"the fast path ran the SENDREC with a notification pending (count %u -> %u)",
		fast, test_ipc_fast(sink_self));
	expect_notification("ipc_notify_one_after_sendrec", source);
	expect_marker("ipc_notify_marker_after_sendrec", source, MARKER);

	if (!test_poll(source_sending_to_sink, NULL, 10)) {
		test_fail("ipc_notify_busy", "the source never blocked sending to the sink");
		return;
	}
	expect_notification("ipc_notify_one_while_busy", source);
	expect_marker("ipc_notify_marker_while_busy", source, MARKER2);
	pending_before_receive(source);
}

/* NOTIFY the sink NOTIFIES times; all must succeed. */
static void
notify_many(const char *name, endpoint_t sink_ep)
{
	int i, r = OK;

	for (i = 0; i < NOTIFIES && r == OK; i++)
		r = ipc_notify(sink_ep);
	test_check(name, r == OK, "notify %d: %s", i, test_errname(r));
}

/* SEND the sink an empty message of `type`. */
static void
send_type(const char *name, endpoint_t sink_ep, int type)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	test_expect(name, ipc_send(sink_ep, &m), OK);
}

static void
source(endpoint_t sink_ep)
{
	message m;
	int status;

	test_expect("ipc_notify_source_round0", ipc_notify(sink_ep), OK);
	if (!test_expect("ipc_notify_source_receive", ipc_receive(sink_ep, &m, &status), OK))
		return;
	test_check("ipc_notify_source_ready", m.m_type == READY && IPC_STATUS_CALL(status) ==
		SENDREC, "got type 0x%x, status 0x%x", m.m_type, status);
	notify_many("ipc_notify_source_round1", sink_ep);
	send_type("ipc_notify_source_reply", sink_ep, REPLY);
	send_type("ipc_notify_source_marker", sink_ep, MARKER);
	notify_many("ipc_notify_source_round2", sink_ep);
	send_type("ipc_notify_source_marker2", sink_ep, MARKER2);
	test_expect("ipc_notify_source_round3", ipc_notify(sink_ep), OK);
	if (test_expect("ipc_notify_source_receive3", ipc_receive(sink_ep, &m, &status), OK))
		test_check("ipc_notify_source_marker3", m.m_type == MARKER3,
			"got type 0x%x, want MARKER3", m.m_type);
}

int
main(int argc, char **argv)
{
	endpoint_t peer;
	int is_sink;

	argc = test_init("ipc_notify", argc, argv);
	if (argc != 3 || (strcmp(argv[1], "sink") != 0 && strcmp(argv[1], "source") != 0)) {
		test_fail("ipc_notify_usage", "ipc_notify sink <source> | source <sink>");
		return test_done();
	}
	is_sink = strcmp(argv[1], "sink") == 0;
	test_set_program(is_sink ? "ipc_notify_sink" : "ipc_notify_source");
	if ((peer = test_find_peer(argv[2])) != NONE) {
		if (is_sink)
			sink(peer);
		else
			source(peer);
	}
	return test_done();
}
