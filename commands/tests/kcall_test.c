/*
 * kcall_test.c - the kernel calls, seen from system and user processes
 * (handouts/kernel-calls.md; each call's specification is the header comment of its
 * handler, kernel/system/do_<call>.c).
 *
 * Grader: the kernel-call tests (grader/tests/kcalls.py) boot, without VM and with
 * poweroff_on_exit=1, in this order:
 *     kcall_test priv=sys main        runs the cases and prints their PASS/FAIL lines
 *     kcall_test priv=sys peer        the subject: obeys main's requests (see peer())
 *     kcall_test priv=sys victim      receives forever; main kills it
 *     kcall_test priv=user user       a user process: ECALLDENIED, then a direct `inb`
 *     kcall_test priv=sys server 1    two versions of a server, for sys_update
 *     kcall_test priv=sys server 2
 * and expects a PASS line for every case, no FAIL line, the DONE lines of kcall_test and
 * kcall_test_user, the kernel's lines about the victim (signal 15) and the user process
 * (signal 11, general protection), and, once every process has exited, a clean power-off.
 * Main finds the others as the 1st..5th kcall_test process after itself in slot order; the
 * helpers find main as the first kcall_test process.
 *
 * All processes run the same program, so a global variable has the same address in each:
 * main reads the peer's spin counter and pattern, and writes its mailbox and stop flag, with
 * sys_vircopy at the addresses of its own copies.  Main waits for messages with a time
 * limit (an alarm), so a lost message is a FAIL line rather than a hang.
 *
 * Cases, in order: sys_getinfo and sys_times; dispatch (EBADREQUEST); sys_privctl errors and
 * SET_USER; a restricted SET_SYS on the peer (removed kernel calls ECALLDENIED, kept ones
 * work, trap and IPC masks apply) and SET_SYS dropping pending notifications; sys_runctl
 * (stop, resume, a stopped receiver, RC_DELAY); sys_umap, sys_physcopy, sys_vircopy;
 * sys_devio with I/O ranges added by SYS_PRIV_ADD_IO (the CMOS clock at 0x70-0x71);
 * sys_setalarm; sys_statectl(SYS_STATE_CLEAR_IPC_REFS); sys_kill; main as the peer's
 * signal manager (sys_getksig, sys_endksig, SIGSNDELAY, sys_exit becoming SIGABRT,
 * sys_clear); sys_update swapping the two servers, and swapping them back while one is blocked
 * sending to main (its message must follow its code).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/signum.h>
#include "testlib.h"

/* main -> peer requests; the peer answers by SEND (P_PONG, P_REPORT, ...). */
#define P_SPIN          (TEST_RQ_BASE + 0x80)   /* spin until spin_stop is set; no answer */
#define P_PING          (TEST_RQ_BASE + 0x81)   /* answer P_PONG */
#define P_SEND          (TEST_RQ_BASE + 0x82)   /* SEND P_BACK to main, then P_REPORT */
#define P_SENDREC       (TEST_RQ_BASE + 0x83)   /* SENDREC P_REQ to main, then P_REPORT */
#define P_CALLS         (TEST_RQ_BASE + 0x84)   /* make some calls, P_REPORT their results */
#define P_MAILBOX       (TEST_RQ_BASE + 0x85)   /* P_REPORT the mailbox words */
#define P_QUIT          (TEST_RQ_BASE + 0x86)   /* exit */
#define P_PONG          (TEST_RQ_BASE + 0x88)
#define P_BACK          (TEST_RQ_BASE + 0x89)
#define P_REQ           (TEST_RQ_BASE + 0x8A)
#define P_REPORT        (TEST_RQ_BASE + 0x8B)   /* w[0..] results */
#define P_NOTIFIED      (TEST_RQ_BASE + 0x8C)   /* the peer got a notification (w[0]: from) */
#define S_ASK           (TEST_RQ_BASE + 0x90)   /* main -> server by SENDREC */
#define S_ANSWER        (TEST_RQ_BASE + 0x91)   /* w[0]: version, w[1]: its endpoint */

#define DEAD            MAKE_ENDPOINT(5, NR_PROCS - 1)  /* names nobody */
#define CMOS_INDEX      0x70
#define CMOS_DATA       0x71
#define SIGBIT(sig)     (1u << ((sig) % 32))

/* Shared by address between the processes (see the file comment). */
static volatile uint32_t spin_counter, spin_stop;
static volatile uint32_t mailbox[4];
static char pattern[32];

static struct proc_info proctab[NR_TASKS + NR_PROCS];
static endpoint_t self = NONE;
static uint32_t hz = 100;

/* ---- helpers ------------------------------------------------------------------------- */

static uint32_t
uptime(void)
{
	uint32_t t = 0;

	sys_getuptime(&t);
	return t;
}

static void
spin_ticks(uint32_t ticks)
{
	uint32_t start = uptime();

	while (uptime() - start < ticks)
		;
}

static uint32_t
rts_of(endpoint_t e)
{
	struct proc_info pi;

	return sys_getproc(e, &pi) == OK ? pi.pi_rts_flags : 0xFFFFFFFFu;
}

/* test_poll() condition: is the process blocked receiving from ANY (and nothing else)? */
static int
receiving_any(void *arg)
{
	struct proc_info pi;

	return sys_getproc(*(endpoint_t *)arg, &pi) == OK && pi.pi_getfrom == ANY &&
	       pi.pi_rts_flags == 0x08 /* RTS_RECEIVING */;
}

static int
sending_to_me(void *arg)
{
	struct proc_info pi;

	return sys_getproc(*(endpoint_t *)arg, &pi) == OK && pi.pi_sendto == self;
}

static int
receiving_or_sending(void *arg)
{
	return receiving_any(arg) || sending_to_me(arg);
}

static int
wait_receiving(const char *name, endpoint_t e)
{
	return test_check(name, test_poll(receiving_any, &e, 5),
		"endpoint %d never blocked receiving (rts 0x%x)", e, rts_of(e));
}

