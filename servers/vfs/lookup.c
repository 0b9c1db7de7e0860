/*
 * lookup.c - path names: fetching them from a caller, walking them, permissions.
 *
 * VFS walks a path itself, one component at a time: REQ_LOOKUP of one name in one directory
 * of the file server the directory lives on.  "." stays; ".." at the process's root stays,
 * and at the root of a mounted file system first steps back to the directory it covers, so
 * that ".." is looked up there.  A component that is a mount point is replaced by the
 * mounted root.  Every directory passed needs search (x) permission; a name longer than
 * NAME_MAX is ENAMETOOLONG; a trailing slash requires a directory.  A symbolic link is
 * replaced by its target (at most SYMLOOP_MAX of them in one walk, else ELOOP), in the middle
 * of a path always and at its end unless the call names the link itself (lstat, readlink:
 * lookup_nofollow).  lookup_parent() stops at the last component and returns its directory
 * and name (for create, unlink, rename...).  The working directory's canonical path is kept
 * per process (the walk computes it: lookup_canon), so getcwd needs no walk.  A call of the
 * *at family names a directory fd for a relative path (fetch_path): its walk starts there
 * instead of at the working directory.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"

/* Copy a path name of len bytes (NUL included) from the caller; walks of it start at the
 * working directory (or the root). */
int
fetch_name(struct fproc *fp, vir_bytes addr, size_t len, char *buf)
{
	fp->fp_at = NULL;
	fp->fp_at_path = NULL;
	if (len > PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -EINVAL;
	if (sys_vircopy(fp->fp_endpoint, addr, SELF, (vir_bytes)buf, len, 0) != OK)
		return -EFAULT;
	if (buf[len - 1] != '\0')
		return -EINVAL;
	if (buf[0] == '\0')
		return -ENOENT;
	return OK;
}

/*
 * Copy m's first path name (second = 0: name, with dirfd) or its second (name2, with
 * dirfd2) from the caller, and make the walks that follow start where it is relative to
 * (handouts/vfs.md, "Paths relative to a directory"): the directory fd the message names
 * for it, else the working directory.  A relative name with a closed fd is EBADF, with an
 * fd that is not a directory ENOTDIR; an absolute name ignores the fd.
 */
int
fetch_path(struct fproc *fp, const message *m, int second, char *buf)
{
	const mess_vfs *v = &m->m_vfs;
	struct filp *f;
	int r;

	r = second ? fetch_name(fp, v->name2, v->name2_len, buf)
		   : fetch_name(fp, v->name, v->name_len, buf);
	if (r != OK || buf[0] == '/' || !(v->at & (second ? VFS_AT_DIRFD2 : VFS_AT_DIRFD)))
		return r;
	if ((f = get_filp(fp, second ? v->dirfd2 : v->dirfd)) == NULL)
		return -EBADF;
	if (!S_ISDIR(f->f_vno->v_mode))
		return -ENOTDIR;
	fp->fp_at = f->f_vno;
	fp->fp_at_path = f->f_path;
	return OK;
}

/* The canonical path of the directory a relative path of the running call starts at. */
const char *
walk_dir_path(struct fproc *fp)
{
	return fp->fp_at != NULL ? fp->fp_at_path : fp->fp_cwd;
}

/* Is gid fp's effective group or one of its supplementary groups? */
int
in_group(struct fproc *fp, gid_t gid)
{
	int i;

	if (fp->fp_gid == gid)
		return 1;
	for (i = 0; i < fp->fp_ngroups; i++)
		if (fp->fp_groups[i] == gid)
			return 1;
	return 0;
}

/* -EROFS if vp, a file, directory or symbolic link, lives on a file system mounted
 * read-only (handouts/vfs.md, "Read-only mounts"), else OK.  Special files and FIFOs on
 * it may still be written: the data goes elsewhere. */
int
read_only(struct vnode *vp)
{
	if (vp->v_vmnt == NULL || !(vp->v_vmnt->m_flags & MNT_RDONLY))
		return OK;
	return S_ISREG(vp->v_mode) || S_ISDIR(vp->v_mode) || S_ISLNK(vp->v_mode) ? -EROFS : OK;
}

/* 0 if fp may access vp for bits (4 read, 2 write, 1 execute/search), else -EACCES; write
 * access to a file of a read-only mount is -EROFS, for root too (read_only).  The group
 * bits apply if the file's group is fp's group or a supplementary one (in_group). */
int
forbidden(struct fproc *fp, struct vnode *vp, int bits)
{
	mode_t m = vp->v_mode;
	int have;

	if ((bits & 2) && read_only(vp) != OK)
		return -EROFS;
	if (fp->fp_uid == 0) {
		if ((bits & 1) && !S_ISDIR(m) && !(m & (S_IXUSR | S_IXGRP | S_IXOTH)))
			return -EACCES;
		return OK;
	}
	if (fp->fp_uid == vp->v_uid)
		have = (m >> 6) & 7;
	else if (in_group(fp, vp->v_gid))
		have = (m >> 3) & 7;
	else
		have = m & 7;
	return (have & bits) == bits ? OK : -EACCES;
}

/* The vnode name leads to from directory dir (a new reference). */
static int
step(struct fproc *fp, struct vnode *dir, const char *name, size_t len, struct vnode **res)
{
	struct vnode *vp;
	int r;

	if (len == 1 && name[0] == '.') {
		dup_vnode(dir);
		*res = dir;
		return OK;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (dir == fp->fp_rd || dir == root_vnode) {
			dup_vnode(dir);
			*res = dir;
			return OK;
		}
		while (dir->v_vmnt->m_root == dir && dir->v_vmnt->m_covered != NULL)
			dir = dir->v_vmnt->m_covered;
	}
	if ((r = req_lookup(dir, name, len, &vp)) != OK)
		return r;
	while (vp->v_mountedhere != NULL) {
		struct vnode *root = vp->v_mountedhere->m_root;

		dup_vnode(root);
		put_vnode(vp);
		vp = root;
	}
	*res = vp;
	return OK;
}

/* The canonical path canon (no trailing slash, "" for the root) after component name. */
static int
canon_step(char *canon, const char *name, size_t len)
{
	size_t n = strlen(canon);

	if (len == 1 && name[0] == '.')
		return OK;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		while (n > 0 && canon[n - 1] != '/')
			n--;
		canon[n > 0 ? n - 1 : 0] = '\0';
		return OK;
	}
	if (n + 1 + len >= PATH_MAX)
		return -ENAMETOOLONG;
	canon[n] = '/';
	memcpy(canon + n + 1, name, len);
	canon[n + 1 + len] = '\0';
	return OK;
}

