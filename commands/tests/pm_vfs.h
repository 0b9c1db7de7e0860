/*
 * pm_vfs.h - the questions a test program may ask the fake VFS (pm_vfs.c), which boots in
 * VFS's slot for PM's tests (grader/tests/pm_vfs.py).
 *
 * PMVFS_STATS (SENDREC from any process): the answer's m_u32.m_u32[] holds the counters
 * below (PMVFS_N_*), plus whether the caller is in the fake's table and whether the fake
 * has answered VFS_PM_FORK for it.  PMVFS_DONE: the fake prints its DONE line.
 * PMVFS_FAIL_FORK: the next VFS_PM_FORK fails with ENOMEM.
 */
#ifndef PM_VFS_H
#define PM_VFS_H

#define PMVFS_STATS     0x7F00  /**< counters, answered with OK */
#define PMVFS_DONE      0x7F01  /**< print the DONE line, answered with OK */
#define PMVFS_FAIL_FORK 0x7F02  /**< answer the next VFS_PM_FORK with ENOMEM */

/* Indexes into m_u32.m_u32[] of PMVFS_STATS's answer. */
#define PMVFS_N_INIT    0       /* VFS_PM_INIT messages, NONE included */
#define PMVFS_N_FORK    1
#define PMVFS_N_EXIT    2
#define PMVFS_N_EXEC    3
#define PMVFS_N_SETUID  4
#define PMVFS_N_SETGID  5
#define PMVFS_N_SETSID  6
#define PMVFS_KNOWN     7       /* 1 if the caller is in the fake's table */
#define PMVFS_FORKED    8       /* 1 if the caller's VFS_PM_FORK has been answered */
#define PMVFS_LAST_UID  9       /* the euid of the last VFS_PM_SETUID */
#define PMVFS_NWORDS    10

#endif
