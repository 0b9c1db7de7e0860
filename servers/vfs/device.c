/*
 * device.c - the device map and character drivers (handouts/vfs.md, "Devices";
 * minnow/cdev.h).
 *
 * dmap[major] holds a driver's label; its endpoint comes from DS: VFS subscribes to
 * "drv\.[bc][hl][kr]\..*" (drv.chr.* and drv.blk.*: DS regexes have no alternation)
 * and, when DS notifies it, reads the changed keys (ds_check) and looks the label up (the
 * driver-up event libdriver's driver_announce publishes).  Every driver-up starts a new
 * generation of the major (d_gen), whether the instance kept its endpoint or got a new
 * one: a file remembers the generation it was opened in, and one opened before is stale
 * (handouts/vfs.md, "Driver restarts").  The boot entries are memory (1), at_wini (3, the
 * disk), tty (4) and log (15); RS adds the drivers `service up -dev` starts with
 * VFS_MAPDRIVER (hello, 17, from /etc/rc): EBUSY for a major whose driver has another
 * label and is running.
 *
 * Requests to a driver go by asynsend, so VFS never blocks on one; the calling process
 * stays suspended until the CDEV_REPLY carrying its request id.  Data moves by a magic
 * grant over the user's buffer.  If the process gets a signal (VFS_PM_UNPAUSE) VFS sends
 * CDEV_CANCEL and answers what the driver then replies (EINTR); if it exits, the answer is
 * dropped.  Open of a major with no driver is ENXIO; read, write, ioctl and select on a
 * file whose driver went away or announced itself again since the open are EIO (close
 * works, new opens go to the new instance), and the calls waiting for the old instance end
 * with EIO.  /dev/tty (major 5) is the caller's controlling terminal (ENXIO if it
 * has none).  A session leader without a terminal that opens a tty (without O_NOCTTY)
 * gets it as controlling terminal.  Select on a character special sends CDEV_SELECT with
 * CDEV_NOTIFY; CDEV_SEL1_REPLY / CDEV_SEL2_REPLY mark the filps of that minor ready.
 * Block specials talk to their driver by SENDREC (bdev.c); dmap's d_blk says which
 * drivers published drv.blk.<label> and so answer BDEV_* requests.
 * A driver's answer the protocol does not allow (an open answered with a positive number,
 * a read or write answered with more bytes than asked for, an error below -EMAX_STATUS)
 * is EIO: a faulty driver cannot make a caller index past its buffer (handouts/vfs.md,
 * "Driver restarts"; the fault-injection campaign found it).
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "proto.h"

#define EMAX_STATUS     1000    /* errors are small numbers: -1 to -EBADEPT (303) */

struct dmap dmap[NR_DEVICES];
static cdev_id_t next_id = 1;

static void finish_cdev(struct fproc *fp, int status);

void
dmap_init(void)
{
	int i;

	for (i = 0; i < NR_DEVICES; i++)
		dmap[i].d_endpt = NONE;
	strcpy(dmap[MEMORY_MAJOR].d_label, "memory");
	strcpy(dmap[AT_WINI_MAJOR].d_label, "at_wini");
	strcpy(dmap[TTY_MAJOR].d_label, "tty");
	strcpy(dmap[LOG_MAJOR].d_label, "log");
	if (ds_subscribe("drv\\.[bc][hl][kr]\\..*", DSF_INITIAL) != OK)
		printf("vfs: cannot subscribe to driver events\n");
}

/* Every open file of major's driver is stale: select on it must not wait for an answer
 * the new instance will never send. */
static void
mark_stale_selects(int major)
{
	struct filp *f;

	for (f = filp; f < filp + NR_FILPS; f++)
		if (f->f_count > 0 && f->f_vno != NULL && S_ISCHR(f->f_vno->v_mode) &&
		    major(f->f_dev) == (dev_t)major && f->f_drv_gen != dmap[major].d_gen)
			f->f_sel_ready |= CDEV_OP_ERR;
}

/* The driver of major announced itself at ep: a fresh start or a restart, with a new
 * endpoint or the old one (handouts/vfs.md, "Driver restarts").  A new generation begins:
 * files opened before are stale (EIO; block specials are opened again, bdev.c) and the
 * calls still waiting for the old instance end with EIO. */
