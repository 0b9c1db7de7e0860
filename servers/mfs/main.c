/*
 * main.c - MFS, the MINIX file system server (minix-design.md sections 1, 2 and 13): start-up,
 * the request loop and the mount requests.
 *
 * MFS is a boot service (slot MFS_PROC_NR) started by RS through SEF.  It serves the file
 * server protocol (include/minnow/fsif.h) to VFS only: a request from anyone else gets EPERM.
 * Each request is one SENDREC of VFS, answered with SENDNB: m_type is OK or a negated errno
 * and the payload a mess_fs_reply.  REQ_READSUPER names the device and, by grant, the label of
 * its block driver; MFS finds the driver's endpoint in DS and reads the device with BDEV_*
 * requests (cache.c).  Requests before a mount get EINVAL.  REQ_UNMOUNT is refused (EBUSY)
 * while VFS holds a reference to any inode but the one to the root that READSUPER gave it.
 * Notifications are ignored.
 *
 * Files: cache.c (block cache, driver I/O), super.c (superblock, bitmaps), inode.c (inode
 * cache), zone.c (file block -> zone), dir.c (search_dir), path.c (LOOKUP, CREATE, MKDIR,
 * MKNOD, PUTNODE), link.c (UNLINK, RMDIR, LINK), rename.c, read.c (READ, WRITE, GETDENTS),
 * stat.c (STAT, FTRUNC, CHMOD, CHOWN, STATVFS).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "inc.h"

#define LABEL_MAX 32

int
do_readsuper(struct fsreq *q)
{
	char label[LABEL_MAX];
	endpoint_t drv;
	struct inode *root;
	int r, rdonly = (q->in->flags & FS_RDONLY) != 0;

	if (sup.mounted)
		return -EBUSY;
	if (q->in->count == 0 || q->in->count >= LABEL_MAX)
		return -EINVAL;
	if ((r = sys_safecopyfrom(VFS_PROC_NR, q->in->grant, 0, (vir_bytes)label,
				  q->in->count)) != OK)
		return r;
	label[q->in->count] = '\0';
	if ((r = ds_retrieve_label_endpt(label, &drv)) != OK)
		return r;
	if ((r = dev_open(drv, (int)MFS_MINOR(q->in->dev), !rdonly)) != OK)
		return r;
	invalidate_all();
	forget_inodes();
	if ((r = read_super()) != OK || (!rdonly && (r = write_super_flags(0)) != OK) ||
	    (!rdonly && (r = flush_all()) != OK)) {
		dev_close();
		return r;
	}
	sup.rdonly = rdonly;
	sup.dev = q->in->dev;
	sup.mounted = 1;
	if ((root = get_inode(MFS_ROOT_INO)) == NULL || !is_type(root, MFS_S_IFDIR)) {
		sup.mounted = 0;
		dev_close();
		return -EINVAL;
	}
	reply_inode(q, root);
	q->out->dev = sup.dev;
	return OK;
}

int
do_sync(struct fsreq *q)
{
	(void)q;
	return flush_all();
}

int
do_unmount(struct fsreq *q)
{
	int r = OK;

	(void)q;
	if (inode_refs() > 1)
		return -EBUSY;          /* VFS holds more than the root (MINIX's rule) */
	if (!sup.rdonly)
		r = write_super_flags(1);
	if (flush_all() != OK)
		r = -EIO;
	invalidate_all();
	forget_inodes();
	dev_close();
	sup.mounted = 0;
	return r;
}

typedef int (*handler_t)(struct fsreq *q);

static const handler_t handlers[FS_NR_REQS] = {
	[REQ_READSUPER - FS_BASE] = do_readsuper,
	[REQ_UNMOUNT - FS_BASE] = do_unmount,
	[REQ_LOOKUP - FS_BASE] = do_lookup,
	[REQ_PUTNODE - FS_BASE] = do_putnode,
	[REQ_CREATE - FS_BASE] = do_create,
	[REQ_MKDIR - FS_BASE] = do_mkdir,
	[REQ_MKNOD - FS_BASE] = do_mknod,
	[REQ_UNLINK - FS_BASE] = do_unlink,
	[REQ_RMDIR - FS_BASE] = do_rmdir,
	[REQ_LINK - FS_BASE] = do_link,
	[REQ_RENAME - FS_BASE] = do_rename,
	[REQ_READ - FS_BASE] = do_read,
	[REQ_WRITE - FS_BASE] = do_write,
	[REQ_GETDENTS - FS_BASE] = do_getdents,
	[REQ_STAT - FS_BASE] = do_stat,
	[REQ_FTRUNC - FS_BASE] = do_ftrunc,
	[REQ_CHMOD - FS_BASE] = do_chmod,
	[REQ_CHOWN - FS_BASE] = do_chown,
	[REQ_STATVFS - FS_BASE] = do_statvfs,
	[REQ_SYNC - FS_BASE] = do_sync,
};

/* Handle one request m (from m_source) and build the reply in it. */
static void
handle(message *m)
{
	mess_fs_req in = m->m_fs_req;
	struct fsreq q;
	int type = m->m_type, r;

	memset(&m->m_fs_reply, 0, sizeof(m->m_fs_reply));
	q.in = &in;
	q.out = &m->m_fs_reply;
	if (m->m_source != VFS_PROC_NR)
		r = -EPERM;
	else if (type < FS_BASE || type >= FS_BASE + FS_NR_REQS || handlers[type - FS_BASE] == NULL)
		r = -ENOSYS;
	else if (!sup.mounted && type != REQ_READSUPER)
		r = -EINVAL;
	else
		r = handlers[type - FS_BASE](&q);
	m->m_type = r;
}

int
main(void)
{
	message m;
	int r, status;

	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK)
			panic("receive failed: %d", r);
		if (m.m_type == NOTIFY_MESSAGE || (status & IPC_FLG_MSG_FROM_KERNEL))
			continue;
		handle(&m);
		if ((r = ipc_sendnb(m.m_source, &m)) != OK)
			printf("mfs: cannot answer %d: %d\n", m.m_source, r);
	}
}
