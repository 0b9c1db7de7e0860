/**
 * @file fsif.h
 * @brief The file server protocol (REQ_*): VFS to a file server (MFS, PFS).
 *
 * VFS walks path names itself, one component at a time (REQ_LOOKUP of one name in one
 * directory), handles mount points and checks permissions from the attributes every reply
 * carries; a file server knows only inode numbers and names inside its own device and trusts
 * VFS.  Every request is a SENDREC of one mess_fs_req from VFS (file servers answer only VFS:
 * anyone else gets EPERM); the reply's m_type is OK or a negated errno and its payload is a
 * mess_fs_reply.
 *
 * **Names and data travel by grant**, never inline: a name is a grant VFS made over its own
 * buffer (@c grant, @c name_len bytes, no NUL needed; at most FS_NAME_MAX, else ENAMETOOLONG);
 * file data is a grant over the user's buffer (a magic grant VFS made naming the user
 * process, so the file server copies straight from or to the user).
 *
 * **Inode references.**  Every reply that names an inode (READSUPER, LOOKUP, CREATE, MKDIR,
 * MKNOD, NEWNODE) gives VFS one reference to it; REQ_PUTNODE(ino, count) gives @c count back.
 * An inode whose link count is 0 is freed (its blocks too) when its last reference goes, so an
 * open file that was unlinked stays readable until it is closed.
 *
 * **Errors** file servers use: ENOENT (no such name), ENOTDIR (not a directory), EISDIR
 * (UNLINK of a directory), EEXIST (CREATE/MKDIR/MKNOD/LINK of an existing name; RENAME onto a
 * non-empty directory: ENOTEMPTY), ENOTEMPTY (RMDIR), EINVAL (RMDIR/RENAME of "." or "..",
 * RENAME of a directory into itself), ENOSPC (no free inode or zone), EFBIG (past the largest
 * file), EMLINK (too many links), EROFS (write on a read-only mount), EIO (the device failed),
 * ENAMETOOLONG, EPERM (not from VFS).
 *
 * **Times.**  A file server keeps each inode's atime, mtime and ctime (seconds since 1970,
 * from clock_time(), minnow/syslib.h) as POSIX asks: READ and GETDENTS set atime (not on a
 * read-only mount); WRITE and FTRUNC mtime and ctime; CHMOD, CHOWN, LINK, UNLINK (of the
 * file) and RENAME (of the file moved or replaced) ctime; every request that adds or removes
 * a name sets the directory's mtime and ctime; a new inode gets all three.  REQ_STAT reports
 * them; REQ_UTIME sets atime and mtime explicitly (VFS checks who may).
 *
 * **Symbolic links.**  REQ_SYMLINK makes one (its data is the target), REQ_RDLINK reads it;
 * LOOKUP returns a link like any inode, and VFS follows it (handouts/vfs.md, "Symbolic
 * links").
 *
 * Numbers: FS_BASE (0xE00) + n; the range is in minnow/com.h's table.
 */
#ifndef MINNOW_FSIF_H
#define MINNOW_FSIF_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>

#define REQ_READSUPER   (FS_BASE + 0)   /**< mount: dev, grant = driver label, flags
                                             (FS_RDONLY); out: the root inode */
#define REQ_UNMOUNT     (FS_BASE + 1)   /**< write back and forget the device */
#define REQ_LOOKUP      (FS_BASE + 2)   /**< ino = directory, grant = name: out the inode */
#define REQ_PUTNODE     (FS_BASE + 3)   /**< ino, count: references given back */
#define REQ_CREATE      (FS_BASE + 4)   /**< ino = directory, name, mode, uid, gid: out the new
                                             regular file */
#define REQ_MKDIR       (FS_BASE + 5)   /**< like CREATE; the directory gets "." and ".." */
#define REQ_MKNOD       (FS_BASE + 6)   /**< like CREATE, the type in mode (S_IFCHR, S_IFBLK
                                             with dev = the device number; S_IFIFO) */
#define REQ_UNLINK      (FS_BASE + 7)   /**< ino = directory, name (not a directory: EISDIR) */
#define REQ_RMDIR       (FS_BASE + 8)   /**< ino = directory, name (empty directory) */
#define REQ_LINK        (FS_BASE + 9)   /**< ino2 = the file, ino = directory, name */
#define REQ_RENAME      (FS_BASE + 10)  /**< ino = old directory, grant = old name, ino2 = new
                                             directory, grant2 = new name (replaces a file or
                                             an empty directory of the same kind) */
#define REQ_READ        (FS_BASE + 11)  /**< ino, pos, grant, count: out bytes, pos */
#define REQ_WRITE       (FS_BASE + 12)  /**< ino, pos, grant, count: out bytes, pos, size */
#define REQ_GETDENTS    (FS_BASE + 13)  /**< ino, pos, grant, count: out bytes of struct dirent,
                                             pos (an opaque cookie for the next call) */
#define REQ_STAT        (FS_BASE + 14)  /**< ino, grant = struct stat (st_dev filled by the FS
                                             from its dev); a PFS pipe: flags = FS_MARK_*,
                                             count = bytes VFS holds (added to st_size) */
