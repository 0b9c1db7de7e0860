/*
 * table.c - VFS's call tables: message type -> handler, and who may send it; and VFS's
 * dispatch hook for the shared loop (minnow/srv.h).
 *
 * Every handler has one signature, int (struct fproc *fp, message *m), where fp is the
 * process the message is about:
 *   VFS_* (minnow/vfs.h)      file calls from anyone: fp is the caller.  A caller already
 *                             suspended in VFS is ignored (it cannot send: it waits in
 *                             SENDREC); a call that must wait returns SUSPEND and is kept in
 *                             fp->fp_msg until reply() answers it.
 *   VFS_PM_* (minnow/vfs.h)   PM's requests, from PM only: fp is the process PM names (NULL
 *                             for endpt NONE); pm.c answers PM itself.
 *   CDEV_REPLY, CDEV_SEL1_REPLY, CDEV_SEL2_REPLY (minnow/cdev.h)   a character driver's
 *                             answers, from a driver in the device map only: fp is NULL
 *                             (device.c finds the waiting process); never answered.
 *   SDEV_*_REPLY (minnow/sdev.h)   a socket driver's answers, from a driver in the socket
 *                             map only: fp is NULL (sockreply.c); never answered.
 * A refused sender gets EPERM, any other type ENOSYS.  A file call whose handler returns
 * EDEADSRCDST (a file server's block driver is down) is suspended (FP_BLOCKED_DRV) and run
 * again from its start by drv_retry() when a block driver comes up.
 *
 * Entry point: vfs_dispatch(), the dispatch hook of the loop (main.c).
 */
#include <stdio.h>
#include <minnow/cdev.h>
#include <minnow/sdev.h>
#include <minnow/vfs.h>
#include "proto.h"

#define DRV_TRIES       8       /* drv_retry(): runs of a call before it is EIO */

#define FILE_CALL(type, handler) [(type) - VFS_BASE] = { #type, srv_anyone, (handler) }