/* Kernel process flags (kernel/proc.h) that the cases look at in pi_rts_flags. */
#define RTS_PROC_STOP   0x02
#define RTS_SENDING     0x04
#define RTS_RECEIVING   0x08
#define RTS_SIGNALED    0x10
#define RTS_SIG_PENDING 0x20
#define RTS_NO_PRIV     0x80
#define SYS_PROC_FLAG   0x01

/* RECEIVE(ANY) for at most 3 seconds: OK, a receive error, or -EAGAIN on time-out.  An
 * alarm bounds the wait; if it went off after the message came, its notification is
 * collected here, so none is left over for the next receive. */
static int
receive_within(message *m, int *status)
{
	uint32_t left = 0;
	message junk;
	int r;

	sys_setalarm(3 * hz, 0, NULL);
	r = ipc_receive(ANY, m, status);
	if (r == OK && m->m_source == CLOCK && m->m_type == NOTIFY_MESSAGE)
		return -EAGAIN;
	sys_setalarm(0, 0, &left);
	if (left == 0)
		ipc_receive(CLOCK, &junk, NULL);
	return r;
}

/* Receive the next message and check it is `type` from `from`; returns 1 if it is. */
static int
expect_msg(const char *name, endpoint_t from, int type, message *m)
{
	int status = 0, r = receive_within(m, &status);

	if (r == -EAGAIN) {
		test_fail(name, "no message 0x%x from %d within 3 s", type, from);
		return 0;
	}
	return test_check(name, r == OK && m->m_source == from && m->m_type == type,
		"receive: %s, type 0x%x from %d; want 0x%x from %d", test_errname(r),
		m->m_type, m->m_source, type, from);
}

/* Expect a notification from SYSTEM with SIGKSIG. */
static void
expect_ksig_notify(const char *name)
{
	message m;

	if (expect_msg(name, SYSTEM, NOTIFY_MESSAGE, &m) &&
	    !(m.m_notify.map_hi & SIGBIT(SIGKSIG)))
		test_fail(name, "notification without SIGKSIG (map_hi 0x%x)", m.m_notify.map_hi);
}

/* Send request `type` (with w0, w1) to e. */
static int
request(endpoint_t e, int type, uint32_t w0, uint32_t w1)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_u32.m_u32[0] = w0;
	m.m_u32.m_u32[1] = w1;
	return ipc_send(e, &m);
}

static uint32_t
read_counter(endpoint_t peer)
{
	uint32_t v = 0;

	sys_vircopy(peer, (vir_bytes)&spin_counter, SELF, (vir_bytes)&v, sizeof(v), 0);
	return v;
}

static endpoint_t counter_owner;
static uint32_t counter_base;

static int
counter_moved(void *arg)
{
	(void)arg;
	return read_counter(counter_owner) != counter_base;
}

/* Does the peer's spin counter advance within 2 seconds? */
static int
counter_advances(endpoint_t peer)
{
	counter_owner = peer;
	counter_base = read_counter(peer);
	return test_poll(counter_moved, NULL, 2);
}

static void
stop_spinning(endpoint_t peer)
{
	uint32_t one = 1;

	sys_vircopy(SELF, (vir_bytes)&one, peer, (vir_bytes)&spin_stop, sizeof(one), 0);
}

/* A privilege specification: every trap and call, all partners, manager mgr. */
static void
full_spec(struct priv_spec *ps, endpoint_t mgr)
{
	memset(ps, 0, sizeof(*ps));
	ps->ps_flags = 0x02;	/* PREEMPTIBLE */
	ps->ps_trap_mask = (1u << SEND) | (1u << RECEIVE) | (1u << SENDREC) | (1u << NOTIFY) |
			   (1u << SENDNB) | (1u << SENDA);
	ps->ps_k_call_mask[0] = 0xFFFFFFFFu;
	ps->ps_k_call_mask[1] = (1u << (NR_SYS_CALLS - 32)) - 1;
	ps->ps_sig_mgr = mgr;
	ps->ps_ipc_all = 1;
}

/* DISALLOW, SET_SYS with ps (NULL: the defaults), ALLOW; OK or the first error. */
static int
reprivilege(endpoint_t e, struct priv_spec *ps)
{
	int r;

	if ((r = sys_privctl(e, SYS_PRIV_DISALLOW, NULL)) != OK ||
	    (r = sys_privctl(e, SYS_PRIV_SET_SYS, ps)) != OK)
		return r;
	return sys_privctl(e, SYS_PRIV_ALLOW, NULL);
}

/* ---- main's cases ---------------------------------------------------------------------- */

static char kmess[16384];

static void
info_cases(void)
{
	struct proc_info pi;
	char name[PROC_NAME_LEN], cmdline[256];
	uint32_t t1, t2, user = 0, sys = 0, real = 0;
	endpoint_t me = NONE;
	int len = 0, r;

	test_check("kcall_test_whoami", sys_whoami(&me, name, sizeof(name), NULL) == OK &&
		me == self && strcmp(name, "kcall_test") == 0, "endpoint %d, name %s", me, name);
	test_check("kcall_test_get_hz", sys_gethz(&hz) == OK && hz >= 19 && hz <= 10000,
		"hz %u", hz);
	t1 = uptime();
	spin_ticks(2);
	t2 = uptime();
	test_check("kcall_test_get_uptime", t2 >= t1 + 2, "uptime %u then %u", t1, t2);
	t1 = uptime();
	r = sys_times(SELF, &user, &sys, &real);
	t2 = uptime();
	test_check("kcall_test_times_self", r == OK && real >= t1 && real <= t2,
		"%s, real_ticks %u, uptime %u then %u", test_errname(r), real, t1, t2);
	test_expect("kcall_test_times_none", sys_times(NONE, NULL, NULL, &real), OK);
	test_expect("kcall_test_times_dead", sys_times(DEAD, NULL, NULL, &real), -EINVAL);
	test_check("kcall_test_get_proc", sys_getproc(self, &pi) == OK && pi.pi_endpoint == self &&
		pi.pi_slot == ENDPOINT_SLOT(self) && pi.pi_rts_flags == 0 &&
		strcmp(pi.pi_name, "kcall_test") == 0,
		"endpoint %d slot %d rts 0x%x name %s", pi.pi_endpoint, pi.pi_slot,
		pi.pi_rts_flags, pi.pi_name);
	test_expect("kcall_test_get_proc_dead", sys_getproc(DEAD, &pi), -EINVAL);
	test_expect("kcall_test_get_proc_short", sys_getinfo(GET_PROC, self, &pi, 4, NULL),
		-EINVAL);
	test_expect("kcall_test_get_proctab_short",
		sys_getinfo(GET_PROCTAB, NONE, proctab, sizeof(proctab[0]), NULL), -EINVAL);
	test_expect("kcall_test_getinfo_unknown", sys_getinfo(99, NONE, &pi, sizeof(pi), NULL),
		-EINVAL);
	memset(kmess, 0, sizeof(kmess));
	if (test_expect("kcall_test_get_kmess",
			sys_getkmess(kmess, sizeof(kmess) - 1, &len), OK))
		test_check("kcall_test_kmess_banner", strstr(kmess, "Minnow kernel ") != NULL,
			"the diagnostics buffer (%d bytes) lacks the banner", len);
	memset(cmdline, 0, sizeof(cmdline));
	test_check("kcall_test_get_cmdline",
		sys_getcmdline(cmdline, sizeof(cmdline) - 1) == OK && strlen(cmdline) > 0,
		"command line '%s'", cmdline);
}

