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
 * RS_LOOKUP only reads too (down.c).  Every other request changes the service tree: from a
 * process that is neither a system service nor root (PM_GETEPINFO tells RS the caller's
 * effective uid) it is EPERM (rs_root_or_system, the table's predicate).  RS_UP is up.c,
 * RS_DOWN down.c, RS_REFRESH refresh.c, RS_EDIT edit.c, RS_SHUTDOWN shutdown.c, RS_UPDATE
 * update.c, RS_RESTART restart.c, RS_CLONE replica.c.
 *
 * Entry points: do_getsysinfo, rs_system_only, rs_root_or_system
 * (table.c) and rs_reply (the loop's reply hook: ipc_sendnb, since the caller waits in
 * sendrec).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
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
	if (rp->r_flags & RS_RESTARTING)
		f |= RSI_RESTARTING;
	if ((rp->r_start.flags & RS_START_NORESTART) ||
	    (rs_shutting_down && rp->r_is_sys && rs_restartable(rp)))
		f |= RSI_NORESTART;
	if (rp->r_flags & RS_EXITING)
		f |= RSI_EXITING;
	if (rp->r_flags & RS_REFRESHING)
		f |= RSI_REFRESHING;
	if (rp->r_replica_ep != NONE)
		f |= RSI_REPLICA;
	if (rp->r_flags & RS_UPDATING)
		f |= RSI_UPDATING;
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

/* May m's sender change the service tree?  A system service, or a process whose effective
 * uid is 0 (PM_GETEPINFO; table.c). */
int
rs_root_or_system(const message *m, int status)
{
	message pm;

	if (rs_system_only(m, status))
		return 1;
	if (!srv_anyone(m, status))
		return 0;
	memset(&pm, 0, sizeof(pm));
	pm.m_type = PM_GETEPINFO;
	pm.m_pm.endpt = m->m_source;
	return ipc_sendrec(PM_PROC_NR, &pm) == OK && pm.m_type >= 0 && pm.m_pm.eid == 0;
}

/* RS's answer: only m_type and the out fields (the table's size for RS_GETSYSINFO, the
 * endpoint and pid for RS_LOOKUP; the loop's reply hook: the rest of the message is
 * cleared, so no request field is echoed back). */
void
rs_reply(endpoint_t to, message *m, int result)
{
	message out;

	memset(&out, 0, sizeof(out));
	if (m->m_type == RS_GETSYSINFO)
		out.m_rs_sysinfo.total = m->m_rs_sysinfo.total;
	if (m->m_type == RS_LOOKUP && result == OK) {
		out.m_rs_req.endpoint = m->m_rs_req.endpoint;
		out.m_rs_req.pid = m->m_rs_req.pid;
	}
	srv_reply("rs", to, &out, result);
}