static void
driver_up(int major, endpoint_t ep, int blk)
{
	struct dmap *dp = &dmap[major];
	struct fproc *fp;

	dp->d_gen++;
	dp->d_endpt = ep;
	if (blk)
		dp->d_blk = 1;
	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == FP_BLOCKED_CDEV &&
		    fp->fp_cdev_major == major && fp->fp_cdev_gen != dp->d_gen)
			finish_cdev(fp, -EIO);
	mark_stale_selects(major);
	if (blk)
		bdev_reopen(major);
}

/* Driver-up keys read from DS and not yet handled: one entry per label (ds_collect). */
static struct {
	char label[LABEL_MAX];
	int blk;                        /* it was drv.blk.<label> */
} ups[NR_DEVICES];
static int nups;

/* Remember that label announced itself (blk: as a block driver). */
static void
remember_up(const char *label, int blk)
{
	int i;

	for (i = 0; i < nups && strcmp(ups[i].label, label) != 0; i++)
		;
	if (i == nups) {
		if (nups == NR_DEVICES || strlen(label) >= LABEL_MAX)
			return;		/* no major can have this label */
		strcpy(ups[nups++].label, label);
		ups[i].blk = 0;
	}
	ups[i].blk |= blk;
}

/* Read the keys DS says changed into ups[] (each drv.chr.<label> or drv.blk.<label> written
 * is a driver up: libdriver's driver_announce, a fresh start or a restart, never a live
 * update).  1 if one of them is the block driver drv announcing itself again: bdev_call,
 * waiting for drv, uses this to stop waiting for an answer a restarted instance (same
 * endpoint) will never send.  The keys are handled by ds_event(). */
int
ds_collect(endpoint_t drv)
{
	char key[DS_MAX_KEYLEN];
	endpoint_t owner;
	int type, i, hit = 0;

	while (ds_check(key, &type, &owner) == OK) {
		int blk = strncmp(key, "drv.blk.", 8) == 0;

		if (strlen(key) <= 8)
			continue;
		remember_up(key + 8, blk);	/* after "drv.chr." or "drv.blk." */
		for (i = 0; i < NR_DEVICES && blk && drv != NONE; i++)
			if (dmap[i].d_endpt == drv && strcmp(dmap[i].d_label, key + 8) == 0)
				hit = 1;
	}
	return hit;
}

/* DS says keys changed (or ds_collect kept some): the drivers they name are up. */
void
ds_event(void)
{
	int n, j, i, up = 0;
	endpoint_t ep;

	ds_collect(NONE);
	n = nups;
	nups = 0;		/* driver_up may wait for a block driver, which collects again */
	for (j = 0; j < n; j++) {
		char label[LABEL_MAX];
		int blk = ups[j].blk;

		strcpy(label, ups[j].label);
		up |= blk;
		if (ds_retrieve_label_endpt(label, &ep) != OK)
			continue;
		for (i = 0; i < NR_DEVICES; i++)
			if (strcmp(dmap[i].d_label, label) == 0)
				driver_up(i, ep, blk);
	}
	select_recheck();
	if (up)
		drv_retry();		/* calls that found a block driver down (table.c) */
}

/* Has label announced itself as a block driver (drv.blk.<label> in DS)? */
static int
announced_blk(const char *label)
{
	char key[DS_MAX_KEYLEN];
	uint32_t v;

	snprintf(key, sizeof(key), "drv.blk.%s", label);
	return ds_retrieve_u32(key, &v) == OK;
}

/* The label of RS's VFS_MAPDRIVER or VFS_MAPSOCKET m into label (PATH_MAX bytes) and its
 * endpoint from DS: OK, EPERM (not from RS), EFAULT or EINVAL (no such label). */
int
rs_map_label(struct fproc *fp, const message *m, char *label, endpoint_t *ep)
{
	int r;

	if (fp->fp_endpoint != RS_PROC_NR)
		return -EPERM;
	if ((r = fetch_name(fp, m->m_vfs.name, m->m_vfs.name_len, label)) != OK)
		return r == -EFAULT ? r : -EINVAL;
	if (strlen(label) >= LABEL_MAX || ds_retrieve_label_endpt(label, ep) != OK)
		return -EINVAL;
	return OK;
}