static void
dispatch_cases(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	test_expect("kcall_test_unknown_call_hole", _kernel_call(SYS_SCHEDULE, &m), -EBADREQUEST);
	memset(&m, 0, sizeof(m));
	test_expect("kcall_test_unknown_call_end", _kernel_call(NR_SYS_CALLS, &m), -EBADREQUEST);
}

static void
privctl_cases(endpoint_t peer)
{
	struct priv_range range = { 0x80, 0x70 };
	struct priv_spec ps;
	struct proc_info pi;
	int irq = 16;

	full_spec(&ps, NONE);
	test_expect("kcall_test_privctl_dead", sys_privctl(DEAD, SYS_PRIV_ALLOW, NULL), -EINVAL);
	test_expect("kcall_test_privctl_kernel_task", sys_privctl(SYSTEM, SYS_PRIV_DISALLOW, NULL),
		-EINVAL);
	test_expect("kcall_test_privctl_allow_not_held", sys_privctl(peer, SYS_PRIV_ALLOW, NULL),
		-EPERM);
	test_expect("kcall_test_privctl_set_sys_not_held", sys_privctl(peer, SYS_PRIV_SET_SYS, &ps),
		-EPERM);
	test_expect("kcall_test_privctl_set_user_not_held",
		sys_privctl(peer, SYS_PRIV_SET_USER, NULL), -EPERM);
	test_expect("kcall_test_privctl_unknown", sys_privctl(peer, 99, NULL), -EINVAL);
	test_expect("kcall_test_privctl_add_io_bad_range",
		sys_privctl(self, SYS_PRIV_ADD_IO, &range), -EINVAL);
	test_expect("kcall_test_privctl_add_irq_bad", sys_privctl(self, SYS_PRIV_ADD_IRQ, &irq),
		-EINVAL);

	/* SET_USER: the peer loses its own priv; ADD_IO/ADD_IRQ then need one (EPERM). */
	if (!wait_receiving("kcall_test_peer_waits", peer))
		return;
	test_expect("kcall_test_privctl_disallow", sys_privctl(peer, SYS_PRIV_DISALLOW, NULL), OK);
	test_check("kcall_test_privctl_disallow_holds", rts_of(peer) & RTS_NO_PRIV,
		"rts 0x%x without RTS_NO_PRIV", rts_of(peer));
	test_expect("kcall_test_privctl_set_user", sys_privctl(peer, SYS_PRIV_SET_USER, NULL), OK);
	test_check("kcall_test_privctl_user_flags", sys_getproc(peer, &pi) == OK &&
		!(pi.pi_privflags & SYS_PROC_FLAG), "privflags 0x%x", pi.pi_privflags);
	range.pr_base = range.pr_limit = CMOS_DATA;
	test_expect("kcall_test_privctl_add_io_user", sys_privctl(peer, SYS_PRIV_ADD_IO, &range),
		-EPERM);
	irq = 5;
	test_expect("kcall_test_privctl_add_irq_user", sys_privctl(peer, SYS_PRIV_ADD_IRQ, &irq),
		-EPERM);
	test_expect("kcall_test_privctl_set_sys", sys_privctl(peer, SYS_PRIV_SET_SYS, NULL), OK);
	test_check("kcall_test_privctl_sys_flags", sys_getproc(peer, &pi) == OK &&
		(pi.pi_privflags & SYS_PROC_FLAG), "privflags 0x%x", pi.pi_privflags);
	test_expect("kcall_test_privctl_allow", sys_privctl(peer, SYS_PRIV_ALLOW, NULL), OK);
	test_check("kcall_test_privctl_allow_runs", !(rts_of(peer) & RTS_NO_PRIV),
		"rts 0x%x", rts_of(peer));
}

