/**
 * @file fcntl.h
 * @brief open() flags and fcntl() commands (MINIX's values).
 */
#ifndef _POSIX_FCNTL_H
#define _POSIX_FCNTL_H

#include <sys/types.h>

#define O_RDONLY    0x0000      /**< open for reading */
#define O_WRONLY    0x0001      /**< open for writing */
#define O_RDWR      0x0002      /**< open for both */
#define O_ACCMODE   0x0003      /**< mask of the access mode */
#define O_CREAT     0x0100      /**< create if it does not exist */
#define O_EXCL      0x0200      /**< with O_CREAT: fail (EEXIST) if it exists */
#define O_NOCTTY    0x0400      /**< do not make a terminal the controlling one */
#define O_TRUNC     0x0800      /**< truncate a regular file to 0 */
#define O_NONBLOCK  0x1000      /**< never wait: EAGAIN */
#define O_APPEND    0x2000      /**< every write at the end */
#define O_DIRECTORY 0x4000      /**< fail (ENOTDIR) unless a directory */
#define O_CLOEXEC   0x8000      /**< close on exec */
#define O_NOFOLLOW  0x10000     /**< fail (ELOOP) if the last component is a symbolic link */

#define AT_FDCWD            (-100)  /**< *at() calls: relative to the working directory */
#define AT_EACCESS          0x0100  /**< faccessat: check with the effective ids */
#define AT_SYMLINK_NOFOLLOW 0x0200  /**< fstatat, fchmodat, fchownat, utimensat: act on a
                                         symbolic link itself */
#define AT_SYMLINK_FOLLOW   0x0400  /**< linkat: link to a symbolic link's target */
#define AT_REMOVEDIR        0x0800  /**< unlinkat: remove a directory (rmdir) */

#define F_DUPFD     0           /**< dup to the lowest free fd >= arg */
#define F_GETFD     1           /**< the fd flags (FD_CLOEXEC) */
#define F_SETFD     2           /**< set the fd flags */
#define F_GETFL     3           /**< the file status flags (O_*) */
#define F_SETFL     4           /**< set O_APPEND / O_NONBLOCK */
#define FD_CLOEXEC  1           /**< close on exec */
#define F_GETLK     5           /**< the first lock that would block struct flock *arg */
#define F_SETLK     6           /**< set or clear a record lock (EAGAIN if another holds it) */
#define F_SETLKW    7           /**< set a record lock, waiting for it (EDEADLK, EINTR) */
#define F_DUPFD_CLOEXEC 8       /**< F_DUPFD, with FD_CLOEXEC set on the new fd */

#define F_RDLCK     1           /**< shared (read) lock: needs an fd open for reading */
#define F_WRLCK     2           /**< exclusive (write) lock: needs an fd open for writing */
#define F_UNLCK     3           /**< remove locks (F_GETLK: nothing would block) */

/** A record lock: bytes [l_start, l_start + l_len) from l_whence (l_len 0: to the end of
 *  the file, whatever it grows to; negative: the -l_len bytes before l_start). */
struct flock {
	short l_type;           /**< F_RDLCK, F_WRLCK or F_UNLCK */
	short l_whence;         /**< SEEK_SET, SEEK_CUR or SEEK_END */
	off_t l_start;          /**< first byte, relative to l_whence */
	off_t l_len;            /**< bytes (0: to the end) */
	pid_t l_pid;            /**< F_GETLK: the process holding the lock */
};

int open(const char *path, int flags, ...);         /**< open a file: a new fd */
int creat(const char *path, mode_t mode);           /**< open(path, O_WRONLY|O_CREAT|O_TRUNC) */
int fcntl(int fd, int cmd, ...);                    /**< descriptor control */
/** open() with a relative @p path taken from the directory open as @p fd (AT_FDCWD: the
 *  working directory); EBADF if @p fd is not open, ENOTDIR if it is not a directory. */
int openat(int fd, const char *path, int flags, ...);

#endif /* _POSIX_FCNTL_H */
