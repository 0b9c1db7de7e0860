/*
 * ps - list the processes PM knows, with the state each one is in (Minnow only).
 *
 * Usage: ps [-l] [-h]
 *   -l  also the endpoint and the kernel's raw flags (RTS, MISC) of each process
 *   -h  this usage and the meaning of the columns, on stdout (exit status 0)
 * Anything else is a usage message on stderr and the exit status 2.
 *
 * Two tables, read with getsysinfo() (PM_GETSYSINFO): PM's (SI_PROC_TAB: pid, parent,
 * group, uid, PM's flags) and the kernel's (SI_KPROC_TAB: struct proc_info, the RTS flags
 * saying why a process cannot run, and whom it is blocked sending to or receiving from).
 * The two are joined by endpoint and each process gets one STATE letter and a WCHAN (what
 * it waits for), from the first rule that holds:
 *   Z  zombie: exited, its parent has not collected it (PM; WCHAN "exiting" while VFS
 *      has not finished with it)
 *   R  ps itself (the kernel saw it asking PM for the table; it runs as it prints)
 *   X  being torn down by the kernel (RTS_NO_ENDPOINT)
 *   T  stopped (RTS_PROC_STOP) or stopped by a tracer (RTS_P_STOP)
 *   N  not yet allowed to run: no privileges (RTS_NO_PRIV, until RS sets them up)
 *   V  waiting for VM: a page fault, VM at work on its address space, a kernel call VM
 *      must finish, a boot process VM has not built (WCHAN pagefault, vminhibit,
 *      vmrequest, bootinhibit)
 *   K  held while its signal manager handles a kernel signal (RTS_SIGNALED, SIG_PENDING)
 *   W  waiting for a child: in waitpid, which PM has not answered (PM's WAITING)
 *   S  blocked in IPC: WCHAN is the call and the peer, "receive ANY", "receive pm",
 *      "send vfs", "sendrec pm" (SENDREC, sending or waiting for the reply)
 *   R  runnable (no RTS flag), which includes PM: it is the one copying the table
 *   ?  PM knows it but the kernel has no such endpoint (WCHAN "-")
 * A WCHAN is shown whenever the process is blocked in IPC, whatever its letter.
 * A system process (the kernel's SYS_PROC privilege flag) has an 's' after its letter.  The tables are read one after the other,
 * so a process that changes between the two reads may look inconsistent.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/kcall.h>
#include <minnow/sysinfo.h>

#define MAX_ROWS        256
#define MAX_KROWS       300
#define PEER_LEN        (PROC_NAME_LEN + 12)
#define WCHAN_LEN       (8 + PEER_LEN)
/* PM's mp_flags bits (servers/pm/glo.h; PM_GETSYSINFO reports them as they are). */
#define PMF_ZOMBIE      0x02
#define PMF_WAITING     0x04
#define PMF_EXITING     0x80

static struct pm_procinfo table[MAX_ROWS];
static struct proc_info ktable[MAX_KROWS];
static int nk;

static const char usage_text[] =
	"usage: ps [-l] [-h]\n"
	"  -l  also ENDPT and the kernel's RTS and MISC flags (hex)\n"
	"  -h  this text\n"
	"columns: PID PPID PGRP UID STATE WCHAN NAME\n"
	"STATE: R runnable (or ps itself), S blocked in IPC, W in waitpid for a child,\n"
	"       Z zombie, T stopped, N no privileges yet, V waiting for VM (page fault...),\n"
	"       K held for a kernel signal, X being torn down, ? unknown to the kernel;\n"
	"       a following 's' marks a system process\n"
	"WCHAN: the IPC call it is blocked in and the peer (receive ANY, send vfs,\n"
	"       sendrec pm), or why the kernel holds it (pagefault, nopriv, stopped, ...)\n";

/* The kernel's row for endpoint e, or NULL. */
static const struct proc_info *
krow(endpoint_t e)
{
	for (int i = 0; i < nk; i++)
		if (ktable[i].pi_endpoint == e)
			return &ktable[i];
	return NULL;
}

/* A peer's name: ANY, the kernel's name of the endpoint, or its number. */
static void
peer_name(endpoint_t e, char *buf, size_t size)
{
	const struct proc_info *k = krow(e);

	if (e == ANY)
		snprintf(buf, size, "ANY");
	else if (k != NULL)
		snprintf(buf, size, "%.*s", PROC_NAME_LEN, k->pi_name);
	else
		snprintf(buf, size, "%d", e);
}

