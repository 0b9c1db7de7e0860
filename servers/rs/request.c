/*
 * request.c - the requests other processes send RS (minnow/rs.h, handouts/rs.md "Who may ask
 * RS what"), and how RS answers them.
 *
 * RS_GETSYSINFO only reads, so anyone may send it, user processes included: RS fills one
 * struct rs_svcinfo per slot of its table in use (boot user processes such as init too,
 * without RSI_SYSTEM) and copies as many whole rows as fit into the caller's buffer with
 * sys_vircopy (the caller gave an address in its own space: a user process cannot make
 * grants).  The answer is the number of rows copied, the table's size in `total`; a row
 * size other than RS's is EINVAL, a buffer RS cannot write EFAULT.
 *
 * Every other request changes the service tree.  RS_UP ... RS_LOOKUP from a process that
 * is not a system service is EPERM (rs_system_only, the table's predicate: RS does not know
 * uids, so root is refused too); from a system service it is ENOSYS (do_unimplemented).
 *
 * Entry points: do_getsysinfo, do_unimplemented, rs_system_only (table.c) and rs_reply (the
 * loop's reply hook: ipc_sendnb, since the caller waits in sendrec).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* The public state of slot rp as RSI_* flags. */
static uint32_t
row_flags(const struct rproc *rp)
{
	uint32_t f = 0;

	if (rp->r_flags & RS_BOOT_SVC)
		f |= RSI_BOOT;
	if (rp->r_is_sys)
		f |= RSI_SYSTEM;
	if (rp->r_flags & RS_ACTIVE)
		f |= RSI_ACTIVE;
	if (rp->r_flags & RS_INITIALIZING)
		f |= RSI_INITIALIZING;
	if (rp->r_flags & RS_PINGED)
		f |= RSI_PINGED;
	return f;
}

/* Fill rows[] from the slots in use: the number of rows. */
static uint32_t
fill_rows(struct rs_svcinfo *rows)
{
	const struct rproc *rp;
	uint32_t n = 0;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		struct rs_svcinfo *row = &rows[n];

		if (!(rp->r_flags & RS_IN_USE))
			continue;
		memset(row, 0, sizeof(*row));
		strlcpy(row->label, rp->r_pub->label, sizeof(row->label));
		strlcpy(row->proc_name, rp->r_pub->proc_name, sizeof(row->proc_name));
		row->endpoint = rp->r_pub->endpoint;
		row->pid = rp->r_pid;
		row->flags = row_flags(rp);
		row->sys_flags = rp->r_pub->sys_flags;
		row->period = rp->r_period;
		row->restarts = (uint32_t)rp->r_restarts;
		n++;
	}
	return n;
}

/* RS_GETSYSINFO: rows copied, or a negated error; the table's size goes in m. */
int
do_getsysinfo(message *m)
{
	static struct rs_svcinfo rows[RS_NR_PUB];
	uint32_t total, n;

	if (m->m_rs_sysinfo.row_size != sizeof(struct rs_svcinfo))
		return -EINVAL;
	total = fill_rows(rows);
	n = m->m_rs_sysinfo.len / sizeof(struct rs_svcinfo);
	if (n > total)
		n = total;
	if (n > 0 && sys_vircopy(SELF, (vir_bytes)rows, m->m_source, m->m_rs_sysinfo.addr,
				 n * sizeof(struct rs_svcinfo), 0) != OK)
		return -EFAULT;
	m->m_rs_sysinfo.total = total;
	return (int)n;
}

/* Who may change the service tree?  Only system services: RS does not ask PM for uids
 * (table.c). */
int
rs_system_only(const message *m, int status)
{
	const struct rproc *rp = rs_by_endpoint(m->m_source);

	return srv_anyone(m, status) && rp != NULL && rp->r_is_sys;
}

/* RS_UP ... RS_LOOKUP from a system service.  Not implemented: starting, stopping,
 * restarting, updating, cloning and editing services, and label lookups. */
int
do_unimplemented(message *m)
{
	(void)m;
	return -ENOSYS;
}

/* RS's answer: only m_type and, for RS_GETSYSINFO, the table's size (the loop's reply
 * hook; the rest of the message is cleared, so no request field is echoed back). */
void
rs_reply(endpoint_t to, message *m, int result)
{
	uint32_t total = m->m_type == RS_GETSYSINFO ? m->m_rs_sysinfo.total : 0;

	memset(m, 0, sizeof(*m));
	m->m_rs_sysinfo.total = total;
	srv_reply("rs", to, m, result);
}