static const struct vfs_call file_calls[] = {
	FILE_CALL(VFS_READ,       do_read),             /* read.c */
	FILE_CALL(VFS_WRITE,      do_write),            /* read.c */
	FILE_CALL(VFS_LSEEK,      do_lseek),            /* read.c */
	FILE_CALL(VFS_OPEN,       do_open),             /* open.c */
	FILE_CALL(VFS_CLOSE,      do_close),            /* filedes.c */
	FILE_CALL(VFS_PIPE2,      do_pipe2),            /* pipe.c */
	FILE_CALL(VFS_STAT,       do_stat),             /* stat.c */
	FILE_CALL(VFS_FSTAT,      do_fstat),            /* stat.c */
	FILE_CALL(VFS_DUP,        do_dup),              /* filedes.c */
	FILE_CALL(VFS_DUP2,       do_dup2),             /* filedes.c */
	FILE_CALL(VFS_FCNTL,      do_fcntl),            /* filedes.c */
	FILE_CALL(VFS_IOCTL,      do_ioctl),            /* read.c */
	FILE_CALL(VFS_ACCESS,     do_access),           /* stat.c */
	FILE_CALL(VFS_CHDIR,      do_chdir),            /* stat.c */
	FILE_CALL(VFS_FCHDIR,     do_fchdir),           /* stat.c */
	FILE_CALL(VFS_GETCWD,     do_getcwd),           /* stat.c */
	FILE_CALL(VFS_MKDIR,      do_mkdir),            /* open.c */
	FILE_CALL(VFS_RMDIR,      do_unlink),           /* open.c */
	FILE_CALL(VFS_UNLINK,     do_unlink),           /* open.c */
	FILE_CALL(VFS_LINK,       do_link),             /* open.c */
	FILE_CALL(VFS_RENAME,     do_rename),           /* open.c */
	FILE_CALL(VFS_MKNOD,      do_mknod),            /* open.c */
	FILE_CALL(VFS_GETDENTS,   do_getdents),         /* read.c */
	FILE_CALL(VFS_SELECT,     do_select),           /* select.c */
	FILE_CALL(VFS_TRUNCATE,   do_truncate),         /* stat.c */
	FILE_CALL(VFS_FTRUNCATE,  do_ftruncate),        /* stat.c */
	FILE_CALL(VFS_CHMOD,      do_chmod),            /* stat.c */
	FILE_CALL(VFS_CHOWN,      do_chown),            /* stat.c */
	FILE_CALL(VFS_FCHMOD,     do_fchmod),           /* stat.c */
	FILE_CALL(VFS_FCHOWN,     do_fchown),           /* stat.c */
	FILE_CALL(VFS_UMASK,      do_umask),            /* stat.c */
	FILE_CALL(VFS_SYNC,       do_sync),             /* mount.c */
	FILE_CALL(VFS_STATVFS,    do_statvfs),          /* mount.c */
	FILE_CALL(VFS_GETVFSSTAT, do_getvfsstat),       /* mount.c */
	FILE_CALL(VFS_MOUNT,      do_mount),            /* mount.c */
	FILE_CALL(VFS_UMOUNT,     do_umount),           /* mount.c */
	FILE_CALL(VFS_MAPDRIVER,  do_mapdriver),        /* device.c */
	FILE_CALL(VFS_LSTAT,      do_lstat),            /* link.c */
	FILE_CALL(VFS_READLINK,   do_readlink),         /* link.c */
	FILE_CALL(VFS_SYMLINK,    do_symlink),          /* link.c */
	FILE_CALL(VFS_UTIMENS,    do_utimens),          /* link.c */
	FILE_CALL(VFS_FUTIMENS,   do_futimens),         /* link.c */
	FILE_CALL(VFS_PREAD,      do_pread),            /* read.c */
	FILE_CALL(VFS_PWRITE,     do_pwrite),           /* read.c */
	FILE_CALL(VFS_FSIZE,      do_fsize),            /* read.c */
	FILE_CALL(VFS_CHROOT,     do_chroot),           /* stat.c */
	FILE_CALL(VFS_SOCKET, do_socket),               /* socket.c */
	FILE_CALL(VFS_BIND, do_sockcall),               /* socket.c */
	FILE_CALL(VFS_CONNECT, do_sockcall),            /* socket.c */
	FILE_CALL(VFS_LISTEN, do_sockcall),             /* socket.c */
	FILE_CALL(VFS_ACCEPT, do_accept),               /* socket.c */
	FILE_CALL(VFS_SENDTO, do_sockcall),             /* socket.c */
	FILE_CALL(VFS_RECVFROM, do_sockcall),           /* socket.c */
	FILE_CALL(VFS_SETSOCKOPT, do_sockcall),         /* socket.c */
	FILE_CALL(VFS_GETSOCKOPT, do_sockcall),         /* socket.c */
	FILE_CALL(VFS_GETSOCKNAME, do_sockcall),        /* socket.c */
	FILE_CALL(VFS_GETPEERNAME, do_sockcall),        /* socket.c */
	FILE_CALL(VFS_SHUTDOWN, do_sockcall),           /* socket.c */
	FILE_CALL(VFS_MAPSOCKET, do_mapsocket),         /* socket.c */
};

#define PM_REQUEST(type, handler) [(type) - VFS_PM_BASE] = { #type, srv_pm_only, (handler) }

static const struct vfs_call pm_requests[] = {  /* all in pm.c */
	PM_REQUEST(VFS_PM_INIT,     do_pm_init),
	PM_REQUEST(VFS_PM_FORK,     do_pm_fork),
	PM_REQUEST(VFS_PM_SRV_FORK, do_pm_fork),
	PM_REQUEST(VFS_PM_EXEC,     do_pm_exec),
	PM_REQUEST(VFS_PM_EXIT,     do_pm_exit),
	PM_REQUEST(VFS_PM_SETUID,   do_pm_setuid),
	PM_REQUEST(VFS_PM_SETGID,   do_pm_setgid),
	PM_REQUEST(VFS_PM_SETSID,   do_pm_setsid),
	PM_REQUEST(VFS_PM_UNPAUSE,  do_pm_unpause),
	PM_REQUEST(VFS_PM_REBOOT,   do_pm_reboot),
	PM_REQUEST(VFS_PM_DUMPCORE, do_pm_dumpcore),
};

