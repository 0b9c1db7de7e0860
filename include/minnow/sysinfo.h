/**
 * @file sysinfo.h
 * @brief getsysinfo(): the process tables of PM and of the kernel, for ps and sysinfo.
 */
#ifndef MINNOW_SYSINFO_H
#define MINNOW_SYSINFO_H

#include <stddef.h>
#include <minnow/pm.h>

/**
 * Copy a process table into @p buf of @p len bytes, as many whole rows as fit:
 * SI_PROC_TAB gives one struct pm_procinfo per process PM knows (zombies included),
 * SI_KPROC_TAB one struct proc_info (minnow/kcall.h) per kernel slot in use.
 * Returns the number of bytes copied, or -1 with errno (EINVAL: bad @p how; EFAULT: bad
 * buffer; ENOSYS: no PM).
 */
int getsysinfo(int how, void *buf, size_t len);

#endif /* MINNOW_SYSINFO_H */
