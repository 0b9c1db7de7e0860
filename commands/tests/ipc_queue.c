/*
 * ipc_queue.c - a receiver's caller queue: senders are served first come, first served, a
 * RECEIVE from one endpoint takes that sender's message wherever it waits in the queue, and
 * a queued SENDREC is received with status call SENDREC (handouts/ipc.md, SEND, RECEIVE and
 * SENDREC).
 *
 * Grader: the queue test boots four system processes, in this order:
 *     ipc_queue priv=sys recv
 *     ipc_queue priv=sys send          (three times: senders 1, 2 and 3)
 * and expects PASS for every case, no FAIL, and the DONE lines of ipc_queue_recv,
 * ipc_queue_s1, ipc_queue_s2 and ipc_queue_s3.  Each process finds the others by slot order
 * among the processes running this program (the receiver is the first).
 *
 * Sender 1 SENDs M1 to the receiver, which is busy, and blocks; sender 2 waits until sender
 * 1 is blocked and SENDs M2; sender 3 waits until sender 2 is blocked and SENDRECs M3.  The
 * receiver waits until all three are queued, then RECEIVEs from sender 2 (M2, by SEND), from
 * ANY (M1: the oldest), from ANY again (M3, by SENDREC), and replies to sender 3.
 * The receiver is busy when each sender calls, so the kernel's IPC fast path must leave every
 * send to the general path: each sender's fast-path count (pi_ipc_fast) stays the same
 * (ipc_queue_s<k>_slow_path; handouts/ipc.md, "The fast path").
 */
#include <stdio.h>
#include <string.h>
#include "testlib.h"

#define M_FIRST         (TEST_RQ_BASE + 40)     /* sender k sends type M_FIRST + k */
#define REPLY           (TEST_RQ_BASE + 49)     /* receiver -> sender 3 */
#define SENDERS         3

static endpoint_t ep[SENDERS + 1];      /* ep[0]: the receiver; ep[k]: sender k */

/* test_poll() condition: are all SENDERS + 1 processes there? */
static int
all_present(void *arg)
{
	(void)arg;
	return test_nth_of_program(SENDERS) != NONE;
}

/* test_poll() condition: is sender *k blocked sending to the receiver? */
static int
sender_queued(void *arg)
{
	struct proc_info pi;

	return sys_getproc(ep[*(int *)arg], &pi) == OK && pi.pi_sendto == ep[0];
}

static int
wait_queued(int k)
{
	char name[40];

	snprintf(name, sizeof(name), "ipc_queue_s%d_queued", k);
	return test_check(name, test_poll(sender_queued, &k, 10),
		"sender %d never blocked sending to the receiver", k);
}

/* RECEIVE from `from` and check the message is sender k's, delivered by `call`. */
static void
expect_from(const char *name, endpoint_t from, int k, int call)
{
	message m;
	int status, r = ipc_receive(from, &m, &status);

	if (r != OK) {
		test_fail(name, "receive: %s", test_errname(r));
		return;
	}
	test_check(name, m.m_type == M_FIRST + k && m.m_source == ep[k] &&
		m.m_u32.m_u32[0] == (uint32_t)k && IPC_STATUS_CALL(status) == call,
		"got type 0x%x from %d (word %u, status 0x%x), want sender %d's (%d) by %s",
		m.m_type, m.m_source, m.m_u32.m_u32[0], status, k, ep[k],
		call == SEND ? "SEND" : "SENDREC");
}

static void
receiver(void)
{
	message m;

	for (int k = 1; k <= SENDERS; k++)
		if (!wait_queued(k))
			return;
	expect_from("ipc_queue_by_source", ep[2], 2, SEND);
	expect_from("ipc_queue_fifo_first", ANY, 1, SEND);
	expect_from("ipc_queue_sendrec_status", ANY, 3, SENDREC);
	memset(&m, 0, sizeof(m));
	m.m_type = REPLY;
	test_expect("ipc_queue_reply", ipc_send(ep[3], &m), OK);
}

static void
sender(int k)
{
	uint32_t fast;
	char name[40];
	message m;

	if (k > 1 && !wait_queued(k - 1))
		return;
	memset(&m, 0, sizeof(m));
	m.m_type = M_FIRST + k;
	m.m_u32.m_u32[0] = (uint32_t)k;
	snprintf(name, sizeof(name), "ipc_queue_s%d_send", k);
	fast = test_ipc_fast(ep[k]);
	if (k < SENDERS) {
		test_expect(name, ipc_send(ep[0], &m), OK);
	} else if (test_expect(name, ipc_sendrec(ep[0], &m), OK)) {
		test_check("ipc_queue_s3_reply", m.m_type == REPLY && m.m_source == ep[0],
			"the reply was type 0x%x from %d", m.m_type, m.m_source);
	}
	snprintf(name, sizeof(name), "ipc_queue_s%d_slow_path", k);
	test_check(name, test_ipc_fast(ep[k]) == fast,
		"the fast path ran a send to a busy receiver (count %u -> %u)", fast,
		test_ipc_fast(ep[k]));
}

int
main(int argc, char **argv)
{
	endpoint_t self;
	char program[32];
	int i, me;

	argc = test_init("ipc_queue", argc, argv);
	if (argc != 2 || (strcmp(argv[1], "recv") != 0 && strcmp(argv[1], "send") != 0)) {
		test_fail("ipc_queue_usage", "ipc_queue recv | send");
		return test_done();
	}
	if (!test_check("ipc_queue_peers", test_poll(all_present, NULL, 5),
			"want %d ipc_queue processes", SENDERS + 1))
		return test_done();
	sys_whoami(&self, NULL, 0, NULL);
	for (me = -1, i = 0; i <= SENDERS; i++)
		if ((ep[i] = test_nth_of_program(i)) == self)
			me = i;
	if (!test_check("ipc_queue_role", me >= 0 && (me == 0) == (argv[1][0] == 'r'),
			"slot order puts this process at %d for role %s", me, argv[1]))
		return test_done();
	snprintf(program, sizeof(program), me == 0 ? "ipc_queue_recv" : "ipc_queue_s%d", me);
	test_set_program(program);
	if (me == 0)
		receiver();
	else
		sender(me);
	return test_done();
}
