/*
 * socket.c - sockets: VFS_SOCKET .. VFS_SHUTDOWN, VFS_MAPSOCKET, and read, write, ioctl,
 * select and close of a socket descriptor (handouts/sockets.md; the protocol to the
 * socket drivers is minnow/sdev.h).
 *
 * The socket map: RS tells VFS which service serves a domain (VFS_MAPSOCKET, from the
 * service's system.conf `domain` line); VFS keeps the label and looks its endpoint up in
 * DS.  A socket is a filp whose vnode belongs to no file server (mode S_IFSOCK, no FS
 * reference) and which names the domain's map entry, the driver's endpoint and the map's
 * generation at creation, and the socket id the driver chose (f_sock).
 *
 * Every call becomes one SDEV_ request, sent by asynsend exactly as a character driver's
 * (device.c): the caller is suspended (FP_BLOCKED_SDEV) until the answer with its id
 * comes (the answers, the cancel and the select events: sockreply.c).  Buffers and addresses travel by magic grants over the caller's memory.  socket
 * and accept take the new fd and filp before asking (EMFILE, ENFILE at once) and give them
 * back if the driver refuses; a socket or connection the driver made for a caller that is
 * gone meanwhile is closed again (SDEV_CLOSE).  A signal (VFS_PM_UNPAUSE) sends
 * SDEV_CANCEL; the driver answers the waiting request (EINTR).  A send answered EPIPE
 * sends the caller SIGPIPE unless MSG_NOSIGNAL.
 *
 * A driver that dies: its map entry loses the endpoint and starts a new generation; the
 * calls waiting for it end with EIO, and every later call on its sockets is EIO (close
 * works; select reports them ready to read, to write and with an error: the call would
 * not wait).  A new socket of the domain looks the
 * label up in DS again, so a restarted driver serves new sockets.
 */
#include <string.h>
#include <sys/socket.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include <minnow/safecopies.h>
#include <minnow/sdev.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "proto.h"

#define NR_SDOMAINS     8       /* domains with a socket driver */
#define SOCK_ADDR_MAX   ((uint32_t)sizeof(struct sockaddr_storage))

/** A domain's socket driver. */
struct sdmap {
	int s_domain;                   /* AF_* (0: entry free) */
	char s_label[LABEL_MAX];        /* the driver's label */
	endpoint_t s_endpt;             /* NONE: not running (looked up again on socket()) */
	endpoint_t s_dead;              /* the instance that died last (DS may still name it
	                                   until RS has restarted the driver) */
	unsigned s_gen;                 /* new endpoint, new generation: older sockets stale */
};

static struct sdmap sdmap[NR_SDOMAINS];
static uint32_t next_id = 1;

/* The entry of domain, or NULL. */
static struct sdmap *
sdmap_of(int domain)
{
	int i;

	for (i = 0; i < NR_SDOMAINS; i++)
		if (sdmap[i].s_domain == domain && domain != 0)
			return &sdmap[i];
	return NULL;
}

/* VFS_MAPSOCKET (RS only): path = the label, fd = the domain, mode 1 after a restart (the
 * same endpoint, a new instance: the old sockets become stale first). */
int
do_mapsocket(struct fproc *fp, message *m)
{
	char label[PATH_MAX];
	struct sdmap *sd;
	endpoint_t ep;
	int domain = m->m_vfs.fd, r;

	if ((r = rs_map_label(fp, m, label, &ep)) != OK)
		return r;
	if (domain <= 0 || domain >= AF_MAX)
		return -EAFNOSUPPORT;
	if ((sd = sdmap_of(domain)) == NULL)
		for (sd = sdmap; sd < sdmap + NR_SDOMAINS && sd->s_domain != 0; sd++)
			;
	if (sd == sdmap + NR_SDOMAINS)
		return -ENOSPC;
	if (sd->s_domain == domain && sd->s_endpt != NONE && strcmp(sd->s_label, label) != 0)
		return -EBUSY;		/* another driver serves the domain */
	if (sd->s_domain == domain && sd->s_endpt == ep && m->m_vfs.mode == 0)
		return OK;
	if (sd->s_domain == domain && sd->s_endpt == ep)
		sdev_gone(ep);	/* restarted under the same endpoint: its sockets are stale */
	sd->s_domain = domain;
	strcpy(sd->s_label, label);
	sd->s_endpt = ep;
	sd->s_dead = NONE;
	sd->s_gen++;
	return OK;
}

