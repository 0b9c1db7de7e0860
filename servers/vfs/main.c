/*
 * main.c - VFS, the virtual file system: start-up and the request loop.
 *
 * VFS serves the file calls of every process (minnow/vfs.h), keeps its process table in
 * step with PM's (VFS_PM_*, pm.c), talks to file servers (minnow/fsif.h, request.c) and
 * character drivers (minnow/cdev.h, device.c).  It never blocks on a driver or a user
 * process: a call that must wait (a driver, a pipe, select) is suspended and answered
 * later (reply()), always with a non-blocking send, since the caller waits in SENDREC.
 *
 * Start-up: the SEF init callback sets up the device map and subscribes to driver events
 * in DS; then, outside the init (so RS is not held), VFS mounts the root file system
 * (mount.c) and serves:
 *   VFS_* (0xA00..)          file calls: table below
 *   VFS_PM_* from PM         pm.c
 *   CDEV_REPLY, CDEV_SEL*    driver answers (from a driver in the device map): device.c
 *   notifications            CLOCK: select timeouts; DS: driver-up events
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "proto.h"

struct fproc fproc[NR_PROCS];

typedef int (*handler_t)(struct fproc *fp, message *m);

static const handler_t call_table[VFS_NR_CALLS] = {
	[VFS_READ - VFS_BASE] = do_read,
	[VFS_WRITE - VFS_BASE] = do_write,
	[VFS_LSEEK - VFS_BASE] = do_lseek,
	[VFS_OPEN - VFS_BASE] = do_open,
	[VFS_CLOSE - VFS_BASE] = do_close,
	[VFS_PIPE2 - VFS_BASE] = do_pipe2,
	[VFS_STAT - VFS_BASE] = do_stat,
	[VFS_FSTAT - VFS_BASE] = do_fstat,
	[VFS_DUP - VFS_BASE] = do_dup,
	[VFS_DUP2 - VFS_BASE] = do_dup2,
	[VFS_FCNTL - VFS_BASE] = do_fcntl,
	[VFS_IOCTL - VFS_BASE] = do_ioctl,
	[VFS_ACCESS - VFS_BASE] = do_access,
	[VFS_CHDIR - VFS_BASE] = do_chdir,
	[VFS_FCHDIR - VFS_BASE] = do_fchdir,
	[VFS_GETCWD - VFS_BASE] = do_getcwd,
	[VFS_MKDIR - VFS_BASE] = do_mkdir,
	[VFS_RMDIR - VFS_BASE] = do_unlink,
	[VFS_UNLINK - VFS_BASE] = do_unlink,
	[VFS_LINK - VFS_BASE] = do_link,
	[VFS_RENAME - VFS_BASE] = do_rename,
	[VFS_MKNOD - VFS_BASE] = do_mknod,
	[VFS_GETDENTS - VFS_BASE] = do_getdents,
	[VFS_SELECT - VFS_BASE] = do_select,
	[VFS_TRUNCATE - VFS_BASE] = do_truncate,
	[VFS_FTRUNCATE - VFS_BASE] = do_ftruncate,
	[VFS_CHMOD - VFS_BASE] = do_chmod,
	[VFS_CHOWN - VFS_BASE] = do_chown,
	[VFS_UMASK - VFS_BASE] = do_umask,
	[VFS_SYNC - VFS_BASE] = do_sync,
	[VFS_STATVFS - VFS_BASE] = do_statvfs,
	[VFS_GETVFSSTAT - VFS_BASE] = do_getvfsstat,
	[VFS_MOUNT - VFS_BASE] = do_mount,
	[VFS_UMOUNT - VFS_BASE] = do_umount,
	[VFS_MAPDRIVER - VFS_BASE] = do_mapdriver,
	[VFS_LSTAT - VFS_BASE] = do_stat,
};

/* A fresh fproc for process e (what it held before is let go). */
void
fproc_init(struct fproc *fp, endpoint_t e, int pid)
{
	if (fp->fp_inuse)
		free_proc(fp);
	memset(fp, 0, sizeof(*fp));
	fp->fp_inuse = 1;
	fp->fp_endpoint = e;
	fp->fp_pid = pid;
	fp->fp_umask = 022;
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

/* Answer fp's (suspended) call with result, the out fields from m. */
void
reply_msg(struct fproc *fp, message *m, int result)
{
	int r;

	m->m_type = result;
	if ((r = ipc_sendnb(fp->fp_endpoint, m)) != OK)
		printf("vfs: %d is not waiting for its answer (%d)\n", fp->fp_endpoint, r);
}

void
reply(struct fproc *fp, int result)
{
	message m;

	memset(&m, 0, sizeof(m));
	reply_msg(fp, &m, result);
}

static void
file_call(message *m)
{
	struct fproc *fp = fproc_of(m->m_source);
	unsigned call = (unsigned)(m->m_type - VFS_BASE);
	int r;

	if (fp == NULL)
		return;
	if (fp->fp_blocked != FP_NOT_BLOCKED) {
		printf("vfs: %d calls while suspended; ignored\n", m->m_source);
		return;
	}
	if (call >= VFS_NR_CALLS || call_table[call] == NULL)
		r = -ENOSYS;
	else
		r = call_table[call](fp, m);
	if (r == SUSPEND) {
		fp->fp_msg = *m;
		return;
	}
	reply_msg(fp, m, r);
}

static int
vfs_init(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	dmap_init();
	return OK;
}

int
main(void)
{
	message m;
	int r, status;

	sef_setcb_init_fresh(vfs_init);
	sef_startup();
	mount_root();
	ds_event();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK)
			panic("main: receive failed: %d", r);
		if (status & IPC_FLG_MSG_FROM_KERNEL)
			continue;
		if (m.m_type == NOTIFY_MESSAGE) {
			if (m.m_source == CLOCK)
				select_timeout();
			else if (m.m_source == DS_PROC_NR)
				ds_event();
		} else if (m.m_source == PM_PROC_NR && m.m_type >= VFS_PM_BASE &&
			   m.m_type < VFS_PM_BASE + VFS_PM_NR) {
			pm_request(&m);
		} else if (IS_CDEV_RS(m.m_type) && is_driver(m.m_source)) {
			cdev_reply(&m);
		} else if (m.m_type >= VFS_BASE && m.m_type < VFS_BASE + 0x100) {
			file_call(&m);
		} else {
			m.m_type = -ENOSYS;
			ipc_sendnb(m.m_source, &m);
		}
	}
}
