/*
 * link.c - MFS's requests that add or remove names of existing inodes
 * (include/minnow/fsif.h): REQ_UNLINK, REQ_RMDIR, REQ_LINK and REQ_RENAME.  Removing the
 * last name of an inode only lowers its link count; the inode and its zones are freed by
 * put_inode() when its last reference goes (inode.c).
 */
#include <string.h>
#include "inc.h"

/* Remove the entry name from directory dp; the inode it named, with a reference, in *ipp. */
static int
lookup_child(struct inode *dp, const char *name, size_t len, struct inode **ipp)
{
	uint32_t ino;
	int r = search_dir(dp, name, len, &ino, LOOK_UP);

	if (r != OK)
		return r;
	if ((*ipp = get_inode(ino)) == NULL)
		return err_code == -EINVAL ? -EIO : err_code;
	return OK;
}

/* Drop one link of ip (a file, or a directory whose "." and ".." go too: parent dp).  A
 * removed directory loses its "." and ".." entries at once, so that a process that still
 * has it open reads no entry from it (POSIX rmdir). */
static void
drop_links(struct inode *ip, struct inode *dp)
{
	uint32_t dummy;

	if (is_type(ip, MFS_S_IFDIR)) {
		search_dir(ip, ".", 1, &dummy, DELETE);
		search_dir(ip, "..", 2, &dummy, DELETE);
		ip->d.i_nlinks = 0;
		if (dp->d.i_nlinks > 0)
			dp->d.i_nlinks--;
		rw_inode(dp);
	} else if (ip->d.i_nlinks > 0) {
		ip->d.i_nlinks--;
	}
	stamp(ip, TM_CTIME);
}

/* UNLINK (is_rmdir 0) and RMDIR (1). */
static int
remove_name(struct fsreq *q, int is_rmdir)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = NULL, *ip = NULL;
	uint32_t ino;
	int r;

	if ((r = get_name(q->in->grant, q->in->name_len, name)) != OK)
		return r;
	if ((r = get_dir(q->in->ino, &dp)) != OK)
		return r;
	if ((r = lookup_child(dp, name, q->in->name_len, &ip)) != OK) {
		put_inode(dp);
		return r;
	}
	if (!is_rmdir && is_type(ip, MFS_S_IFDIR))
		r = -EPERM;	/* unlink() of a directory (POSIX) */
	else if (is_rmdir && is_dot_or_dotdot(name, q->in->name_len))
		r = -EINVAL;
	else if (is_rmdir && !is_type(ip, MFS_S_IFDIR))
		r = -ENOTDIR;
	else if (sup.rdonly)
		r = -EROFS;
	else if (is_rmdir)
		r = search_dir(ip, NULL, 0, NULL, IS_EMPTY);
	if (r == OK)
		r = search_dir(dp, name, q->in->name_len, &ino, DELETE);
	if (r == OK)
		drop_links(ip, dp);
	put_inode(ip);
	put_inode(dp);
	return r;
}

int
do_unlink(struct fsreq *q)
{
	return remove_name(q, 0);
}

int
do_rmdir(struct fsreq *q)
{
	return remove_name(q, 1);
}

int
do_link(struct fsreq *q)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = NULL, *ip = NULL;
	uint32_t ino;
	int r;

	if ((r = get_name(q->in->grant, q->in->name_len, name)) != OK)
		return r;
	if ((ip = get_inode(q->in->ino2)) == NULL)
		return err_code;
	if ((r = get_dir(q->in->ino, &dp)) != OK) {
		put_inode(ip);
		return r;
	}
	if (is_type(ip, MFS_S_IFDIR))
		r = -EPERM;
	else if (ip->d.i_nlinks >= LINK_MAX_MFS)
		r = -EMLINK;
	else if (sup.rdonly)
		r = -EROFS;
	else if ((r = search_dir(dp, name, q->in->name_len, &ino, LOOK_UP)) == OK)
		r = -EEXIST;
	else if (r == -ENOENT && dp->d.i_nlinks == 0)
		r = -ENOENT;
	else if (r == -ENOENT && (r = search_dir(dp, name, q->in->name_len, &ip->i_num,
						 ENTER)) == OK) {
		ip->d.i_nlinks++;
		stamp(ip, TM_CTIME);
	}
	put_inode(dp);
	put_inode(ip);
	return r;
}
