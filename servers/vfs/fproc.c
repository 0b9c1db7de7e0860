/*
 * fproc.c - VFS's process table: fproc[], one entry per process slot, from a process's
 * first call (or PM's word of it) to its exit.
 *
 * fproc_of() finds a process's entry by endpoint and makes a fresh one for a process VFS
 * never heard of (a boot process before VFS_PM_INIT names it, a slot reused since);
 * fproc_init() makes an entry fresh: root and working directory the root file system ("/"),
 * umask 022, no files; free_proc() lets go of everything a gone process held: its waiting
 * call, its file descriptors and its directories (VFS_PM_EXIT, pm.c, and before an entry is
 * reused).
 */
#include <string.h>
#include <sys/resource.h>
#include <minnow/grant.h>
#include "proto.h"

struct fproc fproc[NR_PROCS];
int nr_blocked[FP_BLOCKED_KINDS];

/* A fresh fproc for process e (what it held before is let go). */
void
fproc_init(struct fproc *fp, endpoint_t e, int pid)
{
	if (fp->fp_inuse)
		free_proc(fp);
	set_blocked(fp, FP_NOT_BLOCKED);
	memset(fp, 0, sizeof(*fp));
	fp->fp_inuse = 1;
	fp->fp_endpoint = e;
	fp->fp_pid = pid;
	fp->fp_umask = 022;
	fp->fp_fsize_cur = fp->fp_fsize_max = RLIM_INFINITY;
	fp->fp_grant = GRANT_INVALID;
	strcpy(fp->fp_cwd, "/");
	if (root_vnode != NULL) {
		dup_vnode(root_vnode);
		dup_vnode(root_vnode);
		fp->fp_rd = fp->fp_wd = root_vnode;
	}
}

/* The fproc of endpoint e; a process VFS never heard of gets a fresh one. */
struct fproc *
fproc_of(endpoint_t e)
{
	int slot = ENDPOINT_SLOT(e);

	if (slot < 0 || slot >= NR_PROCS)
		return NULL;
	if (!fproc[slot].fp_inuse || fproc[slot].fp_endpoint != e)
		fproc_init(&fproc[slot], e, 0);
	return &fproc[slot];
}

/* The process in fp is gone: let go of everything it held. */
void
free_proc(struct fproc *fp)
{
	int fd;

	unpause(fp, 1);
	for (fd = 0; fd < OPEN_MAX; fd++)
		if (fp->fp_filp[fd] != NULL)
			close_fd(fp, fd);
	put_vnode(fp->fp_rd);
	put_vnode(fp->fp_wd);
	fp->fp_rd = fp->fp_wd = NULL;
	fp->fp_inuse = 0;
}