/* The peer's P_CALLS under a restricted mask, then SET_SYS dropping notifications. */
static void
mask_cases(endpoint_t peer, endpoint_t victim)
{
	struct priv_info pv;
	struct priv_spec ps;
	uint32_t *w;
	message m;

	full_spec(&ps, NONE);
	ps.ps_k_call_mask[0] &= ~(SIGBIT(SYS_TIMES) | SIGBIT(SYS_KILL));
	ps.ps_trap_mask &= ~(1u << NOTIFY);
	ps.ps_ipc_all = 0;
	ps.ps_nr_ipc_to = 1;
	ps.ps_ipc_to[0] = self;
	if (!test_expect("kcall_test_mask_set", reprivilege(peer, &ps), OK))
		return;
	memset(&pv, 0, sizeof(pv));
	test_check("kcall_test_get_priv", sys_getpriv(peer, &pv, sizeof(pv)) == OK &&
		(pv.pv_flags & SYS_PROC_FLAG) && pv.pv_trap_mask == ps.ps_trap_mask &&
		pv.pv_k_call_mask[0] == ps.ps_k_call_mask[0] &&
		pv.pv_k_call_mask[1] == ps.ps_k_call_mask[1] && pv.pv_sig_mgr == NONE,
		"flags 0x%x traps 0x%x calls 0x%x 0x%x manager %d", pv.pv_flags, pv.pv_trap_mask,
		pv.pv_k_call_mask[0], pv.pv_k_call_mask[1], pv.pv_sig_mgr);
	request(peer, P_CALLS, (uint32_t)victim, 1);
	if (expect_msg("kcall_test_mask_report", peer, P_REPORT, &m)) {
		w = m.m_u32.m_u32;
		test_expect("kcall_test_mask_removed_call", (int)w[0], -ECALLDENIED);
		test_expect("kcall_test_mask_kept_call", (int)w[1], OK);
		test_expect("kcall_test_mask_removed_kill", (int)w[2], -ECALLDENIED);
		test_expect("kcall_test_mask_trap", (int)w[3], -ETRAPDENIED);
		test_expect("kcall_test_mask_ipc_to", (int)w[4], -ECALLDENIED);
	}

	/* A notification pending for the peer does not survive SET_SYS. */
	request(peer, P_SPIN, 0, 0);
	if (!test_check("kcall_test_spin_starts", counter_advances(peer), "counter stuck"))
		return;
	test_expect("kcall_test_notify_spinning_peer", ipc_notify(peer), OK);
	test_expect("kcall_test_set_sys_defaults", reprivilege(peer, NULL), OK);
	stop_spinning(peer);
	/* The peer now receives: blocked, or sending main the notification it got. */
	if (!test_check("kcall_test_peer_back", test_poll(receiving_or_sending, &peer, 5),
			"the peer neither receives nor sends (rts 0x%x)", rts_of(peer)))
		return;
	if (rts_of(peer) & RTS_SENDING) {
		receive_within(&m, NULL);
		test_fail("kcall_test_set_sys_clears_notifications",
			"the peer got a notification (type 0x%x, from %d) sent before SET_SYS",
			m.m_type, m.m_u32.m_u32[0]);
	} else {
		test_pass("kcall_test_set_sys_clears_notifications");
	}
	request(peer, P_CALLS, (uint32_t)victim, 0);
	if (expect_msg("kcall_test_defaults_report", peer, P_REPORT, &m))
		test_expect("kcall_test_defaults_calls", (int)m.m_u32.m_u32[0], OK);
}

static void
runctl_cases(endpoint_t peer)
{
	uint32_t c1, c2;
	message m;

	test_expect("kcall_test_runctl_bad_action", sys_runctl(peer, 7, 0), -EINVAL);
	test_expect("kcall_test_runctl_kernel_task", sys_runctl(CLOCK, RC_STOP, 0), -EPERM);
	test_expect("kcall_test_runctl_dead", sys_runctl(DEAD, RC_STOP, 0), -EINVAL);

	/* A busy peer stops making progress, and goes on after RC_RESUME. */
	request(peer, P_SPIN, 0, 0);
	if (!test_check("kcall_test_spin_runs", counter_advances(peer), "counter stuck"))
		return;
	test_expect("kcall_test_stop", sys_stop(peer), OK);
	test_check("kcall_test_stop_flag", rts_of(peer) & RTS_PROC_STOP, "rts 0x%x", rts_of(peer));
	c1 = read_counter(peer);
	spin_ticks(10);
	c2 = read_counter(peer);
	test_check("kcall_test_stop_halts_progress", c1 == c2, "counter went from %u to %u "
		"while stopped", c1, c2);
	test_expect("kcall_test_resume", sys_resume(peer), OK);
	test_check("kcall_test_resume_progress", counter_advances(peer),
		"counter stuck after RC_RESUME");
	stop_spinning(peer);
	if (!wait_receiving("kcall_test_peer_idle", peer))
		return;

	/* A stopped receiver still takes a message, but answers only once resumed. */
	test_expect("kcall_test_stop_receiver", sys_stop(peer), OK);
	test_expect("kcall_test_send_to_stopped", request(peer, P_PING, 0, 0), OK);
	test_check("kcall_test_stopped_holds_message",
		(rts_of(peer) & (RTS_PROC_STOP | RTS_RECEIVING)) == RTS_PROC_STOP,
		"rts 0x%x", rts_of(peer));
	test_expect("kcall_test_resume_receiver", sys_resume(peer), OK);
	expect_msg("kcall_test_resumed_answers", peer, P_PONG, &m);

	/* RC_DELAY: not stopped in the middle of a SEND (EBUSY); stopped once it is done. */
	request(peer, P_SEND, 0, 0);
	if (!test_check("kcall_test_peer_sending", test_poll(sending_to_me, &peer, 5),
			"peer never blocked sending to main"))
		return;
	test_expect("kcall_test_delay_stop_busy", sys_delay_stop(peer), -EBUSY);
	test_check("kcall_test_delay_stop_not_yet",
		(rts_of(peer) & (RTS_SENDING | RTS_PROC_STOP)) == RTS_SENDING, "rts 0x%x",
		rts_of(peer));
	expect_msg("kcall_test_delayed_send_arrives", peer, P_BACK, &m);
	test_check("kcall_test_delay_stop_after_send", rts_of(peer) & RTS_PROC_STOP,
		"rts 0x%x: not stopped after its send completed", rts_of(peer));
	test_expect("kcall_test_delay_resume", sys_resume(peer), OK);
	if (expect_msg("kcall_test_delay_report", peer, P_REPORT, &m))
		test_expect("kcall_test_delayed_send_result", (int)m.m_u32.m_u32[0], OK);
	if (!wait_receiving("kcall_test_peer_idle_again", peer))
		return;
	test_expect("kcall_test_delay_stop_idle", sys_delay_stop(peer), OK);
	test_check("kcall_test_delay_stop_idle_stops", rts_of(peer) & RTS_PROC_STOP, "rts 0x%x",
		rts_of(peer));
	test_expect("kcall_test_delay_stop_idle_resume", sys_resume(peer), OK);
}

static uint8_t ubuf[64] __attribute__((aligned(64)));

