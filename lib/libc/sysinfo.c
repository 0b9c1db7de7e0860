/*
 * sysinfo.c - the tables of RS and DS for user programs (minnow/sysinfo.h).
 *
 * getsysinfo_rs() sends RS an RS_GETSYSINFO request, getsysinfo_ds() sends DS a
 * DS_GETSYSINFO request (minnow/rs.h, minnow/ds.h): the address and size of the caller's
 * buffer and the row size this program was built with.  The server copies whole rows into
 * the buffer and answers their number, with the size of its table in `total`.  Each call
 * is one SENDREC; a negated answer becomes -1 with errno (EFAULT, EINVAL, or the IPC error
 * when the server does not run).
 */
#include <errno.h>
#include <string.h>
#include <minnow/ipcstub.h>
#include <minnow/sysinfo.h>
#include "pm_call.h"

/* Send m to srv; store the table's size in *total (if asked); the POSIX result. */
static int
table_call(endpoint_t srv, message *m, const uint32_t *total_field, unsigned *total)
{
	int r = ipc_sendrec(srv, m);

	if (r == OK)
		r = m->m_type;
	if (r >= 0 && total != NULL)
		*total = *total_field;
	return __libc_posix_result(r);
}

int
getsysinfo_rs(struct rs_svcinfo *buf, size_t len, unsigned *total)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_GETSYSINFO;
	m.m_rs_sysinfo.addr = (uint32_t)buf;
	m.m_rs_sysinfo.len = (uint32_t)len;
	m.m_rs_sysinfo.row_size = sizeof(struct rs_svcinfo);
	return table_call(RS_PROC_NR, &m, &m.m_rs_sysinfo.total, total);
}

int
getsysinfo_ds(struct ds_entryinfo *buf, size_t len, unsigned *total)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = DS_GETSYSINFO;
	m.m_ds_sysinfo.addr = (uint32_t)buf;
	m.m_ds_sysinfo.len = (uint32_t)len;
	m.m_ds_sysinfo.row_size = sizeof(struct ds_entryinfo);
	return table_call(DS_PROC_NR, &m, &m.m_ds_sysinfo.total, total);
}
