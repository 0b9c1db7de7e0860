/*
 * mount.c - MFS's mount requests: REQ_READSUPER, REQ_UNMOUNT and REQ_SYNC.
 *
 * REQ_READSUPER names the device and, by grant, the label of its block driver; MFS finds the
 * driver's endpoint in DS, opens the device (cache.c), reads the superblock (super.c) and
 * answers with the root inode.  REQ_UNMOUNT is refused (EBUSY) while VFS holds a reference
 * to any inode but the one to the root that READSUPER gave it; it writes everything back
 * and closes the device.  REQ_SYNC writes every dirty block back.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/syslib.h>
#include "inc.h"

#define LABEL_MAX 32

int
do_readsuper(struct fsreq *q)
{
	char label[LABEL_MAX];
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
	if ((r = dev_open(label, (int)MFS_MINOR(q->in->dev), !rdonly)) != OK)
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
