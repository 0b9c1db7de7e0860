/*
 * sig_trace.c - signal handlers (sys_sigsend, sys_sigreturn) and tracing (sys_trace).
 *
 * Grader: grader/tests/kernel_sig.py boots two system processes of this program:
 *     sig_trace priv=sys target
 *     sig_trace priv=sys tracer
 * The target counts in a busy loop until its handler has run.  The tracer plays PM and a
 * debugger: it stops the target (T_STOP) and checks the count stands still, reads and writes
 * the target's memory (both run the same binary, so &counter is the same address in both),
 * reads a saved register and is refused a segment register; it sends the target a signal
 * (sys_sigsend with this program's handler and trampoline), and when the trampoline asks it
 * to return from the handler, calls sys_sigreturn.  The target then prints its PASS lines and
 * DONE.  Last, the tracer single-steps the target (T_STEP): the debug trap becomes SIGTRAP,
 * and with no signal manager the kernel ends the target with a console line.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/sigcontext.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "testlib.h"

#define RQ_SIGRETURN (TEST_RQ_BASE + 40)
#define TEST_SIGNAL 16

static volatile uint32_t counter;
static volatile int handled_signo;
static endpoint_t tracer_ep = NONE;

/* The handler: runs on the target, called by the kernel's frame. */
static void
handler(int signo, int code, struct sigcontext *scp)
{
	(void)code, (void)scp;
	handled_signo = signo;
}

/* Where the handler returns (the stack then holds signo, code, scp): ask the tracer. */
void sig_tramp(void);
void do_sigreturn(struct sigcontext *scp) __attribute__((used, noreturn));
__asm__(".text\n"
	"sig_tramp:\n"
	"\tpushl 8(%esp)\n"
	"\tcall do_sigreturn\n");

void
do_sigreturn(struct sigcontext *scp)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RQ_SIGRETURN;
	m.m_u32.m_u32[0] = (uint32_t)scp;
	ipc_sendrec(tracer_ep, &m);
	printf("FAIL sig_trace_sigreturn: the SENDREC to the tracer returned\n");
	for (;;)
		;
}

static int __attribute__((noreturn))
target(void)
{
	uint32_t sentinel = 0x5157;

	test_set_program("sig_trace_target");
	tracer_ep = test_find_peer("sig_trace");
	while (handled_signo == 0)
		counter++;
	test_expect("sig_trace_handler_signo", handled_signo, TEST_SIGNAL);
	test_check("sig_trace_context_restored", sentinel == 0x5157, "sentinel %x", sentinel);
	test_done();
	for (;;)
		counter++;	/* the tracer single-steps us now */
}


static int
sig_call(int nr, endpoint_t ep, vir_bytes ptr)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_sig.endpt = ep;
	m.m_sys_sig.ptr = ptr;
	return _kernel_call(nr, &m);
}

static void
wait_ticks(uint32_t n)
{
	uint32_t t0, t;

	sys_getuptime(&t0);
	do
		sys_getuptime(&t);
	while (t - t0 < n);
}

/* Stop the target, check that it stands still, poke at its memory and registers. */
static void
tracer_debug(endpoint_t tg)
{
	struct proc_info pi;
	uint32_t a = 0, b = 0, v = 12345, eip = 0, cs = 0;

	test_expect("sig_trace_stop", sys_trace(T_STOP, tg, 0, NULL), OK);
	test_check("sig_trace_stopped_flag", sys_getproc(tg, &pi) == OK && (pi.pi_rts_flags & 0x40),
		   "rts flags 0x%x", pi.pi_rts_flags);
	sys_trace(T_GETDATA, tg, (vir_bytes)&counter, &a);
	wait_ticks(3);
	sys_trace(T_GETDATA, tg, (vir_bytes)&counter, &b);
	test_check("sig_trace_stands_still", a == b && a != 0, "counter %u then %u", a, b);
	test_expect("sig_trace_poke", sys_trace(T_SETDATA, tg, (vir_bytes)&counter, &v), OK);
	sys_trace(T_GETDATA, tg, (vir_bytes)&counter, &a);
	test_check("sig_trace_peek_after_poke", a == 12345, "read back %u", a);
	test_expect("sig_trace_peek_unmapped", sys_trace(T_GETDATA, tg, 0x10, &a), -EFAULT);
	test_expect("sig_trace_getuser_eip", sys_trace(T_GETUSER, tg, T_REG_EIP, &eip), OK);
	test_check("sig_trace_eip_in_text", eip >= 0x08048000 && eip < 0x08100000, "eip 0x%x", eip);
	test_expect("sig_trace_setuser_cs_refused", sys_trace(T_SETUSER, tg, 60, &cs), -EFAULT);
	test_expect("sig_trace_bad_request", sys_trace(77, tg, 0, NULL), -EINVAL);
	test_expect("sig_trace_resume", sys_trace(T_RESUME, tg, 0, NULL), OK);
	wait_ticks(12);		/* more than two quanta: the target gets the CPU */
	sys_trace(T_GETDATA, tg, (vir_bytes)&counter, &b);
	test_check("sig_trace_runs_again", b != 12345, "counter still %u", b);
}

/* Play PM: run the target's handler, then return it from the handler. */
static void
tracer_signal(endpoint_t tg)
{
	struct sigmsg sm;
	message m;
	int status;

	memset(&sm, 0, sizeof(sm));
	sm.sm_signo = TEST_SIGNAL;
	sm.sm_sighandler = (uint32_t)handler;
	sm.sm_sigreturn = (uint32_t)sig_tramp;
	test_expect("sig_trace_sigsend_bad_endpoint", sig_call(SYS_SIGSEND, 12345, (vir_bytes)&sm),
		    -EINVAL);
	sys_stop(tg);
	test_expect("sig_trace_sigsend", sig_call(SYS_SIGSEND, tg, (vir_bytes)&sm), OK);
	sys_resume(tg);
	if (ipc_receive(tg, &m, &status) != OK || m.m_type != RQ_SIGRETURN) {
		test_fail("sig_trace_trampoline", "no SIGRETURN request from the target");
		return;
	}
	test_pass("sig_trace_trampoline");
	test_expect("sig_trace_sigreturn_bad_context", sig_call(SYS_SIGRETURN, tg, 0x10), -EFAULT);
	test_expect("sig_trace_sigreturn", sig_call(SYS_SIGRETURN, tg, m.m_u32.m_u32[0]), OK);
}

static int
tracer(void)
{
	endpoint_t tg;

	test_set_program("sig_trace_tracer");
	if ((tg = test_find_peer("sig_trace")) == NONE)
		return test_done();
	wait_ticks(2);		/* let the target start counting */
	tracer_debug(tg);
	tracer_signal(tg);
	wait_ticks(10);		/* the target reports and prints DONE */
	sys_trace(T_STOP, tg, 0, NULL);
	test_expect("sig_trace_step", sys_trace(T_STEP, tg, 0, NULL), OK);
	wait_ticks(5);
	test_expect("sig_trace_stepped_target_gone", sys_getproc(tg, &(struct proc_info){0}),
		    -EINVAL);
	return test_done();
}

int
main(int argc, char **argv)
{
	argc = test_init("sig_trace", argc, argv);
	if (argc > 1 && strcmp(argv[1], "tracer") == 0)
		return tracer();
	return target();
}
