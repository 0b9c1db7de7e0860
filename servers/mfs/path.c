/*
 * path.c - MFS's name requests that find or make inodes (include/minnow/fsif.h):
 * REQ_LOOKUP (one name in one directory; VFS walks paths and crosses mount points itself,
 * and ".." of the root is the root because the root's ".." entry names it), REQ_PUTNODE,
 * REQ_CREATE, REQ_MKDIR and REQ_MKNOD, plus the helpers every name request uses: fetching
 * the name from VFS's grant and the reply that hands VFS a reference to an inode.
 */
#include <string.h>
#include <minnow/syslib.h>
#include "inc.h"

/* Copy the name (len bytes, no NUL) from VFS's grant into name (FS_NAME_MAX + 1 bytes,
 * NUL-terminated).  OK, -ENAMETOOLONG, -ENOENT (empty), -EINVAL ('/' or NUL inside) or the
 * copy's error. */
int
get_name(cp_grant_id_t grant, size_t len, char *name)
{
	int r;

	if (len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	if ((r = sys_safecopyfrom(VFS_PROC_NR, grant, 0, (vir_bytes)name, len)) != OK)
		return r;
	name[len] = '\0';
	if (memchr(name, '/', len) != NULL || strlen(name) != len)
		return -EINVAL;
	return OK;
}

/* The directory inode ino with a reference, in *dpp.  OK, -ENOTDIR or get_inode's error. */
int
get_dir(uint32_t ino, struct inode **dpp)
{
	struct inode *dp = get_inode(ino);

	if (dp == NULL)
		return err_code;
	if (!is_type(dp, MFS_S_IFDIR)) {
		put_inode(dp);
		return -ENOTDIR;
	}
	*dpp = dp;
	return OK;
}

/* Describe ip in the reply (the reply then carries a reference for VFS). */
void
reply_inode(struct fsreq *q, const struct inode *ip)
{
	q->out->ino = ip->i_num;
	q->out->mode = ip->d.i_mode;
	q->out->size_lo = (uint32_t)ip->d.i_size;
	q->out->size_hi = 0;
	q->out->uid = ip->d.i_uid;
	q->out->gid = ip->d.i_gid;
	q->out->rdev = is_type(ip, MFS_S_IFCHR) || is_type(ip, MFS_S_IFBLK) ? ip->d.i_zone[0] : 0;
	q->out->nlinks = ip->d.i_nlinks;
}

int
do_lookup(struct fsreq *q)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = NULL, *ip = NULL;
	uint32_t ino;
	int r;

	if ((r = get_name(q->in->grant, q->in->name_len, name)) != OK)
		return r;
	if ((r = get_dir(q->in->ino, &dp)) != OK)
		return r;
	r = search_dir(dp, name, q->in->name_len, &ino, LOOK_UP);
	put_inode(dp);
	if (r != OK)
		return r;
	if ((ip = get_inode(ino)) == NULL)
		return err_code == -EINVAL ? -EIO : err_code;
	reply_inode(q, ip);
	return OK;
}

int
do_putnode(struct fsreq *q)
{
	struct inode *ip = find_inode(q->in->ino);
	uint32_t count = q->in->count;

	if (ip == NULL || count == 0 || count > (uint32_t)ip->i_count)
		return -EINVAL;
	ip->i_count -= (int)count - 1;
	return put_inode(ip);
}

/* Make a new inode of mode named name in directory dp (see do_create and friends); the
 * new inode, with one link and VFS's reference, in *ipp.  OK or an error. */
int
new_node(struct fsreq *q, struct inode *dp, const char *name, uint32_t mode,
	 struct inode **ipp)
{
	uint32_t ino;
	struct inode *ip;
	int r;

