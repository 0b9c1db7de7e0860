/*
 * table.c - MFS's call table: file server request (REQ_*, minnow/fsif.h) -> handler.
 *
 * Every request comes from VFS only (anyone else: EPERM); a type without a row is answered
 * ENOSYS, and every request but REQ_READSUPER before a mount EINVAL (fs_dispatch(),
 * minnow/fsreq.h, the step MFS shares with PFS).
 *
 * Entry point: mfs_dispatch(), the dispatch hook of the loop (main.c).
 */
#include "inc.h"

#define CALL(type, handler) [(type) - FS_BASE] = { #type, srv_vfs_only, (handler) }

static const struct fs_call mfs_calls[] = {
	CALL(REQ_READSUPER, do_readsuper),      /* mount.c */
	CALL(REQ_UNMOUNT,   do_unmount),        /* mount.c */
	CALL(REQ_SYNC,      do_sync),           /* mount.c */
	CALL(REQ_LOOKUP,    do_lookup),         /* path.c */
	CALL(REQ_PUTNODE,   do_putnode),        /* path.c */
	CALL(REQ_CREATE,    do_create),         /* path.c */
	CALL(REQ_MKDIR,     do_mkdir),          /* path.c */
	CALL(REQ_MKNOD,     do_mknod),          /* path.c */
	CALL(REQ_UNLINK,    do_unlink),         /* link.c */
	CALL(REQ_RMDIR,     do_rmdir),          /* link.c */
	CALL(REQ_LINK,      do_link),           /* link.c */
	CALL(REQ_RENAME,    do_rename),         /* rename.c */
	CALL(REQ_READ,      do_read),           /* read.c */
	CALL(REQ_WRITE,     do_write),          /* read.c */
	CALL(REQ_GETDENTS,  do_getdents),       /* read.c */
	CALL(REQ_STAT,      do_stat),           /* stat.c */
	CALL(REQ_FTRUNC,    do_ftrunc),         /* stat.c */
	CALL(REQ_CHMOD,     do_chmod),          /* stat.c */
	CALL(REQ_CHOWN,     do_chown),          /* stat.c */
	CALL(REQ_STATVFS,   do_statvfs),        /* stat.c */
	CALL(REQ_SYMLINK,   do_symlink),        /* symlink.c */
	CALL(REQ_RDLINK,    do_rdlink),         /* symlink.c */
	CALL(REQ_UTIME,     do_utime),          /* time.c */
};

int
mfs_dispatch(message *m, int status)
{
	int r;

	dev_down = 0;
	r = fs_dispatch(mfs_calls, SRV_NR(mfs_calls), sup.mounted, m, status);
	return r < 0 && dev_down ? -EDEADSRCDST : r;	/* VFS runs it again (cache.c) */
}
