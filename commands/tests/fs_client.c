/*
 * fs_client.c - the file server protocol (minnow/fsif.h) spoken from VFS's side, for test
 * programs booted in the vfs slot (see fs_client.h).  Names and buffers travel by direct
 * grants to the file server, made for one request and revoked after it.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include "fs_client.h"

/* SENDREC one request: the reply's m_type (or the IPC error); the payload into *rp. */
int
fsc_call(endpoint_t fs, int type, mess_fs_req *rq, mess_fs_reply *rp)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_fs_req = *rq;
	if ((r = ipc_sendrec(fs, &m)) != OK)
		return r;
	if (rp != NULL)
		*rp = m.m_fs_reply;
	return m.m_type;
}

static cp_grant_id_t
grant_of(endpoint_t fs, const void *p, size_t len, int access)
{
	return cpf_grant_direct(fs, (vir_bytes)p, len == 0 ? 1 : len, access);
}

int
fsc_readsuper(endpoint_t fs, const char *label, uint32_t dev, uint32_t flags,
	      mess_fs_reply *rp)
{
	mess_fs_req rq;
	int r;

	memset(&rq, 0, sizeof(rq));
	rq.count = strlen(label);
	rq.grant = grant_of(fs, label, rq.count, CPF_READ);
	rq.dev = dev;
	rq.flags = flags;
	r = fsc_call(fs, REQ_READSUPER, &rq, rp);
	cpf_revoke(rq.grant);
	return r;
}

/* A request naming one name in directory dir. */
static int
name_call(endpoint_t fs, int type, mess_fs_req *rq, uint32_t dir, const char *name,
	  mess_fs_reply *rp)
{
	int r;

	rq->ino = dir;
	rq->name_len = strlen(name);
	rq->grant = grant_of(fs, name, rq->name_len, CPF_READ);
	r = fsc_call(fs, type, rq, rp);
	cpf_revoke(rq->grant);
	return r;
}

int
fsc_lookup(endpoint_t fs, uint32_t dir, const char *name, mess_fs_reply *rp)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	return name_call(fs, REQ_LOOKUP, &rq, dir, name, rp);
}

int
fsc_putnode(endpoint_t fs, uint32_t ino, uint32_t count)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.ino = ino;
	rq.count = count;
	return fsc_call(fs, REQ_PUTNODE, &rq, NULL);
}

/* CREATE, MKDIR or MKNOD (type) of name in dir. */
int
fsc_create(endpoint_t fs, int type, uint32_t dir, const char *name, uint32_t mode,
	   uint32_t dev, mess_fs_reply *rp)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.mode = mode;
	rq.uid = 3;
	rq.gid = 4;
	rq.dev = dev;
	return name_call(fs, type, &rq, dir, name, rp);
}

/* UNLINK or RMDIR (type) of name in dir. */
int
fsc_name(endpoint_t fs, int type, uint32_t dir, const char *name)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	return name_call(fs, type, &rq, dir, name, NULL);
}

int
fsc_link(endpoint_t fs, uint32_t dir, const char *name, uint32_t ino)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.ino2 = ino;
	return name_call(fs, REQ_LINK, &rq, dir, name, NULL);
}

int
fsc_rename(endpoint_t fs, uint32_t odir, const char *oname, uint32_t ndir, const char *nname)
{
	mess_fs_req rq;
	int r;

	memset(&rq, 0, sizeof(rq));
	rq.ino2 = ndir;
	rq.name2_len = strlen(nname);
	rq.grant2 = grant_of(fs, nname, rq.name2_len, CPF_READ);
	r = name_call(fs, REQ_RENAME, &rq, odir, oname, NULL);
	cpf_revoke(rq.grant2);
	return r;
}

/* READ, WRITE or GETDENTS (type) of count bytes at pos: the byte count or an error. */
int
fsc_rw(endpoint_t fs, int type, uint32_t ino, uint64_t pos, void *buf, uint32_t count,
       mess_fs_reply *rp)
{
	mess_fs_req rq;
	mess_fs_reply rep;
	int r;

	memset(&rq, 0, sizeof(rq));
	rq.ino = ino;
	rq.pos_lo = (uint32_t)pos;
	rq.pos_hi = (uint32_t)(pos >> 32);
	rq.count = count;
	rq.grant = grant_of(fs, buf, count, type == REQ_WRITE ? CPF_READ : CPF_WRITE);
	r = fsc_call(fs, type, &rq, &rep);
	cpf_revoke(rq.grant);
	if (rp != NULL)
		*rp = rep;
	return r == OK ? (int)rep.count : r;
}

int
fsc_stat(endpoint_t fs, uint32_t ino, struct stat *st)
{
	mess_fs_req rq;
	int r;

	memset(&rq, 0, sizeof(rq));
	memset(st, 0, sizeof(*st));
	rq.ino = ino;
	rq.grant = grant_of(fs, st, sizeof(*st), CPF_WRITE);
	r = fsc_call(fs, REQ_STAT, &rq, NULL);
	cpf_revoke(rq.grant);
	return r;
}

int
fsc_statvfs(endpoint_t fs, struct statvfs *sv)
{
	mess_fs_req rq;
	int r;

	memset(&rq, 0, sizeof(rq));
	memset(sv, 0, sizeof(*sv));
	rq.grant = grant_of(fs, sv, sizeof(*sv), CPF_WRITE);
	r = fsc_call(fs, REQ_STATVFS, &rq, NULL);
	cpf_revoke(rq.grant);
	return r;
}

int
fsc_ftrunc(endpoint_t fs, uint32_t ino, uint64_t size)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.ino = ino;
	rq.pos_lo = (uint32_t)size;
	rq.pos_hi = (uint32_t)(size >> 32);
	return fsc_call(fs, REQ_FTRUNC, &rq, NULL);
}

/* A request with no name or buffer: CHMOD, CHOWN, SYNC, UNMOUNT, NEWNODE. */
int
fsc_simple(endpoint_t fs, int type, uint32_t ino, uint32_t mode, uint32_t uid, uint32_t gid,
	   mess_fs_reply *rp)
{
	mess_fs_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.ino = ino;
	rq.mode = mode;
	rq.uid = uid;
	rq.gid = gid;
	return fsc_call(fs, type, &rq, rp);
}
