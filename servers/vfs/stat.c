/*
 * stat.c - calls on attributes and directories of a process: VFS_STAT, VFS_LSTAT,
 * VFS_FSTAT, VFS_ACCESS, VFS_CHMOD, VFS_CHOWN, VFS_FCHMOD, VFS_FCHOWN (the same rules, on
 * an open file: a pipe's PFS node too), VFS_UMASK, VFS_TRUNCATE, VFS_FTRUNCATE,
 * VFS_CHDIR, VFS_FCHDIR, VFS_GETCWD, VFS_CHROOT.
 *
 * stat goes to the file server (REQ_STAT writes the struct stat straight into the caller's
 * buffer through a magic grant: a bad address is EFAULT).  access (with the real ids, for
 * the walk too: handouts/pm.md, "Set-user-id programs"; the effective ones with
 * AT_EACCESS), chmod (owner or root: EPERM; an ordinary user's S_ISGID on a file of another
 * group is dropped), chown (root; the owner only the group, to its own: EPERM) and truncate
 * check the vnode's attributes first.  With AT_SYMLINK_NOFOLLOW chown changes a symbolic
 * link itself and chmod refuses one (EOPNOTSUPP).  Relative paths may start at a directory
 * fd (fetch_path: the *at calls).  chdir keeps
 * the canonical path with the vnode, so getcwd just copies it (ERANGE if it does not fit).
 * chroot (root: EPERM otherwise) makes a directory the process's "/": absolute paths start
 * there and ".." stops there; the working directory's path is then counted from it.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"

/* Look up the path of m's first name (a symbolic link at its end followed if follow). */
static int
path_vnode(struct fproc *fp, message *m, struct vnode **vp, char *path, int follow)
{
	int r;

	if ((r = fetch_path(fp, m, 0, path)) != OK)
		return r;
	return follow ? lookup(fp, path, vp) : lookup_nofollow(fp, path, vp);
}

int
do_stat(struct fproc *fp, message *m)
{
	char path[PATH_MAX];
	struct vnode *vp;
	int r;

	if ((r = path_vnode(fp, m, &vp, path, 1)) != OK)
		return r;
	r = req_stat(vp, fp->fp_endpoint, m->m_vfs.buf);
	put_vnode(vp);
	return r;
}

int
do_fstat(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);

	if (f == NULL)
		return -EBADF;
	if (S_ISSOCK(f->f_vno->v_mode))
		return sock_stat(fp, f, m->m_vfs.buf);	/* socket.c */
	return req_stat(f->f_vno, fp->fp_endpoint, m->m_vfs.buf);
}

/* Exchange fp's effective and real ids (access() checks with the real ones). */
static void
swap_ids(struct fproc *fp)
{
	uid_t u = fp->fp_uid;
	gid_t g = fp->fp_gid;

	fp->fp_uid = fp->fp_ruid, fp->fp_ruid = u;
	fp->fp_gid = fp->fp_rgid, fp->fp_rgid = g;
}

int
do_access(struct fproc *fp, message *m)
{
	char path[PATH_MAX];
	struct vnode *vp;
	int r, bits = m->m_vfs.mode, real = m->m_vfs.flags & AT_EACCESS;

	if ((bits & ~7) || (m->m_vfs.flags & ~AT_EACCESS))
		return -EINVAL;
	if (!real)
		swap_ids(fp);	/* the walk and the check as the real user (POSIX) */
	if ((r = path_vnode(fp, m, &vp, path, 1)) == OK) {
		r = forbidden(fp, vp, bits);
		put_vnode(vp);
	}
	if (!real)
		swap_ids(fp);
	return r;
}

/* chown's rules (_POSIX_CHOWN_RESTRICTED):
 * root gives any owner and group; the owner may only change the group, to its own
 * (effective) group or one of its supplementary groups.  (uid_t)-1 and (gid_t)-1 leave
 * that id as it is. */
static int
chown_ids(struct fproc *fp, struct vnode *vp, uid_t *uid, gid_t *gid)
{
	if (*uid == (uid_t)-1)
		*uid = vp->v_uid;
	if (*gid == (gid_t)-1)
		*gid = vp->v_gid;
	if (fp->fp_uid == 0)
		return OK;
	if (fp->fp_uid != vp->v_uid || *uid != vp->v_uid ||
	    (*gid != vp->v_gid && !in_group(fp, *gid)))
		return -EPERM;
	return OK;
}