/* The running driver of domain (looked up in DS if it died), or NULL. */
static struct sdmap *
domain_driver(int domain)
{
	struct sdmap *sd = sdmap_of(domain);
	endpoint_t ep;

	if (sd == NULL)
		return NULL;
	if (sd->s_endpt == NONE && ds_retrieve_label_endpt(sd->s_label, &ep) == OK &&
	    ep != sd->s_dead) {
		sd->s_endpt = ep;
		sd->s_gen++;
	}
	return sd->s_endpt != NONE ? sd : NULL;
}

/* The driver of socket filp f, or NULL if it died since f was made (f is stale). */
static struct sdmap *
sock_driver(const struct filp *f)
{
	struct sdmap *sd;

	if (f->f_sdom < 0 || f->f_sdom >= NR_SDOMAINS)
		return NULL;
	sd = &sdmap[f->f_sdom];
	return sd->s_endpt == f->f_drv_e && sd->s_gen == f->f_drv_gen ? sd : NULL;
}

/* Is e a socket driver? */
int
is_sock_driver(endpoint_t e)
{
	int i;

	for (i = 0; i < NR_SDOMAINS; i++)
		if (sdmap[i].s_domain != 0 && sdmap[i].s_endpt == e && e != NONE)
			return 1;
	return 0;
}

/* Who may send SDEV_ answers (table.c): a socket driver. */
int
from_sock_driver(const message *m, int status)
{
	return srv_anyone(m, status) && is_sock_driver(m->m_source);
}

/* Send request type to socket driver drv (never waits): OK or the asynsend error. */
int
sdev_send(endpoint_t drv, int type, const mess_sdev *s)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_sdev = *s;
	return asynsend3(drv, &m, 0);
}

/* Send request type for fp and suspend it until the answer. */
static int
sdev_suspend(struct fproc *fp, struct sdmap *sd, int type, mess_sdev *s)
{
	s->id = next_id++;
	s->user = fp->fp_endpoint;
	if (sdev_send(sd->s_endpt, type, s) != OK)
		return -EIO;
	set_blocked(fp, FP_BLOCKED_SDEV);
	fp->fp_cdev_id = s->id;
	fp->fp_cdev_e = sd->s_endpt;
	fp->fp_cdev_op = type;
	fp->fp_sdev_sock = s->sock;
	fp->fp_sdev_len = s->len;
	fp->fp_sdev_room = s->addr_len;
	fp->fp_cancelled = 0;
	return SUSPEND;
}

/* A free vnode for a socket: mode S_IFSOCK, no file server (put_vnode sends no
 * REQ_PUTNODE: v_fs_count is 0). */
static struct vnode *
sock_vnode(void)
{
	struct vnode *vp;

	for (vp = vnode; vp < vnode + NR_VNODES; vp++) {
		if (vp->v_ref == 0) {
			memset(vp, 0, sizeof(*vp));
			vp->v_ref = 1;
			vp->v_fs_e = NONE;
			vp->v_mode = S_IFSOCK | 0777;
			return vp;
		}
	}
	return NULL;
}

/* A new fd and socket filp of sd for fp (flags: SOCK_NONBLOCK, SOCK_CLOEXEC); the socket
 * id comes with the driver's answer. */
static int
sock_new(struct fproc *fp, struct sdmap *sd, int flags, int *fdp)
{
	struct vnode *vp;
	struct filp *f;
	int r;

	if ((r = get_fd(fp, 0, fdp)) != OK)
		return r;
	if ((vp = sock_vnode()) == NULL)
		return -ENFILE;
	if ((f = new_filp(fp, vp, O_RDWR | ((flags & SOCK_NONBLOCK) ? O_NONBLOCK : 0))) == NULL) {
		put_vnode(vp);
		return -ENFILE;
	}
	f->f_sock = -1;
	f->f_sdom = (int)(sd - sdmap);
	f->f_drv_e = sd->s_endpt;
	f->f_drv_gen = sd->s_gen;
	fp->fp_filp[*fdp] = f;
	if (flags & SOCK_CLOEXEC)
		fp->fp_cloexec |= 1u << *fdp;
	fp->fp_sdev_fd = *fdp;
	return OK;
}

