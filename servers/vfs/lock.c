/*
 * lock.c - POSIX record locks: fcntl F_GETLK, F_SETLK, F_SETLKW
 * (handouts/vfs.md, "Record locks").
 *
 * VFS keeps every lock itself, in one table: (vnode, owning process, F_RDLCK or F_WRLCK,
 * first byte, last byte or LK_EOF "to the end").  A process's own locks on a file never
 * overlap: setting a range first takes it out of the process's locks (splitting one in two
 * when the range is in its middle), then adds it and merges it with the process's adjacent
 * locks of the same type; F_UNLCK only takes the range out.  Two locks conflict when their
 * owners differ, their ranges overlap and one is F_WRLCK.
 *   F_GETLK   the first lock that conflicts with the one described (l_type F_UNLCK: none).
 *   F_SETLK   a conflict is EAGAIN.
 *   F_SETLKW  a conflict makes the caller wait (FP_BLOCKED_LOCK; the request is kept in
 *             waits[]) unless waiting would close a cycle of processes each waiting for a
 *             lock the next one holds: EDEADLK.  Every change to the table retries the
 *             waiting requests (lock_changed); a signal ends the wait with EINTR.
 * An F_RDLCK needs an fd open for reading, an F_WRLCK one open for writing (EBADF).  A
 * terminal or other device cannot be locked (EINVAL): only files, directories and FIFOs
 * can.  Closing
 * ANY fd of a file drops all the locks the process holds on it (lock_release, from
 * close_fd; exit closes every fd).  Locks are not inherited by fork.  A full table is ENOLCK.
 *
 * Entry points: do_lock (filedes.c's do_fcntl), lock_release (filedes.c), lock_unpause
 * (pm.c).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"

#define NR_LOCKS        128             /* record locks in the whole system */
#define LK_EOF          INT64_MAX       /* a lock's last byte "to the end of the file" */
#define DEADLOCK_DEPTH  8               /* processes followed in a chain of waits */

/* One lock (lk_vno NULL: slot free). */
struct file_lock {
	struct vnode *lk_vno;
	struct fproc *lk_owner;
	int lk_type;                    /* F_RDLCK or F_WRLCK */
	off_t lk_first, lk_last;        /* bytes, both included; lk_last LK_EOF: to the end */
};

/* A lock request: what a waiting F_SETLKW wants (by process slot), or one being set. */
struct lock_req {
	struct vnode *vno;
	int type;
	off_t first, last;
};

static struct file_lock locks[NR_LOCKS];
static struct lock_req waits[NR_PROCS];

/* Does lock l conflict with request q of process fp? */
static int
conflicts(const struct file_lock *l, struct fproc *fp, const struct lock_req *q)
{
	return l->lk_vno == q->vno && l->lk_owner != fp && l->lk_first <= q->last &&
	       q->first <= l->lk_last && (l->lk_type == F_WRLCK || q->type == F_WRLCK);
}

/* The first lock conflicting with fp's request q, or NULL. */
static struct file_lock *
find_conflict(struct fproc *fp, const struct lock_req *q)
{
	struct file_lock *l;

	for (l = locks; l < locks + NR_LOCKS; l++)
		if (conflicts(l, fp, q))
			return l;
	return NULL;
}

/* Does fp's request q wait, directly or through a chain of waiting owners, for target? */
static int
waits_for(struct fproc *fp, const struct lock_req *q, struct fproc *target, int depth)
{
	struct file_lock *l;
	struct fproc *o;

	for (l = locks; l < locks + NR_LOCKS; l++) {
		if (!conflicts(l, fp, q))
			continue;
		o = l->lk_owner;
		if (o == target)
			return 1;
		if (depth > 0 && o->fp_blocked == FP_BLOCKED_LOCK &&
		    waits_for(o, &waits[o - fproc], target, depth - 1))
			return 1;
	}
	return 0;
}

static int
free_slots(void)
{
	int n = 0, i;

	for (i = 0; i < NR_LOCKS; i++)
		n += locks[i].lk_vno == NULL;
	return n;
}

