/**
 * @file sys/ptrace.h
 * @brief ptrace(): trace and debug another process (through PM; handouts/ptrace.md).
 *
 * The requests, options and register offsets are the protocol's (minnow/ptrace.h).  A
 * tracer learns of its tracee's stops with waitpid(): WIFSTOPPED(status), and
 * WSTOPSIG(status) the signal that stopped it (SIGTRAP for a step, a system call or an
 * exec, SIGSTOP after T_ATTACH, or the signal the tracee was sent, held for the tracer).
 */
#ifndef _POSIX_SYS_PTRACE_H
#define _POSIX_SYS_PTRACE_H

#include <sys/types.h>
#include <minnow/ptrace.h>

/**
 * Trace process @p pid.
 * @param req   T_* request
 * @param pid   the tracee (ignored by T_OK)
 * @param addr  address or register offset (T_GET*, T_SET*), or a struct ptrace_range
 *              (T_GETRANGE, T_SETRANGE)
 * @param data  the word to write (T_SET*), the signal to post (T_RESUME, T_STEP,
 *              T_SYSCALL, T_DETACH), the exit status (T_EXIT), the options (T_SETOPT)
 * @return the word read for T_GET*, else 0; -1 with errno set on failure (ESRCH: no such
 *         tracee of the caller; EBUSY: not stopped, or already traced; EPERM: may not
 *         trace it; EINVAL: bad request or signal; EFAULT: bad address).  A T_GET* word
 *         may itself be -1: clear errno first and check it.
 */
long ptrace(int req, pid_t pid, long addr, long data);

#endif
