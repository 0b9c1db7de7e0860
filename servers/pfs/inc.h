/*
 * inc.h - PFS's declarations: the request handlers (pipe.c, one signature: struct fsreq,
 * minnow/fsreq.h) and the dispatch hook (table.c).
 */
#ifndef PFS_INC_H
#define PFS_INC_H

#include <minnow/errno.h>
#include <minnow/fsreq.h>
#include <minnow/sef.h>

/** Has VFS pfs_mounted PFS (REQ_READSUPER)?  Every other request before that is EINVAL. */
extern int pfs_mounted;

/* table.c */
int pfs_dispatch(message *m, int status);

/* pipe.c */
int pfs_restart(int type, sef_init_info_t *info);
int do_readsuper(struct fsreq *q);
int do_unmount(struct fsreq *q);
int do_sync(struct fsreq *q);
int do_newnode(struct fsreq *q);
int do_putnode(struct fsreq *q);
int do_read(struct fsreq *q);
int do_write(struct fsreq *q);
int do_stat(struct fsreq *q);
int do_ftrunc(struct fsreq *q);
int do_chmod(struct fsreq *q);
int do_chown(struct fsreq *q);
int do_utime(struct fsreq *q);

#endif