int
do_mapdriver(struct fproc *fp, message *m)
{
	char label[PATH_MAX];
	endpoint_t ep;
	int major = m->m_vfs.fd, r;

	if ((r = rs_map_label(fp, m, label, &ep)) != OK)
		return r;
	if (major <= 0 || major >= NR_DEVICES)
		return -ENODEV;
	if (dmap[major].d_endpt != NONE && strcmp(dmap[major].d_label, label) != 0)
		return -EBUSY;		/* another driver runs with this major */
	if (strcmp(dmap[major].d_label, label) == 0 && dmap[major].d_endpt == ep)
		return OK;		/* its driver-up already arrived (ds_event) */
	strcpy(dmap[major].d_label, label);
	dmap[major].d_blk = announced_blk(label);
	dmap[major].d_endpt = ep;
	dmap[major].d_gen++;	/* files of the major's previous driver are stale */
	return OK;
}

struct dmap *
driver_of(dev_t dev)
{
	if (major(dev) >= NR_DEVICES || dmap[major(dev)].d_endpt == NONE)
		return NULL;
	return &dmap[major(dev)];
}

static int
cdev_send(struct dmap *dp, int type, mess_cdev *c)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_cdev = *c;
	return asynsend3(dp->d_endpt, &m, 0);
}

static int
cdev_suspend(struct fproc *fp, struct dmap *dp, int op, mess_cdev *c)
{
	int r;

	c->id = next_id++;
	if ((r = cdev_send(dp, op, c)) != OK)
		return -EIO;
	set_blocked(fp, FP_BLOCKED_CDEV);
	fp->fp_cdev_id = c->id;
	fp->fp_cdev_e = dp->d_endpt;
	fp->fp_cdev_op = op;
	fp->fp_cdev_minor = c->minor;
	fp->fp_cdev_major = (int)(dp - dmap);
	fp->fp_cdev_gen = dp->d_gen;
	fp->fp_cancelled = 0;
	return SUSPEND;
}

/* Forget fd of a failed open (the driver never opened it: no CDEV_CLOSE or SDEV_CLOSE). */
void
drop_fd(struct fproc *fp, int fd)
{
	struct filp *f = fp->fp_filp[fd];

	fp->fp_filp[fd] = NULL;
	fp->fp_cloexec &= ~(1u << fd);
	if (f != NULL && --f->f_count == 0) {
		put_vnode(f->f_vno);
		f->f_vno = NULL;
	}
}

int
cdev_open(struct fproc *fp, struct vnode *vp, int fd, int flags)
{
	struct filp *f = fp->fp_filp[fd];
	dev_t dev = vp->v_rdev;
	struct dmap *dp;
	mess_cdev c;
	int r;

	if (major(dev) == CTTY_MAJOR && (dev = fp->fp_tty) == 0) {
		drop_fd(fp, fd);	/* /dev/tty without a controlling terminal */
		return -ENXIO;
	}
	if ((dp = driver_of(dev)) == NULL) {
		drop_fd(fp, fd);
		return -ENXIO;
	}
	f->f_dev = dev;
	f->f_drv_e = dp->d_endpt;
	f->f_drv_gen = dp->d_gen;
	memset(&c, 0, sizeof(c));
	c.minor = minor(dev);
	c.access = ((flags & O_ACCMODE) != O_WRONLY ? CDEV_R_BIT : 0) |
		   ((flags & O_ACCMODE) != O_RDONLY ? CDEV_W_BIT : 0) |
		   ((flags & O_NOCTTY) ? CDEV_NOCTTY : 0);
	c.user = fp->fp_endpoint;
	fp->fp_cdev_fd = fd;
	if ((r = cdev_suspend(fp, dp, CDEV_OPEN, &c)) != SUSPEND)
		drop_fd(fp, fd);
	return r == -EIO ? -ENXIO : r;
}

/* The driver of open device special f, or NULL if it is gone or announced itself again
 * since f was opened (a restart: f is stale; handouts/vfs.md, "Driver restarts"). */
struct dmap *
filp_driver(struct filp *f)
{
	struct dmap *dp = driver_of(f->f_dev);

	return dp != NULL && dp->d_gen == f->f_drv_gen ? dp : NULL;
}

