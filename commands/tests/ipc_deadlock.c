/*
 * ipc_deadlock.c - cycles of blocked processes: the call that would close one fails with
 * ELOCKED instead of blocking everyone forever (handouts/ipc.md, "Deadlock detection").
 *
 * Grader: the deadlock test boots three system processes, in this order:
 *     ipc_deadlock priv=sys a
 *     ipc_deadlock priv=sys b
 *     ipc_deadlock priv=sys c
 * and expects PASS for every case, no FAIL, and the DONE lines of ipc_deadlock_a, _b and _c.
 * Each finds the others by slot order among the processes running this program (a is the
 * first, b the second, c the third).
 *
 * Round 1, two senders: A SENDs HELLO to B and blocks, since B is not receiving.  B polls
 * the process table until A is blocked sending to B (this needs timer preemption), then
 * SENDs to A, which would close the cycle A -> B -> A: ELOCKED.  B then RECEIVEs A's HELLO.
 * Round 2, two receivers: A RECEIVEs from B and blocks; once it is blocked, B's RECEIVE
 * from A would close a cycle: ELOCKED.  B then SENDs WAKE to A.
 * Round 3, a cycle of three: A SENDs HELLO2 to B and blocks; B SENDs HOP to C and blocks;
 * once both are blocked, C's SEND to A would close A -> B -> C -> A: ELOCKED.  C then
 * RECEIVEs B's HOP, and B RECEIVEs A's HELLO2, which unblocks everyone.
 */
#include <stdio.h>
#include <string.h>
#include "testlib.h"

#define HELLO           (TEST_RQ_BASE + 30)     /* a -> b, round 1 */
#define CYCLE           (TEST_RQ_BASE + 31)     /* b -> a or c -> a: must not be delivered */
#define WAKE            (TEST_RQ_BASE + 32)     /* b -> a, round 2 */
#define HELLO2          (TEST_RQ_BASE + 33)     /* a -> b, round 3 */
#define HOP             (TEST_RQ_BASE + 34)     /* b -> c, round 3 */
#define HELLO_WORD      0x600DF00Du

static endpoint_t a_ep, b_ep, c_ep;

struct blocked_on {
	endpoint_t who, on;
	int sending;            /* 1: blocked sending to `on`; 0: receiving from it */
};

/* test_poll() condition: are three processes running this program? */
static int
three_present(void *arg)
{
	(void)arg;
	return test_nth_of_program(2) != NONE;
}

/* test_poll() condition: is who blocked sending to (or receiving from) on? */
static int
is_blocked_on(void *arg)
{
	const struct blocked_on *b = arg;
	struct proc_info pi;

	return sys_getproc(b->who, &pi) == OK &&
		(b->sending ? pi.pi_sendto : pi.pi_getfrom) == b->on;
}

/* Wait until who is blocked sending to / receiving from on; a FAIL line if it never is. */
static int
wait_blocked(const char *name, endpoint_t who, endpoint_t on, int sending)
{
	struct blocked_on b = { who, on, sending };

	return test_check(name, test_poll(is_blocked_on, &b, 10), "%d never blocked %s %d",
		who, sending ? "sending to" : "receiving from", on);
}

static int
send_type(const char *name, endpoint_t to, int type)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_u32.m_u32[0] = HELLO_WORD;
	return test_expect(name, ipc_send(to, &m), OK);
}

/* RECEIVE from `from` and check it is `type`, SENT by from. */
static void
receive_type(const char *name, endpoint_t from, int type)
{
	message m;
	int status, r = ipc_receive(from, &m, &status);

	if (r != OK)
		test_fail(name, "receive: %s", test_errname(r));
	else
		test_check(name, m.m_type == type && m.m_source == from &&
			m.m_u32.m_u32[0] == HELLO_WORD && IPC_STATUS_CALL(status) == SEND,
			"got type 0x%x from %d, word 0x%x, status 0x%x",
			m.m_type, m.m_source, m.m_u32.m_u32[0], status);
}

static void
role_a(void)
{
	if (!send_type("ipc_deadlock_a_send", b_ep, HELLO))
		return;
	receive_type("ipc_deadlock_a_wake", b_ep, WAKE);
	send_type("ipc_deadlock_a_send2", b_ep, HELLO2);
}

static void
role_b(void)
{
	message m;

	if (!wait_blocked("ipc_deadlock_a_blocked", a_ep, b_ep, 1))
		return;
	memset(&m, 0, sizeof(m));
	m.m_type = CYCLE;
	test_expect("ipc_deadlock_elocked", ipc_send(a_ep, &m), -ELOCKED);
	receive_type("ipc_deadlock_hello", a_ep, HELLO);

	if (!wait_blocked("ipc_deadlock_a_receiving", a_ep, b_ep, 0))
		return;
	test_expect("ipc_deadlock_receive_elocked", ipc_receive(a_ep, &m, NULL), -ELOCKED);
	if (!send_type("ipc_deadlock_wake", a_ep, WAKE))
		return;

	if (!wait_blocked("ipc_deadlock_a_blocked2", a_ep, b_ep, 1))
		return;
	if (send_type("ipc_deadlock_hop", c_ep, HOP))
		receive_type("ipc_deadlock_hello2", a_ep, HELLO2);
}

static void
role_c(void)
{
	message m;

	if (!wait_blocked("ipc_deadlock_b_blocked", b_ep, c_ep, 1) ||
	    !wait_blocked("ipc_deadlock_a_blocked3", a_ep, b_ep, 1))
		return;
	memset(&m, 0, sizeof(m));
	m.m_type = CYCLE;
	test_expect("ipc_deadlock_cycle3_elocked", ipc_send(a_ep, &m), -ELOCKED);
	receive_type("ipc_deadlock_hop_received", b_ep, HOP);
}

int
main(int argc, char **argv)
{
	static const char *roles[] = { "a", "b", "c" };
	char program[32];
	int role;

	argc = test_init("ipc_deadlock", argc, argv);
	for (role = 0; role < 3 && !(argc == 2 && strcmp(argv[1], roles[role]) == 0); role++)
		;
	if (role == 3) {
		test_fail("ipc_deadlock_usage", "ipc_deadlock a | b | c");
		return test_done();
	}
	snprintf(program, sizeof(program), "ipc_deadlock_%s", roles[role]);
	test_set_program(program);
	if (!test_check("ipc_deadlock_peers", test_poll(three_present, NULL, 5),
			"want three ipc_deadlock processes"))
		return test_done();
	a_ep = test_nth_of_program(0);
	b_ep = test_nth_of_program(1);
	c_ep = test_nth_of_program(2);
	if (role == 0)
		role_a();
	else if (role == 1)
		role_b();
	else
		role_c();
	return test_done();
}
