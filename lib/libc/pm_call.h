/*
 * pm_call.h - libc's way to PM, shared by pm.c, exec.c, signal.c and time.c (internal to
 * libc; the names start with __ so they cannot clash with a program's).
 */
#ifndef LIBC_PM_CALL_H
#define LIBC_PM_CALL_H

#include <stdint.h>
#include <minnow/ipc.h>

/** Zero all of @p m, so that no stack garbage of the caller reaches PM: one store per
 *  word, inline (a 64-byte memset() costs twice as many instructions with its call). */
static inline void
__libc_clear_msg(message *m)
{
	uint32_t *w = (uint32_t *)m;

#pragma GCC unroll 16
	for (unsigned i = 0; i < sizeof(*m) / sizeof(*w); i++)
		w[i] = 0;
}

/** Send request @p type with @p m to PM: its answer (m_type, the reply in @p m), a negated
 *  error, or -ENOSYS when no PM runs. */
int __libc_pm_call(int type, message *m);
/** The POSIX convention: @p r >= 0 as it is, else -1 with errno = -r. */
int __libc_posix_result(int r);

#endif /* LIBC_PM_CALL_H */
