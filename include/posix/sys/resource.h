/**
 * @file sys/resource.h
 * @brief getrlimit() and setrlimit(): a process's resource limits (through PM, and VFS for
 *        RLIMIT_FSIZE); getrusage(): its CPU times and largest resident size.
 *
 * Minnow has three: RLIMIT_CORE, the size of the core file a signal's default action
 * writes (handouts/pm.md, "Core files"); 0 (the default) means no core file;
 * RLIMIT_STACK, how far the stack may grow (handouts/vm.md, "Growing stacks"; 8 MiB
 * soft and unlimited hard at first; a stack never passes 64 MiB whatever it says); and
 * RLIMIT_FSIZE, how large a process may make a regular file (handouts/pm.md, "The file
 * size limit"; unlimited at first); and RLIMIT_NPROC, how many processes the real user may
 * own (handouts/pm.md, "The process limit"; CHILD_MAX soft and hard at first; root is
 * exempt; a count, not bytes).  Every
 * limit has a soft value (rlim_cur, the one in force) and a hard one (rlim_max, the
 * ceiling of the soft one); anyone may lower either, only root may raise the hard one.
 * Children inherit the limits across fork and exec.  Not implemented: the other
 * resources (EINVAL).
 *
 * getrusage() reports the user and system CPU time of the process (RUSAGE_SELF) or of its
 * waited-for children (RUSAGE_CHILDREN): the ticks of times() (handouts/pm.md, "Process
 * times") as struct timevals, and ru_maxrss.  Not implemented: the other counters of
 * struct rusage, which are always 0.
 */
#ifndef _POSIX_SYS_RESOURCE_H
#define _POSIX_SYS_RESOURCE_H

#include <stdint.h>
#include <sys/time.h>

/** A limit's value, in bytes (RLIMIT_NPROC: processes). */
typedef uint32_t rlim_t;

/** No limit. */
#define RLIM_INFINITY   ((rlim_t)0xFFFFFFFFu)

/** The size a process may make a regular file: a write or truncate past it is SIGXFSZ
 *  and EFBIG (VFS keeps it; handouts/pm.md, "The file size limit"). */
#define RLIMIT_FSIZE    1
/** The stack's size: a fault past it is SIGSEGV. */
#define RLIMIT_STACK    3
/** The core file's size. */
#define RLIMIT_CORE     4
/** Processes the caller's real user may own (zombies included): fork() past it is
 *  EAGAIN.  CHILD_MAX by default; root is exempt. */
#define RLIMIT_NPROC    7

/** One resource's limits. */
struct rlimit {
	rlim_t rlim_cur;        /**< soft limit: in force */
	rlim_t rlim_max;        /**< hard limit: the ceiling of rlim_cur */
};

/** getrusage(): the calling process itself. */
#define RUSAGE_SELF     0
/** getrusage(): its terminated children it has waited for. */
#define RUSAGE_CHILDREN (-1)

/** What getrusage() reports: the CPU times and ru_maxrss; the other counters are not kept
 *  (0). */
struct rusage {
	struct timeval ru_utime;        /**< user CPU time */
	struct timeval ru_stime;        /**< system CPU time (servers' work billed to it) */
	long ru_maxrss;                 /**< the largest resident size PM saw, in KiB */
	long ru_ixrss;                  /**< not kept: 0 */
	long ru_idrss;                  /**< not kept: 0 */
	long ru_isrss;                  /**< not kept: 0 */
	long ru_minflt;                 /**< not kept: 0 */
	long ru_majflt;                 /**< not kept: 0 */
	long ru_nswap;                  /**< not kept: 0 */
	long ru_inblock;                /**< not kept: 0 */
	long ru_oublock;                /**< not kept: 0 */
	long ru_msgsnd;                 /**< not kept: 0 */
	long ru_msgrcv;                 /**< not kept: 0 */
	long ru_nsignals;               /**< not kept: 0 */
	long ru_nvcsw;                  /**< not kept: 0 */
	long ru_nivcsw;                 /**< not kept: 0 */
};

/** The resource use of @p who (RUSAGE_SELF or RUSAGE_CHILDREN) into @p ru (PM writes it):
 *  0, or -1 with errno EINVAL for another @p who, EFAULT for a bad @p ru. */
int getrusage(int who, struct rusage *ru);

/** Read resource @p res's limits into @p rl: 0, or -1 with errno (EINVAL, EFAULT; for
 *  RLIMIT_FSIZE a bad @p rl faults). */
int getrlimit(int res, struct rlimit *rl);
/** Set resource @p res's limits: 0, or -1 with errno (EINVAL: rlim_cur above rlim_max or
 *  an unknown resource; EPERM: raising the hard limit without being root). */
int setrlimit(int res, const struct rlimit *rl);

#endif