#define REQ_FTRUNC      (FS_BASE + 15)  /**< ino, pos = the new size (shrink or grow) */
#define REQ_CHMOD       (FS_BASE + 16)  /**< ino, mode (permission bits only): out mode */
#define REQ_CHOWN       (FS_BASE + 17)  /**< ino, uid, gid: out mode */
#define REQ_STATVFS     (FS_BASE + 18)  /**< grant = struct statvfs (counts and sizes) */
#define REQ_SYNC        (FS_BASE + 19)  /**< write back everything */
#define REQ_NEWNODE     (FS_BASE + 20)  /**< PFS: mode, uid, gid, dev: out an inode with no
                                             name (a pipe) */
#define REQ_SYMLINK     (FS_BASE + 21)  /**< ino = directory, grant = name, grant2 = the target
                                             (name2_len bytes, no NUL, 1 to PATH_MAX - 1),
                                             uid, gid: a new symbolic link (mode 0777) */
#define REQ_RDLINK      (FS_BASE + 22)  /**< ino (a symbolic link), grant = buffer, count: out
                                             count = bytes of the target (no NUL; cut at
                                             count); not a link: EINVAL */
#define REQ_UTIME       (FS_BASE + 23)  /**< ino, pos_lo = atime, pos_hi = mtime (seconds),
                                             flags = FS_UTIME_* (a PFS pipe: and FS_MARK_*):
                                             set the times; ctime = now */
#define FS_NR_REQS      24              /**< requests */

/** Longest name in a directory (MFS's MFS_NAME_MAX). */
#define FS_NAME_MAX     59
/** READSUPER flag: mount read-only. */
#define FS_RDONLY       0x01
/** UTIME flag: atime = the file server's clock now (pos_lo ignored). */
#define FS_UTIME_ANOW   0x01
/** UTIME flag: mtime = now (pos_hi ignored). */
#define FS_UTIME_MNOW   0x02
/** UTIME flag: leave atime as it is. */
#define FS_UTIME_AOMIT  0x04
/** UTIME flag: leave mtime as it is. */
#define FS_UTIME_MOMIT  0x08
/** STAT, UTIME flag to PFS: VFS read bytes of the pipe it keeps itself (handouts/vfs.md,
 *  "Pipes"): atime is marked for update, and becomes now before the request. */
#define FS_MARK_ATIME   0x10
/** STAT, UTIME flag to PFS: VFS wrote bytes to the pipe: mtime and ctime are marked. */
#define FS_MARK_MCTIME  0x20

/** Payload of every request. */
typedef struct {
	uint32_t ino;           /**< the inode (a directory for name operations) */
	uint32_t ino2;          /**< LINK: the file; RENAME: the new directory */
	cp_grant_id_t grant;    /**< the name, data or result buffer */
	cp_grant_id_t grant2;   /**< RENAME: the new name; SYMLINK: the target */
	uint32_t name_len;      /**< bytes of the name under @c grant (no NUL) */
	uint32_t name2_len;     /**< bytes of the name under @c grant2 (SYMLINK: the target) */
	uint32_t count;         /**< READ, WRITE, GETDENTS: bytes; PUTNODE: references;
	                             READSUPER: bytes of the label under @c grant */
	uint32_t pos_lo;        /**< READ, WRITE, GETDENTS, FTRUNC: position (low word);
	                             UTIME: atime */
	uint32_t pos_hi;        /**< (high word); UTIME: mtime */
	uint32_t mode;          /**< CREATE, MKDIR, MKNOD, NEWNODE, CHMOD: type and permission bits */
	uint32_t uid;           /**< CREATE...: the owner */
	uint32_t gid;           /**< CREATE...: the group */
	uint32_t dev;           /**< READSUPER: the device; MKNOD, NEWNODE: the special's number */
	uint32_t flags;         /**< READSUPER: FS_RDONLY; UTIME: FS_UTIME_* */
} mess_fs_req;

/** Payload of every reply that names an inode or moves data. */
typedef struct {
	uint32_t ino;           /**< the inode */
	uint32_t mode;          /**< its type and permission bits */
	uint32_t size_lo;       /**< its size (low word) */
	uint32_t size_hi;       /**< its size (high word) */
	uint32_t uid;           /**< owner */
	uint32_t gid;           /**< group */
	uint32_t rdev;          /**< a special file's device number */
	uint32_t nlinks;        /**< its link count */
	uint32_t count;         /**< READ, WRITE, GETDENTS: bytes moved */
	uint32_t pos_lo;        /**< READ, WRITE, GETDENTS: the new position (low word) */
	uint32_t pos_hi;        /**< (high word) */
	uint32_t dev;           /**< READSUPER: the device the FS serves */
	uint8_t padding[8];     /**< unused */
} mess_fs_reply;

_Static_assert(sizeof(mess_fs_req) == 56, "layout size");
_Static_assert(sizeof(mess_fs_reply) == 56, "layout size");

#endif /* MINNOW_FSIF_H */
