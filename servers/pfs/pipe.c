/*
 * pipe.c - PFS's pipes: in-memory inodes with a ring buffer, and the requests on them.
 *
 * The root (inode ROOT_INO) is an empty directory that holds no names.  REQ_NEWNODE makes a
 * pipe: an inode with no name, mode S_IFIFO, and a buffer of PIPE_BUF bytes (for pipe2, or
 * for a named FIFO while it is open: its name lives on another file system).  REQ_READ takes
 * bytes from the front (0 when empty), REQ_WRITE appends what fits and says how many bytes it
 * took (0 when full): VFS suspends readers and writers itself, PFS never blocks.  Positions
 * are ignored.  REQ_STAT (st_size = bytes in the pipe), REQ_FTRUNC (to 0: empty the pipe; no
 * other size), REQ_CHMOD, REQ_CHOWN; REQ_PUTNODE frees a pipe at its last reference.
 * Times (POSIX, handouts/vfs.md, "File times"): a new pipe has all three now (clock_time(),
 * minnow/syslib.h), CHMOD and CHOWN set ctime, REQ_UTIME sets them as asked.  A read marks
 * atime for update, a write mtime and ctime (p->marks); the marked ones become now at the
 * next REQ_STAT or REQ_UTIME (POSIX lets an implementation update marked times late, but
 * by the next stat), so a byte through a pipe costs no clock read.  Most pipe bytes never
 * reach PFS: VFS keeps them in its own buffers (handouts/vfs.md, "Pipes") and says what it
 * did in REQ_STAT and REQ_UTIME (FS_MARK_*; REQ_STAT's count: the bytes it holds).
 * REQ_READSUPER, REQ_UNMOUNT and REQ_SYNC are here too: PFS keeps nothing but its pipes,
 * which its restart init copies from the instance that died (pfs_restart).
 */
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <minnow/syslib.h>
#include "inc.h"

#define NR_PIPES        32              /* pipes at once */
#define ROOT_INO        1               /* the root: inode 1, pipes from 2 on */

struct pipe {
	uint32_t ino;                   /* 0: free */
	int count;                      /* VFS's references */
	uint32_t mode, uid, gid, dev;
	uint32_t atime, mtime, ctime;   /* seconds since 1970 */
	uint32_t marks;                 /* times marked for update: pipe_stamp()'s which */
	uint32_t start, len;            /* the bytes: data[start .. start+len) (circular) */
	uint8_t data[PIPE_BUF];
};

static struct pipe pipes[NR_PIPES];
int pfs_mounted;
static uint32_t pfs_dev;
static uint32_t next_ino = ROOT_INO + 1;

static struct pipe *
find_pipe(uint32_t ino)
{
	int i;

	for (i = 0; i < NR_PIPES; i++)
		if (pipes[i].ino == ino && ino != 0)
			return &pipes[i];
	return NULL;
}

/* Set the times named by which (1 atime, 2 mtime, 4 ctime) of p to now. */
static void
pipe_stamp(struct pipe *p, int which)
{
	uint32_t now = clock_time();

	if (which & 1)
		p->atime = now;
	if (which & 2)
		p->mtime = now;
	if (which & 4)
		p->ctime = now;
}

/* The times marked for update of p (by its reads and writes, and VFS's: flags) become now. */
static void
pipe_settle(struct pipe *p, uint32_t flags)
{
	if (flags & FS_MARK_ATIME)
		p->marks |= 1;
	if (flags & FS_MARK_MCTIME)
		p->marks |= 6;
	if (p->marks != 0)
		pipe_stamp(p, (int)p->marks);
	p->marks = 0;
}

static void
reply_node(mess_fs_reply *rp, const struct pipe *p)
{
	rp->ino = p->ino;
	rp->mode = p->mode;
	rp->size_lo = p->len;
	rp->uid = p->uid;
	rp->gid = p->gid;
	rp->rdev = p->dev;
	rp->nlinks = 0;
}

