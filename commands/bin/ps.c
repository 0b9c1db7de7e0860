/*
 * ps - list the processes PM knows (Minnow only).
 *
 * Usage: ps
 * Asks PM for its process table (PM_GETSYSINFO with SI_PROC_TAB, one struct pm_procinfo
 * per process in use) and prints PID PPID PGRP UID STATE NAME.  STATE is from PM's flags
 * (servers/pm/glo.h): Z zombie (or exiting), W waiting for a child, R otherwise (running,
 * or blocked in a server other than PM); a system process has an 's' after its state.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>

#define MAX_ROWS        256
/* PM's mp_flags bits (servers/pm/glo.h; PM_GETSYSINFO reports them as they are). */
#define PMF_ZOMBIE      0x02
#define PMF_WAITING     0x04
#define PMF_SYSTEM      0x08
#define PMF_EXITING     0x80

static struct pm_procinfo table[MAX_ROWS];

/* PM_GETSYSINFO(how) into buf: bytes copied, or a negated errno. */
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

static char
state_of(uint32_t flags)
{
	if (flags & (PMF_ZOMBIE | PMF_EXITING))
		return 'Z';
	if (flags & PMF_WAITING)
		return 'W';
	return 'R';
}

int
main(void)
{
	int n = getsysinfo(SI_PROC_TAB, table, sizeof(table));

	if (n < 0) {
		fprintf(stderr, "ps: cannot get the process table from PM: %s\n", strerror(-n));
		return 1;
	}
	n /= (int)sizeof(table[0]);
	printf("  PID  PPID  PGRP  UID STATE NAME\n");
	for (int i = 0; i < n; i++)
		printf("%5d %5d %5d %4u   %c%c  %.16s\n", table[i].pid, table[i].ppid,
		       table[i].pgrp, (unsigned)table[i].uid, state_of(table[i].flags),
		       (table[i].flags & PMF_SYSTEM) ? 's' : ' ', table[i].name);
	return 0;
}
