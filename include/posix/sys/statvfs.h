/**
 * @file statvfs.h
 * @brief File system statistics (statvfs, getvfsstat): the layout VFS, the file servers
 * and libc share.  The file server fills the counts (REQ_STATVFS), VFS the names.
 */
#ifndef _POSIX_SYS_STATVFS_H
#define _POSIX_SYS_STATVFS_H

#include <sys/types.h>

/** One mounted file system. */
struct statvfs {
	uint32_t f_bsize;       /**< block size */
	uint32_t f_frsize;      /**< fragment size (= block size) */
	uint32_t f_blocks;      /**< blocks in all */
	uint32_t f_bfree;       /**< free blocks */
	uint32_t f_bavail;      /**< free blocks for users */
	uint32_t f_files;       /**< inodes in all */
	uint32_t f_ffree;       /**< free inodes */
	uint32_t f_favail;      /**< free inodes for users */
	dev_t f_fsid;           /**< device */
	uint32_t f_flag;        /**< ST_RDONLY, ST_NOSUID, ST_NOTRUNC */
	uint32_t f_namemax;     /**< longest name */
	char f_fstypename[16];  /**< "mfs", "pfs", ... */
	char f_mntonname[64];   /**< where it is mounted */
	char f_mntfromname[64]; /**< what is mounted ("/dev/imgrd", "none") */
};

#define ST_RDONLY   1           /**< mounted read-only */
#define ST_NOSUID   2           /**< set-uid and set-gid bits ignored (Minnow never sets it) */
#define ST_NOTRUNC  4           /**< a name longer than f_namemax is ENAMETOOLONG, not cut */

int statvfs(const char *path, struct statvfs *buf); /**< statistics of the FS holding path */
int getvfsstat(struct statvfs *buf, size_t bufsize); /**< every mount: how many */

#endif /* _POSIX_SYS_STATVFS_H */
