/*
 * main.c - MFS, the MINIX file system server (handouts/mfs.md, handouts/mfs-layout.md):
 * start-up and the request loop.
 *
 * MFS is a boot service (slot MFS_PROC_NR) started by RS through SEF.  It serves the file
 * server protocol (include/minnow/fsif.h) to VFS only: a request from anyone else gets EPERM.
 * Each request is one SENDREC of VFS, dispatched through the call table (table.c) by the
 * shared loop (srv_loop, minnow/srv.h) and answered with SENDNB: m_type is OK or a negated
 * errno and the payload a mess_fs_reply.  REQ_READSUPER names the device and, by grant, the
 * label of its block driver; MFS finds the driver's endpoint in DS and reads the device with
 * BDEV_* requests (cache.c).  Requests before a mount get EINVAL.  REQ_UNMOUNT is refused
 * (EBUSY) while VFS holds a reference to any inode but the one to the root that READSUPER
 * gave it.  Notifications are ignored.
 *
 * MFS is a boot service RS restarts (sf=restart; handouts/mfs.md, "Restarts"): every table
 * it has is static (the block cache, the inodes, the superblock, the driver's label), so the
 * restart init takes the dead instance's whole data and bss (sef_copy_image), dirty blocks
 * included, and the requests VFS queued meanwhile are served by the new instance
 * (sef_restart_keep_requests); the request in progress when it died fails (VFS: EIO).  A
 * live update takes the old version's the same way.
 *
 * Files: table.c (REQ_* -> handler), mount.c (READSUPER, UNMOUNT, SYNC), cache.c (block
 * cache, driver I/O), super.c (superblock, bitmaps), inode.c (inode cache), zone.c (file
 * block -> zone), dir.c (search_dir), path.c (LOOKUP, CREATE, MKDIR, MKNOD, PUTNODE), link.c
 * (UNLINK, RMDIR, LINK), rename.c, read.c (READ, WRITE, GETDENTS), stat.c (STAT, FTRUNC,
 * CHMOD, CHOWN, STATVFS), symlink.c (SYMLINK, RDLINK), time.c (file times, UTIME).
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "inc.h"

static const struct srv_ops mfs_ops = {
	.name = "mfs",
	.dispatch = mfs_dispatch,
};

/* SEF restart init: take the dead instance's every table (sef_copy_image). */
static int
mfs_restart(int type, sef_init_info_t *info)
{
	int r;

	(void)type;
	if ((r = sef_copy_image(info)) != OK) {
		printf("mfs: restarted without the old state (%d): refused\n", r);
		return r;
	}
	printf("mfs: restarted, state kept\n");
	return OK;
}

int
main(void)
{
	sef_setcb_init_restart(mfs_restart);
	sef_setcb_init_lu(mfs_restart);
	sef_restart_keep_requests();
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&mfs_ops));
}
