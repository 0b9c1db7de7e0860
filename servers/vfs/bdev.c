/*
 * bdev.c - block special files: open, close, read and write through the block driver
 * (minnow/bdev.h).
 *
 * Opening a block special sends BDEV_OPEN to the driver of its major (dmap, as for character
 * specials); the major must have a driver that published drv.blk.<label> (ENXIO otherwise),
 * and the driver's answer is open's (the memory driver: ENXIO for a minor it does not
 * provide).  The last close of the filp sends BDEV_CLOSE.  A device that is mounted may
 * still be opened, also for writing, as in MINIX and other UNIXes: only root may (the
 * nodes are 0600), and the file server's cache is not told.
 *
 * Block drivers answer at once (libdriver's blockdriver_process), so the caller is never
 * suspended: VFS sends the request (asynsend3) and waits for the answer, keeping every other
 * message that arrives meanwhile for its main loop (bdev_deferred); MINIX's VFS waits in
 * SENDREC, but its worker threads go on serving.  Only a driver that
 * announced itself as a block driver is called: a character-only driver would never answer
 * a BDEV_* request and VFS would hang.
 *
 * Data: block drivers take positions and sizes in whole blocks (BDEV_BLOCK, the RAM disk's
 * 4096 bytes).  read and write at the filp's position move the whole aligned blocks of the
 * request straight between the driver and the user's buffer (a magic grant); a piece of a
 * block at either end goes through VFS's one-block bounce buffer (a write: read, modify,
 * write back), copied to or from the user with sys_vircopy.  A transfer that reaches the
 * end of the device is cut short there.  At the end itself read returns 0 and write is
 * ENOSPC (the driver says EIO for a position past its end).
 *
 * Restarts (handouts/vfs.md, "Block driver restarts"): when the driver announces itself
 * again, bdev_reopen() opens every open block special of its major on the new instance.
 * An open, read or write that finds the driver dead (PM reports its exit, or it announces
 * itself again, while VFS waits: see bdev_call) or down returns EDEADSRCDST when nothing
 * was moved yet: table.c suspends the call and runs it again when a block driver is up (a
 * signal ends the wait: EINTR); with part of it done, the count done so far.  The device
 * size is unknown to VFS (no driver reports one), so lseek's SEEK_END is EINVAL on a block
 * special.
 */
#include <string.h>
#include <minnow/bdev.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "proto.h"

#define BDEV_BLOCK      4096u           /**< the unit of every transfer */

static uint8_t bounce[BDEV_BLOCK] __attribute__((aligned(4096)));
static uint32_t next_id = 1;

/* Messages that arrived while VFS waited for a block driver, served later in order. */
#define DEFER_MAX       (2 * NR_PROCS)
static struct {
	message m;
	int status;
} deferred[DEFER_MAX];
static int defer_head, defer_count;

static void
defer(const message *m, int status)
{
	int i = (defer_head + defer_count) % DEFER_MAX;

	if (defer_count == DEFER_MAX)
		panic("defer: %d messages arrived while waiting for a block driver", DEFER_MAX);
	deferred[i].m = *m;
	deferred[i].status = status;
	defer_count++;
}

/* The oldest deferred message, for main.c's loop: 1 if there was one. */
int
bdev_deferred(message *m, int *status)
{
	if (defer_count == 0)
		return 0;
	*m = deferred[defer_head].m;
	*status = deferred[defer_head].status;
	defer_head = (defer_head + 1) % DEFER_MAX;
	defer_count--;
	return 1;
}

/* Send request b of the given type to drv and wait for its answer: the status
 * (EDEADSRCDST: drv died).  Not SENDREC: a killed driver is only stopped until PM has
 * told VFS of its exit (VFS_PM_EXIT), so VFS waits in receive, keeps whatever else comes
 * for later (defer), and gives up when PM reports drv's exit, or when drv announces
 * itself again (a restart that kept the endpoint: the request died with the old code;
 * ds_collect) (handouts/vfs.md, "Block driver restarts"). */
