/**
 * @file sys/types.h
 * @brief POSIX types of process and user identities.
 */
#ifndef _POSIX_SYS_TYPES_H
#define _POSIX_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;              /**< a process id (or, negated, a process group) */
typedef uint32_t uid_t;         /**< a user id */
typedef uint32_t gid_t;         /**< a group id */

#endif /* _POSIX_SYS_TYPES_H */
