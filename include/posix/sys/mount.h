/**
 * @file mount.h
 * @brief Mounting file systems (VFS_MOUNT, VFS_UMOUNT of minnow/vfs.h).
 */
#ifndef _POSIX_SYS_MOUNT_H
#define _POSIX_SYS_MOUNT_H

/** mount() flag: read-only (= MNT_RDONLY of minnow/vfs.h). */
#define MNT_RDONLY      0x01

/** Mount the file system on @p special (served by the file server labelled @p label) on
 *  directory @p dir; @p flags MNT_RDONLY or 0.  0, or -1 with errno. */
int mount(const char *special, const char *dir, const char *label, int flags);
/** Unmount the file system mounted on @p dir.  0, or -1 with errno. */
int umount(const char *dir);

#endif /* _POSIX_SYS_MOUNT_H */
