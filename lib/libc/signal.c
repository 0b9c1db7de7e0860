/*
 * signal.c - signal actions and masks (PM_SIGACTION, PM_SIGPROCMASK; minnow/pm.h), the
 * sigset_t operations, signal() and raise().
 *
 * A sigset_t is two 32-bit words; signal s is bit s % 32 of word s / 32, the layout PM
 * and the kernel use.  Valid signals are 1 .. NSIG-1 (EINVAL otherwise).
 *
 * Handlers (handouts/pm.md, "Signal handlers"): sigaction tells PM the address of
 * __sigreturn, the trampoline below.  The kernel starts a handler on a frame whose return
 * address is the trampoline, so a handler that returns lands there with the stack at the
 * frame's signal number; the trampoline steps over it and the code to the context pointer
 * and calls __libc_sigreturn(scp), whose PM_SIGRETURN is never answered: PM and the kernel
 * put back the mask and registers of the interrupted code.  Also sigpending, sigsuspend,
 * pause.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include "libc_private.h"
#include "pm_call.h"

/* Is sig a signal a set can hold? */
static int
valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

int
sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	return 0;
}

int
sigfillset(sigset_t *set)
{
	set->__bits[0] = 0xFFFFFFFEu;	/* no signal 0 */
	set->__bits[1] = 0xFFFFFFFFu;
	return 0;
}

int
sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return __libc_posix_result(-EINVAL);
	set->__bits[sig / 32] |= 1u << (sig % 32);
	return 0;
}

int
sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return __libc_posix_result(-EINVAL);
	set->__bits[sig / 32] &= ~(1u << (sig % 32));
	return 0;
}

int
sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return __libc_posix_result(-EINVAL);
	return (set->__bits[sig / 32] >> (sig % 32)) & 1u;
}

void __sigreturn(void);
void __libc_sigreturn(int signo, int code, uint32_t scp);

volatile int __libc_restart;
volatile int __libc_handled;
static unsigned char restart_flags[NSIG];	/* SA_RESTART of each signal's action */

/* The handlers' return address: the frame's signo, code and scp are its arguments. */
__asm__(".text\n"
	".globl __sigreturn\n"
	"__sigreturn:\n"
	"\tcall __libc_sigreturn\n"
	"\thlt\n");

/* PM_SIGRETURN to the context at scp: PM and the kernel restore it and never answer (a bad
 * context ends the process).  restart: the interrupted call is made again (SA_RESTART). */
static void
return_to_context(uint32_t scp, int restart)
{
	message m;

	__libc_restart = restart;
	__libc_handled = 1;
	memset(&m, 0, sizeof(m));
	m.m_pm.addr = scp;
	m.m_type = PM_SIGRETURN;
	ipc_sendrec(PM_PROC_NR, &m);	/* not __libc_pm_call: it clears __libc_restart */
	_exit(127);			/* not reached: PM ends a process it cannot return */
}

/* Return from a handler (the trampoline's call): a call the signal interrupted is made
 * again if its action has SA_RESTART (__libc_restart). */
void
__libc_sigreturn(int signo, int code, uint32_t scp)
{
	(void)code;
	return_to_context(scp, signo > 0 && signo < NSIG && restart_flags[signo]);
}

/* sigreturn(scp) called by the handler itself: the signal is not known, so an interrupted
 * call is not restarted (it fails with EINTR). */
int
sigreturn(struct sigcontext *scp)
{
	return_to_context((uint32_t)scp, 0);
	return -1;
}

int
sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_pm.sig = sig;
	m.m_pm.addr = (uint32_t)act;
	m.m_pm.addr2 = (uint32_t)oact;
	m.m_pm.len = (uint32_t)__sigreturn;
	r = __libc_pm_call(PM_SIGACTION, &m);
	if (r == 0 && act != NULL && sig > 0 && sig < NSIG)
		restart_flags[sig] = (act->sa_flags & SA_RESTART) != 0;
	return __libc_posix_result(r);
}

sighandler_t
signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int
sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.how = how;
	m.m_pm.addr = (uint32_t)set;
	m.m_pm.addr2 = (uint32_t)oset;
	return __libc_posix_result(__libc_pm_call(PM_SIGPROCMASK, &m));
}

int
sigpending(sigset_t *set)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.addr = (uint32_t)set;
	return __libc_posix_result(__libc_pm_call(PM_SIGPENDING, &m));
}

int
sigsuspend(const sigset_t *set)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.addr = (uint32_t)set;
	return __libc_posix_result(__libc_pm_call(PM_SIGSUSPEND, &m));
}

int
pause(void)
{
	sigset_t now;

	if (sigprocmask(SIG_BLOCK, NULL, &now) < 0)
		return -1;
	return sigsuspend(&now);
}

int
raise(int sig)
{
	return kill(getpid(), sig);
}
