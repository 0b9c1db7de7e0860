/*
 * ipc_errors.c - the error codes of IPC and of kernel-call dispatch, seen from a system
 * process (handouts/ipc.md, "Every error of do_ipc, in order"; handouts/kernel-calls.md,
 * "Dispatch").
 *
 * Grader: the IPC errors test boots two system processes:
 *     ipc_errors priv=sys main [<peer name>]      (default peer name: ipc_errors)
 *     ipc_errors priv=sys peer
 * and expects a PASS line for every case below, no FAIL line, and "DONE ipc_errors ...".
 * Cases where the design leaves a choice print what came, e.g.
 * "PASS ipc_errors_bad_ipc_call (ETRAPDENIED)".
 *
 * The peer receives from ANY; the main process sends it bad message pointers and SENDRECs
 * from a buffer it may only read (it must not get anything), then asks it to SEND something
 * back: while the peer is blocked sending, it is not receiving, so SENDNB to it must fail
 * with ENOTREADY (EFAULT for a bad pointer: the copy comes first); then the main process
 * receives the peer's message.  The same exchange follows with the direction flag set
 * (`std`) across both traps: the kernel must copy each message forwards all the same, so
 * the peer gets its request and the received message lands whole in its buffer with the
 * words below the buffer untouched (a kernel that kept DF copied backwards: the kernel
 * stack into the kernel, and process-table bytes below the buffer).  Then the main
 * process tells the peer to quit.  The cases that a wrong kernel could
 * block forever (receiving from oneself) come last.
 */
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

#define SEND_BACK       (TEST_RQ_BASE + 10)     /* peer: SEND a BACK to the requester */
#define BACK            (TEST_RQ_BASE + 11)     /* the peer's message */
#define QUIT            (TEST_RQ_BASE + 99)     /* peer: exit */
#define BAD_IPC_CALL    77                      /* no such IPC primitive */
#define KERNEL_ADDRESS  0xF0100000u             /* inside the kernel's mapping */

/* The peer: receive, and act on SEND_BACK and QUIT; anything else is a kernel bug. */
static void
peer(void)
{
	endpoint_t from;
	message m;
	int status, r;

	for (;;) {
		if ((r = ipc_receive(ANY, &m, &status)) != OK) {
			test_fail("ipc_errors_peer", "receive: %s", test_errname(r));
			exit(1);
		}
		if (m.m_type == QUIT)
			exit(0);
		if (m.m_type != SEND_BACK) {
			test_fail("ipc_errors_peer", "unexpected message type 0x%x from %d",
				m.m_type, m.m_source);
			continue;
		}
		from = m.m_source;
		memset(&m, 0, sizeof(m));
		m.m_type = BACK;
		if ((r = ipc_send(from, &m)) != OK)
			test_fail("ipc_errors_peer", "send back: %s", test_errname(r));
	}
}

/* An IPC trap with any call number (ipc.S only makes the valid ones); with df, the
 * direction flag set across the trap, as a broken process may have it. */
static int
raw_ipc(int call, endpoint_t endpt, void *msg, int df)
{
	int r;

	__asm__ volatile("testl %3, %3\n\t"
			 "jz 1f\n\t"
			 "std\n"
			 "1:\tint $33\n\t"
			 "cld"
			 : "=a"(r), "+b"(msg), "+c"(endpt), "+d"(df)
			 : "a"(call)
			 : "memory", "cc");
	return r;
}

static struct proc_info tab[NR_TASKS + NR_PROCS];

/* An endpoint naming a free process slot (the highest one), or NONE.  GET_PROCTAB entry i
 * describes slot i - NR_TASKS. */
static endpoint_t
free_slot_endpoint(void)
{
	if (sys_getproctab(tab) != OK)
		return NONE;
	for (int i = NR_TASKS + NR_PROCS - 1; i >= NR_TASKS; i--)
		if (tab[i].pi_endpoint == NONE)
			return MAKE_ENDPOINT(0, i - NR_TASKS);
	return NONE;
}

/* Kernel-call dispatch: unknown call numbers, a bad message address; a bad IPC call. */
static void
dispatch_cases(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	test_expect("ipc_errors_kcall_range", _kernel_call(999, &m), -EBADREQUEST);
	test_expect("ipc_errors_kcall_negative", _kernel_call(-1, &m), -EBADREQUEST);
	test_expect("ipc_errors_kcall_bad_msg", _do_kernel_call((message *)0x10), -EFAULT);
	test_expect_either("ipc_errors_bad_ipc_call", raw_ipc(BAD_IPC_CALL, ANY, &m, 0),
		-EBADCALL, -ETRAPDENIED);
}