/* The directory a walk of path starts from (a new reference): the root for an absolute
 * path, else the call's start directory (fetch_path) or the working directory; canon set
 * to its path. */
static struct vnode *
walk_start(struct fproc *fp, const char *path, char *canon)
{
	struct vnode *vp = path[0] == '/' ? fp->fp_rd : fp->fp_at != NULL ? fp->fp_at : fp->fp_wd;
	const char *from = walk_dir_path(fp);

	if (canon != NULL)
		strcpy(canon, path[0] == '/' || strcmp(from, "/") == 0 ? "" : from);
	dup_vnode(vp);
	return vp;
}

/* Is the rest of a path (after a component) only slashes? */
static int
is_final(const char *rest)
{
	while (*rest == '/')
		rest++;
	return *rest == '\0';
}

/* Walk path (handouts/vfs.md, "Path lookup with symbolic links").  With last != NULL stop
 * before the last component (copied to last).  A symbolic link met before the last
 * component, or as the last one when follow is set or a slash follows it, is replaced by its
 * target (follow_link(), link.c); a link at the end is otherwise the result.  canon, unless
 * NULL, receives the result's canonical absolute path. */
static int
walk(struct fproc *fp, const char *path, struct vnode **res, char *last, int follow,
     char *canon)
{
	char buf[PATH_MAX], *p = buf, *q;
	struct vnode *vp, *next;
	int r, links = 0, trailing = 0;

	if (root_vnode == NULL)
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	strcpy(buf, path);
	vp = walk_start(fp, buf, canon);
	if (last != NULL)
		last[0] = '\0';
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		r = q - p > NAME_MAX ? -ENAMETOOLONG : !S_ISDIR(vp->v_mode) ? -ENOTDIR : OK;
		if (r != OK)
			goto fail;
		trailing = *q == '/';
		if (last != NULL && is_final(q)) {
			memcpy(last, p, q - p);
			last[q - p] = '\0';
			*res = vp;
			return OK;
		}
		if ((r = forbidden(fp, vp, 1)) != OK || (r = step(fp, vp, p, q - p, &next)) != OK)
			goto fail;
		if (S_ISLNK(next->v_mode) && (follow || trailing || !is_final(q))) {
			r = follow_link(next, buf, q, &links);
			put_vnode(next);
			if (r != OK)
				goto fail;
			p = buf;
			if (*p == '/') {
				put_vnode(vp);
				vp = walk_start(fp, buf, canon);
			}
			continue;
		}
		if (canon != NULL && (r = canon_step(canon, p, q - p)) != OK) {
			put_vnode(next);
			goto fail;
		}
		put_vnode(vp);
		vp = next;
		p = q;
	}
	if (trailing && !S_ISDIR(vp->v_mode)) {
		r = -ENOTDIR;
		goto fail;
	}
	if (canon != NULL && canon[0] == '\0')
		strcpy(canon, "/");
	*res = vp;
	return OK;
fail:
	put_vnode(vp);
	return r;
}

/* The vnode path names, symbolic links followed (also the last component). */
int
lookup(struct fproc *fp, const char *path, struct vnode **res)
{
	return walk(fp, path, res, NULL, 1, NULL);
}

/* lookup(), but a symbolic link as the last component is the result (lstat, readlink). */
int
lookup_nofollow(struct fproc *fp, const char *path, struct vnode **res)
{
	return walk(fp, path, res, NULL, 0, NULL);
}

/* lookup(), and the result's canonical absolute path into canon (PATH_MAX bytes). */
int
lookup_canon(struct fproc *fp, const char *path, struct vnode **res, char *canon)
{
	return walk(fp, path, res, NULL, 1, canon);
}

/* The directory holding path's last component, and that name ("" for "/"); a link as the
 * last component is not followed (it is the name to create, remove or rename). */
int
lookup_parent(struct fproc *fp, const char *path, struct vnode **dir, char *last)
{
	return walk(fp, path, dir, last, 0, NULL);
}

/* The canonical absolute form of path relative to cwd (no ".", "..", "//"). */
int
canon_path(const char *cwd, const char *path, char *out)
{
	char buf[2 * PATH_MAX];
	size_t n = 0;
	const char *p;

	if (path[0] == '/')
		strcpy(buf, path);
	else {
		strcpy(buf, cwd);
		strcat(buf, "/");
		strcat(buf, path);
	}
	out[0] = '\0';
	for (p = buf;;) {
		const char *q;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		if (q - p == 1 && p[0] == '.') {
		} else if (q - p == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else {
			if (n + 1 + (q - p) >= PATH_MAX)
				return -ENAMETOOLONG;
			out[n++] = '/';
			memcpy(out + n, p, q - p);
			n += q - p;
		}
		p = q;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return OK;
}