static struct file_lock *
new_lock(struct fproc *fp, int type, struct vnode *vp, off_t first, off_t last)
{
	struct file_lock *l;

	for (l = locks; l < locks + NR_LOCKS; l++) {
		if (l->lk_vno == NULL) {
			l->lk_vno = vp;
			l->lk_owner = fp;
			l->lk_type = type;
			l->lk_first = first;
			l->lk_last = last;
			return l;
		}
	}
	panic("new_lock: no free slot (free_slots was checked)");
}

/* Take bytes q->first..q->last out of fp's locks on q->vno (at most one split, which needs
 * one free slot: the caller checked). */
static void
lock_unset(struct fproc *fp, const struct lock_req *q)
{
	struct file_lock *l;

	for (l = locks; l < locks + NR_LOCKS; l++) {
		if (l->lk_vno != q->vno || l->lk_owner != fp || l->lk_last < q->first ||
		    l->lk_first > q->last)
			continue;
		if (l->lk_first < q->first && l->lk_last > q->last) {
			new_lock(fp, l->lk_type, l->lk_vno, q->last + 1, l->lk_last);
			l->lk_last = q->first - 1;
		} else if (l->lk_first < q->first) {
			l->lk_last = q->first - 1;
		} else if (l->lk_last > q->last) {
			l->lk_first = q->last + 1;
		} else {
			l->lk_vno = NULL;
		}
	}
}

/* Give fp the lock q (no conflict: checked): OK or ENOLCK. */
static int
lock_set(struct fproc *fp, const struct lock_req *q)
{
	struct file_lock *nl, *l;
	int merged;

	if (free_slots() < 2)
		return -ENOLCK;
	lock_unset(fp, q);
	nl = new_lock(fp, q->type, q->vno, q->first, q->last);
	do {
		merged = 0;
		for (l = locks; l < locks + NR_LOCKS; l++) {
			if (l == nl || l->lk_vno != q->vno || l->lk_owner != fp ||
			    l->lk_type != nl->lk_type)
				continue;
			if (l->lk_last != LK_EOF && l->lk_last + 1 == nl->lk_first) {
				nl->lk_first = l->lk_first;
				l->lk_vno = NULL, merged = 1;
			} else if (nl->lk_last != LK_EOF && nl->lk_last + 1 == l->lk_first) {
				nl->lk_last = l->lk_last;
				l->lk_vno = NULL, merged = 1;
			}
		}
	} while (merged);
	return OK;
}

/* The table changed: give every waiting F_SETLKW that no longer conflicts its lock. */
static void
lock_changed(void)
{
	struct fproc *fp;
	int again;

	do {
		again = 0;
		for (fp = fproc; fp < fproc + NR_PROCS; fp++) {
			struct lock_req *q = &waits[fp - fproc];

			if (!fp->fp_inuse || fp->fp_blocked != FP_BLOCKED_LOCK ||
			    find_conflict(fp, q) != NULL)
				continue;
			set_blocked(fp, FP_NOT_BLOCKED);
			reply(fp, lock_set(fp, q));
			q->vno = NULL;
			again = 1;	/* a lock set may have freed a range (a downgrade) */
		}
	} while (again);
}

/* The bytes fl names in file f: first and last (LK_EOF: to the end). */
static int
lock_range(struct filp *f, const struct flock *fl, struct lock_req *q)
{
	off_t base;

	switch (fl->l_whence) {
	case 0: base = 0; break;                        /* SEEK_SET */
	case 1: base = f->f_pos; break;                 /* SEEK_CUR */
	case 2: base = f->f_vno->v_size; break;         /* SEEK_END */
	default: return -EINVAL;
	}
	q->first = base + fl->l_start;
	if (fl->l_len < 0) {
		q->last = q->first - 1;
		q->first += fl->l_len;
	}
	if (q->first < 0)
		return -EINVAL;
	if (fl->l_len == 0)
		q->last = LK_EOF;
	else if (fl->l_len > 0 && fl->l_len - 1 > LK_EOF - q->first)
		return -EOVERFLOW;
	else if (fl->l_len > 0)
		q->last = q->first + fl->l_len - 1;
	return OK;
}