int
do_readsuper(struct fsreq *q)
{
	const mess_fs_req *in = q->in;
	mess_fs_reply *rp = q->out;

	if (pfs_mounted)
		return -EBUSY;
	pfs_mounted = 1;
	pfs_dev = in->dev;
	rp->ino = ROOT_INO;
	rp->mode = S_IFDIR | 0755;
	rp->nlinks = 2;
	rp->dev = pfs_dev;
	return OK;
}

int
do_newnode(struct fsreq *q)
{
	const mess_fs_req *in = q->in;
	struct pipe *p = NULL;
	int i;

	for (i = 0; i < NR_PIPES && p == NULL; i++)
		if (pipes[i].ino == 0)
			p = &pipes[i];
	if (p == NULL)
		return -ENFILE;
	memset(p, 0, offsetof(struct pipe, data));
	p->ino = next_ino++;
	if (next_ino == 0)
		next_ino = ROOT_INO + 1;
	p->count = 1;
	p->mode = S_IFIFO | (in->mode & 07777);
	p->uid = in->uid;
	p->gid = in->gid;
	p->dev = in->dev;
	pipe_stamp(p, 7);
	reply_node(q->out, p);
	return OK;
}

/* Copy n bytes between the pipe's ring (from index at) and VFS's grant at offset off. */
static int
ring_copy(struct pipe *p, int to_user, uint32_t at, cp_grant_id_t grant, uint32_t off,
	  uint32_t n)
{
	uint32_t first = n < PIPE_BUF - at ? n : PIPE_BUF - at;
	int r;

	r = to_user ? sys_safecopyto(VFS_PROC_NR, grant, off, (vir_bytes)(p->data + at), first)
		    : sys_safecopyfrom(VFS_PROC_NR, grant, off, (vir_bytes)(p->data + at), first);
	if (r != OK || first == n)
		return r;
	return to_user ? sys_safecopyto(VFS_PROC_NR, grant, off + first, (vir_bytes)p->data,
					n - first)
		       : sys_safecopyfrom(VFS_PROC_NR, grant, off + first, (vir_bytes)p->data,
					  n - first);
}

/* REQ_READ (is_write 0) or REQ_WRITE (1). */
static int
rw(int is_write, struct fsreq *q)
{
	const mess_fs_req *in = q->in;
	mess_fs_reply *rp = q->out;
	struct pipe *p = find_pipe(in->ino);
	uint32_t n;
	int r;

	if (p == NULL)
		return in->ino == ROOT_INO ? -EISDIR : -EINVAL;
	if (is_write) {
		n = in->count < PIPE_BUF - p->len ? in->count : PIPE_BUF - p->len;
		r = ring_copy(p, 0, (p->start + p->len) % PIPE_BUF, in->grant, 0, n);
		if (r == OK && n > 0)
			p->marks |= 6;
		if (r == OK)
			p->len += n;
	} else {
		n = in->count < p->len ? in->count : p->len;
		r = ring_copy(p, 1, p->start, in->grant, 0, n);
		if (r == OK && n > 0)
			p->marks |= 1;
		if (r == OK) {
			p->start = (p->start + n) % PIPE_BUF;
			p->len -= n;
		}
	}
	if (r != OK)
		return r;
	reply_node(rp, p);
	rp->count = n;
	rp->pos_lo = in->pos_lo;
	rp->pos_hi = in->pos_hi;
	return OK;
}

int
do_read(struct fsreq *q)
{
	return rw(0, q);
}

int
do_write(struct fsreq *q)
{
	return rw(1, q);
}

int
do_stat(struct fsreq *q)
{
	const mess_fs_req *in = q->in;
	struct pipe *p = find_pipe(in->ino);
	struct stat st;

	memset(&st, 0, sizeof(st));
	if (p != NULL) {
		pipe_settle(p, in->flags);
		st.st_mode = p->mode;
		st.st_uid = p->uid;
		st.st_gid = p->gid;
		st.st_rdev = p->dev;
		st.st_size = p->len + in->count;
		st.st_atime = p->atime;
		st.st_mtime = p->mtime;
		st.st_ctime = p->ctime;
	} else if (in->ino == ROOT_INO) {
		st.st_mode = S_IFDIR | 0755;
		st.st_nlink = 2;
	} else {
		return -EINVAL;
	}
	st.st_dev = pfs_dev;
	st.st_ino = in->ino;
	st.st_blksize = PIPE_BUF;
	return sys_safecopyto(VFS_PROC_NR, in->grant, 0, (vir_bytes)&st, sizeof(st));
}

