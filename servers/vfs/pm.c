/*
 * pm.c - the PM <-> VFS protocol, VFS's side (minnow/vfs.h, handouts/vfs.md "PM and VFS",
 * handouts/pm.md).
 *
 * PM sends its requests with asynsend (AMF_NOREPLY); table.c hands each (from PM only) to
 * its do_pm_* handler with the fproc of the process it names (NULL for endpt NONE; a
 * request about no process is EINVAL but for INIT, FORK and REBOOT).  VFS answers each with
 * a plain send of the matching VFS_PM_*_REPLY naming the process, never through the loop's
 * reply (INIT is answered once, after the one with endpt NONE).
 *   INIT      a boot process: a fresh fproc (root and cwd "/", fproc.c)
 *   FORK, SRV_FORK   the child gets copies of the parent's fds (filps shared), root, cwd,
 *             ids, umask and controlling terminal
 *   EXEC      exec.c; answered with the entry point and stack pointer (and, for a
 *             set-user-id or set-group-id program, the new effective ids)
 *   EXIT      every fd closed, a waiting call cancelled, the directories let go; if the
 *             process was a driver, its majors lose their endpoint
 *   SETUID, SETGID   the effective and real ids used for permission checks (SETGID: with
 *                    the supplementary groups, copied from PM)
 *   SETSID    a session leader without a controlling terminal
 *   UNPAUSE   a waiting call (pipe, select, driver) ends with EINTR
 *   REBOOT    everything is written back (REQ_SYNC to every file system)
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>
#include "proto.h"

/* Answer request type about e with status; exec's answer also carries *out (pc, sp,
 * flags, uid, gid), the others nothing more (out NULL). */
static void
pm_reply(int type, endpoint_t e, int status, const mess_vfs_pm *out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	if (out != NULL)
		m.m_vfs_pm = *out;
	m.m_type = VFS_PM_REPLY(type);
	m.m_vfs_pm.endpt = e;
	m.m_vfs_pm.status = status;
	if ((r = ipc_send(PM_PROC_NR, &m)) != OK)
		printf("vfs: cannot answer PM: %d\n", r);
}

/* Answer PM's request m (about the process it names) with status r.  Also core.c's. */
int
pm_answer(const message *m, int r)
{
	pm_reply(m->m_type, m->m_vfs_pm.endpt, r, NULL);
	return SUSPEND;			/* answered: the loop sends nothing */
}

/* End fp's waiting call, if any, with EINTR, or a pipe write with the bytes it already
 * wrote (exiting: with no answer at all). */
void
unpause(struct fproc *fp, int exiting)
{
	uint32_t done = fp->fp_done;

	switch (fp->fp_blocked) {
	case FP_BLOCKED_PIPE:
	case FP_BLOCKED_SEL:
	case FP_BLOCKED_DRV:
		set_blocked(fp, FP_NOT_BLOCKED);
		fp->fp_done = 0;
		/* a pipe write that already wrote part of its bytes returns that count (POSIX) */
		if (!exiting)
			reply(fp, done > 0 ? (int)done : -EINTR);
		break;
	case FP_BLOCKED_CDEV:
		cdev_cancel(fp, exiting);
		break;
	case FP_BLOCKED_SDEV:
		sdev_cancel(fp, exiting);	/* socket.c */
		break;
	case FP_BLOCKED_FIFO:
		fifo_unpause(fp, exiting);
		break;
	case FP_BLOCKED_LOCK:
		lock_unpause(fp);
		if (!exiting)
			reply(fp, -EINTR);
		break;
	}
}

/* VFS_PM_INIT: a boot process (fp), or with endpt NONE the end of the list. */
int
do_pm_init(struct fproc *fp, message *m)
{
	if (m->m_vfs_pm.endpt == NONE)
		pm_reply(VFS_PM_INIT, NONE, OK, NULL);
	else if (fp != NULL)
		fp->fp_pid = m->m_vfs_pm.pid;
	return SUSPEND;			/* one answer, after the last process */
}

