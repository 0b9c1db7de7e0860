/*
 * vnode.c - the vnode table: VFS's copies of the inodes processes use.
 *
 * A vnode is found by (file system, inode number).  Every FS reply that names an inode gave
 * VFS one FS reference (v_fs_count); VFS keeps them all and returns them in one
 * REQ_PUTNODE(ino, v_fs_count) when its own last reference (v_ref) goes.  A mount's root
 * vnode lives as long as the mount, so the references that lookups naming it add (".." of
 * a directory just below it) are given back before REQ_UNMOUNT (vnode_clean_refs()).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"

struct vnode vnode[NR_VNODES];

void
update_attrs(struct vnode *vp, const mess_fs_reply *r)
{
	vp->v_mode = r->mode;
	vp->v_uid = r->uid;
	vp->v_gid = r->gid;
	vp->v_rdev = r->rdev;
	vp->v_nlinks = r->nlinks;
	if (!S_ISFIFO(r->mode))
		vp->v_size = r->size_lo | ((uint64_t)r->size_hi << 32);
}

static void
putnode(endpoint_t fs, ino_t ino, int count)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = REQ_PUTNODE;
	m.m_fs_req.ino = ino;
	m.m_fs_req.count = count;
	req_simple(fs, &m);
}

/* The vnode of the inode reply r names on vmp (a new reference); NULL and *err if full. */
struct vnode *
get_vnode(struct vmnt *vmp, const mess_fs_reply *r, int *err)
{
	struct vnode *vp, *free_vp = NULL;

	for (vp = vnode; vp < vnode + NR_VNODES; vp++) {
		if (vp->v_ref == 0) {
			if (free_vp == NULL)
				free_vp = vp;
			continue;
		}
		if (vp->v_vmnt == vmp && vp->v_ino == r->ino) {
			vp->v_ref++;
			vp->v_fs_count++;
			update_attrs(vp, r);
			return vp;
		}
	}
	if ((vp = free_vp) == NULL) {
		putnode(vmp->m_fs_e, r->ino, 1);
		*err = -ENFILE;
		return NULL;
	}
	memset(vp, 0, sizeof(*vp));
	vp->v_ref = 1;
	vp->v_fs_count = 1;
	vp->v_vmnt = vmp;
	vp->v_fs_e = vmp->m_fs_e;
	vp->v_dev = vmp->m_dev;
	vp->v_ino = r->ino;
	update_attrs(vp, r);
	return vp;
}

void
dup_vnode(struct vnode *vp)
{
	vp->v_ref++;
}

void
put_vnode(struct vnode *vp)
{
	if (vp == NULL)
		return;
	if (vp->v_ref <= 0)
		panic("put_vnode: vnode %d has no references", (int)(vp - vnode));
	if (--vp->v_ref > 0)
		return;
	if (vp->v_fs_count > 0)		/* a socket's vnode has no file server (socket.c) */
		putnode(vp->v_fs_e, vp->v_ino, vp->v_fs_count);
	vp->v_fs_count = 0;
}

/* Give back all FS references of vp but one (MINIX's name): the file server then counts
 * exactly the one VFS keeps, as REQ_UNMOUNT of a mount's root requires. */
void
vnode_clean_refs(struct vnode *vp)
{
	if (vp->v_fs_count <= 1)
		return;
	putnode(vp->v_fs_e, vp->v_ino, vp->v_fs_count - 1);
	vp->v_fs_count = 1;
}

struct vmnt *
vmnt_of(endpoint_t fs, dev_t dev)
{
	struct vmnt *vmp;

	for (vmp = vmnt; vmp < vmnt + NR_MNTS; vmp++)
		if (vmp->m_inuse && vmp->m_fs_e == fs && vmp->m_dev == dev)
			return vmp;
	return NULL;
}