/* F_GETLK: fl becomes the first lock that blocks q (l_type F_UNLCK: none). */
static void
get_lock(struct fproc *fp, const struct lock_req *q, struct flock *fl)
{
	struct file_lock *l = find_conflict(fp, q);

	if (l == NULL) {
		fl->l_type = F_UNLCK;
		return;
	}
	fl->l_type = (short)l->lk_type;
	fl->l_whence = 0;
	fl->l_start = l->lk_first;
	fl->l_len = l->lk_last == LK_EOF ? 0 : l->lk_last - l->lk_first + 1;
	fl->l_pid = l->lk_owner->fp_pid;
}

/* F_SETLK, F_SETLKW of q in fp (its fd opened as acc): the answer, or SUSPEND. */
static int
set_lock(struct fproc *fp, struct lock_req *q, int cmd, int acc)
{
	if ((q->type == F_RDLCK && acc == O_WRONLY) || (q->type == F_WRLCK && acc == O_RDONLY))
		return -EBADF;
	if (q->type == F_UNLCK) {
		if (free_slots() < 1)
			return -ENOLCK;
		lock_unset(fp, q);
		lock_changed();
		return OK;
	}
	if (find_conflict(fp, q) != NULL) {
		if (cmd == F_SETLK)
			return -EAGAIN;
		if (waits_for(fp, q, fp, DEADLOCK_DEPTH))
			return -EDEADLK;
		waits[fp - fproc] = *q;
		set_blocked(fp, FP_BLOCKED_LOCK);
		return SUSPEND;
	}
	if (lock_set(fp, q) != OK)
		return -ENOLCK;
	lock_changed();			/* a write lock turned read lets readers in */
	return OK;
}

/* fcntl(fd, F_GETLK / F_SETLK / F_SETLKW, struct flock *buf) on f. */
int
do_lock(struct fproc *fp, message *m, struct filp *f)
{
	int cmd = m->m_vfs.flags, r;
	struct lock_req q;
	struct flock fl;

	if (m->m_vfs.len != sizeof(fl) ||
	    sys_vircopy(fp->fp_endpoint, m->m_vfs.buf, SELF, (vir_bytes)&fl, sizeof(fl), 0) != OK)
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK &&
	    (fl.l_type != F_UNLCK || cmd == F_GETLK))
		return -EINVAL;
	if (S_ISCHR(f->f_vno->v_mode) || S_ISBLK(f->f_vno->v_mode))
		return -EINVAL;		/* a device: no records to lock (POSIX's EINVAL) */
	q.vno = f->f_vno;
	q.type = fl.l_type;
	if ((r = lock_range(f, &fl, &q)) != OK)
		return r;
	if (cmd != F_GETLK)
		return set_lock(fp, &q, cmd, f->f_flags & O_ACCMODE);
	get_lock(fp, &q, &fl);
	if (sys_vircopy(SELF, (vir_bytes)&fl, fp->fp_endpoint, m->m_vfs.buf, sizeof(fl), 0) != OK)
		return -EFAULT;
	return OK;
}

/* fp closed an fd of vp: drop all its locks on vp. */
void
lock_release(struct fproc *fp, struct vnode *vp)
{
	struct file_lock *l;
	int dropped = 0;

	for (l = locks; l < locks + NR_LOCKS; l++) {
		if (l->lk_vno == vp && l->lk_owner == fp) {
			l->lk_vno = NULL;
			dropped = 1;
		}
	}
	if (dropped)
		lock_changed();
}

/* fp's F_SETLKW ends unanswered here (a signal: pm.c answers EINTR; or its exit). */
void
lock_unpause(struct fproc *fp)
{
	set_blocked(fp, FP_NOT_BLOCKED);
	waits[fp - fproc].vno = NULL;
}
