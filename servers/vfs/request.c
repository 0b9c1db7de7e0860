/*
 * request.c - VFS's side of the file server protocol (minnow/fsif.h).
 *
 * Each function builds one REQ_* message, makes the grants it needs (a direct grant over a
 * name in VFS's memory; a magic grant over a user's buffer, so the file server copies
 * straight to or from the user), does a SENDREC to the file server and revokes the grants.
 * Replies that name an inode become vnodes (vnode.c); every reply's m_type is OK, a count
 * or a negated errno.  File servers are trusted system processes, so VFS waits for them.
 * A file server answers EDEADSRCDST when its block driver is down (handouts/vfs.md, "Block
 * driver restarts"): the call is suspended and run again when a block driver comes up.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/safecopies.h>
#include <minnow/syslib.h>
#include "proto.h"

int
req_simple(endpoint_t fs, message *m)
{
	int r;

	if ((r = ipc_sendrec(fs, m)) != OK)	/* a dead file server: EIO, not the answer below */
		return r == -EDEADSRCDST || r == EDEADSRCDST ? -EIO : r < 0 ? r : -r;
	return m->m_type;	/* EDEADSRCDST: its block driver is down (table.c retries) */
}

static cp_grant_id_t
name_grant(endpoint_t fs, const char *name, size_t len)
{
	return cpf_grant_direct(fs, (vir_bytes)name, len ? len : 1, CPF_READ);
}

/* Send m (whose grant is g) and turn an inode-naming reply into a vnode. */
static int
inode_reply(struct vmnt *vmp, message *m, cp_grant_id_t g, struct vnode **res)
{
	int r;

	if (g == GRANT_INVALID)
		return -ENOMEM;
	r = req_simple(vmp->m_fs_e, m);
	cpf_revoke(g);
	if (r != OK)
		return r;
	*res = get_vnode(vmp, &m->m_fs_reply, &r);
	return *res != NULL ? OK : r;
}

int
req_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **res)
{
	message m;
	cp_grant_id_t g = name_grant(dir->v_fs_e, name, len);

	memset(&m, 0, sizeof(m));
	m.m_type = REQ_LOOKUP;
	m.m_fs_req.ino = dir->v_ino;
	m.m_fs_req.grant = g;
	m.m_fs_req.name_len = len;
	return inode_reply(dir->v_vmnt, &m, g, res);
}

/* REQ_CREATE, REQ_MKDIR, REQ_MKNOD; *res (if res) gets the new vnode. */
int
req_create(int type, struct vnode *dir, const char *name, mode_t mode, uid_t uid, gid_t gid,
	   dev_t dev, struct vnode **res)
{
	message m;
	struct vnode *vp;
	cp_grant_id_t g = name_grant(dir->v_fs_e, name, strlen(name));
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_fs_req.ino = dir->v_ino;
	m.m_fs_req.grant = g;
	m.m_fs_req.name_len = strlen(name);
	m.m_fs_req.mode = mode;
	m.m_fs_req.uid = uid;
	m.m_fs_req.gid = gid;
	m.m_fs_req.dev = dev;
	if ((r = inode_reply(dir->v_vmnt, &m, g, &vp)) != OK)
		return r;
	if (res != NULL)
		*res = vp;
	else
		put_vnode(vp);
	return OK;
}

/* A request about one name in dir (ino2: REQ_LINK's file, else 0): OK or an error. */
static int
name_request(int type, struct vnode *dir, const char *name, uint32_t ino2)
{
	message m;
	cp_grant_id_t g = name_grant(dir->v_fs_e, name, strlen(name));
	int r;

	if (g == GRANT_INVALID)
		return -ENOMEM;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_fs_req.ino = dir->v_ino;
	m.m_fs_req.ino2 = ino2;
	m.m_fs_req.grant = g;
	m.m_fs_req.name_len = strlen(name);
	r = req_simple(dir->v_fs_e, &m);
	cpf_revoke(g);
	return r;
}

/* REQ_UNLINK, REQ_RMDIR: a name in dir. */
int
req_name(int type, struct vnode *dir, const char *name)
{
	return name_request(type, dir, name, 0);
}

int
req_rename(struct vnode *od, const char *on, struct vnode *nd, const char *nn)
{
	message m;
	cp_grant_id_t g = name_grant(od->v_fs_e, on, strlen(on));
	cp_grant_id_t g2 = name_grant(od->v_fs_e, nn, strlen(nn));
	int r = -ENOMEM;

	memset(&m, 0, sizeof(m));
	m.m_type = REQ_RENAME;
	m.m_fs_req.ino = od->v_ino;
	m.m_fs_req.grant = g;
	m.m_fs_req.name_len = strlen(on);
	m.m_fs_req.ino2 = nd->v_ino;
	m.m_fs_req.grant2 = g2;
	m.m_fs_req.name2_len = strlen(nn);
	if (g != GRANT_INVALID && g2 != GRANT_INVALID)
		r = req_simple(od->v_fs_e, &m);
	cpf_revoke(g);
	cpf_revoke(g2);
	return r;
}

