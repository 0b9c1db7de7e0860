/**
 * @file errno.h
 * @brief Minnow's error numbers: POSIX errors plus the MINIX IPC and kernel-call errors.
 *
 * The numbers are positive (errno values).  Inside the system, kernel calls, IPC and servers
 * return them negated (for example -EDEADSRCDST) and OK (0) for success; libc stores the
 * positive value in errno.  The POSIX numbers follow NetBSD's, as MINIX 3.3 does.
 */
#ifndef MINNOW_ERRNO_H
#define MINNOW_ERRNO_H

#define OK              0       /**< success */
#define EPERM           1       /**< operation not permitted */
#define ENOENT          2       /**< no such file or directory */
#define ESRCH           3       /**< no such process */
#define EINTR           4       /**< interrupted call */
#define EIO             5       /**< input/output error */
#define ENXIO           6       /**< no such device or address */
#define E2BIG           7       /**< argument list too long */
#define ENOEXEC         8       /**< exec format error */
#define EBADF           9       /**< bad file descriptor */
#define ECHILD          10      /**< no child processes */
#define EDEADLK         11      /**< resource deadlock avoided */
#define ENOMEM          12      /**< cannot allocate memory */
#define EACCES          13      /**< permission denied */
#define EFAULT          14      /**< bad address */
#define EBUSY           16      /**< device or resource busy */
#define EEXIST          17      /**< file exists */
#define EXDEV           18      /**< cross-device link */
#define ENODEV          19      /**< no such device */
#define ENOTDIR         20      /**< not a directory */
#define EISDIR          21      /**< is a directory */
#define EINVAL          22      /**< invalid argument */
#define ENFILE          23      /**< too many open files in system */
#define EMFILE          24      /**< too many open files */
#define ENOTTY          25      /**< inappropriate ioctl for device */
#define EFBIG           27      /**< file too large */
#define ENOSPC          28      /**< no space left on device */
#define ESPIPE          29      /**< illegal seek */
#define EROFS           30      /**< read-only file system */
#define EMLINK          31      /**< too many links */
#define EPIPE           32      /**< broken pipe */
#define EDOM            33      /**< numerical argument out of domain */
#define ERANGE          34      /**< result too large */
#define EAGAIN          35      /**< resource temporarily unavailable */
#define EINPROGRESS     36      /**< operation now in progress (a non-blocking connect) */
#define EALREADY        37      /**< operation already in progress */
#define ENOTSOCK        38      /**< socket operation on a descriptor that is no socket */
#define EDESTADDRREQ    39      /**< destination address required */
#define EMSGSIZE        40      /**< message too long */
#define EPROTOTYPE      41      /**< protocol wrong type for socket */
#define ENOPROTOOPT     42      /**< protocol option not available */
#define EPROTONOSUPPORT 43      /**< protocol not supported */
#define ESOCKTNOSUPPORT 44      /**< socket type not supported */
#define EOPNOTSUPP      45      /**< operation not supported (fchmodat of a symbolic link) */
#define EPFNOSUPPORT    46      /**< protocol family not supported */
#define EAFNOSUPPORT    47      /**< address family not supported (no socket driver for the domain) */
#define EADDRINUSE      48      /**< address already in use */
#define EADDRNOTAVAIL   49      /**< cannot assign requested address */
#define ENETDOWN        50      /**< network is down */
#define ENETUNREACH     51      /**< network is unreachable */
#define ENETRESET       52      /**< network dropped connection on reset */
#define ECONNABORTED    53      /**< software caused connection abort */
#define ECONNRESET      54      /**< connection reset by peer */
#define ENOBUFS         55      /**< no buffer space available */
#define EISCONN         56      /**< socket is already connected */
#define ENOTCONN        57      /**< socket is not connected */
#define ESHUTDOWN       58      /**< cannot send after socket shutdown */
#define ETIMEDOUT       60      /**< operation timed out */
#define ECONNREFUSED    61      /**< connection refused */
#define EHOSTDOWN       64      /**< host is down */
#define EHOSTUNREACH    65      /**< no route to host */
#define ELOOP           62      /**< too many levels of symbolic links (or grant indirection) */
#define ENAMETOOLONG    63      /**< file name too long */
#define ENOTEMPTY       66      /**< directory not empty */
#define ENOLCK          77      /**< no locks available (the record lock table is full) */
#define ENOSYS          78      /**< function not implemented */
#define EOVERFLOW       84      /**< value too large to be stored in data type */
#define EWOULDBLOCK     EAGAIN  /**< the same as EAGAIN (sockets) */

/* MINIX's system errors (numbers as in MINIX 3.3). */
#define ELOCKED         101     /**< IPC would deadlock */
#define EBADCALL        102     /**< illegal system call number */
#define ECALLDENIED     104     /**< no permission for this kernel call or IPC target */
#define EDEADSRCDST     105     /**< source or destination is not alive (or was replaced) */
#define ENOTREADY       106     /**< source or destination is not ready (non-blocking IPC) */
#define EBADREQUEST     107     /**< destination cannot handle this request */
#define ETRAPDENIED     110     /**< IPC trap not allowed for this process */
#define ERESTART        111     /**< service restart refused: start a fresh instance ("reset"; Minnow's number) */
#define EDONTREPLY      201     /**< pseudo-code: the handler replies later (or never) */
#define EJOBCTL         202     /**< pseudo-code: a background process touched the terminal,
                                     which sent its group SIGTTIN or SIGTTOU; libc makes the
                                     call again once the process goes on (never seen by a
                                     program) */
#define EDEADEPT        302     /**< the endpoint is dead */
#define EBADEPT         303     /**< not a valid endpoint */

#endif /* MINNOW_ERRNO_H */