	if (sup.rdonly)
		return -EROFS;
	r = search_dir(dp, name, q->in->name_len, &ino, LOOK_UP);
	if (r == OK)
		return -EEXIST;
	if (r != -ENOENT)
		return r;
	if (dp->d.i_nlinks == 0)
		return -ENOENT;         /* a removed directory takes no new names */
	if ((ip = alloc_inode(mode, q->in->uid, q->in->gid)) == NULL)
		return err_code;
	ip->d.i_nlinks = 1;
	if ((r = rw_inode(ip)) == OK)
		r = search_dir(dp, name, q->in->name_len, &ip->i_num, ENTER);
	if (r != OK) {
		ip->d.i_nlinks = 0;
		put_inode(ip);
		return r;
	}
	*ipp = ip;
	return OK;
}

/* The common start of CREATE, MKDIR, MKNOD, SYMLINK: the name and the directory. */
int
name_and_dir(struct fsreq *q, char *name, struct inode **dpp)
{
	int r = get_name(q->in->grant, q->in->name_len, name);

	if (r != OK)
		return r;
	if ((r = get_dir(q->in->ino, dpp)) != OK)
		return r;
	if (is_dot_or_dotdot(name, q->in->name_len)) {
		put_inode(*dpp);
		return -EEXIST;
	}
	return OK;
}

int
do_create(struct fsreq *q)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = NULL, *ip = NULL;
	int r;

	if ((r = name_and_dir(q, name, &dp)) != OK)
		return r;
	r = new_node(q, dp, name, MFS_S_IFREG | (q->in->mode & MFS_S_PERM), &ip);
	put_inode(dp);
	if (r == OK)
		reply_inode(q, ip);
	return r;
}

int
do_mknod(struct fsreq *q)
{
	char name[FS_NAME_MAX + 1];
	uint32_t type = q->in->mode & MFS_S_IFMT;
	struct inode *dp = NULL, *ip = NULL;
	int r;

	if (type == 0)
		type = MFS_S_IFREG;
	if (type != MFS_S_IFREG && type != MFS_S_IFCHR && type != MFS_S_IFBLK &&
	    type != MFS_S_IFIFO)
		return -EINVAL;         /* directories: MKDIR */
	if ((r = name_and_dir(q, name, &dp)) != OK)
		return r;
	r = new_node(q, dp, name, type | (q->in->mode & MFS_S_PERM), &ip);
	put_inode(dp);
	if (r != OK)
		return r;
	if (type == MFS_S_IFCHR || type == MFS_S_IFBLK) {
		ip->d.i_zone[0] = q->in->dev;
		rw_inode(ip);
	}
	reply_inode(q, ip);
	return OK;
}

/* Give the new directory ip its "." and ".." (parent dp).  OK or an error. */
static int
make_dots(struct inode *ip, struct inode *dp)
{
	uint32_t self = ip->i_num, parent = dp->i_num;
	int r;

	if ((r = search_dir(ip, ".", 1, &self, ENTER)) != OK ||
	    (r = search_dir(ip, "..", 2, &parent, ENTER)) != OK)
		return r;
	ip->d.i_nlinks = 2;
	dp->d.i_nlinks++;
	if (rw_inode(ip) != OK || rw_inode(dp) != OK)
		return -EIO;
	return OK;
}

int
do_mkdir(struct fsreq *q)
{
	char name[FS_NAME_MAX + 1];
	struct inode *dp = NULL, *ip = NULL;
	uint32_t ino;
	int r;

	if ((r = name_and_dir(q, name, &dp)) != OK)
		return r;
	if (dp->d.i_nlinks >= LINK_MAX_MFS) {
		put_inode(dp);
		return -EMLINK;
	}
	r = new_node(q, dp, name, MFS_S_IFDIR | (q->in->mode & MFS_S_PERM), &ip);
	if (r == OK && (r = make_dots(ip, dp)) != OK) {
		/* no space for the entries: take the new name back */
		search_dir(dp, name, q->in->name_len, &ino, DELETE);
		ip->d.i_nlinks = 0;
		put_inode(ip);
	}
	put_inode(dp);
	if (r == OK)
		reply_inode(q, ip);
	return r;
}
