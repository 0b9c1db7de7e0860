/*
 * sysinfo - the kernel's process table (Minnow only).
 *
 * Usage: sysinfo
 * Asks PM for the kernel's table (PM_GETSYSINFO with SI_KPROC_TAB, one struct proc_info
 * of minnow/kcall.h per slot in use, kernel tasks included) and prints slot, endpoint,
 * name, scheduling queue, privilege flags, why it cannot run (RTS flags, 0: runnable) and
 * whom it waits for.  RS and DS have no request yet that copies their tables out
 * (RS_GETSYSINFO, DS_GETSYSINFO are not implemented), so their services and entries are
 * not shown.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/kcall.h>
#include <minnow/pm.h>

#define MAX_ROWS 300

static struct proc_info table[MAX_ROWS];

static int
getsysinfo(int how, void *buf, size_t len)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = PM_GETSYSINFO;
	m.m_pm.how = how;
	m.m_pm.addr = (uint32_t)(uintptr_t)buf;
	m.m_pm.len = (uint32_t)len;
	if ((r = ipc_sendrec(PM_PROC_NR, &m)) != OK)
		return r;
	return m.m_type;
}

/* "-" for NONE/ANY, else the endpoint. */
static void
endpoint_text(endpoint_t e, char *buf, size_t size)
{
	if (e == NONE)
		snprintf(buf, size, "-");
	else if (e == ANY)
		snprintf(buf, size, "ANY");
	else
		snprintf(buf, size, "%d", e);
}

int
main(void)
{
	int n = getsysinfo(SI_KPROC_TAB, table, sizeof(table));
	char from[16], to[16];

	if (n < 0) {
		fprintf(stderr, "sysinfo: cannot get the kernel process table: %s\n",
		        strerror(-n));
		return 1;
	}
	n /= (int)sizeof(table[0]);
	printf("SLOT ENDPT  NAME             PRIO PRIVF RTS_FLAGS  GETFROM SENDTO\n");
	for (int i = 0; i < n; i++) {
		endpoint_text(table[i].pi_getfrom, from, sizeof(from));
		endpoint_text(table[i].pi_sendto, to, sizeof(to));
		printf("%4d %6d %-16.16s %4d %5x %9x  %7s %6s\n", table[i].pi_slot,
		       table[i].pi_endpoint, table[i].pi_name, table[i].pi_priority,
		       (unsigned)table[i].pi_privflags, (unsigned)table[i].pi_rts_flags, from, to);
	}
	printf("(RS's services and DS's entries: no table request exists yet)\n");
	return 0;
}