int
do_socket(struct fproc *fp, message *m)
{
	int flags = m->m_vfs.flags, fd, r;
	struct sdmap *sd = domain_driver(m->m_vfs.mode);
	mess_sdev s;

	if (sd == NULL)
		return -EAFNOSUPPORT;
	if ((r = sock_new(fp, sd, flags, &fd)) != OK)
		return r;
	memset(&s, 0, sizeof(s));
	s.sock = -1;
	s.param[0] = m->m_vfs.mode;
	s.param[1] = flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	s.param[2] = (int32_t)m->m_vfs.offset_lo;
	if ((r = sdev_suspend(fp, sd, SDEV_SOCKET, &s)) != SUSPEND)
		drop_fd(fp, fd);
	return r;
}

/* Socket filp fd of fp in *fpp, and an empty request *s for it: OK, EBADF or ENOTSOCK. */
static int
sock_filp(struct fproc *fp, int fd, struct filp **fpp, mess_sdev *s)
{
	struct filp *f = get_filp(fp, fd);

	if (f == NULL)
		return -EBADF;
	if (!S_ISSOCK(f->f_vno->v_mode))
		return -ENOTSOCK;
	*fpp = f;
	memset(s, 0, sizeof(*s));
	return OK;
}

/* A magic grant for sd's driver over len bytes at addr of fp (none if addr or len is 0):
 * OK or EFAULT. */
static int
user_grant(struct fproc *fp, struct sdmap *sd, vir_bytes addr, uint32_t len, int access,
	   cp_grant_id_t *g)
{
	*g = GRANT_INVALID;
	if (addr == 0 || len == 0)
		return OK;
	*g = cpf_grant_magic(sd->s_endpt, fp->fp_endpoint, addr, len, access);
	return *g == GRANT_INVALID ? -EFAULT : OK;
}

/* Revoke grant *g if there is one; *g is GRANT_INVALID after. */
void
sock_revoke(cp_grant_id_t *g)
{
	if (*g != GRANT_INVALID)
		cpf_revoke(*g);
	*g = GRANT_INVALID;
}

/* One request on socket filp f: the data buffer (buf, len) and the address (addr,
 * addr_len) granted with access data_acc and addr_acc; the rest of s is the caller's. */
static int
sock_request(struct fproc *fp, struct filp *f, int type, mess_sdev *s, vir_bytes buf,
	     int data_acc, vir_bytes addr, int addr_acc)
{
	struct sdmap *sd = sock_driver(f);
	int r;

	if (sd == NULL)
		return -EIO;	/* its driver died */
	s->sock = f->f_sock;
	s->flags = (f->f_flags & O_NONBLOCK) ? SDEV_NONBLOCK : 0;
	if ((r = user_grant(fp, sd, buf, s->len, data_acc, &s->grant)) != OK)
		return r;
	if ((r = user_grant(fp, sd, addr, s->addr_len, addr_acc, &s->addr_grant)) != OK) {
		sock_revoke(&s->grant);
		return r;
	}
	fp->fp_grant = s->grant;
	fp->fp_addr_grant = s->addr_grant;
	if ((r = sdev_suspend(fp, sd, type, s)) != SUSPEND) {
		sock_revoke(&s->grant);
		sock_revoke(&s->addr_grant);
	}
	return r;
}

/* A call on socket fd with only an address (bind, connect) or only an address's room
 * (getsockname, getpeername) in (buf, len). */
static int
addr_call(struct fproc *fp, message *m, int type, int addr_acc)
{
	struct filp *f;
	mess_sdev s;
	int r;

	if ((r = sock_filp(fp, m->m_vfs.fd, &f, &s)) != OK)
		return r;
	s.addr_len = m->m_vfs.len;
	if (addr_acc == CPF_READ && (s.addr_len > SOCK_ADDR_MAX || s.addr_len == 0))
		return -EINVAL;
	if (s.addr_len > SOCK_ADDR_MAX)
		s.addr_len = SOCK_ADDR_MAX;
	return sock_request(fp, f, type, &s, 0, 0, m->m_vfs.buf, addr_acc);
}

