/*
 * mount.c - file systems: the root at start-up, VFS_MOUNT, VFS_UMOUNT, VFS_STATVFS,
 * VFS_GETVFSSTAT, VFS_SYNC.
 *
 * At start-up VFS mounts the root: MFS (MFS_PROC_NR) on /dev/imgrd (major 1, minor 6,
 * driver "memory") with REQ_READSUPER; and PFS (PFS_PROC_NR), mounted nowhere, for pipes.
 * Without MFS there is no root: every path is ENOENT (the other calls still work).
 * mount(special, dir, label): root only (EPERM); the special must be a block special
 * (ENOTDIR/EINVAL otherwise), the label a file server DS knows (EINVAL), the directory a
 * directory (ENOTDIR) that is neither a mount point nor a mounted root (EBUSY); a device
 * mounted twice is EBUSY.  umount(dir): dir must be the root of a mounted file system
 * (EINVAL; "/" is EBUSY) that no process uses (EBUSY); REQ_UNMOUNT writes it back, and a
 * file server that refuses it (EBUSY) stays mounted.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/safecopies.h>
#include <minnow/syslib.h>
#include <sys/statvfs.h>
#include "proto.h"

struct vmnt vmnt[NR_MNTS];
struct vnode *root_vnode;
struct vmnt *pipe_vmnt;

static struct vmnt *
free_vmnt(void)
{
	struct vmnt *vmp;

	for (vmp = vmnt; vmp < vmnt + NR_MNTS; vmp++)
		if (!vmp->m_inuse) {
			memset(vmp, 0, sizeof(*vmp));
			return vmp;
		}
	return NULL;
}

static void
name_vmnt(struct vmnt *vmp, const char *label, const char *on, const char *from)
{
	vmp->m_inuse = 1;
	snprintf(vmp->m_label, sizeof(vmp->m_label), "%s", label);
	snprintf(vmp->m_on, sizeof(vmp->m_on), "%s", on);
	snprintf(vmp->m_from, sizeof(vmp->m_from), "%s", from);
}

void
mount_root(void)
{
	struct vmnt *vmp = free_vmnt();
	struct fproc *fp;
	int r;

	if ((r = req_readsuper(MFS_PROC_NR, IMGRD_DEV, "memory", 0, vmp)) != OK) {
		printf("vfs: no root file system (MFS on /dev/imgrd: %d)\n", r);
	} else {
		name_vmnt(vmp, "mfs", "/", "/dev/imgrd");
		root_vnode = vmp->m_root;
		for (fp = fproc; fp < fproc + NR_PROCS; fp++) {
			if (fp->fp_inuse && fp->fp_rd == NULL) {
				dup_vnode(root_vnode);
				dup_vnode(root_vnode);
				fp->fp_rd = fp->fp_wd = root_vnode;
			}
		}
	}
	vmp = free_vmnt();
	if ((r = req_readsuper(PFS_PROC_NR, makedev(0, 1), "none", 0, vmp)) != OK &&
	    r != -ENOSYS && r != -EINVAL) {
		printf("vfs: no pipes (PFS: %d)\n", r);
		return;
	}
	if (vmp->m_root != NULL) {
		put_vnode(vmp->m_root);
		vmp->m_root = NULL;
	}
	vmp->m_fs_e = PFS_PROC_NR;
	name_vmnt(vmp, "pfs", "", "none");
	pipe_vmnt = vmp;
}

/* Copy the FS label of a mount request. */
static int
fetch_label(struct fproc *fp, message *m, char *label)
{
	if (m->m_vfs.len == 0 || m->m_vfs.len > LABEL_MAX)
		return -EINVAL;
	if (sys_vircopy(fp->fp_endpoint, m->m_vfs.buf, SELF, (vir_bytes)label, m->m_vfs.len,
			0) != OK)
		return -EFAULT;
	label[m->m_vfs.len - 1] = '\0';
	return OK;
}

static int
mount_on(struct fproc *fp, message *m, struct vnode *dev_vp, const char *special)
{
	char path[PATH_MAX], canon[PATH_MAX], label[LABEL_MAX];
	endpoint_t fs_e;
	struct vnode *dir;
	struct vmnt *vmp;
	int r;

	if ((r = fetch_label(fp, m, label)) != OK)
		return r;
	if (ds_retrieve_label_endpt(label, &fs_e) != OK)
		return -EINVAL;
	if ((r = fetch_name(fp, m->m_vfs.name2, m->m_vfs.name2_len, path)) != OK ||
	    (r = canon_path(fp->fp_cwd, path, canon)) != OK || (r = lookup(fp, path, &dir)) != OK)
		return r;
	if (!S_ISDIR(dir->v_mode))
		r = -ENOTDIR;
	else if (dir->v_mountedhere != NULL || dir->v_vmnt->m_root == dir)
		r = -EBUSY;
	else if (vmnt_of(fs_e, dev_vp->v_rdev) != NULL)
		r = -EBUSY;
	else if ((vmp = free_vmnt()) == NULL)
		r = -ENOMEM;
	else if ((r = req_readsuper(fs_e, dev_vp->v_rdev, dmap[major(dev_vp->v_rdev) %
				    NR_DEVICES].d_label, (m->m_vfs.flags & MNT_RDONLY) ?
				    FS_RDONLY : 0, vmp)) == OK) {
		name_vmnt(vmp, label, canon, special);
		vmp->m_flags = m->m_vfs.flags & MNT_RDONLY;
		vmp->m_covered = dir;
		dir->v_mountedhere = vmp;
		return OK;
	}
	put_vnode(dir);
	return r;
}

