/*
 * ipc_pingpong.c - SENDREC round trips between a client and a server (handouts/ipc.md,
 * "The primitives": SEND/RECEIVE/SENDREC, message copy, m_source stamping).
 *
 * Grader: the IPC ping-pong test boots two modules (both system processes):
 *     ipc_pingpong priv=sys server
 *     ipc_pingpong priv=sys client ipc_pingpong 10000
 * (the two may have the same process name: the client looks for a process of that name
 * other than itself).  Expected output: "PASS ipc_pingpong_10000", "PASS ipc_pingpong_fastpath",
 * "PASS ipc_pingpong_quit", "DONE ipc_pingpong 3 passed, 0 failed".
 *
 * Server: RECEIVE from ANY; a PING is answered with SEND of the same message with m_type + 1
 * (PONG) and the last payload word replaced by the number of PINGs served so far; QUIT makes
 * it exit(0).  Client: n SENDRECs, each checking the reply's type, source, the 13 echoed
 * payload words and the server's count; then it SENDs QUIT.
 *
 * ipc_pingpong_fastpath: the kernel's per-process count of calls its IPC fast path ran
 * (proc_info.pi_ipc_fast; handouts/ipc.md, "The fast path") must have grown by at least
 * 9/10 of n and at most n for the client (its SENDRECs found the server waiting in RECEIVE,
 * except when a clock tick let the client run first) and for the server (its replies found
 * the client waiting in its SENDREC).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

#define PING            (TEST_RQ_BASE + 0)
#define PONG            (TEST_RQ_BASE + 1)
#define QUIT            (TEST_RQ_BASE + 99)
#define COUNT_WORD      13      /* payload word where the server puts its count */

static void
serve(void)
{
	uint32_t served = 0;
	message m;
	int status, r;

	for (;;) {
		if ((r = ipc_receive(ANY, &m, &status)) != OK) {
			test_fail("ipc_pingpong_server", "receive: %s", test_errname(r));
			exit(1);
		}
		if (m.m_type == QUIT)
			exit(0);
		if (m.m_type != PING || (status & IPC_FLG_MSG_FROM_KERNEL))
			continue;
		m.m_type = PONG;
		m.m_u32.m_u32[COUNT_WORD] = ++served;
		if ((r = ipc_send(m.m_source, &m)) != OK)
			test_fail("ipc_pingpong_server", "reply: %s", test_errname(r));
	}
}

/* The payload of round trip i: every word different, every trip different. */
static void
fill_ping(message *m, uint32_t i)
{
	memset(m, 0, sizeof(*m));
	m->m_type = PING;
	for (int w = 0; w < COUNT_WORD; w++)
		m->m_u32.m_u32[w] = i * 0x9E3779B1u + (uint32_t)w;
}

/* Check the reply of round trip i; on a mismatch describe it in why and return 0. */
static int
check_pong(const message *m, endpoint_t server, uint32_t i, char *why, size_t len)
{
	if (m->m_type != PONG)
		return snprintf(why, len, "type 0x%x, want 0x%x", m->m_type, PONG), 0;
	if (m->m_source != server)
		return snprintf(why, len, "from %d, want %d", m->m_source, server), 0;
	for (int w = 0; w < COUNT_WORD; w++)
		if (m->m_u32.m_u32[w] != i * 0x9E3779B1u + (uint32_t)w)
			return snprintf(why, len, "payload word %d is 0x%x", w,
				m->m_u32.m_u32[w]), 0;
	if (m->m_u32.m_u32[COUNT_WORD] != i + 1)
		return snprintf(why, len, "server count %u, want %u",
			m->m_u32.m_u32[COUNT_WORD], i + 1), 0;
	return 1;
}

/* Did the fast-path count of e grow by between 9/10 of n and n since before? */
static int
fast_grew(endpoint_t e, uint32_t before, uint32_t n, char *why, size_t len)
{
	uint32_t grew = test_ipc_fast(e) - before;

	if (grew * 10 < n * 9 || grew > n)
		return snprintf(why, len, "endpoint %d: %u fast-path calls in %u round trips",
				e, grew, n), 0;
	return 1;
}

static void
run_client(endpoint_t server, uint32_t n)
{
	char name[40], why[100];
	uint32_t t0 = 0, t1 = 0;
	message m;
	int r;

	endpoint_t self;
	uint32_t fast_self, fast_server;

	snprintf(name, sizeof(name), "ipc_pingpong_%u", n);
	if (sys_whoami(&self, NULL, 0, NULL) != OK)
		self = NONE;
	fast_self = test_ipc_fast(self);
	fast_server = test_ipc_fast(server);
	sys_times(NONE, NULL, NULL, &t0);
	for (uint32_t i = 0; i < n; i++) {
		fill_ping(&m, i);
		if ((r = ipc_sendrec(server, &m)) != OK) {
			test_fail(name, "round trip %u: sendrec: %s", i, test_errname(r));
			return;
		}
		if (!check_pong(&m, server, i, why, sizeof(why))) {
			test_fail(name, "round trip %u: %s", i, why);
			return;
		}
	}
	sys_times(NONE, NULL, NULL, &t1);
	printf("ipc_pingpong: %u round trips in %u ticks\n", n, t1 - t0);
	test_pass(name);
	if (!fast_grew(self, fast_self, n, why, sizeof(why)) ||
	    !fast_grew(server, fast_server, n, why, sizeof(why)))
		test_fail("ipc_pingpong_fastpath", "%s", why);
	else
		test_pass("ipc_pingpong_fastpath");
}

int
main(int argc, char **argv)
{
	endpoint_t server;
	message m;

	argc = test_init("ipc_pingpong", argc, argv);
	if (argc == 2 && strcmp(argv[1], "server") == 0)
		serve();
	if (argc != 4 || strcmp(argv[1], "client") != 0) {
		test_fail("ipc_pingpong_usage", "ipc_pingpong server | client <server> <n>");
		return test_done();
	}
	if ((server = test_find_peer(argv[2])) == NONE)
		return test_done();
	run_client(server, (uint32_t)strtoul(argv[3], NULL, 10));
	memset(&m, 0, sizeof(m));
	m.m_type = QUIT;
	test_expect("ipc_pingpong_quit", ipc_send(server, &m), OK);
	return test_done();
}
