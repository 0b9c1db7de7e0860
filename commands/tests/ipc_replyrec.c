/*
 * ipc_replyrec.c - REPLYREC, a server's answer and its next receive in one trap
 * (handouts/ipc.md, "REPLYREC").
 *
 * Grader: the REPLYREC test boots VM and three processes:
 *     ipc_replyrec priv=sys server
 *     ipc_replyrec priv=sys client
 *     ipc_replyrec priv=user user
 * and expects a PASS line for every case, no FAIL line, and DONE lines from all three.
 *
 * The server makes every receive with ipc_replyrec(); the client drives it:
 *   1. SENDREC HELLO: the server's first call has no answer to send (NONE) and gets HELLO;
 *      it answers ANSWER(42) with the REPLYREC that receives the client's next message.
 *      The client checks the answer, its sender and that it came by SENDNB (the status the
 *      client's receive half gets is that of a SENDNB: REPLYREC's answer is one).
 *   2. SEND NOWAIT, then SENDREC NEXT: the server's answer to NOWAIT finds the client not
 *      waiting for it (sending NEXT, or not yet in a call): -ENOTREADY for the answer, and
 *      the same call still receives NEXT from the caller queue (the general path).
 *   3. Three SENDs of a TOKEN: the server "answers" a dead endpoint (EDEADSRCDST), ANY
 *      (EINVAL) and itself (ELOCKED); each time the receive half still takes the TOKEN.
 *   4. SENDREC RDONLY: the server's REPLYREC from a buffer it may only read (its own text)
 *      and from an unmapped address both fail with EFAULT before anything is sent or
 *      received; then it answers from its own buffer, and the client must see that answer
 *      (7), not the text's bytes.
 *   5. SEND QUIT: the server's last REPLYREC receives it, and both print DONE.
 * The user process's REPLYREC is refused (ETRAPDENIED: users may only SENDREC).
 */
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

#define HELLO   (TEST_RQ_BASE + 1)
#define ANSWER  (TEST_RQ_BASE + 2)
#define NOWAIT  (TEST_RQ_BASE + 3)
#define NEXT    (TEST_RQ_BASE + 4)
#define TOKEN   (TEST_RQ_BASE + 5)
#define RDONLY  (TEST_RQ_BASE + 6)
#define QUIT    (TEST_RQ_BASE + 9)

/* REPLYREC of an answer of type t with value v to `to`; the received message in *m.  The
 * call's result; the answer's in *reply_r. */
static int
answer(endpoint_t to, message *m, int t, uint32_t v, int *status, int *reply_r)
{
	memset(m, 0, sizeof(*m));
	m->m_type = t;
	m->m_u32.m_u32[0] = v;
	return ipc_replyrec(to, m, status, reply_r);
}

/* The server's REPLYREC with a bad answer destination `to`: EFAULT-free, the answer's
 * error `want`, and the client's TOKEN received all the same. */
static void
bad_destination(const char *name, endpoint_t to, int want)
{
	message m;
	int status, reply_r, r = answer(to, &m, ANSWER, 0, &status, &reply_r);

	if (r != OK)
		test_fail(name, "the receive half: %s", test_errname(r));
	else if (reply_r != want)
		test_fail(name, "the answer's result %s, want %s", test_errname(reply_r),
			  test_errname(want));
	else
		test_check(name, m.m_type == TOKEN, "received type 0x%x, want TOKEN", m.m_type);
}

/* Steps 1 and 2 of the server. */
static endpoint_t
server_first(void)
{
	endpoint_t client;
	message m;
	int status, reply_r, r;

	r = ipc_replyrec(NONE, &m, &status, &reply_r);
	if (!test_check("replyrec_none_receives", r == OK && reply_r == OK && m.m_type == HELLO &&
			IPC_STATUS_CALL(status) == SENDREC,
			"r %s, answer %s, type 0x%x, status 0x%x", test_errname(r),
			test_errname(reply_r), m.m_type, status))
		exit(1);
	client = m.m_source;
	r = answer(client, &m, ANSWER, 42, &status, &reply_r);
	test_check("replyrec_answer_then_receive", r == OK && reply_r == OK && m.m_type == NOWAIT &&
		   IPC_STATUS_CALL(status) == SEND, "r %s, answer %s, type 0x%x, status 0x%x",
		   test_errname(r), test_errname(reply_r), m.m_type, status);
	r = answer(client, &m, ANSWER, 43, &status, &reply_r);
	test_check("replyrec_not_waiting", r == OK && reply_r == -ENOTREADY && m.m_type == NEXT,
		   "r %s, answer %s (want ENOTREADY), type 0x%x", test_errname(r),
		   test_errname(reply_r), m.m_type);
	return client;
}

