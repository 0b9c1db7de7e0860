/*
 * table.c - PFS's call table: file server request (REQ_*, minnow/fsif.h) -> handler.
 *
 * The same dispatch as MFS's (fs_dispatch(), minnow/fsreq.h): VFS only (anyone else:
 * EPERM), a type without a row ENOSYS (REQ_LOOKUP and every other request about names:
 * PFS holds none), and every request but REQ_READSUPER before the mount EINVAL.
 *
 * Entry point: pfs_dispatch(), the dispatch hook of the loop (main.c).
 */
#include "inc.h"

#define CALL(type, handler) [(type) - FS_BASE] = { #type, srv_vfs_only, (handler) }

static const struct fs_call pfs_calls[] = {
	CALL(REQ_READSUPER, do_readsuper),
	CALL(REQ_UNMOUNT,   do_unmount),
	CALL(REQ_SYNC,      do_sync),
	CALL(REQ_NEWNODE,   do_newnode),
	CALL(REQ_PUTNODE,   do_putnode),
	CALL(REQ_READ,      do_read),
	CALL(REQ_WRITE,     do_write),
	CALL(REQ_STAT,      do_stat),
	CALL(REQ_FTRUNC,    do_ftrunc),
	CALL(REQ_CHMOD,     do_chmod),
	CALL(REQ_CHOWN,     do_chown),
	CALL(REQ_UTIME,     do_utime),
};

int
pfs_dispatch(message *m, int status)
{
	return fs_dispatch(pfs_calls, SRV_NR(pfs_calls), pfs_mounted, m, status);
}
