/*
 * open.c - calls that make or remove names: VFS_OPEN (with O_CREAT, O_EXCL, O_TRUNC,
 * O_DIRECTORY, O_CLOEXEC...), VFS_MKDIR, VFS_MKNOD, VFS_UNLINK, VFS_RMDIR, VFS_LINK,
 * VFS_RENAME.
 *
 * Names are created or removed by the file server of the directory that holds them
 * (REQ_CREATE, REQ_MKDIR, REQ_MKNOD, REQ_UNLINK, REQ_RMDIR, REQ_LINK, REQ_RENAME); VFS checks
 * write and search permission on that directory first, and the kind of file for open: a
 * directory cannot be opened for writing (EISDIR), O_DIRECTORY wants one (ENOTDIR).  A
 * symbolic link is followed (lookup.c), an existing one with O_CREAT too (one whose target
 * does not exist has the target created, as POSIX says); O_NOFOLLOW makes
 * a link at the end ELOOP, O_CREAT|O_EXCL on a link EEXIST.  O_TRUNC truncates even an empty
 * file, so that its mtime and ctime change (POSIX).  Opening
 * a character special file asks its driver (device.c, the caller waits for CDEV_REPLY); a
 * block special sends BDEV_OPEN to its driver and has the answer at once (bdev.c); a named
 * FIFO may wait for its other side (fifo.c).
 */
#include <string.h>
#include <minnow/errno.h>
#include "proto.h"

/* Look name up in dir without crossing into dir's parent (a symbolic link is the result). */
static int
lookup_in(struct fproc *fp, struct vnode *dir, const char *name, struct vnode **res)
{
	char path[NAME_MAX + 3];
	struct vnode *save = fp->fp_at;
	int r;

	strcpy(path, name);
	fp->fp_at = dir;	/* fp_at_path is not used: no canonical path is asked for */
	r = lookup_nofollow(fp, path, res);
	fp->fp_at = save;
	return r;
}

/* A link lnk at the end of path names no file: the path its target names, from path's
 * directory if the target is relative, in next (which may be path itself).  *links counts
 * the links followed (ELOOP past SYMLOOP_MAX). */
