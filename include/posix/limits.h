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
/** Processes one ordinary user may own at once: RLIMIT_NPROC's default (fork fails with
 *  EAGAIN past it; root is exempt). */
#define CHILD_MAX       64
/** Bytes a pipe holds; writes of at most this many are atomic. */
#define PIPE_BUF        4096
/** Most struct iovec a readv() or writev() takes. */
#define IOV_MAX         1024
#ifndef SSIZE_MAX
/** Largest ssize_t: a byte count no call returns more than. */
#define SSIZE_MAX       2147483647
#endif

/** Links to one file (MFS's 16-bit link count). */
#define LINK_MAX        32767
/** Bytes of a terminal's canonical input line. */
#define MAX_CANON       255
/** Bytes of a terminal's input queue. */
#define MAX_INPUT       255
/** Longest text line the utilities handle. */
#define LINE_MAX        2048
/** Longest host name (gethostname), NUL excluded. */
#define HOST_NAME_MAX   64
/** Longest login name, NUL included. */
#define LOGIN_NAME_MAX  32
/** Longest terminal device name, NUL included. */
#define TTY_NAME_MAX    32
/** Supplementary groups per process (handouts/pm.md, "Supplementary groups"). */
#define NGROUPS_MAX     16
/** Repetitions in a regular expression interval. */
#define RE_DUP_MAX      255
/** Nesting of parentheses in expr. */
#define EXPR_NEST_MAX   32
/** Streams one process may have open. */
#define STREAM_MAX      OPEN_MAX
/** atexit() functions. */
#define ATEXIT_MAX      32
/** Minimum values POSIX guarantees (the _POSIX_* limits). */
#define _POSIX_ARG_MAX          4096
#define _POSIX_CHILD_MAX        25      /**< see _POSIX_ARG_MAX */
#define _POSIX_LINK_MAX         8       /**< see _POSIX_ARG_MAX */
#define _POSIX_NAME_MAX         14      /**< see _POSIX_ARG_MAX */
#define _POSIX_OPEN_MAX         20      /**< see _POSIX_ARG_MAX */
#define _POSIX_PATH_MAX         256     /**< see _POSIX_ARG_MAX */
#define _POSIX_PIPE_BUF         512     /**< see _POSIX_ARG_MAX */

#endif /* _POSIX_LIMITS_H */
