/*
 * ipc_mask.c - IPC masks, stale endpoints, and partners that die while one waits for them
 * (handouts/ipc.md, "Privileges", "Endpoints and generations", "When a partner dies";
 * boot.c's ipc= module argument).
 *
 * Grader: the mask tests (grader/tests/kcalls.py) boot VM and, in this order:
 *     ipc_mask priv=sys main               runs the cases below
 *     ipc_mask priv=sys restricted ipc=vm  may send only to VM
 *     ipc_mask priv=sys gone               exits as soon as main says so
 *     ipc_mask priv=sys server             takes main's request and exits without replying
 *     ipc_mask priv=sys deaf               never receives; exits while main is sending to it
 * and expects a PASS line for every case, no FAIL line, and the DONE lines of ipc_mask and
 * ipc_mask_restricted.  Main finds the others as the 1st..4th ipc_mask process after itself
 * in slot order; they find main as the first ipc_mask process.
 *
 * restricted: SEND, SENDNB, NOTIFY and SENDREC to main are ECALLDENIED, and so is a SENDA
 *     entry for main (its result); a SENDREC to VM (VM_INFO) works; it may still RECEIVE
 *     from main, whose own mask is not restricted.
 * gone: main learns its endpoint, tells it to exit and waits until its slot is free.  Then
 *     SEND, SENDREC, NOTIFY and SENDNB to the old endpoint are EDEADSRCDST, and GET_PROC of
 *     it fails.  Main then puts a new process into the same slot (sys_fork of itself, held
 *     by PFF_VMINHIBIT so it never runs): it has a new generation, so the old endpoint
 *     still names nobody while the new one is alive (SENDNB: ENOTREADY); sys_clear frees it.
 * server: main SENDRECs a request; the server receives it and exits without replying: the
 *     kernel ends main's SENDREC with EDEADSRCDST.
 * deaf: main SENDs to it; deaf waits until main is blocked sending to it and exits: main's
 *     SEND ends with EDEADSRCDST.
 */
#include <stdlib.h>
#include <string.h>
#include <minnow/vm.h>
#include "testlib.h"

#define M_PING          (TEST_RQ_BASE + 0x60)   /* main -> restricted */
#define M_GO            (TEST_RQ_BASE + 0x61)   /* main -> gone: exit now */
#define M_REQUEST       (TEST_RQ_BASE + 0x62)   /* main -> server by SENDREC */
#define M_HELLO         (TEST_RQ_BASE + 0x63)   /* main -> deaf: never received */
#define M_DENIED        (TEST_RQ_BASE + 0x64)   /* restricted -> main: must not arrive */
#define M_STALE         (TEST_RQ_BASE + 0x65)   /* main -> the dead "gone" */

static endpoint_t self = NONE;

/* test_poll() conditions. */
static endpoint_t watched;

static int
watched_receiving(void *arg)
{
	struct proc_info pi;

	(void)arg;
	return sys_getproc(watched, &pi) == OK && pi.pi_getfrom == ANY && pi.pi_sendto == NONE;
}

static int
watched_gone(void *arg)
{
	struct proc_info pi;

	(void)arg;
	return sys_getproc(watched, &pi) != OK;
}

static int
watched_sending_to_me(void *arg)
{
	struct proc_info pi;

	(void)arg;
	return sys_getproc(watched, &pi) == OK && pi.pi_sendto == self;
}

static void
fill(message *m, int type)
{
	memset(m, 0, sizeof(*m));
	m->m_type = type;
}

/* ---- restricted ------------------------------------------------------------------------ */

static asynmsg_t table[1];

static void
run_restricted(endpoint_t main_ep)
{
	message m;
	int status = 0, r;

	fill(&m, M_DENIED);
	test_expect("ipc_mask_send_denied", ipc_send(main_ep, &m), -ECALLDENIED);
	test_expect("ipc_mask_sendnb_denied", ipc_sendnb(main_ep, &m), -ECALLDENIED);
	test_expect("ipc_mask_notify_denied", ipc_notify(main_ep), -ECALLDENIED);
	test_expect("ipc_mask_sendrec_denied", ipc_sendrec(main_ep, &m), -ECALLDENIED);
	table[0].flags = AMF_VALID;
	table[0].dst = main_ep;
	table[0].msg.m_type = M_DENIED;
	test_expect("ipc_mask_senda_call", ipc_senda(table, 1), OK);
	if (test_check("ipc_mask_senda_denied_done", table[0].flags & AMF_DONE,
			"entry not done (flags 0x%x)", table[0].flags))
		test_expect("ipc_mask_senda_denied", table[0].result, -ECALLDENIED);
	ipc_senda(NULL, 0);
	fill(&m, VM_INFO);
	r = ipc_sendrec(VM_PROC_NR, &m);
	test_check("ipc_mask_allowed_target", r == OK && m.m_type == OK &&
		m.m_vm_info.total_pages > 0, "SENDREC VM_INFO to vm: %s, reply type %d",
		test_errname(r), m.m_type);
	r = ipc_receive(ANY, &m, &status);
	test_check("ipc_mask_restricted_receives", r == OK && m.m_source == main_ep &&
		m.m_type == M_PING, "receive: %s, type 0x%x from %d", test_errname(r),
		m.m_type, m.m_source);
}

