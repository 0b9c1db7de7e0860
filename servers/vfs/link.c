/*
 * link.c - symbolic links and file times in VFS (handouts/vfs.md, "Symbolic links" and
 * "File times"): VFS_SYMLINK, VFS_READLINK, VFS_LSTAT, VFS_UTIMENS, VFS_FUTIMENS, and the
 * step of the path walk that replaces a link by its target (follow_link(), called by
 * lookup.c's walk()).
 *
 * A link is made and read by the file server of its directory (REQ_SYMLINK, REQ_RDLINK,
 * minnow/fsif.h); VFS alone follows links, so a link may point anywhere in the name space,
 * across mount points.  Times are kept by the file servers, which stamp them on every
 * request (minnow/fsif.h, "Times"); VFS only checks who may set them explicitly (REQ_UTIME):
 * to "now", the owner, root or anyone with write permission (else EACCES); to given times,
 * the owner or root (else EPERM).
 */
#include <string.h>
#include <fcntl.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/syslib.h>
#include "proto.h"

/* REQ_RDLINK of link vp into buf (len bytes; in user's memory, or VFS's for SELF): the
 * bytes of the target, or an error. */
static int
req_rdlink(struct vnode *vp, endpoint_t user, vir_bytes buf, size_t len)
{
	cp_grant_id_t g = user == SELF ?
		cpf_grant_direct(vp->v_fs_e, buf, len, CPF_WRITE) :
		cpf_grant_magic(vp->v_fs_e, user, buf, len, CPF_WRITE);
	message m;
	int r;

	if (g == GRANT_INVALID)
		return user == SELF ? -ENOMEM : -EFAULT;
	memset(&m, 0, sizeof(m));
	m.m_type = REQ_RDLINK;
	m.m_fs_req.ino = vp->v_ino;
	m.m_fs_req.grant = g;
	m.m_fs_req.count = len;
	r = req_simple(vp->v_fs_e, &m);
	cpf_revoke(g);
	return r == OK ? (int)m.m_fs_reply.count : r;
}

/* Replace, in the walk's buffer buf, everything before rest (the part of the path after
 * link lnk) by lnk's target: buf becomes target + rest.  *links counts the links this walk
 * followed: past SYMLOOP_MAX ELOOP; a result of PATH_MAX bytes or more ENAMETOOLONG. */
int
follow_link(struct vnode *lnk, char *buf, const char *rest, int *links)
{
	char target[PATH_MAX];
	size_t rl = strlen(rest);
	int n;

	if (++*links > SYMLOOP_MAX)
		return -ELOOP;
	if ((n = req_rdlink(lnk, SELF, (vir_bytes)target, sizeof(target))) < 0)
		return n;
	if (n == 0)
		return -ENOENT;
	if ((size_t)n + rl >= PATH_MAX)
		return -ENAMETOOLONG;
	memmove(buf + n, rest, rl + 1);
	memcpy(buf, target, (size_t)n);
	return OK;
}

/* The vnode m's path names, a link at its end not followed. */
static int
nofollow_vnode(struct fproc *fp, message *m, struct vnode **vp)
{
	char path[PATH_MAX];
	int r;

	if ((r = fetch_path(fp, m, 0, path)) != OK)
		return r;
	return lookup_nofollow(fp, path, vp);
}

int
do_lstat(struct fproc *fp, message *m)
{
	struct vnode *vp;
	int r;

	if ((r = nofollow_vnode(fp, m, &vp)) != OK)
		return r;
	r = req_stat(vp, fp->fp_endpoint, m->m_vfs.buf);
	put_vnode(vp);
	return r;
}

int
do_readlink(struct fproc *fp, message *m)
{
	struct vnode *vp;
	int r;

	if ((int32_t)m->m_vfs.len <= 0)
		return -EINVAL;
	if ((r = nofollow_vnode(fp, m, &vp)) != OK)
		return r;
	if (!S_ISLNK(vp->v_mode))
		r = -EINVAL;
	else
		r = req_rdlink(vp, fp->fp_endpoint, m->m_vfs.buf, m->m_vfs.len);
	put_vnode(vp);
	return r;
}

