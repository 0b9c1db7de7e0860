/*
 * pm_call.h - libc's way to PM, shared by pm.c, exec.c, signal.c and time.c (internal to
 * libc; the names start with __ so they cannot clash with a program's).
 */
#ifndef LIBC_PM_CALL_H
#define LIBC_PM_CALL_H

#include <minnow/ipc.h>

/** Send request @p type with @p m to PM: its answer (m_type, the reply in @p m), a negated
 *  error, or -ENOSYS when no PM runs. */
int __libc_pm_call(int type, message *m);
/** The POSIX convention: @p r >= 0 as it is, else -1 with errno = -r. */
int __libc_posix_result(int r);

#endif /* LIBC_PM_CALL_H */
