/**
 * @file sys/resource.h
 * @brief getrlimit() and setrlimit(): a process's resource limits (through PM).
 *
 * Minnow has two: RLIMIT_CORE, the size of the core file a signal's default action
 * writes (handouts/pm.md, "Core files"); 0 (the default) means no core file; and
 * RLIMIT_STACK, how far the stack may grow (handouts/vm.md, "Growing stacks"; 8 MiB
 * soft and unlimited hard at first; a stack never passes 64 MiB whatever it says).  Every
 * limit has a soft value (rlim_cur, the one in force) and a hard one (rlim_max, the
 * ceiling of the soft one); anyone may lower either, only root may raise the hard one.
 * Children inherit the limits across fork and exec.  Not implemented: the other
 * resources (EINVAL).
 */
#ifndef _POSIX_SYS_RESOURCE_H
#define _POSIX_SYS_RESOURCE_H

#include <stdint.h>

/** A limit's value, in bytes. */
typedef uint32_t rlim_t;

/** No limit. */
#define RLIM_INFINITY   ((rlim_t)0xFFFFFFFFu)

/** The stack's size: a fault past it is SIGSEGV. */
#define RLIMIT_STACK    3
/** The core file's size. */
#define RLIMIT_CORE     4

/** One resource's limits. */
struct rlimit {
	rlim_t rlim_cur;        /**< soft limit: in force */
	rlim_t rlim_max;        /**< hard limit: the ceiling of rlim_cur */
};

/** Read resource @p res's limits into @p rl: 0, or -1 with errno (EINVAL, EFAULT). */
int getrlimit(int res, struct rlimit *rl);
/** Set resource @p res's limits: 0, or -1 with errno (EINVAL: rlim_cur above rlim_max or
 *  an unknown resource; EPERM: raising the hard limit without being root). */
int setrlimit(int res, const struct rlimit *rl);

#endif
