/**
 * @file sys/wait.h
 * @brief wait() and waitpid(): collect the status of an ended child (through PM).
 *
 * A status word says "exited with code e" ((e & 0xFF) << 8), "killed by signal s" (s in
 * the low 7 bits; 0x80 added when it left a core file), with WUNTRACED "stopped by signal s" ((s << 8) | 0x7F), or with
 * WCONTINUED "continued" (0xFFFF), as the macros below decode it.
 */
#ifndef _POSIX_SYS_WAIT_H
#define _POSIX_SYS_WAIT_H

#include <sys/types.h>

/** waitpid option: return 0 at once if no matching child has ended yet. */
#define WNOHANG         1
/** waitpid option: also report a child that stopped (once per stop). */
#define WUNTRACED       2
/** waitpid option: also report a stopped child that SIGCONT continued (once). */
#define WCONTINUED      8

/** Did the child exit normally (exit or return from main)? */
#define WIFEXITED(s)    (((s) & 0x7F) == 0)
/** Its exit code (valid if WIFEXITED). */
#define WEXITSTATUS(s)  (((s) >> 8) & 0xFF)
/** Was the child killed by a signal? */
#define WIFSIGNALED(s)  (((s) & 0x7F) != 0 && ((s) & 0x7F) != 0x7F)
/** Did the child stop (WUNTRACED)? */
#define WIFSTOPPED(s)   (((s) & 0xFF) == 0x7F)
/** The signal that stopped it (valid if WIFSTOPPED). */
#define WSTOPSIG(s)     (((s) >> 8) & 0xFF)
/** Did the signal that killed the child leave a core file (valid if WIFSIGNALED)? */
#define WCOREDUMP(s)    (((s) & 0x80) != 0)
/** Was the stopped child continued (WCONTINUED)? */
#define WIFCONTINUED(s) ((s) == 0xFFFF)
/** The signal that killed it (valid if WIFSIGNALED). */
#define WTERMSIG(s)     ((s) & 0x7F)

/** Wait for any child; its pid (status in *status if non-NULL), or -1 with errno (ECHILD). */
pid_t wait(int *status);
/** Wait for child @p pid (-1: any, 0: own group, < -1: group -pid); options WNOHANG.  The
 *  child's pid, 0 (WNOHANG, none ended yet), or -1 with errno (ECHILD, EINVAL). */
pid_t waitpid(pid_t pid, int *status, int options);

struct rusage;
/** waitpid() that also fills *@p ru (unless NULL) with the reaped child's resource use
 *  (BSD; getrusage()'s fields: its CPU times and ru_maxrss).  A bad @p ru is EFAULT and the
 *  child is not reaped: a later wait still finds it. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
/** wait4(-1, status, options, ru) (BSD). */
pid_t wait3(int *status, int options, struct rusage *ru);

#endif /* _POSIX_SYS_WAIT_H */