int
do_mount(struct fproc *fp, message *m)
{
	char special[PATH_MAX];
	struct vnode *vp;
	int r;

	if (fp->fp_uid != 0)
		return -EPERM;
	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, special)) != OK ||
	    (r = lookup(fp, special, &vp)) != OK)
		return r;
	r = S_ISBLK(vp->v_mode) ? mount_on(fp, m, vp, special) : -EINVAL;
	put_vnode(vp);
	return r;
}

int
do_umount(struct fproc *fp, message *m)
{
	char path[PATH_MAX];
	struct vnode *vp, *v;
	struct vmnt *vmp;
	message rq;
	int r;

	if (fp->fp_uid != 0)
		return -EPERM;
	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, path)) != OK ||
	    (r = lookup(fp, path, &vp)) != OK)
		return r;
	vmp = vp->v_vmnt;
	put_vnode(vp);
	if (vmp->m_root != vp)
		return -EINVAL;
	if (vmp->m_covered == NULL)
		return -EBUSY;
	for (v = vnode; v < vnode + NR_VNODES; v++)
		if (v->v_ref > 0 && v->v_vmnt == vmp && (v != vp || v->v_ref > 1))
			return -EBUSY;
	vnode_clean_refs(vp);	/* lookups of ".." naming the root added references */
	memset(&rq, 0, sizeof(rq));
	rq.m_type = REQ_UNMOUNT;
	if ((r = req_simple(vmp->m_fs_e, &rq)) == -EBUSY)
		return r;	/* the file server is still mounted: so is the vmnt */
	put_vnode(vp);		/* the root's last reference goes back */
	vmp->m_covered->v_mountedhere = NULL;
	put_vnode(vmp->m_covered);
	vmp->m_inuse = 0;
	return OK;
}

/* REQ_STATVFS of vmp, with the names filled in. */
static int
statvfs_of(struct vmnt *vmp, struct statvfs *st)
{
	cp_grant_id_t g = cpf_grant_direct(vmp->m_fs_e, (vir_bytes)st, sizeof(*st), CPF_WRITE);
	message rq;
	int r;

	memset(st, 0, sizeof(*st));
	memset(&rq, 0, sizeof(rq));
	rq.m_type = REQ_STATVFS;
	rq.m_fs_req.grant = g;
	r = req_simple(vmp->m_fs_e, &rq);
	cpf_revoke(g);
	if (r != OK)
		return r;
	st->f_fsid = vmp->m_dev;
	st->f_flag |= (vmp->m_flags & MNT_RDONLY) ? ST_RDONLY : 0;	/* and the FS's flags */
	snprintf(st->f_fstypename, sizeof(st->f_fstypename), "%s", vmp->m_label);
	snprintf(st->f_mntonname, sizeof(st->f_mntonname), "%s", vmp->m_on);
	snprintf(st->f_mntfromname, sizeof(st->f_mntfromname), "%s", vmp->m_from);
	return OK;
}

int
do_statvfs(struct fproc *fp, message *m)
{
	char path[PATH_MAX];
	struct statvfs st;
	struct vnode *vp;
	int r;

	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, path)) != OK ||
	    (r = lookup(fp, path, &vp)) != OK)
		return r;
	r = statvfs_of(vp->v_vmnt, &st);
	put_vnode(vp);
	if (r == OK && sys_vircopy(SELF, (vir_bytes)&st, fp->fp_endpoint, m->m_vfs.buf,
				   sizeof(st), 0) != OK)
		r = -EFAULT;
	return r;
}

int
do_getvfsstat(struct fproc *fp, message *m)
{
	struct statvfs st;
	struct vmnt *vmp;
	uint32_t off = 0;
	int n = 0;

	for (vmp = vmnt; vmp < vmnt + NR_MNTS; vmp++) {
		if (!vmp->m_inuse || vmp == pipe_vmnt)
			continue;
		n++;
		if (m->m_vfs.buf == 0 || off + sizeof(st) > m->m_vfs.len)
			continue;
		if (statvfs_of(vmp, &st) != OK)
			memset(&st, 0, sizeof(st));
		if (sys_vircopy(SELF, (vir_bytes)&st, fp->fp_endpoint, m->m_vfs.buf + off,
				sizeof(st), 0) != OK)
			return -EFAULT;
		off += sizeof(st);
	}
	return n;
}

void
sync_all(void)
{
	struct vmnt *vmp;
	message rq;

	for (vmp = vmnt; vmp < vmnt + NR_MNTS; vmp++) {
		if (!vmp->m_inuse || vmp == pipe_vmnt)
			continue;
		memset(&rq, 0, sizeof(rq));
		rq.m_type = REQ_SYNC;
		req_simple(vmp->m_fs_e, &rq);
	}
}

int
do_sync(struct fproc *fp, message *m)
{
	(void)fp, (void)m;
	sync_all();
	return OK;
}