static void
server(void)
{
	endpoint_t client = server_first(), dead = MAKE_ENDPOINT(77, NR_PROCS - 1);
	message m, *unmapped = (message *)0x10;
	int status, reply_r, r;

	r = answer(client, &m, ANSWER, 44, &status, &reply_r);	/* NEXT's answer; a TOKEN */
	test_check("replyrec_next_answered", r == OK && reply_r == OK && m.m_type == TOKEN,
		   "r %s, answer %s, type 0x%x", test_errname(r), test_errname(reply_r), m.m_type);
	bad_destination("replyrec_dead_destination", dead, -EDEADSRCDST);
	bad_destination("replyrec_any_destination", ANY, -EINVAL);
	bad_destination("replyrec_self_destination", SELF, -ELOCKED);
	r = ipc_replyrec(client, &m, &status, &reply_r);	/* the last TOKEN's "answer": */
	test_check("replyrec_rdonly_request", r == OK && m.m_type == RDONLY,	/* dropped */
		   "r %s, type 0x%x", test_errname(r), m.m_type);
	test_expect("replyrec_readonly_buffer",
		    ipc_replyrec(client, (message *)(uintptr_t)answer, &status, &reply_r), -EFAULT);
	test_expect("replyrec_unmapped_buffer", ipc_replyrec(client, unmapped, &status, &reply_r),
		    -EFAULT);
	r = answer(client, &m, ANSWER, 7, &status, &reply_r);
	test_check("replyrec_quit", r == OK && reply_r == OK && m.m_type == QUIT,
		   "r %s, answer %s, type 0x%x", test_errname(r), test_errname(reply_r), m.m_type);
	test_set_program("ipc_replyrec_server");
	test_done();
	exit(0);
}

/* SEND a message of type t to srv; 1 if it went. */
static int
send_type(endpoint_t srv, int t)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = t;
	return test_expect("replyrec_client_send", ipc_send(srv, &m), OK);
}

/* SENDREC a message of type t to srv; the answer's value, or ~0u (FAIL printed). */
static uint32_t
call(endpoint_t srv, int t)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = t;
	if ((r = ipc_sendrec(srv, &m)) != OK || m.m_type != ANSWER || m.m_source != srv) {
		test_fail("replyrec_client_call", "type 0x%x: r %s, answer type 0x%x from %d", t,
			  test_errname(r), m.m_type, m.m_source);
		return ~0u;
	}
	return m.m_u32.m_u32[0];
}

static void
client(void)
{
	endpoint_t srv = test_find_peer("ipc_replyrec");
	uint32_t v;
	int k;

	if (srv == NONE) {
		test_fail("replyrec_client", "no server");
		exit(1);
	}
	v = call(srv, HELLO);
	test_check("replyrec_answer_seen", v == 42, "answer %u, want 42", v);
	send_type(srv, NOWAIT);
	v = call(srv, NEXT);
	test_check("replyrec_next_answer_seen", v == 44, "answer %u, want 44", v);
	for (k = 0; k < 4; k++)
		send_type(srv, TOKEN);
	v = call(srv, RDONLY);
	test_check("replyrec_nothing_sent_on_efault", v == 7, "answer %u, want 7", v);
	send_type(srv, QUIT);
	test_set_program("ipc_replyrec_client");
	test_done();
}

int
main(int argc, char **argv)
{
	message m;
	int status, reply_r;

	argc = test_init("ipc_replyrec", argc, argv);
	if (strcmp(argv[argc - 1], "server") == 0)
		server();
	if (strcmp(argv[argc - 1], "client") == 0) {
		client();
		return 0;
	}
	memset(&m, 0, sizeof(m));
	test_expect("replyrec_user_refused", ipc_replyrec(NONE, &m, &status, &reply_r),
		    -ETRAPDENIED);
	test_set_program("ipc_replyrec_user");
	test_done();
	return 0;
}
