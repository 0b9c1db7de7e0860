/*
 * fsreq.c - the dispatch step both file servers (MFS, PFS) share: the file server protocol
 * (minnow/fsif.h) on the shared request loop (minnow/srv.h).
 *
 * Entry point: fs_dispatch(), called by a file server's dispatch hook with its call table.
 * The request's payload is copied out of the message first, since the reply's payload
 * overlays it; the reply's payload starts zeroed, so fields a handler does not set go back
 * as 0.  A file server serves VFS only: a message from anyone else is EPERM whatever its
 * type, before the type is even looked up (handouts/hardening.md, "Least privilege").
 */
#include <string.h>
#include <minnow/fsreq.h>

int
fs_dispatch(const struct fs_call *table, unsigned nr, int mounted, message *m, int status)
{
	const struct fs_call *c = SRV_ROW(table, nr, FS_BASE, m->m_type);
	mess_fs_req in = m->m_fs_req;
	struct fsreq q = { &in, &m->m_fs_reply };
	int r;

	if (!srv_vfs_only(m, status))
		return -EPERM;
	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	memset(&m->m_fs_reply, 0, sizeof(m->m_fs_reply));
	if (!mounted && m->m_type != REQ_READSUPER)
		return -EINVAL;
	return c->handler(&q);
}