static void
copy_cases(endpoint_t peer)
{
	uint8_t out[64];
	uint32_t words[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
	char got[sizeof(pattern)];
	phys_bytes pa = 0;
	message m;
	int i;

	for (i = 0; i < (int)sizeof(ubuf); i++)
		ubuf[i] = (uint8_t)(i * 7 + 1);
	if (test_expect("kcall_test_umap", sys_umap(SELF, (vir_bytes)ubuf, sizeof(ubuf), &pa), OK))
		test_check("kcall_test_umap_offset", pa != 0 &&
			(pa & 0xFFF) == ((vir_bytes)ubuf & 0xFFF), "phys 0x%x for vir %p", pa,
			(void *)ubuf);
	memset(out, 0, sizeof(out));
	test_check("kcall_test_physcopy_read",
		sys_physcopy(NONE, pa, SELF, (vir_bytes)out, sizeof(out), 0) == OK &&
		memcmp(out, ubuf, sizeof(out)) == 0, "bytes at phys 0x%x differ", pa);
	memset(out, 0xA5, 16);
	test_check("kcall_test_physcopy_write",
		sys_physcopy(SELF, (vir_bytes)out, NONE, pa, 16, 0) == OK &&
		((volatile uint8_t *)ubuf)[0] == 0xA5 && ((volatile uint8_t *)ubuf)[15] == 0xA5 &&
		((volatile uint8_t *)ubuf)[16] == 16 * 7 + 1, "buffer not changed through phys 0x%x",
		pa);
	test_expect("kcall_test_umap_unmapped", sys_umap(SELF, 0, 4, &pa), -EFAULT);
	test_expect("kcall_test_umap_empty", sys_umap(SELF, (vir_bytes)ubuf, 0, &pa), -EINVAL);
	test_expect("kcall_test_umap_kernel_task", sys_umap(SYSTEM, 0x1000, 4, &pa), -EINVAL);
	test_expect("kcall_test_physcopy_beyond_ram",
		sys_physcopy(NONE, 0xFFFFF000u, SELF, (vir_bytes)out, 16, 0), -EFAULT);

	memset(got, 0, sizeof(got));
	test_check("kcall_test_vircopy_from_peer",
		sys_vircopy(peer, (vir_bytes)pattern, SELF, (vir_bytes)got, sizeof(got), 0) == OK &&
		strcmp(got, "pattern of peer") == 0, "read '%.31s' from the peer", got);
	test_expect("kcall_test_vircopy_to_peer", sys_vircopy(SELF, (vir_bytes)words, peer,
		(vir_bytes)mailbox, sizeof(words), 0), OK);
	request(peer, P_MAILBOX, 0, 0);
	if (expect_msg("kcall_test_mailbox_report", peer, P_REPORT, &m))
		test_check("kcall_test_vircopy_peer_sees", memcmp(m.m_u32.m_u32, words,
			sizeof(words)) == 0, "peer's mailbox holds 0x%x 0x%x 0x%x 0x%x",
			m.m_u32.m_u32[0], m.m_u32.m_u32[1], m.m_u32.m_u32[2], m.m_u32.m_u32[3]);
	test_expect("kcall_test_vircopy_none", sys_vircopy(NONE, 0x1000, SELF, (vir_bytes)got,
		4, 0), -EINVAL);
	test_expect("kcall_test_vircopy_dead", sys_vircopy(DEAD, (vir_bytes)pattern, SELF,
		(vir_bytes)got, 4, 0), -EINVAL);
	test_expect("kcall_test_vircopy_unmapped", sys_vircopy(peer, 0, SELF, (vir_bytes)got,
		4, 0), -EFAULT);
}

static void
devio_cases(void)
{
	struct priv_range cmos = { CMOS_INDEX, CMOS_DATA };
	uint32_t v = 0, sec;

	test_expect("kcall_test_devio_no_ranges", sys_inb(CMOS_DATA, &v), -EPERM);
	test_expect("kcall_test_add_io_self", sys_privctl(self, SYS_PRIV_ADD_IO, &cmos), OK);
	test_expect("kcall_test_devio_outb", sys_outb(CMOS_INDEX, 0x00), OK);	/* seconds */
	if (test_expect("kcall_test_devio_inb", sys_inb(CMOS_DATA, &sec), OK))
		test_check("kcall_test_devio_cmos_seconds", sec < 0x60 && (sec & 0x0F) < 10,
			"CMOS seconds register reads 0x%x", sec);
	test_expect("kcall_test_devio_outside", sys_inb(0x72, &v), -EPERM);
	test_expect("kcall_test_devio_crosses_limit", sys_inw(CMOS_DATA, &v), -EPERM);
	test_expect("kcall_test_devio_bad_size", sys_devio(DIO_INPUT | 0x08, CMOS_DATA, 0, &v),
		-EINVAL);
	test_expect("kcall_test_devio_bad_request",
		sys_devio(DIO_INPUT | DIO_BYTE | 0x40, CMOS_DATA, 0, &v), -EINVAL);
}

static void
alarm_cases(void)
{
	uint32_t left = 1, t0, t1;
	message m;
	int status = 0, r;

	t0 = uptime();
	test_check("kcall_test_alarm_set", sys_setalarm(10, 0, &left) == OK && left == 0,
		"left %u", left);
	r = ipc_receive(ANY, &m, &status);
	t1 = uptime();
	test_check("kcall_test_alarm_fires", r == OK && m.m_source == CLOCK &&
		m.m_type == NOTIFY_MESSAGE && IPC_STATUS_CALL(status) == NOTIFY,
		"receive: %s, type 0x%x from %d", test_errname(r), m.m_type, m.m_source);
	test_check("kcall_test_alarm_on_time", t1 - t0 >= 10 && t1 - t0 <= 10 + hz / 2,
		"notification after %u ticks, asked for 10", t1 - t0);

	test_expect("kcall_test_alarm_long", sys_setalarm(1000, 0, NULL), OK);
	test_check("kcall_test_alarm_cancel", sys_setalarm(0, 0, &left) == OK &&
		left > 900 && left <= 1000, "time_left %u, want about 1000", left);
	test_check("kcall_test_alarm_cancel_again", sys_setalarm(0, 0, &left) == OK && left == 0,
		"time_left %u after a cancel", left);

	t0 = uptime();
	test_expect("kcall_test_alarm_absolute", sys_setalarm(t0 + 5, 1, NULL), OK);
	r = ipc_receive(ANY, &m, &status);
	t1 = uptime();
	test_check("kcall_test_alarm_absolute_fires", r == OK && m.m_source == CLOCK &&
		t1 >= t0 + 5 && t1 <= t0 + 5 + hz / 2, "from %d at tick %u, asked for %u",
		m.m_source, t1, t0 + 5);
}

static void
statectl_cases(endpoint_t peer)
{
	message m;

	test_expect("kcall_test_statectl_unknown", sys_statectl(99), -EINVAL);
	request(peer, P_SENDREC, 0, 0);
	if (!expect_msg("kcall_test_statectl_request", peer, P_REQ, &m))
		return;
	/* The peer now waits for our reply. */
	test_expect("kcall_test_clear_ipc_refs", sys_statectl(SYS_STATE_CLEAR_IPC_REFS), OK);
	if (expect_msg("kcall_test_clear_report_receiver", peer, P_REPORT, &m))
		test_expect("kcall_test_clear_wakes_receiver", (int)m.m_u32.m_u32[0], -EDEADSRCDST);
	request(peer, P_SEND, 0, 0);
	if (!test_check("kcall_test_statectl_peer_sending", test_poll(sending_to_me, &peer, 5),
			"peer never blocked sending to main"))
		return;
	test_expect("kcall_test_clear_ipc_refs_again", sys_statectl(SYS_STATE_CLEAR_IPC_REFS), OK);
	if (expect_msg("kcall_test_clear_report_sender", peer, P_REPORT, &m))
		test_expect("kcall_test_clear_wakes_sender", (int)m.m_u32.m_u32[0], -EDEADSRCDST);
}

static void
kill_cases(endpoint_t victim)
{
	struct proc_info pi;

	test_expect("kcall_test_kill_kernel_task", sys_kill(SYSTEM, SIGTERM), -EPERM);
	test_expect("kcall_test_kill_signal_zero", sys_kill(victim, 0), -EINVAL);
	test_expect("kcall_test_kill_signal_too_big", sys_kill(victim, NSIG), -EINVAL);
	test_expect("kcall_test_kill_dead", sys_kill(DEAD, SIGTERM), -EINVAL);
	test_expect("kcall_test_endksig_not_manager", sys_endksig(victim), -EPERM);
	test_expect("kcall_test_endksig_kernel_task", sys_endksig(SYSTEM), -EINVAL);
	if (!wait_receiving("kcall_test_victim_waits", victim))
		return;
	test_expect("kcall_test_kill", sys_kill(victim, SIGTERM), OK);
	test_expect("kcall_test_kill_no_manager", sys_getproc(victim, &pi), -EINVAL);
}

static void
sigmgr_cases(endpoint_t peer)
{
	struct priv_info pv;
	struct priv_spec ps;
	endpoint_t e = NONE;
	uint32_t map[2] = { 0, 0 };
	message m;

	full_spec(&ps, self);
	if (!test_expect("kcall_test_sigmgr_set", reprivilege(peer, &ps), OK))
		return;
	test_check("kcall_test_sigmgr_get_priv", sys_getpriv(peer, &pv, sizeof(pv)) == OK &&
		pv.pv_sig_mgr == self, "signal manager %d", pv.pv_sig_mgr);
	if (!wait_receiving("kcall_test_sigmgr_peer_waits", peer))
		return;
	test_expect("kcall_test_sigmgr_kill", sys_kill(peer, SIGTERM), OK);
	test_check("kcall_test_sigmgr_peer_held",
		(rts_of(peer) & (RTS_SIGNALED | RTS_SIG_PENDING)) == (RTS_SIGNALED | RTS_SIG_PENDING),
		"rts 0x%x", rts_of(peer));
	expect_ksig_notify("kcall_test_sigmgr_notified");
	test_check("kcall_test_getksig", sys_getksig(&e, map) == OK && e == peer &&
		(map[0] & SIGBIT(SIGTERM)), "endpoint %d, map 0x%x 0x%x", e, map[0], map[1]);
	test_check("kcall_test_getksig_none", sys_getksig(&e, map) == OK && e == NONE,
		"endpoint %d", e);
	test_check("kcall_test_getksig_keeps_held",
		(rts_of(peer) & (RTS_SIGNALED | RTS_SIG_PENDING)) == RTS_SIG_PENDING,
		"rts 0x%x", rts_of(peer));
	test_expect("kcall_test_sigmgr_send_to_held", request(peer, P_PING, 0, 0), OK);
	test_check("kcall_test_sigmgr_stopped_until_endksig",
		(rts_of(peer) & (RTS_RECEIVING | RTS_SIG_PENDING)) == RTS_SIG_PENDING,
		"rts 0x%x", rts_of(peer));

	/* A signal that comes while the manager is at work keeps the process held. */
	test_expect("kcall_test_sigmgr_kill_again", sys_kill(peer, SIGHUP), OK);
	expect_ksig_notify("kcall_test_sigmgr_notified_again");
	test_expect("kcall_test_endksig_with_new_signal", sys_endksig(peer), OK);
	test_check("kcall_test_endksig_new_signal_keeps_held", rts_of(peer) & RTS_SIG_PENDING,
		"rts 0x%x", rts_of(peer));
	test_check("kcall_test_getksig_second", sys_getksig(&e, map) == OK && e == peer &&
		map[0] == SIGBIT(SIGHUP) && map[1] == 0, "endpoint %d, map 0x%x 0x%x", e, map[0],
		map[1]);
	test_expect("kcall_test_endksig", sys_endksig(peer), OK);
	expect_msg("kcall_test_endksig_releases", peer, P_PONG, &m);
	test_expect("kcall_test_endksig_twice", sys_endksig(peer), -EINVAL);

	/* RC_DELAY with a signal manager: SIGSNDELAY when the send is done. */
	request(peer, P_SEND, 0, 0);
	if (!test_check("kcall_test_sigmgr_peer_sending", test_poll(sending_to_me, &peer, 5),
			"peer never blocked sending to main"))
		return;
	test_expect("kcall_test_sigmgr_delay_stop", sys_delay_stop(peer), -EBUSY);
	expect_msg("kcall_test_sigmgr_delayed_send", peer, P_BACK, &m);
	expect_ksig_notify("kcall_test_sigsndelay_notified");
	test_check("kcall_test_sigsndelay", sys_getksig(&e, map) == OK && e == peer &&
		(map[1] & SIGBIT(SIGSNDELAY)), "endpoint %d, map 0x%x 0x%x", e, map[0], map[1]);
	test_expect("kcall_test_sigsndelay_endksig", sys_endksig(peer), OK);
	if (expect_msg("kcall_test_sigsndelay_report", peer, P_REPORT, &m))
		test_expect("kcall_test_sigsndelay_send_result", (int)m.m_u32.m_u32[0], OK);
}

/* The peer exits: its manager gets SIGABRT and cleans up with sys_clear. */
static void
peer_exit_cases(endpoint_t peer)
{
	struct proc_info pi;
	endpoint_t e = NONE;
	uint32_t map[2] = { 0, 0 };

	request(peer, P_QUIT, 0, 0);
	expect_ksig_notify("kcall_test_exit_notified");
	test_check("kcall_test_exit_is_sigabrt", sys_getksig(&e, map) == OK && e == peer &&
		(map[0] & SIGBIT(SIGABRT)), "endpoint %d, map 0x%x 0x%x", e, map[0], map[1]);
	test_expect("kcall_test_exit_waits_for_manager", sys_getproc(peer, &pi), OK);
	test_expect("kcall_test_clear_self", sys_clear(self), -EPERM);
	test_expect("kcall_test_clear", sys_clear(peer), OK);
	test_expect("kcall_test_clear_frees_slot", sys_getproc(peer, &pi), -EINVAL);
	test_expect("kcall_test_clear_dead", sys_clear(peer), -EINVAL);
}

/* SENDREC S_ASK to a server: its version, and the endpoint it believes it has. */
static int
ask(endpoint_t srv, uint32_t *version, endpoint_t *who)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = S_ASK;
	if ((r = ipc_sendrec(srv, &m)) != OK)
		return r;
	if (m.m_type != S_ANSWER)
		return -EBADREQUEST;
	*version = m.m_u32.m_u32[0];
	*who = (endpoint_t)m.m_u32.m_u32[1];
	return OK;
}

