/*
 * misc.c - PM's system-wide calls: reboot and getsysinfo.
 *
 * reboot(how): root only (EPERM); PM asks the kernel to halt, power off or panic
 * (sys_abort with RBT_*).  When a VFS runs, PM first has it write everything back
 * (VFS_PM_REBOOT) and calls sys_abort on VFS's answer; the caller is never answered unless
 * sys_abort fails.
 *
 * getsysinfo(how, buf, len) copies a process table into the caller's buffer, as many whole
 * rows as fit, and answers the number of bytes copied: SI_PROC_TAB is PM's table (one
 * struct pm_procinfo per entry in use, zombies included, so ps can show them),
 * SI_KPROC_TAB the kernel's (one struct proc_info per slot in use, kernel tasks included),
 * SI_PRIV_TAB the kernel's privileges (one struct pm_privinfo per process owning a system
 * priv, then the users' shared one: who may send to whom, `sysinfo -i`), SI_CMDLINE the
 * kernel command line, the boot parameters (rows of one byte: the text and its '\0' as far
 * as the buffer holds; `sysenv`).  Another how is EINVAL, a buffer PM cannot write EFAULT.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kinfo.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

static int reboot_how;                  /* the RBT_* waiting for VFS's answer */
static endpoint_t reboot_caller = NONE; /* who asked (answered only if sys_abort fails) */

int
do_reboot(message *m)
{
	if (mp->mp_effuid != 0)
		return -EPERM;
	if (vfs_state != VFS_READY || tell_vfs_noproc(VFS_PM_REBOOT, NONE) != OK)
		return sys_abort(m->m_pm.how);
	reboot_how = m->m_pm.how;
	reboot_caller = mp->mp_endpoint;
	return SUSPEND;
}

/* VFS has written everything back: stop the system. */
void
reboot_restart(void)
{
	struct mproc *rmp = mproc_live(reboot_caller);
	message m;
	int r;

	if (reboot_caller == NONE)
		return;
	r = sys_abort(reboot_how);
	reboot_caller = NONE;
	if (rmp != NULL) {
		memset(&m, 0, sizeof(m));
		reply(rmp, r, &m);
	}
}

/* Fill rows with PM's table: the number of rows (at most max). */
static int
pm_rows(struct pm_procinfo *rows, int max)
{
	struct mproc *rmp;
	int n = 0;

	for (rmp = mproc; rmp < mproc + NR_PROCS && n < max; rmp++) {
		struct pm_procinfo *pi = &rows[n];

		if (!(rmp->mp_flags & IN_USE) || MP_REAPED(rmp))
			continue;
		memset(pi, 0, sizeof(*pi));
		pi->pid = rmp->mp_pid;
		pi->ppid = (rmp->mp_flags & ADOPTED) ? INIT_PID : mproc[rmp->mp_parent].mp_pid;
		pi->pgrp = rmp->mp_procgrp;
		pi->sid = rmp->mp_session;
		pi->endpt = rmp->mp_endpoint;
		pi->uid = rmp->mp_effuid;
		pi->flags = (uint32_t)rmp->mp_flags;
		memcpy(pi->name, rmp->mp_name, sizeof(pi->name) - 1);
		n++;
	}
	return n;
}

/* Fill rows with the kernel's table (slots in use): the number of rows, or an error. */
static int
kernel_rows(struct proc_info *rows)
{
	static struct proc_info tab[NR_TASKS + NR_PROCS];
	int i, n = 0, r;

	if ((r = sys_getproctab(tab)) != OK)
		return r;
	for (i = 0; i < NR_TASKS + NR_PROCS; i++)
		if (tab[i].pi_endpoint != NONE)
			rows[n++] = tab[i];
	return n;
}

/* One SI_PRIV_TAB row for endpt (its priv from the kernel); OK or an error. */
static int
priv_row(struct pm_privinfo *row, endpoint_t endpt, const char *name)
{
	memset(row, 0, sizeof(*row));
	row->endpt = endpt;
	strlcpy(row->name, name, sizeof(row->name));
	return sys_getpriv(endpt, &row->priv, sizeof(row->priv));
}

/* Fill rows with the privilege table: the system privs, then the users' (a user process's
 * priv); the number of rows, or an error. */
static int
priv_rows(struct pm_privinfo *rows, int max)
{
	static struct proc_info tab[NR_TASKS + NR_PROCS];
	endpoint_t user = NONE;
	int i, n = 0, r;

	if ((r = sys_getproctab(tab)) != OK)
		return r;
	for (i = 0; i < NR_TASKS + NR_PROCS && n < max - 1; i++) {
		const struct proc_info *pi = &tab[i];

		if (pi->pi_endpoint == NONE || pi->pi_slot < 0 ||
		    (pi->pi_rts_flags & PI_RTS_NO_PRIV))
			continue;
		if (!(pi->pi_privflags & PI_SYS_PROC)) {
			if (user == NONE)
				user = pi->pi_endpoint;
			continue;
		}
		if (priv_row(&rows[n], pi->pi_endpoint, pi->pi_name) == OK)
			n++;
	}
	if (user != NONE && priv_row(&rows[n], user, "users") == OK)
		rows[n++].endpt = NONE;
	return n;
}

int
do_getsysinfo(message *m)
{
	static union {
		struct pm_procinfo pm[NR_PROCS];
		struct proc_info k[NR_TASKS + NR_PROCS];
		struct pm_privinfo p[NR_SYS_PROCS + 1];
		char cmdline[KINFO_CMDLINE_LEN];
	} rows;
	size_t row, n;
	int r;

	if (m->m_pm.how == SI_PROC_TAB) {
		row = sizeof(struct pm_procinfo);
		n = (size_t)pm_rows(rows.pm, NR_PROCS);
	} else if (m->m_pm.how == SI_KPROC_TAB) {
		row = sizeof(struct proc_info);
		if ((r = kernel_rows(rows.k)) < 0)
			return r;
		n = (size_t)r;
	} else if (m->m_pm.how == SI_PRIV_TAB) {
		row = sizeof(struct pm_privinfo);
		if ((r = priv_rows(rows.p, NR_SYS_PROCS + 1)) < 0)
			return r;
		n = (size_t)r;
	} else if (m->m_pm.how == SI_CMDLINE) {
		row = 1;
		if ((r = sys_getcmdline(rows.cmdline, sizeof(rows.cmdline))) != OK)
			return r;
		rows.cmdline[sizeof(rows.cmdline) - 1] = '\0';
		n = strlen(rows.cmdline) + 1;
	} else {
		return -EINVAL;
	}
	if (n > m->m_pm.len / row)
		n = m->m_pm.len / row;
	if (n > 0 && sys_vircopy(SELF, (vir_bytes)&rows, mp->mp_endpoint, m->m_pm.addr,
				 n * row, 0) != OK)
		return -EFAULT;
	return (int)(n * row);
}