/* REQ_LINK: name in dir for file. */
int
req_link(struct vnode *file, struct vnode *dir, const char *name)
{
	return name_request(REQ_LINK, dir, name, file->v_ino);
}

/* Send a data request over grant g; byte count or error, *newpos and the size updated. */
static int
data_request(int type, struct vnode *vp, uint64_t pos, cp_grant_id_t g, size_t len,
	     uint64_t *newpos)
{
	message m;
	int r;

	if (g == GRANT_INVALID)
		return -EFAULT;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_fs_req.ino = vp->v_ino;
	m.m_fs_req.grant = g;
	m.m_fs_req.count = len;
	m.m_fs_req.pos_lo = (uint32_t)pos;
	m.m_fs_req.pos_hi = (uint32_t)(pos >> 32);
	r = req_simple(vp->v_fs_e, &m);
	cpf_revoke(g);
	if (r < 0)
		return r;
	if (newpos != NULL)
		*newpos = m.m_fs_reply.pos_lo | ((uint64_t)m.m_fs_reply.pos_hi << 32);
	if (type == REQ_WRITE && !S_ISFIFO(vp->v_mode))
		vp->v_size = m.m_fs_reply.size_lo | ((uint64_t)m.m_fs_reply.size_hi << 32);
	return (int)m.m_fs_reply.count;
}

/* REQ_READ / REQ_WRITE straight to or from user's buffer. */
int
req_rdwr(int type, struct vnode *vp, uint64_t pos, endpoint_t user, vir_bytes buf,
	 size_t len, uint64_t *newpos)
{
	cp_grant_id_t g = cpf_grant_magic(vp->v_fs_e, user, buf, len ? len : 1,
					  type == REQ_READ ? CPF_WRITE : CPF_READ);

	return data_request(type, vp, pos, g, len, newpos);
}

/* REQ_READ or REQ_WRITE with VFS's own memory (exec, core files). */
int
req_rdwr_own(int type, struct vnode *vp, uint64_t pos, void *buf, size_t len)
{
	cp_grant_id_t g = cpf_grant_direct(vp->v_fs_e, (vir_bytes)buf, len,
					   type == REQ_READ ? CPF_WRITE : CPF_READ);

	return data_request(type, vp, pos, g, len, NULL);
}

int
req_getdents(struct vnode *vp, uint64_t pos, endpoint_t user, vir_bytes buf, size_t len,
	     uint64_t *newpos)
{
	cp_grant_id_t g = cpf_grant_magic(vp->v_fs_e, user, buf, len ? len : 1, CPF_WRITE);

	return data_request(REQ_GETDENTS, vp, pos, g, len, newpos);
}

int
req_stat(struct vnode *vp, endpoint_t user, vir_bytes buf)
{
	message m;
	cp_grant_id_t g = cpf_grant_magic(vp->v_fs_e, user, buf, sizeof(struct stat), CPF_WRITE);
	int r;

	if (g == GRANT_INVALID)
		return -EFAULT;
	memset(&m, 0, sizeof(m));
	m.m_type = REQ_STAT;
	m.m_fs_req.ino = vp->v_ino;
	m.m_fs_req.grant = g;
	pipe_stat_req(vp, &m.m_fs_req);
	r = req_simple(vp->v_fs_e, &m);
	cpf_revoke(g);
	if (r == OK)
		vp->v_tmarks = 0;
	return r;
}

int
req_ftrunc(struct vnode *vp, off_t size)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = REQ_FTRUNC;
	m.m_fs_req.ino = vp->v_ino;
	m.m_fs_req.pos_lo = (uint32_t)size;
	m.m_fs_req.pos_hi = (uint32_t)((uint64_t)size >> 32);
	if ((r = req_simple(vp->v_fs_e, &m)) == OK)
		vp->v_size = size;
	return r;
}

/* Mount dev with file server fs into vmp; vmp->m_root set on success. */
int
req_readsuper(endpoint_t fs, dev_t dev, const char *label, int flags, struct vmnt *vmp)
{
	message m;
	cp_grant_id_t g = cpf_grant_direct(fs, (vir_bytes)label, strlen(label) + 1, CPF_READ);
	int r;

	if (g == GRANT_INVALID)
		return -ENOMEM;
	memset(&m, 0, sizeof(m));
	m.m_type = REQ_READSUPER;
	m.m_fs_req.dev = dev;
	m.m_fs_req.grant = g;
	m.m_fs_req.count = strlen(label);
	m.m_fs_req.flags = flags;
	vmp->m_fs_e = fs;
	vmp->m_dev = dev;
	r = req_simple(fs, &m);
	cpf_revoke(g);
	if (r != OK)
		return r;
	vmp->m_root = get_vnode(vmp, &m.m_fs_reply, &r);
	return vmp->m_root != NULL ? OK : r;
}
