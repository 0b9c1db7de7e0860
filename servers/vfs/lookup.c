/*
 * lookup.c - path names: fetching them from a caller, walking them, permissions.
 *
 * VFS walks a path itself, one component at a time: REQ_LOOKUP of one name in one directory
 * of the file server the directory lives on.  "." stays; ".." at the process's root stays,
 * and at the root of a mounted file system first steps back to the directory it covers, so
 * that ".." is looked up there.  A component that is a mount point is replaced by the
 * mounted root.  Every directory passed needs search (x) permission; a name longer than
 * NAME_MAX is ENAMETOOLONG; a trailing slash requires a directory.  lookup_parent() stops at
 * the last component and returns its directory and name (for create, unlink, rename...).
 * The working directory's canonical path is kept per process (canon_path), so getcwd needs
 * no walk.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"

/* Copy a path name of len bytes (NUL included) from the caller. */
int
fetch_name(struct fproc *fp, vir_bytes addr, size_t len, char *buf)
{
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

/* 0 if fp may access vp for bits (4 read, 2 write, 1 execute/search), else -EACCES. */
int
forbidden(struct fproc *fp, struct vnode *vp, int bits)
{
	mode_t m = vp->v_mode;
	int have;

	if (fp->fp_uid == 0) {
		if ((bits & 1) && !S_ISDIR(m) && !(m & (S_IXUSR | S_IXGRP | S_IXOTH)))
			return -EACCES;
		return OK;
	}
	if (fp->fp_uid == vp->v_uid)
		have = (m >> 6) & 7;
	else if (fp->fp_gid == vp->v_gid)
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

/* Walk path; with last != NULL stop before the last component (copied to last). */
static int
walk(struct fproc *fp, const char *path, struct vnode **res, char *last)
{
	struct vnode *vp, *next;
	const char *p = path, *q;
	int r, trailing = 0;

	if (root_vnode == NULL)
		return -ENOENT;
	vp = path[0] == '/' ? fp->fp_rd : fp->fp_wd;
	dup_vnode(vp);
	if (last != NULL)
		last[0] = '\0';
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		if (q - p > NAME_MAX) {
			put_vnode(vp);
			return -ENAMETOOLONG;
		}
		trailing = *q == '/';
		if (!S_ISDIR(vp->v_mode)) {
			put_vnode(vp);
			return -ENOTDIR;
		}
		if (last != NULL) {
			const char *t = q;

			while (*t == '/')
				t++;
			if (*t == '\0') {
				memcpy(last, p, q - p);
				last[q - p] = '\0';
				*res = vp;
				return OK;
			}
		}
		if ((r = forbidden(fp, vp, 1)) != OK ||
		    (r = step(fp, vp, p, q - p, &next)) != OK) {
			put_vnode(vp);
			return r;
		}
		put_vnode(vp);
		vp = next;
		p = q;
	}
	if (trailing && !S_ISDIR(vp->v_mode)) {
		put_vnode(vp);
		return -ENOTDIR;
	}
	*res = vp;
	return OK;
}

int
lookup(struct fproc *fp, const char *path, struct vnode **res)
{
	return walk(fp, path, res, NULL);
}

/* The directory holding path's last component, and that name ("" for "/"). */
int
lookup_parent(struct fproc *fp, const char *path, struct vnode **dir, char *last)
{
	return walk(fp, path, dir, last);
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
