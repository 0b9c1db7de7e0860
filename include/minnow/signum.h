/**
 * @file signum.h
 * @brief Signal numbers shared by the kernel, the signal managers (PM, RS) and libc.
 */
#ifndef MINNOW_SIGNUM_H
#define MINNOW_SIGNUM_H

#define SIGHUP          1       /**< hangup */
#define SIGINT          2       /**< interrupt (^C) */
#define SIGQUIT         3       /**< quit */
#define SIGILL          4       /**< illegal instruction */
#define SIGTRAP         5       /**< trace trap */
#define SIGABRT         6       /**< abort (also: a system process called sys_exit) */
#define SIGFPE          8       /**< arithmetic error */
#define SIGKILL         9       /**< kill (cannot be caught) */
#define SIGBUS          10      /**< bus error */
#define SIGSEGV         11      /**< invalid memory reference */
#define SIGPIPE         13      /**< write on a pipe nobody reads */
#define SIGALRM         14      /**< alarm clock */
#define SIGTERM         15      /**< termination request */
#define SIGSTOP         17      /**< stop (cannot be caught or ignored) */
#define SIGTSTP         18      /**< stop from the terminal (^Z) */
#define SIGCONT         19      /**< continue a stopped process */
#define SIGCHLD         20      /**< child stopped or exited */
#define SIGTTIN         21      /**< a background read from the terminal */
#define SIGTTOU         22      /**< a background write to the terminal */
#define SIGXFSZ         25      /**< a write or truncate past RLIMIT_FSIZE (default: core) */
#define SIGVTALRM       26      /**< the virtual timer (setitimer ITIMER_VIRTUAL) expired */
#define SIGPROF         27      /**< the profiling timer (setitimer ITIMER_PROF) expired */
#define SIGPWR          29      /**< power failure (sent by nobody in Minnow; ends the process) */
#define SIGUSR1         30      /**< user-defined signal 1 */
#define SIGUSR2         31      /**< user-defined signal 2 */
#define NSIG            64      /**< signals 1..NSIG-1 exist */

/* MINIX kernel signals (system signals, delivered to signal managers). */
#define SIGSNDELAY      62      /**< a delayed stop took effect (sys_runctl RC_DELAY) */
#define SIGKMEM         59      /**< VM: a kernel memory request is pending */
#define SIGKMESS        60      /**< new kernel messages */
#define SIGKSIGSM       61      /**< a self-managed process has kernel signals */
#define SIGKSIG         63      /**< the manager has processes with kernel signals */

/** Is @p sig lethal to a system process (RS takes it for a crash and restarts the
 *  service)?  Any other signal reaches the service as a message its SEF signal callback
 *  handles.  PM lets root send a service SIGKILL (the crash demo) and the non-lethal ones,
 *  no other lethal signal (EPERM). */
static inline int
sig_lethal_to_system(int sig)
{
	return sig == SIGILL || sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV ||
	       sig == SIGABRT || sig == SIGKILL || sig == SIGPIPE || sig == SIGTRAP;
}

#endif /* MINNOW_SIGNUM_H */
