/*
 * symlink.c - MFS's symbolic links (handouts/mfs-layout.md, "Symbolic links"): REQ_SYMLINK
 * and REQ_RDLINK (include/minnow/fsif.h).
 *
 * A symbolic link is an inode of type MFS_S_IFLNK, mode 0777, whose data is the target path
 * without a NUL: i_size bytes in its one zone (i_zone[0]).  MFS never follows a link; VFS
 * reads the target with REQ_RDLINK and walks it (handouts/vfs.md, "Symbolic links").  A
 * target is 1 to block size - 1 bytes (and at most PATH_MAX - 1), else ENAMETOOLONG; an empty
 * one is ENOENT.
 */
#include <limits.h>
#include <string.h>
#include <minnow/syslib.h>
#include "inc.h"

/* Write the target (len bytes under VFS's grant) as ip's data.  OK or an error. */
static int
write_target(struct inode *ip, cp_grant_id_t grant, uint32_t len)
{
	struct buf *bp;
	uint32_t z;
	int r;

	if ((z = alloc_zone()) == 0)
		return err_code;
	if ((bp = get_block(z, NO_READ)) == NULL) {
		free_zone(z);
		return err_code;
	}
	r = sys_safecopyfrom(VFS_PROC_NR, grant, 0, (vir_bytes)bp->b_data, len);
	if (r == OK && memchr(bp->b_data, '\0', len) != NULL)
		r = -EINVAL;
	if (r == OK)
		r = write_map(ip, 0, z);
	if (r == OK) {
		mark_dirty(bp);
		ip->d.i_size = (int32_t)len;
		r = rw_inode(ip);
	} else {
		free_zone(z);
	}
	put_block(bp);
	return r;
}

int
do_symlink(struct fsreq *q)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = NULL, *ip = NULL;
	uint32_t len = q->in->name2_len, ino;
	int r;

	if (len == 0)
		return -ENOENT;
	if (len >= sup.bs || len >= PATH_MAX)
		return -ENAMETOOLONG;
	if ((r = name_and_dir(q, name, &dp)) != OK)
		return r;
	r = new_node(q, dp, name, MFS_S_IFLNK | 0777, &ip);
	if (r == OK && (r = write_target(ip, q->in->grant2, len)) != OK) {
		search_dir(dp, name, q->in->name_len, &ino, DELETE);
		ip->d.i_nlinks = 0;
	}
	put_inode(ip);
	put_inode(dp);
	return r;
}

int
do_rdlink(struct fsreq *q)
{
	struct buf *bp;
	struct inode *ip;
	uint32_t z, n;
	int r;

	if ((ip = get_inode(q->in->ino)) == NULL)
		return err_code;
	if (!is_type(ip, MFS_S_IFLNK))
		r = -EINVAL;
	else if ((r = read_map(ip, 0, &z)) == OK && (z == 0 || i_size(ip) >= sup.bs))
		r = -EIO;               /* fsck calls such a link broken */
	if (r == OK && (bp = get_block(z, NORMAL)) == NULL)
		r = err_code;
	if (r == OK) {
		n = q->in->count < i_size(ip) ? q->in->count : (uint32_t)i_size(ip);
		r = sys_safecopyto(VFS_PROC_NR, q->in->grant, 0, (vir_bytes)bp->b_data, n);
		put_block(bp);
		q->out->count = n;
	}
	if (r == OK)
		stamp(ip, TM_ATIME);
	put_inode(ip);
	return r;
}