void
cdev_close(struct filp *f)
{
	struct dmap *dp = filp_driver(f);
	mess_cdev c;

	if (dp == NULL)
		return;
	memset(&c, 0, sizeof(c));
	c.minor = minor(f->f_dev);
	c.id = next_id++;
	cdev_send(dp, CDEV_CLOSE, &c);
}

static uint32_t
ioctl_size(int request, uint32_t len)
{
	switch (request) {
	case TCGETS: case TCSETS: case TCSETSW: case TCSETSF:
		return sizeof(struct termios);
	case TIOCGPGRP: case TIOCSPGRP:
		return sizeof(int);
	case TIOCGWINSZ:
		return 8;
	default:
		return len;
	}
}

/* CDEV_READ, CDEV_WRITE or CDEV_IOCTL for fp's call m on filp f. */
int
cdev_io(struct fproc *fp, message *m, struct filp *f, int op)
{
	struct dmap *dp = filp_driver(f);
	uint32_t len = m->m_vfs.len;
	int access = op == CDEV_READ ? CPF_WRITE : op == CDEV_WRITE ? CPF_READ :
		     CPF_READ | CPF_WRITE;
	mess_cdev c;
	int r;

	if (dp == NULL)
		return -EIO;
	if (op == CDEV_IOCTL)
		len = ioctl_size(m->m_vfs.flags, len);
	else if (len == 0)
		return 0;
	memset(&c, 0, sizeof(c));
	c.minor = minor(f->f_dev);
	c.pos = f->f_pos;
	c.count = len;
	c.request = m->m_vfs.flags;
	c.flags = (f->f_flags & O_NONBLOCK) ? CDEV_NONBLOCK : 0;
	c.user = fp->fp_endpoint;
	c.grant = GRANT_INVALID;
	if (m->m_vfs.buf != 0 && len > 0 &&
	    (c.grant = cpf_grant_magic(dp->d_endpt, fp->fp_endpoint, m->m_vfs.buf, len,
				       access)) == GRANT_INVALID)
		return -EFAULT;
	fp->fp_grant = c.grant;
	if ((r = cdev_suspend(fp, dp, op, &c)) != SUSPEND && c.grant != GRANT_INVALID)
		cpf_revoke(c.grant);
	return r;
}

/* The process blocked (FP_BLOCKED_CDEV or FP_BLOCKED_SDEV) for request id of driver e,
 * or NULL. */
struct fproc *
waiting_for(int blocked, endpoint_t e, uint32_t id)
{
	struct fproc *fp;

	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == blocked && fp->fp_cdev_e == e &&
		    fp->fp_cdev_id == id)
			return fp;
	return NULL;
}

/* A driver's answer status to fp's call op, as the caller may see it: EIO if it is not
 * one the protocol allows. */
static int
sane_status(const struct fproc *fp, int op, int status)
{
	if (status < -EMAX_STATUS)
		return -EIO;
	if (op == CDEV_OPEN && status > 0)
		return -EIO;
	if ((op == CDEV_READ || op == CDEV_WRITE) && status > 0 &&
	    (uint32_t)status > fp->fp_msg.m_vfs.len)
		return -EIO;
	return status;
}

static void
finish_cdev(struct fproc *fp, int status)
{
	struct filp *f;

	set_blocked(fp, FP_NOT_BLOCKED);
	status = sane_status(fp, fp->fp_cdev_op, status);
	if (fp->fp_cdev_op == CDEV_OPEN) {
		int fd = fp->fp_cdev_fd;

		if (status != OK) {
			drop_fd(fp, fd);
			reply(fp, status);
			return;
		}
		f = fp->fp_filp[fd];
		if (major(f->f_dev) == TTY_MAJOR && fp->fp_sesldr && fp->fp_tty == 0 &&
		    !(f->f_flags & O_NOCTTY))
			fp->fp_tty = f->f_dev;
		reply(fp, fd);
		return;
	}
	if (fp->fp_grant != GRANT_INVALID)
		cpf_revoke(fp->fp_grant);
	fp->fp_grant = GRANT_INVALID;
	if (status > 0 && fp->fp_cdev_op != CDEV_IOCTL &&
	    (f = get_filp(fp, fp->fp_msg.m_vfs.fd)) != NULL)
		f->f_pos += status;
	reply(fp, status);
}