#define DRIVER_ANSWER(type, handler) \
	[(type) - CDEV_RS_BASE] = { #type, from_driver, (handler) }

static const struct vfs_call driver_answers[] = {       /* all in device.c */
	DRIVER_ANSWER(CDEV_REPLY,      do_cdev_reply),
	DRIVER_ANSWER(CDEV_SEL1_REPLY, do_select_reply),
	DRIVER_ANSWER(CDEV_SEL2_REPLY, do_select_reply),
};

#define SOCK_ANSWER(type, handler) \
	[(type) - SDEV_RS_BASE] = { #type, from_sock_driver, (handler) }

static const struct vfs_call sock_answers[] = {         /* all in sockreply.c */
	SOCK_ANSWER(SDEV_REPLY,        do_sdev_reply),
	SOCK_ANSWER(SDEV_SOCKET_REPLY, do_sdev_reply),
	SOCK_ANSWER(SDEV_ACCEPT_REPLY, do_sdev_reply),
	SOCK_ANSWER(SDEV_RECV_REPLY,   do_sdev_reply),
	SOCK_ANSWER(SDEV_SEL1_REPLY,   do_sdev_select_reply),
	SOCK_ANSWER(SDEV_SEL2_REPLY,   do_sdev_select_reply),
};

/* A file call from fp = m's sender: the answer, or SUSPEND. */
static int
file_call(message *m, int status)
{
	const struct vfs_call *c = SRV_ROW(file_calls, SRV_NR(file_calls), VFS_BASE, m->m_type);
	struct fproc *fp;
	int r;

	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	if ((fp = fproc_of(m->m_source)) == NULL)
		return SUSPEND;
	if (fp->fp_blocked != FP_NOT_BLOCKED) {
		printf("vfs: %d calls while suspended; ignored\n", m->m_source);
		return SUSPEND;
	}
	fp->fp_at = NULL;	/* relative paths start at fp_wd unless fetch_path says */
	if ((r = c->handler(fp, m)) == -EDEADSRCDST) {
		set_blocked(fp, FP_BLOCKED_DRV);	/* a block driver is down: drv_retry() */
		fp->fp_drv_tries = 0;
		r = SUSPEND;
	}
	if (r == SUSPEND)
		fp->fp_msg = *m;
	return r;
}

/* A block driver came up (device.c): run every call that found one down again, from its
 * start (handouts/vfs.md, "Block driver restarts").  A call that finds a driver down
 * DRV_TRIES times ends with EIO. */
void
drv_retry(void)
{
	const struct vfs_call *c;
	struct fproc *fp;
	message m;
	int r;

	for (fp = fproc; fp < fproc + NR_PROCS; fp++) {
		if (!fp->fp_inuse || fp->fp_blocked != FP_BLOCKED_DRV)
			continue;
		set_blocked(fp, FP_NOT_BLOCKED);
		m = fp->fp_msg;
		fp->fp_at = NULL;
		c = SRV_ROW(file_calls, SRV_NR(file_calls), VFS_BASE, m.m_type);
		if ((r = c->handler(fp, &m)) == -EDEADSRCDST && ++fp->fp_drv_tries < DRV_TRIES) {
			set_blocked(fp, FP_BLOCKED_DRV);
			continue;
		}
		if (r == SUSPEND)
			fp->fp_msg = m;
		else
			reply_msg(fp, &m, r == -EDEADSRCDST ? -EIO : r);
	}
}

/* PM's request about the process it names. */
static int
pm_request(message *m, int status)
{
	const struct vfs_call *c =
		SRV_ROW(pm_requests, SRV_NR(pm_requests), VFS_PM_BASE, m->m_type);
	endpoint_t e = m->m_vfs_pm.endpt;
	struct fproc *fp = NULL;
	int r;

	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	if (e != NONE && (fp = fproc_of(e)) != NULL)
		fp->fp_at = NULL;	/* a core file goes to the working directory */
	return c->handler(e == NONE ? NULL : fp, m);
}

/* A character driver's answer, or a socket driver's. */
static int
driver_answer(message *m, int status)
{
	const struct vfs_call *c = IS_SDEV_RS(m->m_type) ?
		SRV_ROW(sock_answers, SRV_NR(sock_answers), SDEV_RS_BASE, m->m_type) :
		SRV_ROW(driver_answers, SRV_NR(driver_answers), CDEV_RS_BASE, m->m_type);
	int r;

	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	return c->handler(NULL, m);
}

int
vfs_dispatch(message *m, int status)
{
	if (m->m_type >= VFS_PM_BASE && m->m_type < VFS_PM_BASE + VFS_PM_NR)
		return pm_request(m, status);
	if (IS_CDEV_RS(m->m_type) || IS_SDEV_RS(m->m_type))
		return driver_answer(m, status);
	return file_call(m, status);
}
