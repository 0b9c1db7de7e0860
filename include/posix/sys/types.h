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
typedef int64_t off_t;          /**< a file position or size */
typedef int32_t ssize_t;        /**< a byte count or -1 */
typedef uint32_t mode_t;        /**< file type and permission bits */
typedef uint32_t dev_t;         /**< a device number: major << 8 | minor */
typedef uint32_t ino_t;         /**< an inode number */
typedef uint32_t nlink_t;       /**< a link count */
typedef int32_t time_t;         /**< seconds since 1970-01-01 00:00 UTC */
typedef long clock_t;           /**< clock ticks (times()) or CLOCKS_PER_SEC units (clock()) */
typedef int32_t suseconds_t;    /**< microseconds (struct timeval) */
typedef uint32_t useconds_t;    /**< microseconds (usleep) */
typedef int32_t blkcnt_t;       /**< a count of blocks */
typedef int32_t blksize_t;      /**< a block size */

/** The major device number of @p d. */
#define major(d)        (((d) >> 8) & 0xFF)
/** The minor device number of @p d. */
#define minor(d)        ((d) & 0xFF)
/** The device number of @p ma, @p mi. */
#define makedev(ma, mi) ((dev_t)((((ma) & 0xFF) << 8) | ((mi) & 0xFF)))

#endif /* _POSIX_SYS_TYPES_H */