/* A call on socket fd with one number (listen's backlog, shutdown's how) in mode. */
static int
param_call(struct fproc *fp, message *m, int type)
{
	struct filp *f;
	mess_sdev s;
	int r;

	if ((r = sock_filp(fp, m->m_vfs.fd, &f, &s)) != OK)
		return r;
	s.param[0] = m->m_vfs.mode;
	return sock_request(fp, f, type, &s, 0, 0, 0, 0);
}

int
do_accept(struct fproc *fp, message *m)
{
	struct filp *f;
	struct sdmap *sd;
	mess_sdev s;
	int fd, r;

	if ((r = sock_filp(fp, m->m_vfs.fd, &f, &s)) != OK)
		return r;
	if ((sd = sock_driver(f)) == NULL)
		return -EIO;
	if ((r = sock_new(fp, sd, m->m_vfs.flags, &fd)) != OK)
		return r;
	s.addr_len = m->m_vfs.len > SOCK_ADDR_MAX ? SOCK_ADDR_MAX : m->m_vfs.len;
	if ((r = sock_request(fp, f, SDEV_ACCEPT, &s, 0, 0, m->m_vfs.buf, CPF_WRITE)) != SUSPEND)
		drop_fd(fp, fd);
	return r;
}

/* sendto and recvfrom, and write and read of a socket (addr 0). */
static int
data_call(struct fproc *fp, message *m, int type, vir_bytes addr, uint32_t addr_len,
	  int flags)
{
	int sending = type == SDEV_SEND;
	struct filp *f;
	mess_sdev s;
	int r;

	if ((r = sock_filp(fp, m->m_vfs.fd, &f, &s)) != OK)
		return r;
	if ((int32_t)m->m_vfs.len < 0)
		return -EINVAL;
	s.len = m->m_vfs.len;
	s.addr_len = addr_len;
	s.param[0] = flags;
	if (sending && addr != 0 && (addr_len == 0 || addr_len > SOCK_ADDR_MAX))
		return -EINVAL;
	if (!sending && s.addr_len > SOCK_ADDR_MAX)
		s.addr_len = SOCK_ADDR_MAX;
	return sock_request(fp, f, type, &s, m->m_vfs.buf, sending ? CPF_READ : CPF_WRITE,
			    addr, sending ? CPF_READ : CPF_WRITE);
}

/* read or write of socket filp (fd in m). */
int
sock_rw(struct fproc *fp, message *m, int writing)
{
	return data_call(fp, m, writing ? SDEV_SEND : SDEV_RECV, 0, 0, 0);
}

/* setsockopt and getsockopt: level in mode, name in flags, the value in (buf, len). */
static int
opt_call(struct fproc *fp, message *m, int type, int acc)
{
	struct filp *f;
	mess_sdev s;
	int r;

	if ((r = sock_filp(fp, m->m_vfs.fd, &f, &s)) != OK)
		return r;
	if ((int32_t)m->m_vfs.len < 0)
		return -EINVAL;
	s.param[0] = m->m_vfs.mode;
	s.param[1] = m->m_vfs.flags;
	s.len = m->m_vfs.len;
	return sock_request(fp, f, type, &s, m->m_vfs.buf, acc, 0, 0);
}

/* VFS_BIND, _CONNECT, _LISTEN, _SENDTO, _RECVFROM, _SETSOCKOPT, _GETSOCKOPT,
 * _GETSOCKNAME, _GETPEERNAME, _SHUTDOWN: one request to the socket's driver. */
int
do_sockcall(struct fproc *fp, message *m)
{
	const mess_vfs *v = &m->m_vfs;

	switch (m->m_type) {
	case VFS_BIND:        return addr_call(fp, m, SDEV_BIND, CPF_READ);
	case VFS_CONNECT:     return addr_call(fp, m, SDEV_CONNECT, CPF_READ);
	case VFS_GETSOCKNAME: return addr_call(fp, m, SDEV_GETSOCKNAME, CPF_WRITE);
	case VFS_GETPEERNAME: return addr_call(fp, m, SDEV_GETPEERNAME, CPF_WRITE);
	case VFS_LISTEN:      return param_call(fp, m, SDEV_LISTEN);
	case VFS_SHUTDOWN:    return param_call(fp, m, SDEV_SHUTDOWN);
	case VFS_SENDTO:      return data_call(fp, m, SDEV_SEND, v->name, v->name_len, v->flags);
	case VFS_RECVFROM:    return data_call(fp, m, SDEV_RECV, v->name, v->name_len, v->flags);
	case VFS_SETSOCKOPT:  return opt_call(fp, m, SDEV_SETSOCKOPT, CPF_READ);
	case VFS_GETSOCKOPT:  return opt_call(fp, m, SDEV_GETSOCKOPT, CPF_WRITE);
	default:              return -ENOSYS;
	}
}

