/**
 * @file fsreq.h
 * @brief A file server's side of the file server protocol (minnow/fsif.h): the request its
 *        handlers see, its call table's rows and the dispatch step MFS and PFS share
 *        (lib/libsys/fsreq.c).
 *
 * A file server is a server like the others (minnow/srv.h): its main.c runs srv_loop()
 * with a dispatch hook that calls fs_dispatch() with the server's table of struct fs_call
 * rows (table.c), one per REQ_* it serves, every one callable by VFS only.
 */
#ifndef MINNOW_FSREQ_H
#define MINNOW_FSREQ_H

#include <minnow/fsif.h>
#include <minnow/ipc.h>
#include <minnow/srv.h>

/** A request as a file server's handler sees it. */
struct fsreq {
	const mess_fs_req *in;          /**< the request's payload (a copy: the reply overlays it) */
	mess_fs_reply *out;             /**< the reply's payload, zeroed before the handler runs */
};

/** A file server's request handler: OK or a negated errno, the reply's payload in q->out. */
typedef int (*fs_handler_t)(struct fsreq *q);

/** One row of a file server's call table (indexed by type - FS_BASE; minnow/srv.h). */
SRV_ROW_TYPE(fs_call, fs_handler_t);

/**
 * A file server's dispatch step: refuse a sender that is not VFS (EPERM, whatever the
 * type), find @p m's row in @p table (@p nr rows from FS_BASE; no row: ENOSYS), check the
 * row's caller rule (refused: EPERM), refuse every request but REQ_READSUPER
 * while not @p mounted (EINVAL), and run the handler on a struct fsreq whose reply payload
 * overlays @p m.  Returns the answer for the shared loop (srv_loop()).
 */
int fs_dispatch(const struct fs_call *table, unsigned nr, int mounted, message *m, int status);

#endif /* MINNOW_FSREQ_H */
