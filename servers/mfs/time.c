/*
 * time.c - MFS's file times (handouts/mfs.md, "File times"): the stamps every request sets
 * and REQ_UTIME (include/minnow/fsif.h).
 *
 * The clock is clock_time() (libsys: the boot time PM published in DS plus the ticks since
 * boot), in whole seconds, the unit of the on-disk fields i_atime, i_mtime, i_ctime.  A stamp
 * changes the in-core inode and, like every change of an inode, is copied at once into the
 * inode table's block in the block cache (rw_inode()); the block reaches the disk when the
 * cache writes it back (REQ_SYNC, eviction, unmount), so many stamps of one inode cost one
 * disk write.  Which request sets which time is POSIX's rule, listed in minnow/fsif.h;
 * nothing is stamped on a read-only mount.
 *
 * REQ_UTIME(ino, pos_lo = atime, pos_hi = mtime, flags = FS_UTIME_*): either time is set to
 * the given seconds, to now (FS_UTIME_ANOW, FS_UTIME_MNOW) or left (FS_UTIME_AOMIT,
 * FS_UTIME_MOMIT); ctime becomes now.  VFS has checked who may (owner, root, or write
 * permission for "now").
 */
#include "inc.h"
#include <minnow/syslib.h>

/* Set the times named by which (TM_*) of ip to now, in core only. */
void
set_times(struct inode *ip, int which)
{
	int32_t now;

	if (sup.rdonly)
		return;
	now = (int32_t)clock_time();
	if (which & TM_ATIME)
		ip->d.i_atime = now;
	if (which & TM_MTIME)
		ip->d.i_mtime = now;
	if (which & TM_CTIME)
		ip->d.i_ctime = now;
}

/* set_times() and copy the inode into the inode table.  OK or an error. */
int
stamp(struct inode *ip, int which)
{
	if (sup.rdonly)
		return OK;
	set_times(ip, which);
	return rw_inode(ip);
}

int
do_utime(struct fsreq *q)
{
	uint32_t flags = q->in->flags;
	struct inode *ip;
	int r;

	if (sup.rdonly)
		return -EROFS;
	if ((ip = get_inode(q->in->ino)) == NULL)
		return err_code;
	set_times(ip, TM_CTIME | ((flags & FS_UTIME_ANOW) ? TM_ATIME : 0) |
		  ((flags & FS_UTIME_MNOW) ? TM_MTIME : 0));
	if (!(flags & (FS_UTIME_ANOW | FS_UTIME_AOMIT)))
		ip->d.i_atime = (int32_t)q->in->pos_lo;
	if (!(flags & (FS_UTIME_MNOW | FS_UTIME_MOMIT)))
		ip->d.i_mtime = (int32_t)q->in->pos_hi;
	r = rw_inode(ip);
	reply_inode(q, ip);
	put_inode(ip);
	return r;
}
