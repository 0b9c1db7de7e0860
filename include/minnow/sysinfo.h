/**
 * @file sysinfo.h
 * @brief The system's tables for user programs (ps, sysinfo): getsysinfo() for the process
 * tables of PM and of the kernel, getsysinfo_rs() for RS's services, getsysinfo_ds() for
 * DS's entries.
 */
#ifndef MINNOW_SYSINFO_H
#define MINNOW_SYSINFO_H

#include <stddef.h>
#include <minnow/ds.h>
#include <minnow/pm.h>
#include <minnow/rs.h>

/**
 * Copy a process table into @p buf of @p len bytes, as many whole rows as fit:
 * SI_PROC_TAB gives one struct pm_procinfo per process PM knows (zombies included),
 * SI_KPROC_TAB one struct proc_info (minnow/kcall.h) per kernel slot in use.
 * Returns the number of bytes copied, or -1 with errno (EINVAL: bad @p how; EFAULT: bad
 * buffer; ENOSYS: no PM).
 */
int getsysinfo(int how, void *buf, size_t len);

/**
 * Copy RS's service table (RS_GETSYSINFO) into @p buf of @p len bytes: one struct
 * rs_svcinfo per service, as many whole rows as fit.  If @p total is not NULL it receives
 * the number of services RS has (a @p len of 0 asks only that).  Returns the number of
 * rows copied, or -1 with errno (EFAULT: bad buffer; EINVAL: RS has another row layout;
 * an IPC error such as EDEADSRCDST if RS does not run).
 */
int getsysinfo_rs(struct rs_svcinfo *buf, size_t len, unsigned *total);

/**
 * Copy DS's entries (DS_GETSYSINFO) into @p buf of @p len bytes: one struct ds_entryinfo
 * per entry, as many whole rows as fit; @p total as for getsysinfo_rs().  The value of
 * another service's private entry is left out (DSI_HIDDEN).  Returns the number of rows
 * copied, or -1 with errno as getsysinfo_rs().
 */
int getsysinfo_ds(struct ds_entryinfo *buf, size_t len, unsigned *total);

#endif /* MINNOW_SYSINFO_H */