static int
bdev_call(endpoint_t drv, int type, mess_bdev *b)
{
	message m;
	int status;

	b->id = next_id++;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_bdev = *b;
	if (asynsend3(drv, &m, 0) != OK)
		return -EDEADSRCDST;
	for (;;) {
		if (sef_receive_status(ANY, &m, &status) != OK)
			continue;
		if (m.m_source == drv && m.m_type == BDEV_REPLY && m.m_bdev_reply.id == b->id)
			return m.m_bdev_reply.status;
		defer(&m, status);
		if (m.m_source == PM_PROC_NR && m.m_type == VFS_PM_EXIT &&
		    m.m_vfs_pm.endpt == drv)
			return -EDEADSRCDST;
		if (m.m_source == DS_PROC_NR && IPC_STATUS_CALL(status) == NOTIFY &&
		    ds_collect(drv))
			return -EDEADSRCDST;	/* restarted under the same endpoint */
	}
}

int
bdev_open(struct fproc *fp, struct filp *f, int flags)
{
	struct dmap *dp = driver_of(f->f_vno->v_rdev);
	mess_bdev b;
	int r;

	f->f_drv_e = NONE;		/* not open: close sends nothing */
	if (dp == NULL || !dp->d_blk)
		return -ENXIO;
	memset(bounce, 0, sizeof(bounce));	/* its page present before a driver copies */
	memset(&b, 0, sizeof(b));
	b.minor = minor(f->f_vno->v_rdev);
	b.access = ((flags & O_ACCMODE) != O_WRONLY ? BDEV_R_BIT : 0) |
		   ((flags & O_ACCMODE) != O_RDONLY ? BDEV_W_BIT : 0);
	b.user = fp->fp_endpoint;
	if ((r = bdev_call(dp->d_endpt, BDEV_OPEN, &b)) != OK)
		return r == -EIO ? -ENXIO : r;	/* EDEADSRCDST: run again (table.c) */
	f->f_dev = f->f_vno->v_rdev;
	f->f_drv_e = dp->d_endpt;
	f->f_drv_gen = dp->d_gen;
	return OK;
}

/* The block driver of major announced itself (device.c's driver_up): open every open
 * block special of the major again on the new instance, which has seen none of them
 * opened (handouts/vfs.md, "Block driver restarts").  One it refuses stays stale (EIO). */
void
bdev_reopen(int major)
{
	struct dmap *dp = &dmap[major];
	struct filp *f;
	mess_bdev b;

	for (f = filp; f < filp + NR_FILPS; f++) {
		if (f->f_count == 0 || f->f_vno == NULL || !S_ISBLK(f->f_vno->v_mode) ||
		    f->f_drv_e == NONE || major(f->f_dev) != (dev_t)major)
			continue;
		memset(&b, 0, sizeof(b));
		b.minor = minor(f->f_dev);
		b.access = ((f->f_flags & O_ACCMODE) != O_WRONLY ? BDEV_R_BIT : 0) |
			   ((f->f_flags & O_ACCMODE) != O_RDONLY ? BDEV_W_BIT : 0);
		b.user = VFS_PROC_NR;
		if (bdev_call(dp->d_endpt, BDEV_OPEN, &b) == OK) {
			f->f_drv_e = dp->d_endpt;
			f->f_drv_gen = dp->d_gen;
		}
	}
}

void
bdev_close(struct filp *f)
{
	struct dmap *dp = filp_driver(f);
	mess_bdev b;

	if (dp == NULL)
		return;
	memset(&b, 0, sizeof(b));
	b.minor = minor(f->f_dev);
	(void)bdev_call(dp->d_endpt, BDEV_CLOSE, &b);
}

/* One BDEV_READ or BDEV_WRITE of count bytes at pos over grant g: bytes moved, 0 at the end
 * of the device (read), or an error (ENOSPC: a write at the end). */
