/*
 * main.c - PFS, the pipe file server (handouts/mfs.md, "PFS"): start-up and the request
 * loop.
 *
 * PFS is a boot service (slot PFS_PROC_NR) started by RS through SEF; it speaks the file
 * server protocol (include/minnow/fsif.h) to VFS only (anyone else: EPERM), through the
 * shared loop (srv_loop, minnow/srv.h) and the same dispatch as MFS (table.c).  VFS mounts it
 * internally with REQ_READSUPER (PFS answers with its root, an empty directory that holds no
 * names) and makes a pipe with REQ_NEWNODE.  Files: table.c (REQ_* -> handler), pipe.c (the
 * pipes and every request PFS serves).  Every other request gets ENOSYS; notifications are
 * ignored.  PFS is restarted by RS when it dies (sf=restart): its restart init (pipe.c,
 * pfs_restart) copies the pipes out of the dead instance (handouts/rs.md, "Boot
 * services").
 */
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "inc.h"

static const struct srv_ops pfs_ops = {
	.name = "pfs",
	.dispatch = pfs_dispatch,
};

int
main(void)
{
	sef_setcb_init_restart(pfs_restart);
	sef_setcb_init_lu(pfs_restart);
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&pfs_ops));
}