/* WCHAN of a process blocked in IPC ("" if it is not): the call and the peer. */
static void
ipc_wchan(const struct proc_info *k, char *buf, size_t size)
{
	char peer[PEER_LEN];
	int sendrec = (k->pi_misc_flags & PI_MF_REPLY_PEND) != 0;

	buf[0] = '\0';
	if (k->pi_rts_flags & PI_RTS_SENDING) {
		peer_name(k->pi_sendto, peer, sizeof(peer));
		snprintf(buf, size, "%s %s", sendrec ? "sendrec" : "send", peer);
	} else if (k->pi_rts_flags & PI_RTS_RECEIVING) {
		peer_name(k->pi_getfrom, peer, sizeof(peer));
		snprintf(buf, size, "%s %s", sendrec ? "sendrec" : "receive", peer);
	}
}

/* The letter for a hold other than IPC, and its WCHAN; 0 if there is none. */
static char
hold_state(uint32_t rts, const char **why)
{
	static const struct { uint32_t flags; char letter; const char *why; } holds[] = {
		{ PI_RTS_NO_ENDPOINT, 'X', "dying" },
		{ PI_RTS_P_STOP, 'T', "traced" },
		{ PI_RTS_PROC_STOP, 'T', "stopped" },
		{ PI_RTS_NO_PRIV, 'N', "nopriv" },
		{ PI_RTS_PAGEFAULT, 'V', "pagefault" },
		{ PI_RTS_VMINHIBIT, 'V', "vminhibit" },
		{ PI_RTS_VMREQUEST, 'V', "vmrequest" },
		{ PI_RTS_BOOTINHIBIT, 'V', "bootinhibit" },
		{ PI_RTS_SIGNALED | PI_RTS_SIG_PENDING, 'K', "signal" },
	};

	for (size_t i = 0; i < sizeof(holds) / sizeof(holds[0]); i++)
		if (rts & holds[i].flags) {
			*why = holds[i].why;
			return holds[i].letter;
		}
	return 0;
}

/* STATE letter and WCHAN of PM's row p, whose kernel row is k (NULL: none). */
static char
state_of(const struct pm_procinfo *p, const struct proc_info *k, char *wchan, size_t size)
{
	const char *why = "-";
	char letter;

	snprintf(wchan, size, "-");
	if (p->flags & (PMF_ZOMBIE | PMF_EXITING)) {
		if (p->flags & PMF_EXITING)
			snprintf(wchan, size, "exiting");
		return 'Z';
	}
	if (p->pid == getpid())
		return 'R';
	if (k == NULL)
		return '?';
	ipc_wchan(k, wchan, size);
	if ((letter = hold_state(k->pi_rts_flags, &why)) != 0) {
		if (wchan[0] == '\0')
			snprintf(wchan, size, "%s", why);
		return letter;
	}
	if (wchan[0] == '\0') {
		snprintf(wchan, size, "-");
		return 'R';
	}
	return (p->flags & PMF_WAITING) ? 'W' : 'S';
}

static void
print_row(const struct pm_procinfo *p, int longform)
{
	const struct proc_info *k = krow(p->endpt);
	char wchan[WCHAN_LEN];
	char letter = state_of(p, k, wchan, sizeof(wchan));

	printf("%5d %5d %5d %4u   %c%c  %-14s ", p->pid, p->ppid, p->pgrp, (unsigned)p->uid,
	       letter, (k != NULL && (k->pi_privflags & PI_SYS_PROC)) ? 's' : ' ', wchan);
	if (longform) {
		if (k != NULL)
			printf("%6d %5x %4x ", p->endpt, (unsigned)k->pi_rts_flags,
			       (unsigned)k->pi_misc_flags);
		else
			printf("%6d %5s %4s ", p->endpt, "-", "-");
	}
	printf("%.16s\n", p->name);
}

/* Parse the options: 1 for -l, 0 without; -1 after printing the usage (*status set). */
static int
options(int argc, char **argv, int *status)
{
	int longform = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-l") == 0) {
			longform = 1;
		} else if (strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			*status = 0;
			return -1;
		} else {
			fprintf(stderr, "ps: bad argument '%s'\n%s", argv[i], usage_text);
			*status = 2;
			return -1;
		}
	}
	return longform;
}

int
main(int argc, char **argv)
{
	int status, n, longform = options(argc, argv, &status);

	if (longform < 0)
		return status;
	if ((n = getsysinfo(SI_PROC_TAB, table, sizeof(table))) < 0) {
		fprintf(stderr, "ps: cannot get the process table from PM: %s\n", strerror(errno));
		return 1;
	}
	if ((nk = getsysinfo(SI_KPROC_TAB, ktable, sizeof(ktable))) < 0) {
		fprintf(stderr, "ps: cannot get the kernel's process table: %s\n", strerror(errno));
		return 1;
	}
	n /= (int)sizeof(table[0]);
	nk /= (int)sizeof(ktable[0]);
	printf("  PID  PPID  PGRP  UID STATE WCHAN          %sNAME\n",
	       longform ? " ENDPT   RTS MISC " : "");
	for (int i = 0; i < n; i++)
		print_row(&table[i], longform);
	return 0;
}