static int
transfer(struct fproc *fp, struct filp *f, int writing, uint64_t pos, cp_grant_id_t g,
	 uint32_t count)
{
	mess_bdev b;
	int r;

	if (g == GRANT_INVALID)
		return -EFAULT;
	memset(&b, 0, sizeof(b));
	b.minor = minor(f->f_dev);
	b.grant = g;
	b.pos = pos;
	b.count = count;
	b.user = fp->fp_endpoint;
	r = bdev_call(f->f_drv_e, writing ? BDEV_WRITE : BDEV_READ, &b);
	cpf_revoke(g);
	if (r == -EIO)
		return writing ? -ENOSPC : 0;	/* at or past the end */
	return r;
}

/* Whole aligned blocks straight between the user's buffer and the device. */
static int
direct(struct fproc *fp, struct filp *f, int writing, uint64_t pos, vir_bytes ubuf,
       uint32_t count)
{
	cp_grant_id_t g = cpf_grant_magic(f->f_drv_e, fp->fp_endpoint, ubuf, count,
					  writing ? CPF_READ : CPF_WRITE);

	return transfer(fp, f, writing, pos, g, count);
}

/* count bytes (the block at pos, or its part before the device's end) to or from the
 * bounce buffer. */
static int
block_io(struct fproc *fp, struct filp *f, int writing, uint64_t pos, uint32_t count)
{
	cp_grant_id_t g = cpf_grant_direct(f->f_drv_e, (vir_bytes)bounce, count,
					   writing ? CPF_READ : CPF_WRITE);

	return transfer(fp, f, writing, pos, g, count);
}

/* Up to n bytes at pos, all inside one block, through the bounce buffer.  A write reads
 * the block (have: its bytes before the device's end), changes it and writes back as
 * many bytes as it read. */
static int
bounced(struct fproc *fp, struct filp *f, int writing, uint64_t pos, vir_bytes ubuf,
	uint32_t n)
{
	uint32_t off = pos % BDEV_BLOCK, have;
	int r;

	if ((r = block_io(fp, f, 0, pos - off, BDEV_BLOCK)) <= 0)
		return r == 0 && writing ? -ENOSPC : r;
	if ((have = (uint32_t)r) <= off)
		return writing ? -ENOSPC : 0;
	if (n > have - off)
		n = have - off;
	if (!writing)
		return sys_vircopy(SELF, (vir_bytes)bounce + off, fp->fp_endpoint, ubuf, n, 0)
		       == OK ? (int)n : -EFAULT;
	if (sys_vircopy(fp->fp_endpoint, ubuf, SELF, (vir_bytes)bounce + off, n, 0) != OK)
		return -EFAULT;
	if ((r = block_io(fp, f, 1, pos - off, have)) < 0)
		return r;
	return (uint32_t)r == have ? (int)n : -EIO;
}

/* read or write of fp's call m on block special f, at f's position. */
int
bdev_io(struct fproc *fp, message *m, struct filp *f, int writing)
{
	uint32_t len = m->m_vfs.len, done = 0, want;
	uint64_t pos;
	int r = 0;

	if (driver_of(f->f_dev) == NULL)
		return -EDEADSRCDST;	/* its driver is down: wait until it is up (table.c) */
	if (filp_driver(f) == NULL)
		return -EIO;		/* the new instance refused to open it again */
	while (done < len) {
		pos = (uint64_t)f->f_pos + done;
		want = len - done;
		if (pos % BDEV_BLOCK == 0 && want >= BDEV_BLOCK) {
			want -= want % BDEV_BLOCK;
			r = direct(fp, f, writing, pos, m->m_vfs.buf + done, want);
		} else {
			if (want > BDEV_BLOCK - pos % BDEV_BLOCK)
				want = BDEV_BLOCK - pos % BDEV_BLOCK;
			r = bounced(fp, f, writing, pos, m->m_vfs.buf + done, want);
		}
		if (r <= 0)
			break;
		done += (uint32_t)r;
		if ((uint32_t)r < want)
			break;			/* cut short at the end of the device */
	}
	f->f_pos += done;
	return done > 0 ? (int)done : r;
}