/* REQ_SYMLINK: name in dir, a link to target, owned by fp. */
static int
req_symlink(struct fproc *fp, struct vnode *dir, const char *name, const char *target)
{
	size_t tl = strlen(target);
	cp_grant_id_t g = cpf_grant_direct(dir->v_fs_e, (vir_bytes)name, strlen(name), CPF_READ);
	cp_grant_id_t g2 = cpf_grant_direct(dir->v_fs_e, (vir_bytes)target, tl, CPF_READ);
	message m;
	int r = -ENOMEM;

	if (g != GRANT_INVALID && g2 != GRANT_INVALID) {
		memset(&m, 0, sizeof(m));
		m.m_type = REQ_SYMLINK;
		m.m_fs_req.ino = dir->v_ino;
		m.m_fs_req.grant = g;
		m.m_fs_req.name_len = strlen(name);
		m.m_fs_req.grant2 = g2;
		m.m_fs_req.name2_len = tl;
		m.m_fs_req.uid = fp->fp_uid;
		m.m_fs_req.gid = fp->fp_gid;
		r = req_simple(dir->v_fs_e, &m);
	}
	cpf_revoke(g);
	cpf_revoke(g2);
	return r;
}

int
do_symlink(struct fproc *fp, message *m)
{
	char target[PATH_MAX], path[PATH_MAX], last[NAME_MAX + 1];
	struct vnode *dir;
	int r;

	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, target)) != OK ||
	    (r = fetch_path(fp, m, 1, path)) != OK ||
	    (r = lookup_parent(fp, path, &dir, last)) != OK)
		return r;
	if (last[0] == '\0')
		r = -EEXIST;
	else if ((r = forbidden(fp, dir, 3)) == OK)
		r = req_symlink(fp, dir, last, target);
	put_vnode(dir);
	return r;
}

/* One struct timespec of utimensat: *flags gets FS_UTIME_*NOW or *OMIT (now, omit), *secs
 * the seconds; *explicit set for a given time.  OK or -EINVAL (bad nanoseconds). */
static int
utime_field(const struct timespec *ts, uint32_t now, uint32_t omit, uint32_t *flags,
	    uint32_t *secs, int *explicit)
{
	if (ts->tv_nsec == UTIME_NOW) {
		*flags |= now;
	} else if (ts->tv_nsec == UTIME_OMIT) {
		*flags |= omit;
	} else if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L) {
		return -EINVAL;
	} else {
		*secs = (uint32_t)ts->tv_sec;
		*explicit = 1;
	}
	return OK;
}

/* Set vp's times from the caller's struct timespec[2] at buf (0: both now). */
static int
utime_vnode(struct fproc *fp, struct vnode *vp, vir_bytes buf)
{
	struct timespec ts[2];
	int explicit = 0, r;
	message rq;

	memset(&rq, 0, sizeof(rq));
	if (buf == 0) {
		rq.m_fs_req.flags = FS_UTIME_ANOW | FS_UTIME_MNOW;
	} else if (sys_vircopy(fp->fp_endpoint, buf, SELF, (vir_bytes)ts, sizeof(ts), 0) != OK) {
		return -EFAULT;
	} else if ((r = utime_field(&ts[0], FS_UTIME_ANOW, FS_UTIME_AOMIT, &rq.m_fs_req.flags,
				    &rq.m_fs_req.pos_lo, &explicit)) != OK ||
		   (r = utime_field(&ts[1], FS_UTIME_MNOW, FS_UTIME_MOMIT, &rq.m_fs_req.flags,
				    &rq.m_fs_req.pos_hi, &explicit)) != OK) {
		return r;
	}
	if ((rq.m_fs_req.flags & (FS_UTIME_AOMIT | FS_UTIME_MOMIT)) ==
	    (FS_UTIME_AOMIT | FS_UTIME_MOMIT))
		return OK;              /* nothing to change: no check either (POSIX) */
	if ((r = read_only(vp)) != OK)
		return r;
	if (fp->fp_uid != 0 && fp->fp_uid != vp->v_uid) {
		if (explicit)
			return -EPERM;
		if (forbidden(fp, vp, 2) != OK)
			return -EACCES;
	}
	rq.m_type = REQ_UTIME;
	rq.m_fs_req.ino = vp->v_ino;
	rq.m_fs_req.flags |= vp->v_tmarks;
	if ((r = req_simple(vp->v_fs_e, &rq)) == OK)
		vp->v_tmarks = 0;
	return r;
}

int
do_utimens(struct fproc *fp, message *m)
{
	char path[PATH_MAX];
	struct vnode *vp;
	int r;

	if (m->m_vfs.flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (m->m_vfs.flags & AT_SYMLINK_NOFOLLOW)
		r = nofollow_vnode(fp, m, &vp);
	else if ((r = fetch_path(fp, m, 0, path)) == OK)
		r = lookup(fp, path, &vp);
	if (r != OK)
		return r;
	r = utime_vnode(fp, vp, m->m_vfs.buf);
	put_vnode(vp);
	return r;
}

int
do_futimens(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);

	if (f == NULL)
		return -EBADF;
	if (S_ISSOCK(f->f_vno->v_mode))
		return -EINVAL;		/* a socket has no inode */
	return utime_vnode(fp, f->f_vno, m->m_vfs.buf);
}