/* chmod's mode: an ordinary user's chmod of a regular file whose group is not the caller's
 * (effective) group drops S_ISGID (POSIX: a set-group-id bit only its group may set;
 * supplementary groups are not consulted: not implemented here). */
static mode_t
chmod_mode(struct fproc *fp, struct vnode *vp, mode_t mode)
{
	if (fp->fp_uid != 0 && S_ISREG(vp->v_mode) && vp->v_gid != fp->fp_gid)
		mode &= ~(mode_t)S_ISGID;
	return mode;
}

/* REQ_CHMOD or REQ_CHOWN of vp (m's mode, or owner and group) after the rules: chmod by
 * the owner or root (EPERM), never of a link (EOPNOTSUPP); chown as chown_ids says; EROFS
 * on a read-only mount.  The caller keeps its reference. */
static int
change_vnode(struct fproc *fp, struct vnode *vp, message *m, int type)
{
	uid_t uid = (uid_t)m->m_vfs.offset_lo;
	gid_t gid = (gid_t)m->m_vfs.offset_hi;
	message rq;
	int r;

	if (type == REQ_CHMOD && S_ISLNK(vp->v_mode))
		r = -EOPNOTSUPP;	/* a link's mode is not used: it cannot be changed */
	else if (type == REQ_CHMOD)
		r = fp->fp_uid != 0 && fp->fp_uid != vp->v_uid ? -EPERM : read_only(vp);
	else if ((r = chown_ids(fp, vp, &uid, &gid)) == OK)
		r = read_only(vp);
	if (r != OK)
		return r;
	memset(&rq, 0, sizeof(rq));
	rq.m_type = type;
	rq.m_fs_req.ino = vp->v_ino;
	rq.m_fs_req.mode = chmod_mode(fp, vp, m->m_vfs.mode & 07777);
	rq.m_fs_req.uid = uid;
	rq.m_fs_req.gid = gid;
	if ((r = req_simple(vp->v_fs_e, &rq)) == OK) {
		vp->v_mode = rq.m_fs_reply.mode;
		if (type == REQ_CHOWN)
			vp->v_uid = uid, vp->v_gid = gid;
	}
	return r;
}

/* REQ_CHMOD or REQ_CHOWN on the path's vnode. */
static int
change_inode(struct fproc *fp, message *m, int type)
{
	char path[PATH_MAX];
	struct vnode *vp;
	int r;

	if (m->m_vfs.flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if ((r = path_vnode(fp, m, &vp, path, !(m->m_vfs.flags & AT_SYMLINK_NOFOLLOW))) != OK)
		return r;
	r = change_vnode(fp, vp, m, type);
	put_vnode(vp);
	return r;
}

/* REQ_CHMOD or REQ_CHOWN of the file open as m's fd (EBADF if none). */
static int
change_fd(struct fproc *fp, message *m, int type)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);

	if (f != NULL && S_ISSOCK(f->f_vno->v_mode))
		return -EINVAL;		/* a socket has no inode to change */
	return f == NULL ? -EBADF : change_vnode(fp, f->f_vno, m, type);
}

int
do_chmod(struct fproc *fp, message *m)
{
	return change_inode(fp, m, REQ_CHMOD);
}

int
do_chown(struct fproc *fp, message *m)
{
	return change_inode(fp, m, REQ_CHOWN);
}

int
do_fchmod(struct fproc *fp, message *m)
{
	return change_fd(fp, m, REQ_CHMOD);
}

int
do_fchown(struct fproc *fp, message *m)
{
	return change_fd(fp, m, REQ_CHOWN);
}

int
do_umask(struct fproc *fp, message *m)
{
	mode_t old = fp->fp_umask;

	fp->fp_umask = m->m_vfs.mode & 0777;
	return (int)old;
}