/* ---- main ------------------------------------------------------------------------------ */

static void
case_restricted(endpoint_t restricted)
{
	message m;

	watched = restricted;
	if (!test_check("ipc_mask_restricted_waits", test_poll(watched_receiving, NULL, 5),
			"restricted never blocked receiving"))
		return;
	fill(&m, M_PING);
	test_expect("ipc_mask_unrestricted_sender", ipc_send(restricted, &m), OK);
}

static void
case_stale(endpoint_t gone)
{
	struct proc_info pi;
	endpoint_t child = NONE;
	message m;
	int r;

	fill(&m, M_GO);
	test_expect("ipc_mask_tell_gone", ipc_send(gone, &m), OK);
	watched = gone;
	if (!test_check("ipc_mask_gone_exits", test_poll(watched_gone, NULL, 5),
			"endpoint %d still alive", gone))
		return;
	test_expect("ipc_mask_stale_getproc", sys_getproc(gone, &pi), -EINVAL);
	fill(&m, M_STALE);
	test_expect("ipc_mask_stale_send", ipc_send(gone, &m), -EDEADSRCDST);
	test_expect("ipc_mask_stale_sendrec", ipc_sendrec(gone, &m), -EDEADSRCDST);
	test_expect("ipc_mask_stale_notify", ipc_notify(gone), -EDEADSRCDST);
	fill(&m, M_STALE);
	test_expect("ipc_mask_stale_sendnb", ipc_sendnb(gone, &m), -EDEADSRCDST);

	/* A new process in the same slot gets a new generation. */
	r = sys_fork(self, ENDPOINT_SLOT(gone), PFF_VMINHIBIT, &child);
	if (!test_expect("ipc_mask_reuse_slot", r, OK))
		return;
	test_check("ipc_mask_reuse_new_generation",
		ENDPOINT_SLOT(child) == ENDPOINT_SLOT(gone) && child != gone,
		"new process has endpoint %d, the dead one had %d", child, gone);
	test_expect("ipc_mask_reuse_old_getproc", sys_getproc(gone, &pi), -EINVAL);
	test_expect("ipc_mask_reuse_old_send", ipc_send(gone, &m), -EDEADSRCDST);
	test_expect("ipc_mask_reuse_new_getproc", sys_getproc(child, &pi), OK);
	test_expect("ipc_mask_reuse_new_alive", ipc_sendnb(child, &m), -ENOTREADY);
	test_expect("ipc_mask_reuse_clear", sys_clear(child), OK);
	test_expect("ipc_mask_reuse_cleared", sys_getproc(child, &pi), -EINVAL);
}

static void
case_server_dies(endpoint_t server)
{
	message m;

	fill(&m, M_REQUEST);
	test_expect("ipc_mask_sendrec_partner_died", ipc_sendrec(server, &m), -EDEADSRCDST);
}

static void
case_deaf_dies(endpoint_t deaf)
{
	message m;

	fill(&m, M_HELLO);
	test_expect("ipc_mask_send_partner_died", ipc_send(deaf, &m), -EDEADSRCDST);
}

static void
run_main(void)
{
	endpoint_t restricted = test_role_endpoint(1), gone = test_role_endpoint(2);
	endpoint_t server = test_role_endpoint(3), deaf = test_role_endpoint(4);

	if (!test_check("ipc_mask_roles", restricted != NONE && gone != NONE && server != NONE &&
			deaf != NONE, "restricted %d, gone %d, server %d, deaf %d: boot main, "
			"restricted, gone, server and deaf in that order", restricted, gone,
			server, deaf))
		return;
	case_restricted(restricted);
	case_stale(gone);
	case_server_dies(server);
	case_deaf_dies(deaf);
}

int
main(int argc, char **argv)
{
	const char *role = "main";
	endpoint_t main_ep = NONE;
	message m;
	int status = 0, r;

	argc = test_init("ipc_mask", argc, argv);
	sys_whoami(&self, NULL, 0, NULL);
	if (argc >= 2)
		role = argv[1];
	if (strcmp(role, "main") == 0) {
		run_main();
		return test_done();
	}
	if ((main_ep = test_find_peer("ipc_mask")) == NONE)
		return 1;
	if (strcmp(role, "restricted") == 0) {
		test_set_program("ipc_mask_restricted");
		run_restricted(main_ep);
		return test_done();
	}
	if (strcmp(role, "gone") == 0) {
		ipc_receive(main_ep, &m, NULL);
		exit(0);
	}
	if (strcmp(role, "server") == 0) {
		r = ipc_receive(ANY, &m, &status);
		test_check("ipc_mask_server_got_request", r == OK && m.m_source == main_ep &&
			m.m_type == M_REQUEST && IPC_STATUS_CALL(status) == SENDREC,
			"receive: %s, type 0x%x from %d, status 0x%x", test_errname(r), m.m_type,
			m.m_source, status);
		exit(0);	/* without replying */
	}
	if (strcmp(role, "deaf") == 0) {
		watched = main_ep;
		test_check("ipc_mask_main_sending_to_deaf",
			test_poll(watched_sending_to_me, NULL, 10),
			"main never blocked sending to deaf");
		exit(0);
	}
	test_fail("ipc_mask_role", "unknown role %s", role);
	return 1;
}
