/*
 * faultinj.c - /test/faultinj LABEL COUNT SEED [BATCH]: inject COUNT faults into the
 * running driver LABEL (grader/tests/fuzz_faults.py; handouts/hardening.md, "Driver fault
 * injection").
 *
 * A service, not a user program: it needs the kernel calls TRACE (to write into another
 * process) and KILL, which its /etc/system.conf entry gives it, so it is started with
 * `service up /test/faultinj -n -args "LABEL COUNT SEED"` (-n: when it exits, RS lets it
 * go).  It prints to the console and exits when it is done.
 *
 * It finds LABEL in RS's table (RS_GETSYSINFO: its endpoint, restart count, program name)
 * and reads the program's ELF file, /service/<program>: the executable PT_LOAD segment is
 * the text range, and the symbol table gives the address of `kcall_fault`, libsys's kernel-
 * call fault hook (minnow/kcfault.h).  Then, COUNT times, from an xorshift32 generator
 * seeded with SEED, it injects one fault with sys_trace:
 *   text   one bit of a random text word flipped (T_GETINS, T_SETINS)
 *   byte   one random text byte replaced by a random byte
 *   reg    one bit of a saved register flipped (T_GETUSER, T_SETUSER): EAX to EDI, EBP,
 *          ESP or EIP, as the driver will find them when it next runs
 *   kcall  the hook armed (T_SETDATA): after 0-3 more kernel calls, one is skipped (and
 *          "returns" a random error, OK or a random word), made twice, or made but
 *          answered with such a value
 * After each fault it waits INJECT_TICKS and reads RS's table again: a higher restart
 * count (or the driver not running) is a crash, and it waits until RS has the driver
 * running again (with its standby replica back, if it had one).  A driver that has taken
 * BATCH faults (default 10) without crashing carries dormant corrupted code: faultinj
 * kills it (SIGKILL) so that RS starts a clean instance; a driver that hangs is ended the
 * same way, and so is a driver left with faults at the end.  A dead driver that RS keeps waiting out its back-off (a death soon after a
 * start) is restarted at once with RS_RESTART, which the back-off would otherwise slow to
 * one restart every 4 s.  Faults land on whatever instance runs now, so a fault RS's restart made void
 * (the process was dead already) still counts as injected.
 *
 * `faultinj -stop LABEL TICKS` injects no fault: it holds the service still for TICKS clock
 * ticks (T_STOP: it neither receives nor answers) and lets it go on (T_RESUME), printing
 * "faultinj: LABEL held for TICKS ticks" and "faultinj: LABEL goes on"; a hung server
 * made on purpose (grader/tests/pci_restart.py: RS must not wait on the PCI server).
 *
 * The last line is "faultinj: LABEL: N injections (T text, B byte, G reg, K kcall), C
 * crashes, X kills, R restarts, seed S" or "faultinj: FAILED: <what> (seed S, injection
 * I)" when LABEL did not run again within RESTART_TICKS of a death.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minnow/elf.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/kcfault.h>
#include <minnow/ptrace.h>
#include <minnow/rs.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include <minnow/sysinfo.h>
#include "xorshift.h"

#define INJECT_TICKS    2       /* ticks the workload gets with each fault */
#define RESTART_TICKS   1500    /* a death must be restarted within 15 s */
#define BATCH_DEFAULT   10
#define HOOK_SYMBOL     "kcall_fault"
#define SYMTAB_MAX      (256 * 1024)
#define SHT_SYMTAB      2

/* The section header and symbol of the ELF specification (minnow/elf.h has no need of
 * them: the loader reads program headers only). */
struct shdr {
	uint32_t name, type, flags, addr, offset, size, link, info, align, entsize;
};
struct sym {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};

enum { K_TEXT, K_BYTE, K_REG, K_KCALL, NKINDS };
static const uint32_t regs[] = { T_REG_EAX, T_REG_EBX, T_REG_ECX, T_REG_EDX, T_REG_ESI,
				 T_REG_EDI, T_REG_EBP, T_REG_ESP, T_REG_EIP };
static const int32_t bad_values[] = { OK, -EINVAL, -EFAULT, -EPERM, -ENOMEM, -EIO,
				      -ECALLDENIED, -EDEADSRCDST, 1, -1 };

static const char *label;
static uint32_t seed, text_lo, text_hi, hook;
static unsigned counts[NKINDS], crashes, kills, injection;
static char symbuf[SYMTAB_MAX];

/* Sleep ticks clock ticks: an alarm and its notification (no VFS involved, which may be
 * waiting for the faulted driver). */
static void
nap(uint32_t ticks)
{
	message m;
	int status;

	if (sys_setalarm(ticks, 0, NULL) != OK)
		return;
	while (sef_receive_status(ANY, &m, &status) != OK || m.m_source != CLOCK ||
	       m.m_type != NOTIFY_MESSAGE)
		;
}

