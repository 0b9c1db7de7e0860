/**
 * @file limits.h
 * @brief Limits of the integer types (gcc's own) plus the few system limits Minnow has.
 *
 * gcc's limits.h defines CHAR_BIT, INT_MAX, LONG_MAX and the rest, but when it is not told
 * otherwise it looks for the C library's limits.h to include as well; defining
 * _LIBC_LIMITS_H_ first tells it this file is that library header, then include_next
 * fetches gcc's from the compiler's include directory (-isystem, after include/posix).
 */
#ifndef _POSIX_LIMITS_H
#define _POSIX_LIMITS_H

/** Tells gcc's limits.h that the C library's limits.h (this file) is already in. */
#define _LIBC_LIMITS_H_
#include_next <limits.h>

/** Longest process name the kernel keeps (minnow/kcall.h's PROC_NAME_LEN, NUL excluded). */
#define PROC_NAME_MAX   15
/** Longest path name, NUL included (ENAMETOOLONG beyond). */
#define PATH_MAX        256
/** Longest file name component (MFS's directory entries). */
#define NAME_MAX        59
/** Symbolic links one path lookup follows before it fails with ELOOP. */
#define SYMLOOP_MAX     16
/** Largest exec argument frame (argv, envp, their strings and pointers): E2BIG beyond. */
#define ARG_MAX         65536
/** Open files per process. */
#define OPEN_MAX        32
/** Bytes a pipe holds; writes of at most this many are atomic. */
#define PIPE_BUF        4096
/** Most struct iovec a readv() or writev() takes. */
#define IOV_MAX         1024
#ifndef SSIZE_MAX
/** Largest ssize_t: a byte count no call returns more than. */
#define SSIZE_MAX       2147483647
#endif

#endif /* _POSIX_LIMITS_H */