/*
 * The servers swapped back while slot srv1 (version 2) is blocked sending P_BACK to us and
 * held by RTS_NO_PRIV: the blocked send goes with its code to slot srv2, so what we receive
 * is that P_BACK (version 2), and afterwards neither slot is left sending.
 */
static void
update_sending_cases(endpoint_t srv1, endpoint_t srv2)
{
	uint32_t v1 = 0, v2 = 0;
	endpoint_t w1 = NONE, w2 = NONE;
	message m;
	int status, r;

	if (!test_expect("kcall_test_update_send_request", request(srv1, P_SEND, 0, 0), OK) ||
	    !test_check("kcall_test_update_sender_blocked", test_poll(sending_to_me, &srv1, 5),
			"rts 0x%x", rts_of(srv1)) ||
	    !test_expect("kcall_test_update_sender_held", sys_privctl(srv1, SYS_PRIV_DISALLOW,
								      NULL), OK) ||
	    !wait_receiving("kcall_test_update_other_waits", srv2))
		return;
	test_expect("kcall_test_update_sending", sys_update(srv1, srv2), OK);
	memset(&m, 0, sizeof(m));
	r = ipc_receive(ANY, &m, &status);
	test_check("kcall_test_update_send_follows_code", r == OK && m.m_type == P_BACK &&
		m.m_u32.m_u32[0] == 2, "r %d, type 0x%x, version %u from %d (want P_BACK from "
		"version 2)", r, m.m_type, m.m_u32.m_u32[0], m.m_source);
	test_check("kcall_test_update_no_slot_left_sending",
		!(rts_of(srv1) & RTS_SENDING) && !(rts_of(srv2) & RTS_SENDING),
		"rts 0x%x and 0x%x", rts_of(srv1), rts_of(srv2));
	test_expect("kcall_test_update_sender_released", sys_privctl(srv2, SYS_PRIV_ALLOW, NULL),
		OK);
	test_check("kcall_test_update_swapped_back", ask(srv1, &v1, &w1) == OK && v1 == 1 &&
		w1 == srv1 && ask(srv2, &v2, &w2) == OK && v2 == 2 && w2 == srv2,
		"versions %u at %d, %u at %d", v1, w1, v2, w2);
}