static int
dangling_target(struct vnode *lnk, const char *path, char *next, int *links)
{
	static char target[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t d = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	int r;

	if ((r = follow_link(lnk, target, "", links)) != OK)
		return r;
	if (target[0] == '/')
		d = 0;
	if (d + strlen(target) >= PATH_MAX)
		return -ENAMETOOLONG;
	memmove(next, path, d);
	strcpy(next + d, target);
	return OK;
}

/* One step of open_create() on path: OK, an error, or (a link to no file at the end: POSIX
 * creates its target) 1 with the target's path in next. */
static int
create_step(struct fproc *fp, const char *path, int flags, mode_t mode, struct vnode **res,
	    int *created, char *next, int *links)
{
	char last[NAME_MAX + 1];
	struct vnode *dir;
	int r;

	if ((r = lookup_parent(fp, path, &dir, last)) != OK)
		return r;
	if (last[0] == '\0') {			/* "/" */
		*res = dir;
		return (flags & O_EXCL) ? (put_vnode(dir), -EEXIST) : OK;
	}
	if ((r = forbidden(fp, dir, 1)) == OK) {
		r = lookup_in(fp, dir, last, res);
		if (r == OK && (flags & O_EXCL)) {
			put_vnode(*res);
			r = -EEXIST;
		} else if (r == OK && S_ISLNK((*res)->v_mode)) {
			struct vnode *lnk = *res;	/* an existing link: open its target */

			r = (flags & O_NOFOLLOW) ? -ELOOP : lookup(fp, path, res);
			if (r == -ENOENT && (r = dangling_target(lnk, path, next, links)) == OK)
				r = 1;
			put_vnode(lnk);
		} else if (r == -ENOENT && (r = forbidden(fp, dir, 3)) == OK) {
			r = req_create(REQ_CREATE, dir, last,
				       S_IFREG | (mode & 07777 & ~fp->fp_umask),
				       fp->fp_uid, fp->fp_gid, 0, res);
			*created = r == OK;
		}
	}
	put_vnode(dir);
	return r;
}

/* O_CREAT: the existing file or a new one (*created); a symbolic link at the end whose
 * target does not exist has that target created (POSIX: O_CREAT without O_EXCL follows
 * it).  Also core.c's. */
int
open_create(struct fproc *fp, const char *path, int flags, mode_t mode, struct vnode **res,
	    int *created)
{
	static char next[PATH_MAX];
	int links = 0, r;

	while ((r = create_step(fp, path, flags, mode, res, created, next, &links)) == 1)
		path = next;
	return r;
}

/* May fp open vp with flags? */
static int
check_open(struct fproc *fp, struct vnode *vp, int flags)
{
	int acc = flags & O_ACCMODE, bits = 0;

	if ((flags & O_DIRECTORY) && !S_ISDIR(vp->v_mode))
		return -ENOTDIR;
	if (S_ISDIR(vp->v_mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (acc != O_WRONLY)
		bits |= 4;
	if (acc != O_RDONLY || (flags & O_TRUNC))
		bits |= 2;
	return forbidden(fp, vp, bits);
}

int
do_open(struct fproc *fp, message *m)
{
	char path[PATH_MAX], canon[PATH_MAX];
	int flags = m->m_vfs.flags, created = 0, fd, r;
	struct vnode *vp;
	struct filp *f;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((r = fetch_path(fp, m, 0, path)) != OK ||
	    (r = get_fd(fp, 0, &fd)) != OK)
		return r;
	canon[0] = '\0';
	if (flags & O_CREAT)
		r = open_create(fp, path, flags, m->m_vfs.mode, &vp, &created);
	else if (flags & O_NOFOLLOW)
		r = lookup_nofollow(fp, path, &vp);
	else
		r = lookup_canon(fp, path, &vp, canon);
	if (r != OK)
		return r;
	if (S_ISLNK(vp->v_mode)) {
		put_vnode(vp);          /* O_NOFOLLOW named a link */
		return -ELOOP;
	}
	if (!created && (r = check_open(fp, vp, flags)) != OK) {
		put_vnode(vp);
		return r;
	}
	if ((f = new_filp(fp, vp, flags)) == NULL) {
		put_vnode(vp);
		return -ENFILE;
	}
	fp->fp_filp[fd] = f;
	if (S_ISDIR(vp->v_mode) && canon[0] != '\0')
		strcpy(f->f_path, canon);
	else if (S_ISDIR(vp->v_mode) && canon_path(walk_dir_path(fp), path, f->f_path) != OK)
		strcpy(f->f_path, "/");
	if (flags & O_CLOEXEC)
		fp->fp_cloexec |= 1u << fd;
	if (S_ISREG(vp->v_mode) && (flags & O_TRUNC) && !created &&
	    (r = req_ftrunc(vp, 0)) != OK) {       /* also when empty: mtime (POSIX) */
		close_fd(fp, fd);
		return r;
	}
	if (S_ISCHR(vp->v_mode))
		return cdev_open(fp, vp, fd, flags);
	if (S_ISFIFO(vp->v_mode))
		return fifo_open(fp, m, fd);		/* fifo.c */
	if (S_ISBLK(vp->v_mode) && (r = bdev_open(fp, f, flags)) != OK) {
		close_fd(fp, fd);	/* not open at the driver: no BDEV_CLOSE */
		return r;
	}
	return fd;
}

/* MKDIR and MKNOD: a new name of the given type. */
static int
make_node(struct fproc *fp, message *m, int type, mode_t mode, dev_t dev)
{
	char path[PATH_MAX], last[NAME_MAX + 1];
	struct vnode *dir;
	int r;

	if ((r = fetch_path(fp, m, 0, path)) != OK ||
	    (r = lookup_parent(fp, path, &dir, last)) != OK)
		return r;
	if (last[0] == '\0')
		r = -EEXIST;
	else if ((r = forbidden(fp, dir, 3)) == OK)
		r = req_create(type, dir, last, mode, fp->fp_uid, fp->fp_gid, dev, NULL);
	put_vnode(dir);
	return r;
}

int
do_mkdir(struct fproc *fp, message *m)
{
	return make_node(fp, m, REQ_MKDIR,
			 S_IFDIR | (m->m_vfs.mode & 07777 & ~fp->fp_umask), 0);
}

int
do_mknod(struct fproc *fp, message *m)
{
	mode_t mode = m->m_vfs.mode;

	/* a type no node has is EINVAL whoever asks; a node other than a FIFO is root's */
	if (!S_ISFIFO(mode) && !S_ISCHR(mode) && !S_ISBLK(mode) && !S_ISREG(mode))
		return -EINVAL;
	if (!S_ISFIFO(mode) && fp->fp_uid != 0)
		return -EPERM;
	return make_node(fp, m, REQ_MKNOD, (mode & S_IFMT) | (mode & 07777 & ~fp->fp_umask),
			 m->m_vfs.offset_lo);
}

/* Is vp the root of a mounted file system or the process's root? */
static int
is_busy_dir(struct fproc *fp, struct vnode *vp)
{
	return vp->v_vmnt->m_root == vp || vp == fp->fp_rd || vp->v_mountedhere != NULL;
}

/* VFS_UNLINK and VFS_RMDIR. */
int
do_unlink(struct fproc *fp, message *m)
{
	char path[PATH_MAX], last[NAME_MAX + 1];
	int rmdir = m->m_type == VFS_RMDIR, r;
	struct vnode *dir, *vp;

	if ((r = fetch_path(fp, m, 0, path)) != OK ||
	    (r = lookup_parent(fp, path, &dir, last)) != OK)
		return r;
	if (last[0] == '\0')
		r = rmdir ? -EBUSY : -EPERM;
	else if (rmdir && strcmp(last, ".") == 0)
		r = -EINVAL;
	else if ((r = forbidden(fp, dir, 3)) == OK && (r = lookup_in(fp, dir, last, &vp)) == OK) {
		if (rmdir && !S_ISDIR(vp->v_mode))
			r = -ENOTDIR;
		else if (rmdir && is_busy_dir(fp, vp))
			r = -EBUSY;
		else if (!rmdir && S_ISDIR(vp->v_mode))
			r = -EPERM;	/* POSIX: unlink() of a directory */
		put_vnode(vp);
		if (r == OK)
			r = req_name(rmdir ? REQ_RMDIR : REQ_UNLINK, dir, last);
	}
	put_vnode(dir);
	return r;
}

int
do_link(struct fproc *fp, message *m)
{
	char path[PATH_MAX], last[NAME_MAX + 1];
	struct vnode *vp, *dir;
	int r;

	if (m->m_vfs.flags & ~AT_SYMLINK_FOLLOW)
		return -EINVAL;
	if ((r = fetch_path(fp, m, 0, path)) != OK ||
	    (r = (m->m_vfs.flags & AT_SYMLINK_FOLLOW) ? lookup(fp, path, &vp)
						      : lookup_nofollow(fp, path, &vp)) != OK)
		return r;
	if (S_ISDIR(vp->v_mode)) {
		put_vnode(vp);
		return -EPERM;
	}
	if ((r = fetch_path(fp, m, 1, path)) != OK ||
	    (r = lookup_parent(fp, path, &dir, last)) != OK) {
		put_vnode(vp);
		return r;
	}
	if (last[0] == '\0')
		r = -EEXIST;
	else if (dir->v_vmnt != vp->v_vmnt)
		r = -EXDEV;
	else if ((r = forbidden(fp, dir, 3)) == OK)
		r = req_link(vp, dir, last);
	put_vnode(dir);
	put_vnode(vp);
	return r;
}

int
do_rename(struct fproc *fp, message *m)
{
	char path[PATH_MAX], old[NAME_MAX + 1], new[NAME_MAX + 1];
	struct vnode *od, *nd;
	int r;

	if ((r = fetch_path(fp, m, 0, path)) != OK ||
	    (r = lookup_parent(fp, path, &od, old)) != OK)
		return r;
	if ((r = fetch_path(fp, m, 1, path)) != OK ||
	    (r = lookup_parent(fp, path, &nd, new)) != OK) {
		put_vnode(od);
		return r;
	}
	if (old[0] == '\0' || new[0] == '\0')
		r = -EBUSY;
	else if (od->v_vmnt != nd->v_vmnt)
		r = -EXDEV;
	else if ((r = forbidden(fp, od, 3)) == OK && (r = forbidden(fp, nd, 3)) == OK)
		r = req_rename(od, old, nd, new);
	put_vnode(nd);
	put_vnode(od);
	return r;
}
