/**
 * @file stat.h
 * @brief struct stat (the layout VFS, the file servers and libc share), the file type and
 * permission bits (MINIX's, as in minnow/mfs.h), and the calls on inodes.
 */
#ifndef _POSIX_SYS_STAT_H
#define _POSIX_SYS_STAT_H

#include <sys/types.h>
#include <sys/time.h>

/** What stat() reports about a file; filled by the file server (REQ_STAT). */
struct stat {
	dev_t st_dev;           /**< device of the file system holding it */
	ino_t st_ino;           /**< inode number */
	mode_t st_mode;         /**< type and permission bits */
	nlink_t st_nlink;       /**< link count */
	uid_t st_uid;           /**< owner */
	gid_t st_gid;           /**< group */
	dev_t st_rdev;          /**< device number of a special file */
	off_t st_size;          /**< size in bytes */
	time_t st_atime;        /**< last access */
	time_t st_mtime;        /**< last modification of the data */
	time_t st_ctime;        /**< last change of the inode */
	blksize_t st_blksize;   /**< preferred I/O size */
	blkcnt_t st_blocks;     /**< 512-byte blocks allocated */
};

#define S_IFMT   0170000        /**< mask of the type bits */
#define S_IFIFO  0010000        /**< pipe */
#define S_IFCHR  0020000        /**< character special */
#define S_IFDIR  0040000        /**< directory */
#define S_IFBLK  0060000        /**< block special */
#define S_IFREG  0100000        /**< regular file */
#define S_IFLNK  0120000        /**< symbolic link */
#define S_IFSOCK 0140000        /**< socket (fstat of a socket descriptor) */
#define S_ISUID  0004000        /**< set user id on execution */
#define S_ISGID  0002000        /**< set group id on execution */
#define S_ISVTX  0001000        /**< sticky */
#define S_IRWXU  0000700        /**< owner: all */
#define S_IRUSR  0000400        /**< owner: read */
#define S_IWUSR  0000200        /**< owner: write */
#define S_IXUSR  0000100        /**< owner: execute/search */
#define S_IRWXG  0000070        /**< group: all */
#define S_IRGRP  0000040        /**< group: read */
#define S_IWGRP  0000020        /**< group: write */
#define S_IXGRP  0000010        /**< group: execute/search */
#define S_IRWXO  0000007        /**< others: all */
#define S_IROTH  0000004        /**< others: read */
#define S_IWOTH  0000002        /**< others: write */
#define S_IXOTH  0000001        /**< others: execute/search */

#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)     /**< directory? */
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)     /**< regular file? */
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)     /**< character special? */
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)     /**< block special? */
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)     /**< pipe? */
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)     /**< symbolic link? */
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)    /**< socket? */

int stat(const char *path, struct stat *st);        /**< attributes of @p path */
int lstat(const char *path, struct stat *st);       /**< stat() of a symbolic link itself */
int fstat(int fd, struct stat *st);                 /**< attributes of an open file */
int mkdir(const char *path, mode_t mode);           /**< a new directory */
int mknod(const char *path, mode_t mode, dev_t dev); /**< a new special file */
int mkfifo(const char *path, mode_t mode);          /**< a new named FIFO (mknod S_IFIFO) */
int chmod(const char *path, mode_t mode);           /**< change permission bits */
/** stat() with a relative @p path taken from the directory @p fd (AT_FDCWD: the working
 *  directory); @p flags 0 or AT_SYMLINK_NOFOLLOW (lstat). */
int fstatat(int fd, const char *path, struct stat *st, int flags);
/** mkdir() relative to the directory @p fd. */
int mkdirat(int fd, const char *path, mode_t mode);
/** mknod() relative to the directory @p fd. */
int mknodat(int fd, const char *path, mode_t mode, dev_t dev);
/** mkfifo() relative to the directory @p fd. */
int mkfifoat(int fd, const char *path, mode_t mode);
/** chmod() relative to the directory @p fd; AT_SYMLINK_NOFOLLOW on a symbolic link is
 *  EOPNOTSUPP (a link's mode cannot be changed). */
int fchmodat(int fd, const char *path, mode_t mode, int flags);
/** chmod() of the file open as @p fd: its owner or root (EPERM); EBADF if @p fd is not
 *  open. */
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);                          /**< set the creation mask; the old one */

/** utimensat/futimens tv_nsec: set this time to now. */
#define UTIME_NOW   ((1L << 30) - 1L)
/** utimensat/futimens tv_nsec: leave this time as it is. */
#define UTIME_OMIT  ((1L << 30) - 2L)
/** Set the access (@p times[0]) and modification (@p times[1]) times of @p path (relative
 *  to the directory @p fd; @p flags 0 or AT_SYMLINK_NOFOLLOW); NULL @p times: both now.  Now:
 *  the owner, root or write permission (else EACCES); given times: owner or root (else
 *  EPERM). */
int utimensat(int fd, const char *path, const struct timespec times[2], int flags);
/** utimensat() on an open file. */
int futimens(int fd, const struct timespec times[2]);

#endif /* _POSIX_SYS_STAT_H */