/* ioctl of socket filp: the request in flags, its argument (buf, len; len 0: an int). */
int
sock_ioctl(struct fproc *fp, message *m)
{
	struct filp *f;
	mess_sdev s;
	int r;

	if ((r = sock_filp(fp, m->m_vfs.fd, &f, &s)) != OK)
		return r;
	s.param[0] = m->m_vfs.flags;
	s.len = m->m_vfs.len != 0 ? m->m_vfs.len : sizeof(int);
	return sock_request(fp, f, SDEV_IOCTL, &s, m->m_vfs.buf, CPF_READ | CPF_WRITE, 0, 0);
}

/* The last close of socket filp f: SDEV_CLOSE, not waited for (not implemented:
 * SO_LINGER's waiting close). */
void
sock_close(struct filp *f)
{
	struct sdmap *sd = sock_driver(f);

	if (sd != NULL && f->f_sock >= 0)
		sdev_close(sd->s_endpt, f->f_sock);
}

/* SDEV_CLOSE of socket sock of driver drv, not waited for. */
void
sdev_close(endpoint_t drv, sockid_t sock)
{
	mess_sdev s;

	memset(&s, 0, sizeof(s));
	s.sock = sock;
	s.id = next_id++;
	s.flags = SDEV_NONBLOCK;
	sdev_send(drv, SDEV_CLOSE, &s);
}

/* The driver of socket filp f, or NONE if it died since f was made. */
endpoint_t
sock_endpt(const struct filp *f)
{
	struct sdmap *sd = sock_driver(f);

	return sd != NULL ? sd->s_endpt : NONE;
}

/* Ask the driver of socket filp f about ops; the answer comes as SDEV_SEL1_REPLY. */
int
sock_select(struct filp *f, int ops)
{
	struct sdmap *sd = sock_driver(f);
	mess_sdev s;

	if (sd == NULL || f->f_sock < 0)
		return -EIO;
	memset(&s, 0, sizeof(s));
	s.sock = f->f_sock;
	s.param[0] = ops | SDEV_NOTIFY;
	return sdev_send(sd->s_endpt, SDEV_SELECT, &s);
}

/* Process e ended: if it was a socket driver, its domains have none now, its sockets are
 * stale and the calls waiting for it end with EIO. */
void
sdev_gone(endpoint_t e)
{
	struct fproc *fp;
	struct filp *f;
	int i, hit = 0;

	for (i = 0; i < NR_SDOMAINS; i++) {
		if (sdmap[i].s_domain != 0 && sdmap[i].s_endpt == e && e != NONE) {
			sdmap[i].s_endpt = NONE;
			sdmap[i].s_dead = e;
			sdmap[i].s_gen++;
			hit = 1;
		}
	}
	if (!hit)
		return;
	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == FP_BLOCKED_SDEV && fp->fp_cdev_e == e)
			sdev_finish(fp, NULL, -EIO);	/* sockreply.c */
	for (f = filp; f < filp + NR_FILPS; f++)
		if (f->f_count > 0 && S_ISSOCK(f->f_vno->v_mode) && sock_driver(f) == NULL)
			f->f_sel_ready |= SDEV_OP_RD | SDEV_OP_WR | SDEV_OP_ERR;	/* EIO at once */
	select_recheck();
}

/* fstat of socket filp f: a struct stat of mode S_IFSOCK | 0777, the socket id as inode. */
int
sock_stat(struct fproc *fp, struct filp *f, vir_bytes buf)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_mode = f->f_vno->v_mode;
	st.st_ino = (ino_t)f->f_sock;
	st.st_nlink = 1;
	st.st_uid = fp->fp_uid;
	st.st_gid = fp->fp_gid;
	st.st_blksize = 4096;
	if (sys_vircopy(SELF, (vir_bytes)&st, fp->fp_endpoint, buf, sizeof(st), 0) != OK)
		return -EFAULT;
	return OK;
}
