/*
 * ipc_deadlock.c - two processes SEND to each other: the send that would close the cycle
 * fails with ELOCKED instead of blocking both forever (handouts/ipc.md, "Deadlock detection").
 *
 * Grader: the deadlock test boots two system processes:
 *     ipc_deadlock priv=sys a <name of b>
 *     ipc_deadlock priv=sys b <name of a>
 * and expects PASS for every case, no FAIL, and the DONE lines of ipc_deadlock_a and
 * ipc_deadlock_b.
 *
 * A SENDs HELLO to B at once and blocks, since B is not receiving.  B polls the process
 * table until A is blocked sending to B (pi_sendto; this needs timer preemption), then SENDs
 * to A, which would close the cycle A -> B -> A: the kernel must answer ELOCKED.  B then
 * RECEIVEs A's HELLO, which ends A's SEND with OK.
 */
#include <string.h>
#include "testlib.h"

#define HELLO           (TEST_RQ_BASE + 30)     /* a -> b */
#define CYCLE           (TEST_RQ_BASE + 31)     /* b -> a: must not be delivered */
#define HELLO_WORD      0x600DF00Du

static void
role_a(endpoint_t b)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = HELLO;
	m.m_u32.m_u32[0] = HELLO_WORD;
	test_expect("ipc_deadlock_a_send", ipc_send(b, &m), OK);
}

static endpoint_t watched_a, b_self;

/* test_poll() condition: is A blocked sending to B? */
static int
a_sending_to_b(void *arg)
{
	struct proc_info pi;

	(void)arg;
	return sys_getproc(watched_a, &pi) == OK && pi.pi_sendto == b_self;
}

static void
role_b(endpoint_t a)
{
	message m;
	int status, r;

	watched_a = a;
	sys_whoami(&b_self, NULL, 0, NULL);
	if (!test_check("ipc_deadlock_a_blocked", test_poll(a_sending_to_b, NULL, 10),
			"A never blocked sending to B"))
		return;
	memset(&m, 0, sizeof(m));
	m.m_type = CYCLE;
	test_expect("ipc_deadlock_elocked", ipc_send(a, &m), -ELOCKED);
	r = ipc_receive(a, &m, &status);
	if (test_expect("ipc_deadlock_receive", r, OK))
		test_check("ipc_deadlock_hello", m.m_type == HELLO && m.m_source == a &&
			m.m_u32.m_u32[0] == HELLO_WORD && IPC_STATUS_CALL(status) == SEND,
			"got type 0x%x from %d, word 0x%x, status 0x%x",
			m.m_type, m.m_source, m.m_u32.m_u32[0], status);
}

int
main(int argc, char **argv)
{
	endpoint_t peer;
	int is_a;

	argc = test_init("ipc_deadlock", argc, argv);
	if (argc != 3 || (strcmp(argv[1], "a") != 0 && strcmp(argv[1], "b") != 0)) {
		test_fail("ipc_deadlock_usage", "ipc_deadlock a <b> | b <a>");
		return test_done();
	}
	is_a = strcmp(argv[1], "a") == 0;
	test_set_program(is_a ? "ipc_deadlock_a" : "ipc_deadlock_b");
	if ((peer = test_find_peer(argv[2])) != NONE) {
		if (is_a)
			role_a(peer);
		else
			role_b(peer);
	}
	return test_done();
}