/* CDEV_SEL1_REPLY, CDEV_SEL2_REPLY (from a driver; fp unused): a device's ready ops. */
int
do_select_reply(struct fproc *fp, message *m)
{
	struct filp *f;

	(void)fp;
	for (f = filp; f < filp + NR_FILPS; f++) {
		struct dmap *dp;

		if (f->f_count == 0 || !S_ISCHR(f->f_vno->v_mode) ||
		    (dp = filp_driver(f)) == NULL || dp->d_endpt != m->m_source ||
		    minor(f->f_dev) != (dev_t)m->m_cdev_reply.minor)
			continue;
		if (m->m_cdev_reply.status > 0)
			f->f_sel_ready |= m->m_cdev_reply.status;
		else if (m->m_cdev_reply.status < 0)
			f->f_sel_ready |= CDEV_OP_ERR;
	}
	if (m->m_type == CDEV_SEL1_REPLY)
		select_answered();
	select_recheck();
	return SUSPEND;			/* an answer: never answered */
}

/* CDEV_REPLY (from a driver; fp unused): finish the call that waits for it. */
int
do_cdev_reply(struct fproc *fp, message *m)
{
	if ((fp = waiting_for(FP_BLOCKED_CDEV, m->m_source, m->m_cdev_reply.id)) != NULL)
		finish_cdev(fp, m->m_cdev_reply.status);
	return SUSPEND;			/* an answer: never answered */
}

/* fp waits for a driver and got a signal (or exits). */
void
cdev_cancel(struct fproc *fp, int exiting)
{
	struct dmap *dp;
	mess_cdev c;
	int i;

	if (fp->fp_blocked != FP_BLOCKED_CDEV)
		return;
	for (dp = NULL, i = 0; i < NR_DEVICES; i++)
		if (dmap[i].d_endpt == fp->fp_cdev_e)
			dp = &dmap[i];
	if (dp != NULL && !fp->fp_cancelled) {
		memset(&c, 0, sizeof(c));
		c.minor = fp->fp_cdev_minor;
		c.user = fp->fp_endpoint;
		c.id = fp->fp_cdev_id;
		cdev_send(dp, CDEV_CANCEL, &c);
		fp->fp_cancelled = 1;
	}
	if (exiting || dp == NULL) {
		if (fp->fp_cdev_op == CDEV_OPEN)
			drop_fd(fp, fp->fp_cdev_fd);
		else if (fp->fp_grant != GRANT_INVALID)
			cpf_revoke(fp->fp_grant);
		fp->fp_grant = GRANT_INVALID;
		set_blocked(fp, FP_NOT_BLOCKED);
		if (!exiting)
			reply(fp, -EINTR);
	}
}

/* Ask the driver of f about ops; the answer comes as CDEV_SEL1_REPLY. */
int
cdev_select(struct filp *f, int ops)
{
	struct dmap *dp = filp_driver(f);
	mess_cdev c;

	if (dp == NULL)
		return -EIO;
	memset(&c, 0, sizeof(c));
	c.minor = minor(f->f_dev);
	c.flags = ops | CDEV_NOTIFY;
	return cdev_send(dp, CDEV_SELECT, &c);
}

/* Is e the driver of some major? */
int
is_driver(endpoint_t e)
{
	int i;

	for (i = 0; i < NR_DEVICES; i++)
		if (dmap[i].d_endpt == e && e != NONE)
			return 1;
	return 0;
}

/* Who may send a driver's answer (CDEV_REPLY, CDEV_SEL*_REPLY; table.c): a driver. */
int
from_driver(const message *m, int status)
{
	return srv_anyone(m, status) && is_driver(m->m_source);
}

/* Process e ended: if it was a driver, its majors have none now. */
void
driver_gone(endpoint_t e)
{
	struct fproc *fp;
	int i;

	for (i = 0; i < NR_DEVICES; i++)
		if (dmap[i].d_endpt == e)
			dmap[i].d_endpt = NONE;
	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == FP_BLOCKED_CDEV && fp->fp_cdev_e == e)
			finish_cdev(fp, fp->fp_cdev_op == CDEV_OPEN ? -ENXIO : -EIO);
}
