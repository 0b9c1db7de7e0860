/*
 * main.c - VFS, the virtual file system: start-up, the request loop and the answers.
 *
 * VFS serves the file calls of every process (minnow/vfs.h), keeps its process table in
 * step with PM's (VFS_PM_*, pm.c; the table itself: fproc.c), talks to file servers
 * (minnow/fsif.h, request.c) and character drivers (minnow/cdev.h, device.c).  It never
 * blocks on a driver or a user process: a call that must wait (a driver, a pipe, select) is
 * suspended and answered later (reply()), always with a non-blocking send, since the caller
 * waits in SENDREC.
 *
 * Start-up: the SEF init callback sets up the device map and subscribes to driver events
 * in DS; then, outside the init (so RS is not held), VFS mounts the root file system
 * (mount.c) and serves through the shared loop's steps (srv_serve_one, minnow/srv.h), first
 * the messages that arrived while it waited for a block driver (bdev.c, bdev_deferred):
 *   VFS_* (0xA00..)          file calls: table.c
 *   VFS_PM_* from PM         table.c -> pm.c
 *   CDEV_REPLY, CDEV_SEL*    driver answers (from a driver in the device map): device.c
 *   notifications            CLOCK: select timeouts; DS: driver-up events (vfs_notify)
 */
#include <string.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "proto.h"

/* Answer fp's (suspended) call with result, the out fields from m. */
void
reply_msg(struct fproc *fp, message *m, int result)
{
	srv_reply("vfs", fp->fp_endpoint, m, result);
	if (fp->fp_pm_unpause)
		pm_unpause_done(fp);	/* PM may run fp's handler now (pm.c) */
}

/* Answer fp's (suspended) call with result and no out fields. */
void
reply(struct fproc *fp, int result)
{
	message m;

	memset(&m, 0, sizeof(m));
	reply_msg(fp, &m, result);
}

/* A notification: CLOCK (select timeouts) or DS (a driver is up); others are ignored. */
static void
vfs_notify(const message *m)
{
	if (m->m_source == CLOCK)
		select_timeout();
	else if (m->m_source == DS_PROC_NR)
		ds_event();
}

static int
vfs_init(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	dmap_init();
	return OK;
}

static const struct srv_ops vfs_ops = {
	.name = "vfs",
	.dispatch = vfs_dispatch,
	.notify = vfs_notify,
};

int
main(void)
{
	sef_setcb_init_fresh(vfs_init);
	sef_startup();
	mount_root();
	ds_event();
	for (;;) {
		message m;
		int r, status;

		if (bdev_deferred(&m, &status))	/* received while waiting for a block driver */
			srv_serve_msg(&vfs_ops, &m, status);
		else if ((r = srv_serve_one(&vfs_ops)) != OK)
			panic("main: receive failed: %d", r);
	}
}