/* LABEL's row of RS's table: 0, or -1 (not there). */
static int
find_row(struct rs_svcinfo *row)
{
	static struct rs_svcinfo rows[64];
	int n, i;

	if ((n = getsysinfo_rs(rows, sizeof(rows), NULL)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].label, label) == 0) {
			*row = rows[i];
			return 0;
		}
	return -1;
}

static void __attribute__((noreturn))
failed(const char *what)
{
	printf("faultinj: FAILED: %s %s (seed %u, injection %u)\n", label, what,
	       (unsigned)seed, injection);
	sef_exit(1);
}

/* Read len bytes at off of fd into buf: 0, or -1. */
static int
read_at(int fd, uint32_t off, void *buf, size_t len)
{
	return lseek(fd, (off_t)off, SEEK_SET) == (off_t)off &&
	       read(fd, buf, len) == (ssize_t)len ? 0 : -1;
}

/* The address of HOOK_SYMBOL from the symbol table at sh (its strings at str): 0 if
 * it is not there. */
static uint32_t
find_hook(int fd, const struct shdr *sh, const struct shdr *str)
{
	static char names[SYMTAB_MAX];
	const struct sym *s = (const struct sym *)symbuf;
	uint32_t i, n = sh->size / sizeof(*s);

	if (sh->size > SYMTAB_MAX || str->size > SYMTAB_MAX ||
	    read_at(fd, sh->offset, symbuf, sh->size) != 0 ||
	    read_at(fd, str->offset, names, str->size) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i].name < str->size && strcmp(names + s[i].name, HOOK_SYMBOL) == 0)
			return s[i].value;
	return 0;
}

/* The text range and the hook's address from /service/<program>: 0, or -1. */
static int
read_elf(const char *program)
{
	char path[64];
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	struct shdr sh, str;
	int fd, i;

	snprintf(path, sizeof(path), "/service/%s", program);
	if ((fd = open(path, O_RDONLY)) < 0 || read_at(fd, 0, &eh, sizeof(eh)) != 0)
		return -1;
	for (i = 0; i < eh.e_phnum; i++)
		if (read_at(fd, eh.e_phoff + i * eh.e_phentsize, &ph, sizeof(ph)) == 0 &&
		    ph.p_type == PT_LOAD && (ph.p_flags & PF_X)) {
			text_lo = ph.p_vaddr;
			text_hi = ph.p_vaddr + ph.p_filesz;
		}
	for (i = 0; i < eh.e_shnum && hook == 0; i++)
		if (read_at(fd, eh.e_shoff + i * eh.e_shentsize, &sh, sizeof(sh)) == 0 &&
		    sh.type == SHT_SYMTAB &&
		    read_at(fd, eh.e_shoff + sh.link * eh.e_shentsize, &str, sizeof(str)) == 0)
			hook = find_hook(fd, &sh, &str);
	close(fd);
	return text_hi - text_lo >= 4 ? 0 : -1;
}

/* Flip bit (0-31) of the word at addr in ep's text, or replace one of its bytes. */
static int
poke_text(endpoint_t ep, int kind)
{
	vir_bytes addr = (text_lo + rnd() % (text_hi - text_lo - 3)) & ~3u;
	uint32_t word, shift;
	int r;

	if ((r = sys_trace(T_GETINS, ep, addr, &word)) != OK)
		return r;
	shift = (rnd() % 4) * 8;
	if (kind == K_TEXT)
		word ^= 1u << (rnd() % 32);
	else
		word = (word & ~(0xFFu << shift)) | ((rnd() & 0xFFu) << shift);
	return sys_trace(T_SETINS, ep, addr, &word);
}

static int
poke_reg(endpoint_t ep)
{
	uint32_t off = regs[rnd() % (sizeof(regs) / sizeof(regs[0]))], value;
	int r;

	if ((r = sys_trace(T_GETUSER, ep, off, &value)) != OK)
		return r;
	value ^= 1u << (rnd() % 32);
	return sys_trace(T_SETUSER, ep, off, &value);
}

/* Arm ep's kernel-call hook: countdown, kind and value first, armed last. */
static int
arm_hook(endpoint_t ep)
{
	uint32_t words[4];
	int r, i;

	words[1] = rnd() % 4;
	words[2] = KCF_SKIP + rnd() % 3;
	words[3] = rnd() % 4 == 0 ? rnd() :
		   (uint32_t)bad_values[rnd() % (sizeof(bad_values) / sizeof(bad_values[0]))];
	words[0] = 1;
	for (i = 1; i <= 4; i++)
		if ((r = sys_trace(T_SETDATA, ep, hook + (uint32_t)(i % 4) * 4,
				   &words[i % 4])) != OK)
			return r;
	return OK;
}

/* One fault of a random kind into ep: its kind, or -1 if the target was gone. */
static int
inject(endpoint_t ep)
{
	int kind = (int)(rnd() % 10), r;

	kind = kind < 3 ? K_TEXT : kind < 4 ? K_BYTE : kind < 6 ? K_REG : K_KCALL;
	if (kind == K_KCALL && hook == 0)
		kind = K_TEXT;
	if (kind == K_TEXT || kind == K_BYTE)
		r = poke_text(ep, kind);
	else if (kind == K_REG)
		r = poke_reg(ep);
	else
		r = arm_hook(ep);
	return r == OK ? kind : -1;
}