/* VFS_PM_FORK, VFS_PM_SRV_FORK: the child (fp) gets copies of the parent's state. */
int
do_pm_fork(struct fproc *fp, message *m)
{
	const mess_vfs_pm *p = &m->m_vfs_pm;
	struct fproc *parent = fproc_of(p->parent), *child;
	int slot = ENDPOINT_SLOT(p->endpt), fd;

	(void)fp;			/* fproc_init() below makes the child's afresh */
	if (parent == NULL || slot < 0 || slot >= NR_PROCS)
		return pm_answer(m, OK);
	child = &fproc[slot];
	fproc_init(child, p->endpt, p->pid);
	put_vnode(child->fp_rd);
	put_vnode(child->fp_wd);
	child->fp_rd = parent->fp_rd;
	child->fp_wd = parent->fp_wd;
	if (child->fp_rd != NULL) {
		dup_vnode(child->fp_rd);
		dup_vnode(child->fp_wd);
	}
	strcpy(child->fp_cwd, parent->fp_cwd);
	for (fd = 0; fd < OPEN_MAX; fd++)
		if ((child->fp_filp[fd] = parent->fp_filp[fd]) != NULL)
			child->fp_filp[fd]->f_count++;
	child->fp_cloexec = parent->fp_cloexec;
	child->fp_uid = parent->fp_uid, child->fp_ruid = parent->fp_ruid;
	child->fp_gid = parent->fp_gid, child->fp_rgid = parent->fp_rgid;
	child->fp_ngroups = parent->fp_ngroups;
	memcpy(child->fp_groups, parent->fp_groups, sizeof(child->fp_groups));
	child->fp_umask = parent->fp_umask;
	child->fp_fsize_cur = parent->fp_fsize_cur;
	child->fp_fsize_max = parent->fp_fsize_max;
	child->fp_tty = parent->fp_tty;
	return pm_answer(m, OK);
}

/* VFS_PM_EXEC: load the program (exec.c); the answer carries the entry, the stack, and
 * the new effective ids of a set-user-id or set-group-id program. */
int
do_pm_exec(struct fproc *fp, message *m)
{
	mess_vfs_pm out;
	int r;

	if (fp == NULL)
		return pm_answer(m, -EINVAL);
	memset(&out, 0, sizeof(out));
	r = pm_exec(fp, m, &out);
	pm_reply(m->m_type, m->m_vfs_pm.endpt, r, &out);
	return SUSPEND;
}

/* VFS_PM_EXIT: fp's process is gone; if it was a driver, its majors lose it. */
int
do_pm_exit(struct fproc *fp, message *m)
{
	if (fp == NULL)
		return pm_answer(m, -EINVAL);
	free_proc(fp);
	driver_gone(m->m_vfs_pm.endpt);
	sdev_gone(m->m_vfs_pm.endpt);
	return pm_answer(m, OK);
}

/* VFS_PM_SETUID: the effective and real uid. */
int
do_pm_setuid(struct fproc *fp, message *m)
{
	if (fp == NULL)
		return pm_answer(m, -EINVAL);
	fp->fp_uid = m->m_vfs_pm.uid, fp->fp_ruid = m->m_vfs_pm.ruid;
	return pm_answer(m, OK);
}

/* VFS_PM_SETGID: the effective and real gid (in the uid fields) and the supplementary
 * groups (path_len of them at address path in PM's memory). */
int
do_pm_setgid(struct fproc *fp, message *m)
{
	gid_t groups[NGROUPS_MAX];
	uint32_t n = m->m_vfs_pm.path_len;

	if (fp == NULL || n > NGROUPS_MAX)
		return pm_answer(m, -EINVAL);
	if (n > 0 && sys_vircopy(PM_PROC_NR, m->m_vfs_pm.path, SELF, (vir_bytes)groups,
				 n * sizeof(groups[0]), 0) != OK)
		return pm_answer(m, -EFAULT);
	fp->fp_gid = m->m_vfs_pm.uid, fp->fp_rgid = m->m_vfs_pm.ruid;
	memcpy(fp->fp_groups, groups, n * sizeof(groups[0]));
	fp->fp_ngroups = (int)n;
	return pm_answer(m, OK);
}

/* VFS_PM_SETSID: a session leader without a controlling terminal. */
int
do_pm_setsid(struct fproc *fp, message *m)
{
	if (fp == NULL)
		return pm_answer(m, -EINVAL);
	fp->fp_sesldr = 1;
	fp->fp_tty = 0;
	return pm_answer(m, OK);
}

/* VFS_PM_UNPAUSE: fp got a signal; its waiting call ends with EINTR.  The answer tells PM
 * that fp is in no call of VFS any more (its calls are answered in order), so that PM may
 * build its signal frame (handouts/pm.md, "Signal handlers").  A call waiting for a
 * character driver ends when the driver answers the CDEV_CANCEL: PM's answer waits for
 * that (fp_pm_unpause, pm_unpause_done). */
int
do_pm_unpause(struct fproc *fp, message *m)
{
	if (fp == NULL)
		return pm_answer(m, OK);
	unpause(fp, 0);
	if (fp->fp_blocked != FP_NOT_BLOCKED) {
		fp->fp_pm_unpause = 1;
		return SUSPEND;
	}
	return pm_answer(m, OK);
}

/* fp's call, which PM's VFS_PM_UNPAUSE waited for, is answered: now answer PM. */
void
pm_unpause_done(struct fproc *fp)
{
	fp->fp_pm_unpause = 0;
	pm_reply(VFS_PM_UNPAUSE, fp->fp_endpoint, OK, NULL);
}

/* VFS_PM_REBOOT: everything is written back. */
int
do_pm_reboot(struct fproc *fp, message *m)
{
	(void)fp;
	sync_all();
	return pm_answer(m, OK);
}
