/*
 * sysinfo - the system's tables: the kernel's processes, RS's services, DS's entries
 * (Minnow only; what MINIX shows on its function keys).
 *
 * Usage: sysinfo [-k] [-r] [-d] [-i]
 *   -k  the kernel's process table (PM_GETSYSINFO with SI_KPROC_TAB, one struct proc_info
 *       per slot in use, kernel tasks included): slot, endpoint, name, scheduling queue,
 *       privilege flags, why it cannot run (RTS flags, 0: runnable), whom it waits for
 *   -r  RS's services (getsysinfo_rs, RS_GETSYSINFO): label, endpoint, pid, program,
 *       heartbeat period, restarts, state.  RS does not know the pids of the boot
 *       processes (PM numbered them), so a pid RS leaves at -1 is looked up in PM's table
 *   -d  DS's entries (getsysinfo_ds, DS_GETSYSINFO): key, type, owner, value (a u32, a
 *       label's endpoint, a string's first bytes, a blob's size; "(private)" when the
 *       entry is private to its owner)
 *   -i  who may send to whom: the kernel's privilege table (PM_GETSYSINFO with SI_PRIV_TAB),
 *       one line per process owning a system privilege structure, then "users" (every
 *       user process): its privilege id and the processes its IPC mask lets it send to,
 *       by name ("users": every user process; ALL: every process, users included).  The
 *       masks are system.conf's ipc lines as RS set them (handouts/rs.md, "system.conf")
 * With no option, the first three sections, one after the other.  A section whose server
 * refuses (or does not run) is reported on stderr with the reason; the others are still
 * printed, and the exit status is then 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/kcall.h>
#include <minnow/sysinfo.h>

#define MAX_KROWS 300
#define MAX_PMROWS 256
#define MAX_RSROWS 64
#define MAX_DSROWS 256

static struct proc_info ktab[MAX_KROWS];
static struct pm_procinfo pmtab[MAX_PMROWS];
static struct rs_svcinfo rstab[MAX_RSROWS];
static struct ds_entryinfo dstab[MAX_DSROWS];
static struct pm_privinfo privtab[MAX_RSROWS + 2];

/* Say that a table could not be read (errno tells why): the exit status 1. */
static int
refused(const char *what)
{
	fprintf(stderr, "sysinfo: cannot get %s: %s\n", what, strerror(errno));
	return 1;
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

static int
show_kernel(void)
{
	int n = getsysinfo(SI_KPROC_TAB, ktab, sizeof(ktab));
	char from[16], to[16];

	if (n < 0)
		return refused("the kernel process table");
	n /= (int)sizeof(ktab[0]);
	printf("SLOT ENDPT  NAME             PRIO PRIVF RTS_FLAGS  GETFROM SENDTO\n");
	for (int i = 0; i < n; i++) {
		endpoint_text(ktab[i].pi_getfrom, from, sizeof(from));
		endpoint_text(ktab[i].pi_sendto, to, sizeof(to));
		printf("%4d %6d %-16.16s %4d %5x %9x  %7s %6s\n", ktab[i].pi_slot,
		       ktab[i].pi_endpoint, ktab[i].pi_name, ktab[i].pi_priority,
		       (unsigned)ktab[i].pi_privflags, (unsigned)ktab[i].pi_rts_flags, from, to);
	}
	return 0;
}

/* Does mask have bit id? */
static int
mask_has(const uint32_t *mask, int id)
{
	return id >= 0 && id < PI_IPC_WORDS * 32 && ((mask[id / 32] >> (id % 32)) & 1u);
}

/* Print whom row may send to: the names of the rows whose id its mask has, or ALL. */
static void
print_targets(const struct pm_privinfo *row, int n)
{
	const uint32_t *mask = row->priv.pv_ipc_to;
	int all = mask_has(mask, 0);

	for (int i = 0; i < n; i++)
		all &= mask_has(mask, privtab[i].priv.pv_id);
	if (all) {
		printf(" ALL");
		return;
	}
	for (int i = 0; i < n; i++)
		if (&privtab[i] != row && mask_has(mask, privtab[i].priv.pv_id))
			printf(" %s", privtab[i].name);
}

static int
show_ipc(void)
{
	int n = getsysinfo(SI_PRIV_TAB, privtab, sizeof(privtab));

	if (n < 0)
		return refused("the privilege table");
	n /= (int)sizeof(privtab[0]);
	printf("IPC: who may send to whom\n");
	printf("SENDER           ENDPT  ID MAY SEND TO\n");
	for (int i = 0; i < n; i++) {
		char ep[16];

		endpoint_text(privtab[i].endpt, ep, sizeof(ep));
		printf("%-16.16s %5s %3d", privtab[i].name, ep, privtab[i].priv.pv_id);
		print_targets(&privtab[i], n);
		printf("\n");
	}
	return 0;
}

/* The pid of row (RS's, or PM's for the same endpoint) as text, "-" if nobody knows. */
static void
pid_text(const struct rs_svcinfo *row, int pm_rows, char *buf, size_t size)
{
	int pid = row->pid;

	for (int i = 0; pid < 0 && i < pm_rows; i++)
		if (pmtab[i].endpt == row->endpoint)
			pid = pmtab[i].pid;
	if (pid < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d", pid);
}

/* The state of row in words: "boot sys active core synch restart" (RSI_* and SF_*
 * flags). */
static void
state_text(const struct rs_svcinfo *row, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s%s%s%s%s%s%s%s%s", row->flags & RSI_BOOT ? "boot " : "",
		 row->flags & RSI_SYSTEM ? "sys" : "user",
		 row->flags & RSI_ACTIVE ? " active" : "",
		 row->flags & RSI_INITIALIZING ? " initializing" : "",
		 row->flags & RSI_PINGED ? " pinged" : "",
		 row->flags & RSI_RESTARTING ? " restarting" : "",
		 row->flags & RSI_NORESTART ? " norestart" : "",
		 row->flags & RSI_EXITING ? " exiting" : "",
		 row->flags & RSI_REFRESHING ? " refreshing" : "",
		 row->sys_flags & SF_CORE_SRV ? " core" : "",
		 row->sys_flags & SF_SYNCH_BOOT ? " synch" : "",
		 row->sys_flags & SF_RESTART ? " restart" : "");
}

static int
show_rs(void)
{
	unsigned total;
	int n = getsysinfo_rs(rstab, sizeof(rstab), &total);
	int pm_rows = getsysinfo(SI_PROC_TAB, pmtab, sizeof(pmtab));
	char pid[16], state[128];

	if (n < 0)
		return refused("RS's service table");
	pm_rows = pm_rows < 0 ? 0 : pm_rows / (int)sizeof(pmtab[0]);
	printf("RS: %u entries\n", total);
	printf("LABEL         ENDPT   PID PROGRAM       PERIOD RESTARTS STATE\n");
	for (int i = 0; i < n; i++) {
		pid_text(&rstab[i], pm_rows, pid, sizeof(pid));
		state_text(&rstab[i], state, sizeof(state));
		printf("%-12.16s %6d %5s %-12.16s %7u %8u %s\n", rstab[i].label,
		       rstab[i].endpoint, pid, rstab[i].proc_name, (unsigned)rstab[i].period,
		       (unsigned)rstab[i].restarts, state);
	}
	return 0;
}

/* The type of a DS row as a word. */
static const char *
type_text(uint32_t flags)
{
	switch (flags & DSF_MASK_TYPE) {
	case DSF_TYPE_U32:
		return "u32";
	case DSF_TYPE_STR:
		return "str";
	case DSF_TYPE_MEM:
		return "mem";
	case DSF_TYPE_MAP:
		return "map";
	case DSF_TYPE_LABEL:
		return "label";
	default:
		return "?";
	}
}

/* The value of a DS row as text. */
static void
value_text(const struct ds_entryinfo *row, char *buf, size_t size)
{
	uint32_t type = row->flags & DSF_MASK_TYPE;

	if (row->flags & DSI_HIDDEN)
		snprintf(buf, size, "(private)");
	else if (type == DSF_TYPE_U32 || type == DSF_TYPE_LABEL)
		snprintf(buf, size, "%u", (unsigned)row->value);
	else if (type == DSF_TYPE_STR)
		snprintf(buf, size, "\"%s\"%s", row->str,
			 row->size > DS_SI_STRLEN ? "..." : "");
	else
		snprintf(buf, size, "%u bytes", (unsigned)row->size);
}

static int
show_ds(void)
{
	unsigned total;
	int n = getsysinfo_ds(dstab, sizeof(dstab), &total);
	char value[DS_SI_STRLEN + 16];

	if (n < 0)
		return refused("DS's entries");
	printf("DS: %u entries\n", total);
	printf("KEY                      TYPE  OWNER        VALUE\n");
	for (int i = 0; i < n; i++) {
		value_text(&dstab[i], value, sizeof(value));
		printf("%-24s %-5s %-12s %s\n", dstab[i].key, type_text(dstab[i].flags),
		       dstab[i].owner, value);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int k = 0, r = 0, d = 0, ipc = 0, status = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-k") == 0) {
			k = 1;
		} else if (strcmp(argv[i], "-r") == 0) {
			r = 1;
		} else if (strcmp(argv[i], "-d") == 0) {
			d = 1;
		} else if (strcmp(argv[i], "-i") == 0) {
			ipc = 1;
		} else {
			fprintf(stderr, "usage: sysinfo [-k] [-r] [-d] [-i]\n");
			return 2;
		}
	}
	if (!k && !r && !d && !ipc)
		k = r = d = 1;
	if (k)
		status |= show_kernel();
	if (r) {
		if (k)
			printf("\n");
		status |= show_rs();
	}
	if (d) {
		if (k || r)
			printf("\n");
		status |= show_ds();
	}
	if (ipc) {
		if (k || r || d)
			printf("\n");
		status |= show_ipc();
	}
	return status;
}
