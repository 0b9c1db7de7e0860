/**
 * @file signal.h
 * @brief Signal numbers and kill() (through PM).
 *
 * The numbers are the system's (minnow/signum.h).  A signal's action is its default
 * (SIGCHLD ignored, every other signal ends the process), SIG_IGN or a handler, called as
 * handler(signo, code, scp) (handouts/pm.md, "Signal handlers").  sigaction() and
 * sigprocmask() are requests to PM.  Ignored signals stay ignored across exec; every
 * other action returns to the default.
 */
#ifndef _POSIX_SIGNAL_H
#define _POSIX_SIGNAL_H

#include <sys/types.h>
#include <minnow/signum.h>

/** SIGABRT's old name (the PDP-11's IOT instruction). */
#define SIGIOT      SIGABRT
/** One more than the highest signal number (BSD's and glibc's name for NSIG). */
#define _NSIG       NSIG

/** A set of signals (1..NSIG-1). */
typedef struct {
	uint32_t __bits[2];     /**< signal s is bit s % 32 of word s / 32 (as PM and the kernel) */
} sigset_t;
/** An integer a handler may set and the program read atomically. */
typedef int sig_atomic_t;
/** A signal handler. */
typedef void (*sighandler_t)(int);
#define SIG_DFL     ((sighandler_t)0)           /**< the default action */
#define SIG_IGN     ((sighandler_t)1)           /**< ignore the signal */
#define SIG_ERR     ((sighandler_t)-1)          /**< signal()'s error result */

/** What to do on a signal. */
struct sigaction {
	sighandler_t sa_handler;        /**< SIG_DFL, SIG_IGN or a handler */
	sigset_t sa_mask;               /**< blocked while the handler runs */
	int sa_flags;                   /**< SA_* */
};
#define SA_RESTART  0x0002                      /**< restart interrupted calls */
#define SA_NODEFER  0x0010                      /**< do not block the signal in its handler */
#define SA_RESETHAND 0x0004                     /**< back to SIG_DFL once delivered */
#define SA_NOCLDSTOP 0x0008                     /**< SIGCHLD: not for a child that stops */

#define SIG_BLOCK   0                           /**< sigprocmask: add to the mask */
#define SIG_UNBLOCK 1                           /**< sigprocmask: remove from the mask */
#define SIG_SETMASK 2                           /**< sigprocmask: replace the mask */

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact); /**< set/get */
sighandler_t signal(int sig, sighandler_t handler);     /**< set, returning the old one */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset); /**< the blocked mask */
int sigemptyset(sigset_t *set);                         /**< no signals */
int sigfillset(sigset_t *set);                          /**< all signals */
int sigaddset(sigset_t *set, int sig);                  /**< add one (EINVAL if bad) */
int sigdelset(sigset_t *set, int sig);                  /**< remove one */
int sigismember(const sigset_t *set, int sig);          /**< 1 if in, 0 if not */
int raise(int sig);                                     /**< kill(getpid(), sig) */
int sigpending(sigset_t *set);                          /**< the pending set */
/** Wait with the mask @p set until a handler has run: always -1, errno EINTR. */
int sigsuspend(const sigset_t *set);
/** Wait until a handler has run (sigsuspend with the current mask): -1, errno EINTR. */
int pause(void);

struct sigcontext;      /* minnow/sigcontext.h: a handler's third argument points at one */
/** Return from a signal handler to the context @p scp (the handler's third argument, the
 *  interrupted code's registers and mask): what returning from the handler does, callable
 *  from any depth of the handler (e.g. after a longjmp inside it).  Never returns; a context
 *  PM cannot read or the kernel refuses ends the process with SIGSEGV. */
int sigreturn(struct sigcontext *scp);

/** Send signal @p sig (0: only check) to process @p pid (0: own group, -1: all allowed,
 *  < -1: group -pid).  0, or -1 with errno (EINVAL, EPERM, ESRCH). */
int kill(pid_t pid, int sig);

#endif /* _POSIX_SIGNAL_H */