static void
update_cases(endpoint_t srv1, endpoint_t srv2)
{
	uint32_t v1 = 0, v2 = 0;
	endpoint_t w1 = NONE, w2 = NONE;

	test_check("kcall_test_update_before", ask(srv1, &v1, &w1) == OK &&
		ask(srv2, &v2, &w2) == OK && v1 == 1 && v2 == 2 && w1 == srv1 && w2 == srv2,
		"versions %u %u at %d %d", v1, v2, w1, w2);
	test_expect("kcall_test_update_runnable", sys_update(self, srv1), -EBUSY);
	test_expect("kcall_test_update_same", sys_update(srv1, srv1), -EINVAL);
	test_expect("kcall_test_update_kernel_task", sys_update(SYSTEM, srv1), -EINVAL);
	test_expect("kcall_test_update_dead", sys_update(DEAD, srv1), -EINVAL);
	if (!wait_receiving("kcall_test_update_srv1_waits", srv1) ||
	    !wait_receiving("kcall_test_update_srv2_waits", srv2))
		return;
	test_expect("kcall_test_update", sys_update(srv1, srv2), OK);
	test_check("kcall_test_update_new_code_old_endpoint", ask(srv1, &v1, &w1) == OK &&
		v1 == 2 && w1 == srv1, "version %u at %d", v1, w1);
	test_check("kcall_test_update_old_code_new_endpoint", ask(srv2, &v2, &w2) == OK &&
		v2 == 1 && w2 == srv2, "version %u at %d", v2, w2);
	update_sending_cases(srv1, srv2);
	request(srv1, P_QUIT, 0, 0);
	request(srv2, P_QUIT, 0, 0);
}