int
do_ftrunc(struct fsreq *q)
{
	struct pipe *p = find_pipe(q->in->ino);

	if (p == NULL)
		return -EINVAL;
	if (q->in->pos_lo != 0 || q->in->pos_hi != 0)
		return -EINVAL;
	p->start = p->len = 0;
	reply_node(q->out, p);
	return OK;
}

int
do_chmod(struct fsreq *q)
{
	struct pipe *p = find_pipe(q->in->ino);

	if (p == NULL)
		return -EINVAL;
	p->mode = (p->mode & S_IFMT) | (q->in->mode & 07777);
	pipe_stamp(p, 4);
	reply_node(q->out, p);
	return OK;
}

int
do_chown(struct fsreq *q)
{
	struct pipe *p = find_pipe(q->in->ino);

	if (p == NULL)
		return -EINVAL;
	p->uid = q->in->uid;
	p->gid = q->in->gid;
	p->mode &= ~(uint32_t)(S_ISUID | S_ISGID);
	pipe_stamp(p, 4);
	reply_node(q->out, p);
	return OK;
}

/* REQ_UTIME (futimens on a pipe): the times asked for, ctime now. */
int
do_utime(struct fsreq *q)
{
	struct pipe *p = find_pipe(q->in->ino);
	uint32_t f = q->in->flags;

	if (p == NULL)
		return -EINVAL;
	pipe_settle(p, f);
	pipe_stamp(p, 4 | ((f & FS_UTIME_ANOW) ? 1 : 0) | ((f & FS_UTIME_MNOW) ? 2 : 0));
	if (!(f & (FS_UTIME_ANOW | FS_UTIME_AOMIT)))
		p->atime = q->in->pos_lo;
	if (!(f & (FS_UTIME_MNOW | FS_UTIME_MOMIT)))
		p->mtime = q->in->pos_hi;
	reply_node(q->out, p);
	return OK;
}

int
do_putnode(struct fsreq *q)
{
	const mess_fs_req *in = q->in;
	struct pipe *p = find_pipe(in->ino);

	if (in->ino == ROOT_INO && in->count > 0)
		return OK;              /* the root lives as long as PFS */
	if (p == NULL || in->count == 0 || in->count > (uint32_t)p->count)
		return -EINVAL;
	p->count -= (int)in->count;
	if (p->count == 0)
		p->ino = 0;
	return OK;
}

int
do_sync(struct fsreq *q)
{
	(void)q;
	return OK;                      /* nothing lives outside memory */
}

int
do_unmount(struct fsreq *q)
{
	(void)q;
	pfs_mounted = 0;
	return OK;
}

/* The restart init (and a live update's): PFS's whole state is the table of pipes, the
 * mount and the next inode number, copied from the instance that died (its image, frozen
 * by RS: sef_copy_state), so VFS's pipes go on with their bytes.  Without it PFS cannot
 * serve (VFS mounted it once, at boot): the error, and RS tries again later. */
int
pfs_restart(int type, sef_init_info_t *info)
{
	int r;

	if ((r = sef_copy_state(info, pipes, sizeof(pipes))) != OK ||
	    (r = sef_copy_state(info, &pfs_mounted, sizeof(pfs_mounted))) != OK ||
	    (r = sef_copy_state(info, &pfs_dev, sizeof(pfs_dev))) != OK ||
	    (r = sef_copy_state(info, &next_ino, sizeof(next_ino))) != OK) {
		printf("pfs: restart without the old state: %d\n", r);
		return r;
	}
	printf(type == SEF_INIT_LU ? "pfs: new version, pipes kept\n" : "pfs: restarted\n");
	return OK;
}
