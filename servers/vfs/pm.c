/*
 * pm.c - the PM <-> VFS protocol, VFS's side (minnow/vfs.h, minix-design.md 12.1, 12.3).
 *
 * PM sends its requests with asynsend (AMF_NOREPLY); VFS answers each with a plain send of
 * the matching VFS_PM_*_REPLY naming the process (UNPAUSE has no answer; INIT is answered
 * once, after the one with endpt NONE).
 *   INIT      a boot process: a fresh fproc (root and cwd "/")
 *   FORK, SRV_FORK   the child gets copies of the parent's fds (filps shared), root, cwd,
 *             ids, umask and controlling terminal
 *   EXEC      exec.c; answered with the entry point and stack pointer
 *   EXIT      every fd closed, a waiting call cancelled, the directories let go; if the
 *             process was a driver, its majors lose their endpoint
 *   SETUID, SETGID   the effective and real ids used for permission checks
 *   SETSID    a session leader without a controlling terminal
 *   UNPAUSE   a waiting call (pipe, select, driver) ends with EINTR
 *   REBOOT    everything is written back (REQ_SYNC to every file system)
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include "proto.h"

static void
pm_reply(int type, endpoint_t e, int status, uint32_t pc, uint32_t sp, int gone)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VFS_PM_REPLY(type);
	m.m_vfs_pm.endpt = e;
	m.m_vfs_pm.status = status;
	m.m_vfs_pm.pc = pc;
	m.m_vfs_pm.sp = sp;
#ifdef VFS_PM_EXF_GONE
	m.m_vfs_pm.flags = gone ? VFS_PM_EXF_GONE : 0;	/* exec: nothing to return to */
#else
	(void)gone;
#endif
	if ((r = ipc_send(PM_PROC_NR, &m)) != OK)
		printf("vfs: cannot answer PM: %d\n", r);
}

/* End fp's waiting call, if any, with EINTR (exiting: with no answer at all). */
static void
unpause(struct fproc *fp, int exiting)
{
	switch (fp->fp_blocked) {
	case FP_BLOCKED_PIPE:
	case FP_BLOCKED_SEL:
		fp->fp_blocked = FP_NOT_BLOCKED;
		fp->fp_done = 0;
		if (!exiting)
			reply(fp, -EINTR);
		break;
	case FP_BLOCKED_CDEV:
		cdev_cancel(fp, exiting);
		break;
	}
}

static void
pm_fork(const mess_vfs_pm *p)
{
	struct fproc *parent = fproc_of(p->parent), *child;
	int slot = ENDPOINT_SLOT(p->endpt), fd;

	if (parent == NULL || slot < 0 || slot >= NR_PROCS)
		return;
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
	child->fp_umask = parent->fp_umask;
	child->fp_tty = parent->fp_tty;
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

void
pm_request(message *m)
{
	const mess_vfs_pm *p = &m->m_vfs_pm;
	struct fproc *fp = p->endpt == NONE ? NULL : fproc_of(p->endpt);
	uint32_t pc = 0, sp = 0;
	int r = OK, gone = 0;

	if (fp == NULL && m->m_type != VFS_PM_INIT && m->m_type != VFS_PM_REBOOT &&
	    m->m_type != VFS_PM_FORK && m->m_type != VFS_PM_SRV_FORK) {
		pm_reply(m->m_type, p->endpt, -EINVAL, 0, 0, 0);
		return;
	}
	switch (m->m_type) {
	case VFS_PM_INIT:
		if (p->endpt == NONE)
			pm_reply(VFS_PM_INIT, NONE, OK, 0, 0, 0);
		else if (fp != NULL)
			fp->fp_pid = p->pid;
		return;
	case VFS_PM_FORK:
	case VFS_PM_SRV_FORK:
		pm_fork(p);
		break;
	case VFS_PM_EXEC:
		r = pm_exec(fp, m, &pc, &sp, &gone);
		break;
	case VFS_PM_EXIT:
		free_proc(fp);
		driver_gone(p->endpt);
		break;
	case VFS_PM_SETUID:
		fp->fp_uid = p->uid, fp->fp_ruid = p->ruid;
		break;
	case VFS_PM_SETGID:
		fp->fp_gid = p->uid, fp->fp_rgid = p->ruid;
		break;
	case VFS_PM_SETSID:
		fp->fp_sesldr = 1;
		fp->fp_tty = 0;
		break;
	case VFS_PM_UNPAUSE:
		unpause(fp, 0);
		return;
	case VFS_PM_REBOOT:
		sync_all();
		break;
	default:
		printf("vfs: unknown PM request %d\n", m->m_type);
		return;
	}
	pm_reply(m->m_type, p->endpt, r, pc, sp, gone);
}