/* Ask RS to restart LABEL now (RS_RESTART; EBUSY if it is not dead, which is fine). */
static void
restart_now(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_RESTART;
	strncpy(m.m_rs_req.label, label, sizeof(m.m_rs_req.label) - 1);
	ipc_sendrec(RS_PROC_NR, &m);
}

/* Wait until LABEL runs with more than `restarts` restarts (its standby replica back if
 * replica): its row. */
static struct rs_svcinfo
wait_restarted(uint32_t restarts, int replica)
{
	struct rs_svcinfo row;
	int t;

	for (t = 0; t < RESTART_TICKS; t++) {
		if (find_row(&row) == 0 && row.restarts > restarts && (row.flags & RSI_ACTIVE) &&
		    (!replica || (row.flags & RSI_REPLICA)))
			return row;
		if (t == 5 && (row.flags & RSI_RESTARTING))
			restart_now();
		nap(1);
	}
	failed("did not run again within 15 s of a death");
}

static void
campaign(unsigned count, unsigned batch)
{
	struct rs_svcinfo row, start;
	unsigned since_clean = 0;
	int kind, replica;

	if (find_row(&start) != 0 || !(start.flags & RSI_ACTIVE))
		failed("is not running");
	replica = (start.flags & RSI_REPLICA) != 0;
	row = start;
	for (injection = 1; injection <= count; injection++) {
		if ((kind = inject(row.endpoint)) >= 0)
			counts[kind]++;
		nap(INJECT_TICKS);
		if (find_row(&row) != 0)
			failed("left RS's table");
		if (!(row.flags & RSI_ACTIVE) || row.restarts > start.restarts + crashes + kills) {
			crashes++;
			row = wait_restarted(start.restarts + crashes + kills - 1, replica);
			since_clean = 0;
		} else if (++since_clean >= batch) {
			sys_kill(row.endpoint, SIGKILL);
			kills++;
			row = wait_restarted(start.restarts + crashes + kills - 1, replica);
			since_clean = 0;
		}
	}
	injection--;
	if (since_clean > 0) {		/* no dormant fault outlives the campaign */
		sys_kill(row.endpoint, SIGKILL);
		kills++;
		row = wait_restarted(start.restarts + crashes + kills - 1, replica);
	}
	printf("faultinj: %s: %u injections (%u text, %u byte, %u reg, %u kcall), %u crashes, "
	       "%u kills, %u restarts, seed %u\n", label, counts[K_TEXT] + counts[K_BYTE] +
	       counts[K_REG] + counts[K_KCALL], counts[K_TEXT], counts[K_BYTE], counts[K_REG],
	       counts[K_KCALL], crashes, kills, (unsigned)(row.restarts - start.restarts),
	       (unsigned)seed);
}

/* -stop: hold LABEL still for ticks clock ticks, then let it go on. */
static void
hold(unsigned ticks)
{
	struct rs_svcinfo row;

	if (find_row(&row) != 0 || !(row.flags & RSI_ACTIVE))
		failed("is not running");
	if (sys_trace(T_STOP, row.endpoint, 0, NULL) != OK)
		failed("cannot be stopped");
	printf("faultinj: %s held for %u ticks\n", label, ticks);
	nap(ticks);
	if (sys_trace(T_RESUME, row.endpoint, 0, NULL) != OK)
		failed("cannot be resumed");
	printf("faultinj: %s goes on\n", label);
}

int
main(int argc, char **argv)
{
	struct rs_svcinfo row;
	unsigned count, batch = BATCH_DEFAULT;

	sef_startup();
	if (argc == 4 && strcmp(argv[1], "-stop") == 0) {
		label = argv[2];
		hold((unsigned)atoi(argv[3]));
		sef_exit(0);
	}
	if (argc < 4 || argc > 5 || (count = (unsigned)atoi(argv[2])) == 0) {
		printf("faultinj: usage: faultinj LABEL COUNT SEED [BATCH]\n");
		sef_exit(2);
	}
	label = argv[1];
	seed = (uint32_t)strtoul(argv[3], NULL, 0);
	rng = seed ? seed : 1;
	if (argc == 5 && (batch = (unsigned)atoi(argv[4])) == 0)
		batch = BATCH_DEFAULT;
	if (find_row(&row) != 0)
		failed("is not in RS's table");
	if (read_elf(row.proc_name) != 0)
		failed("has no readable ELF file in /service");
	printf("faultinj: %s: seed %u, %u faults, text 0x%x-0x%x, %s 0x%x\n", label,
	       (unsigned)seed, count, (unsigned)text_lo, (unsigned)text_hi, HOOK_SYMBOL,
	       (unsigned)hook);
	campaign(count, batch);
	sef_exit(0);
}