static int
truncate_vnode(struct fproc *fp, struct vnode *vp, message *m, int check)
{
	int64_t size = (int64_t)(((uint64_t)(uint32_t)m->m_vfs.offset_hi << 32) |
				  m->m_vfs.offset_lo);
	int r;

	if (S_ISDIR(vp->v_mode))
		return -EISDIR;
	if (!S_ISREG(vp->v_mode) || size < 0)
		return -EINVAL;
	if ((r = read_only(vp)) != OK || (check && (r = forbidden(fp, vp, 2)) != OK))
		return r;
	if ((uint64_t)size == (uint64_t)vp->v_size)
		return OK;	/* POSIX: the times change only if the size does */
	if (fsize_exceeded(fp, (uint64_t)size))
		return -EFBIG;	/* with SIGXFSZ (read.c) */
	return req_ftrunc(vp, size);
}

int
do_truncate(struct fproc *fp, message *m)
{
	char path[PATH_MAX];
	struct vnode *vp;
	int r;

	if ((r = path_vnode(fp, m, &vp, path, 1)) != OK)
		return r;
	r = truncate_vnode(fp, vp, m, 1);
	put_vnode(vp);
	return r;
}

int
do_ftruncate(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);

	if (f == NULL || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;		/* not open for writing: EBADF (POSIX allows EINVAL) */
	return truncate_vnode(fp, f->f_vno, m, 0);
}

/* Make vp (a reference the caller gives) the working directory, at canonical path. */
static int
change_wd(struct fproc *fp, struct vnode *vp, const char *path)
{
	int r;

	if (!S_ISDIR(vp->v_mode))
		r = -ENOTDIR;
	else
		r = forbidden(fp, vp, 1);
	if (r != OK) {
		put_vnode(vp);
		return r;
	}
	put_vnode(fp->fp_wd);
	fp->fp_wd = vp;
	strcpy(fp->fp_cwd, path);
	return OK;
}

int
do_chdir(struct fproc *fp, message *m)
{
	char path[PATH_MAX], canon[PATH_MAX];
	struct vnode *vp;
	int r;

	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, path)) != OK ||
	    (r = lookup_canon(fp, path, &vp, canon)) != OK)
		return r;
	return change_wd(fp, vp, canon);
}

int
do_fchdir(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);

	if (f == NULL)
		return -EBADF;
	dup_vnode(f->f_vno);
	return change_wd(fp, f->f_vno, f->f_path[0] ? f->f_path : "/");
}

/* The working directory's path after a chroot to the directory at canonical path root: the
 * rest of it below root ("/" for root itself); left alone if it is not below root (a
 * working directory outside the new root, as POSIX allows). */
static void
rebase_cwd(struct fproc *fp, const char *root)
{
	size_t n = strlen(root);

	if (n == 0)
		return;			/* root is "/": nothing moves */
	if (strncmp(fp->fp_cwd, root, n) != 0 || (fp->fp_cwd[n] != '/' && fp->fp_cwd[n] != 0))
		return;
	memmove(fp->fp_cwd, fp->fp_cwd + n, strlen(fp->fp_cwd + n) + 1);
	if (fp->fp_cwd[0] == '\0')
		strcpy(fp->fp_cwd, "/");
}

int
do_chroot(struct fproc *fp, message *m)
{
	char path[PATH_MAX], canon[PATH_MAX];
	struct vnode *vp;
	int r;

	if (fp->fp_uid != 0)
		return -EPERM;
	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, path)) != OK ||
	    (r = lookup_canon(fp, path, &vp, canon)) != OK)
		return r;
	r = S_ISDIR(vp->v_mode) ? forbidden(fp, vp, 1) : -ENOTDIR;
	if (r != OK) {
		put_vnode(vp);
		return r;
	}
	put_vnode(fp->fp_rd);
	fp->fp_rd = vp;
	rebase_cwd(fp, strcmp(canon, "/") == 0 ? "" : canon);
	return OK;
}

int
do_getcwd(struct fproc *fp, message *m)
{
	size_t n = strlen(fp->fp_cwd) + 1;

	if (m->m_vfs.len < n)
		return -ERANGE;
	if (sys_vircopy(SELF, (vir_bytes)fp->fp_cwd, fp->fp_endpoint, m->m_vfs.buf, n, 0) != OK)
		return -EFAULT;
	return (int)n;
}