/* Destinations that are not a live process. */
static void
endpoint_cases(endpoint_t self)
{
	endpoint_t dead = free_slot_endpoint();
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = TEST_RQ_BASE;
	test_expect("ipc_errors_send_any", ipc_send(ANY, &m), -EINVAL);
	if (dead == NONE) {
		test_fail("ipc_errors_free_slot", "no free slot in the process table");
	} else {
		test_expect("ipc_errors_free_slot", ipc_send(dead, &m), -EDEADSRCDST);
		test_expect("ipc_errors_notify_dead", ipc_notify(dead), -EDEADSRCDST);
	}
	test_expect("ipc_errors_bad_slot", ipc_send(MAKE_ENDPOINT(0, NR_PROCS + 10), &m),
		-EDEADSRCDST);
	test_expect("ipc_errors_stale_generation",
		ipc_send(MAKE_ENDPOINT(ENDPOINT_GEN(self) + 1, ENDPOINT_SLOT(self)), &m),
		-EDEADSRCDST);
}

/* SEND and RECEIVE entered with DF set: the messages still go whole and forwards. */
static void
df_cases(endpoint_t peer_ep)
{
	struct { uint32_t below[16]; message m; } box;
	int i, intact = 1;

	memset(&box, 0x5a, sizeof(box));
	box.m.m_type = SEND_BACK;
	if (!test_expect("ipc_errors_df_send", raw_ipc(SEND, peer_ep, &box.m, 1), OK))
		return;
	memset(&box.m, 0, sizeof(box.m));
	test_expect("ipc_errors_df_receive", raw_ipc(RECEIVE, peer_ep, &box.m, 1), OK);
	for (i = 0; i < 16; i++)
		intact &= box.below[i] == 0x5a5a5a5au;
	test_check("ipc_errors_df_message", box.m.m_type == BACK && box.m.m_source == peer_ep,
		"type 0x%x from %d", box.m.m_type, box.m.m_source);
	test_check("ipc_errors_df_below_buffer", intact, "the words below the buffer changed");
}

/* Bad message addresses, SENDNB to a process that is not receiving, then quit the peer. */
static void
peer_cases(endpoint_t peer_ep)
{
	message m;
	int status, r;

	test_expect("ipc_errors_bad_msg_ptr", ipc_send(peer_ep, (message *)0x10), -EFAULT);
	test_expect("ipc_errors_kernel_msg_ptr",
		ipc_send(peer_ep, (message *)KERNEL_ADDRESS), -EFAULT);
	/* a SENDREC's buffer takes the reply: one the caller may only read is refused */
	test_expect("ipc_errors_sendrec_readonly",
		ipc_sendrec(peer_ep, (message *)(uintptr_t)peer_cases), -EFAULT);
	memset(&m, 0, sizeof(m));
	m.m_type = SEND_BACK;
	if (!test_expect("ipc_errors_send_peer", ipc_send(peer_ep, &m), OK))
		return;
	test_expect("ipc_errors_sendnb_notready", ipc_sendnb(peer_ep, &m), -ENOTREADY);
	test_expect("ipc_errors_sendnb_bad_ptr", ipc_sendnb(peer_ep, (message *)0x10), -EFAULT);
	r = ipc_receive(peer_ep, &m, &status);
	if (test_expect("ipc_errors_receive_peer", r, OK))
		test_check("ipc_errors_receive_status", m.m_type == BACK && m.m_source == peer_ep &&
			IPC_STATUS_CALL(status) == SEND, "type 0x%x from %d, status 0x%x",
			m.m_type, m.m_source, status);
	df_cases(peer_ep);
	memset(&m, 0, sizeof(m));
	m.m_type = QUIT;
	test_expect("ipc_errors_quit_peer", ipc_send(peer_ep, &m), OK);
}

int
main(int argc, char **argv)
{
	endpoint_t self = NONE, peer_ep;
	message m;

	argc = test_init("ipc_errors", argc, argv);
	if (argc >= 2 && strcmp(argv[1], "peer") == 0)
		peer();
	if (sys_whoami(&self, NULL, 0, NULL) != OK)
		test_fail("ipc_errors_whoami", "sys_whoami failed");
	dispatch_cases();
	endpoint_cases(self);
	peer_ep = test_find_peer(argc >= 3 ? argv[2] : "ipc_errors");
	if (peer_ep != NONE)
		peer_cases(peer_ep);
	test_expect_either("ipc_errors_receive_self", ipc_receive(SELF, &m, NULL),
		-ELOCKED, -EINVAL);
	test_expect_either("ipc_errors_receive_own", ipc_receive(self, &m, NULL),
		-ELOCKED, -EINVAL);
	return test_done();
}