static void
run_main(void)
{
	endpoint_t peer = test_role_endpoint(1), victim = test_role_endpoint(2);
	endpoint_t srv1 = test_role_endpoint(4), srv2 = test_role_endpoint(5);

	if (!test_check("kcall_test_roles", peer != NONE && victim != NONE && srv1 != NONE &&
			srv2 != NONE, "peer %d, victim %d, servers %d %d: boot main, peer, victim, "
			"user, server 1 and server 2 in that order", peer, victim, srv1, srv2))
		return;
	info_cases();
	dispatch_cases();
	privctl_cases(peer);
	mask_cases(peer, victim);
	runctl_cases(peer);
	copy_cases(peer);
	devio_cases();
	alarm_cases();
	statectl_cases(peer);
	kill_cases(victim);
	sigmgr_cases(peer);
	peer_exit_cases(peer);
	update_cases(srv1, srv2);
}

/* ---- the helpers ----------------------------------------------------------------------- */

static void
report(endpoint_t to, const uint32_t *w, int n)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = P_REPORT;
	memcpy(m.m_u32.m_u32, w, (size_t)n * sizeof(*w));
	ipc_send(to, &m);
}

static void
peer(endpoint_t main_ep)
{
	uint32_t w[5], real;
	message m;
	int status;

	for (;;) {
		if (ipc_receive(ANY, &m, &status) != OK)
			continue;
		memset(w, 0, sizeof(w));
		switch (m.m_type) {
		case NOTIFY_MESSAGE:
			w[0] = (uint32_t)m.m_source;
			memset(&m, 0, sizeof(m));
			m.m_type = P_NOTIFIED;
			m.m_u32.m_u32[0] = w[0];
			ipc_send(main_ep, &m);
			break;
		case P_SPIN:
			while (!spin_stop)
				spin_counter++;
			spin_stop = 0;
			break;
		case P_PING:
			request(main_ep, P_PONG, 0, 0);
			break;
		case P_SEND:
			w[0] = (uint32_t)request(main_ep, P_BACK, 0, 0);
			report(main_ep, w, 1);
			break;
		case P_SENDREC:
			memset(&m, 0, sizeof(m));
			m.m_type = P_REQ;
			w[0] = (uint32_t)ipc_sendrec(main_ep, &m);
			report(main_ep, w, 1);
			break;
		case P_CALLS:
			w[0] = (uint32_t)sys_times(NONE, NULL, NULL, &real);
			w[1] = (uint32_t)sys_whoami(NULL, NULL, 0, NULL);
			w[2] = (uint32_t)sys_kill(DEAD, SIGTERM);
			if (m.m_u32.m_u32[1]) {	/* only when restricted: these must fail */
				endpoint_t victim = (endpoint_t)m.m_u32.m_u32[0];

				w[3] = (uint32_t)ipc_notify(main_ep);
				memset(&m, 0, sizeof(m));
				m.m_type = P_PING;
				w[4] = (uint32_t)ipc_sendnb(victim, &m);
			}
			report(main_ep, w, 5);
			break;
		case P_MAILBOX:
			for (int i = 0; i < 4; i++)
				w[i] = mailbox[i];
			report(main_ep, w, 4);
			break;
		case P_QUIT:
			exit(0);
		default:
			break;
		}
	}
}

static void
server(uint32_t version)
{
	endpoint_t me = NONE, from;
	message m;
	int status;

	for (;;) {
		if (ipc_receive(ANY, &m, &status) != OK)
			continue;
		if (m.m_type == P_QUIT)
			exit(0);
		if (m.m_type == P_SEND) {	/* SEND P_BACK(version) to the requester */
			from = m.m_source;
			memset(&m, 0, sizeof(m));
			m.m_type = P_BACK;
			m.m_u32.m_u32[0] = version;
			ipc_send(from, &m);
			continue;
		}
		if (m.m_type != S_ASK)
			continue;
		from = m.m_source;
		sys_whoami(&me, NULL, 0, NULL);
		memset(&m, 0, sizeof(m));
		m.m_type = S_ANSWER;
		m.m_u32.m_u32[0] = version;
		m.m_u32.m_u32[1] = (uint32_t)me;
		ipc_send(from, &m);
	}
}

static void
user(void)
{
	uint8_t v;

	test_set_program("kcall_test_user");
	test_expect("kcall_test_user_kill_denied", sys_kill(DEAD, SIGTERM), -ECALLDENIED);
	test_expect("kcall_test_user_runctl_denied", sys_runctl(DEAD, RC_STOP, 0), -ECALLDENIED);
	test_expect("kcall_test_user_setalarm_denied", sys_setalarm(10, 0, NULL), -ECALLDENIED);
	test_done();
	printf("kcall_test_user: about to execute inb\n");
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"((uint16_t)CMOS_DATA));
	printf("FAIL kcall_test_user_inb: read 0x%x from port 0x71 and lived\n", v);
	exit(1);
}

int
main(int argc, char **argv)
{
	const char *role = "main";
	endpoint_t main_ep;

	argc = test_init("kcall_test", argc, argv);
	if (argc >= 2)
		role = argv[1];
	snprintf(pattern, sizeof(pattern), "pattern of %s", role);
	if (strcmp(role, "user") == 0)
		user();
	sys_whoami(&self, NULL, 0, NULL);
	sys_gethz(&hz);
	if (strcmp(role, "main") == 0) {
		run_main();
		return test_done();
	}
	if (strcmp(role, "victim") == 0) {
		message m;

		for (;;)
			ipc_receive(ANY, &m, NULL);
	}
	if (strcmp(role, "server") == 0)
		server(argc >= 3 ? (uint32_t)atoi(argv[2]) : 0);
	if ((main_ep = test_find_peer("kcall_test")) == NONE)
		return 1;
	if (strcmp(role, "peer") == 0)
		peer(main_ep);
	test_fail("kcall_test_role", "unknown role %s", role);
	return 1;
}
