/*
 * tbprof.c - a QEMU TCG plugin that counts guest instructions per translation block and per
 * Minnow process, for the guest profiler (tools/profile.py, `make profile`).
 *
 * QEMU calls us when it translates a block of guest code (a TB: straight-line code up to a
 * branch) and, through the callback we register then, every time the block runs.  Each run
 * adds the block's instruction count to the pair (current process, block).  QEMU 7.2's plugin
 * interface cannot read CPU registers (no CR3), so the current process comes from the guest's
 * memory instead: the kernel's `proc_ptr` (the process the CPU runs, or last ran), read through
 * the host pointer of guest RAM.  The kernel maps physical memory at KERNBASE, so the first
 * block translated in the kernel's paged text gives that pointer: host address of its first
 * instruction minus its physical address (vaddr - KERNBASE).  When proc_ptr changes we read the
 * new process's endpoint and p_name, so a slot reused by another program, or a process that
 * exec'd, counts as a new process.  Blocks that run before the first kernel block is seen
 * (the firmware, the multiboot loader) count for "-" (endpoint 0x7fffffff).
 *
 * Arguments (-plugin build/tools/tbprof.so,out=FILE,proc_ptr=VADDR,ep_off=N,name_off=N,
 * name_len=N,kernbase=VADDR,text=VADDR,etext=VADDR,
 * end=VADDR; numbers in C syntax):
 *   out        where to write the counts at exit
 *   proc_ptr   the kernel's proc_ptr variable (its virtual address, from the kernel's symbols)
 *   ep_off, name_off, name_len   offsets of p_endpoint and p_name in struct proc, and p_name's size
 *   kernbase   where the kernel maps physical address 0
 *   text, etext   the kernel's paged code (the firmware's reset code also runs high, unpaged)
 *   end        the end of the kernel's image: a proc_ptr outside it counts as "-"
 *
 * Output, one record a line:
 *   proc <index> <endpoint> <name>
 *   tb <proc index> <vaddr hex> <instructions in the block> <times it ran>
 *   total <instructions>
 *   lost <instructions>          (only if the counter table filled up: not in the total)
 * A block counts its whole length each time it runs (an exception in its middle is rare and
 * counts the rest too).
 *
 * The plugin interface is declared here, not included: Debian ships no qemu-plugin.h.  These
 * are the declarations of QEMU 7.2's plugin API version 1 that we call.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS,
			    QEMU_PLUGIN_CB_RW_REGS };
typedef void (*qemu_plugin_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
					  qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
				    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
void *qemu_plugin_insn_haddr(const struct qemu_plugin_insn *insn);

/* The API version this plugin was written for (QEMU checks it at load time). */
__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define NO_PROC_EP 0x7fffffff   /* endpoint of "-": before the kernel runs paged */
#define MAX_PROCS 4096          /* processes (endpoint, name) told apart in one run */
#define HASH_BITS 20            /* counter table: 2^20 (process, block) pairs */

/* One process as seen at a switch: its endpoint and name. */
struct proc_id {
	int32_t endpoint;
	char name[64];
};

/* One translation of a block: where it is, how long, and the counter it bumped last. */
struct tb_rec {
	uint64_t vaddr;
	uint32_t insns;
	int last_proc;
	uint64_t *last_count;
};

/* A counter: how often block tb ran in process proc. */
struct counter {
	struct tb_rec *tb;
	int proc;
	uint64_t count;
};

static struct {
	const char *out;
	uint64_t proc_ptr_va, kernbase, text, etext, end;
	uint32_t ep_off, name_off, name_len;
	uint8_t *ram;           /* host address of guest physical 0 (NULL: not known yet) */
	uint32_t last_ptr;      /* proc_ptr's value at the last block */
	int cur;                /* index of the current process in procs */
	int nprocs;
	struct proc_id procs[MAX_PROCS];
	struct counter *table;
	size_t used;
	uint64_t lost;          /* instructions of blocks that found the table full */
} prof;

/* The index of (endpoint, name) in procs, added if new (the last slot absorbs overflow). */
static int
proc_index(int32_t endpoint, const char *name)
{
	int i;

	for (i = 0; i < prof.nprocs; i++)
		if (prof.procs[i].endpoint == endpoint && strcmp(prof.procs[i].name, name) == 0)
			return i;
	if (prof.nprocs == MAX_PROCS)
		return MAX_PROCS - 1;
	prof.procs[i].endpoint = endpoint;
	snprintf(prof.procs[i].name, sizeof(prof.procs[i].name), "%s", name);
	return prof.nprocs++;
}

/* The guest's current process, read from proc_ptr when the kernel's memory is known. */
static int
current_proc(void)
{
	uint32_t p;
	int32_t ep;
	char name[64];

	if (prof.ram == NULL)
		return prof.cur;
	memcpy(&p, prof.ram + (prof.proc_ptr_va - prof.kernbase), sizeof(p));
	if (p == prof.last_ptr)
		return prof.cur;
	prof.last_ptr = p;
	if (p < prof.kernbase || p + prof.name_off + prof.name_len > prof.end) {
		prof.cur = proc_index(NO_PROC_EP, "-");
		return prof.cur;
	}
	memcpy(&ep, prof.ram + (p - prof.kernbase) + prof.ep_off, sizeof(ep));
	memcpy(name, prof.ram + (p - prof.kernbase) + prof.name_off, prof.name_len);
	name[prof.name_len < sizeof(name) ? prof.name_len : sizeof(name) - 1] = '\0';
	name[sizeof(name) - 1] = '\0';
	prof.cur = proc_index(ep, name[0] ? name : "?");
	return prof.cur;
}

/* The counter of (tb, proc), created at zero if new; NULL if the table is full. */
static uint64_t *
counter_of(struct tb_rec *tb, int proc)
{
	size_t mask = ((size_t)1 << HASH_BITS) - 1;
	size_t h = (((uintptr_t)tb >> 4) * 2654435761u + (size_t)proc * 40503u) & mask;

	while (prof.table[h].tb != NULL &&
	       (prof.table[h].tb != tb || prof.table[h].proc != proc))
		h = (h + 1) & mask;
	if (prof.table[h].tb == NULL) {
		if (prof.used + 1 >= mask)
			return NULL;
		prof.table[h].tb = tb;
		prof.table[h].proc = proc;
		prof.used++;
	}
	return &prof.table[h].count;
}

/* A block runs: count its instructions for the current process. */
static void
tb_exec(unsigned int vcpu, void *udata)
{
	struct tb_rec *tb = udata;
	int proc = current_proc();

	(void)vcpu;
	if (tb->last_proc != proc) {
		tb->last_count = counter_of(tb, proc);
		tb->last_proc = proc;
	}
	if (tb->last_count != NULL)
		*tb->last_count += 1;
	else
		prof.lost += tb->insns;
}

/* A block is translated: remember it, learn where guest RAM is, count its runs. */
static void
tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct tb_rec *rec = calloc(1, sizeof(*rec));

	(void)id;
	if (rec == NULL)
		return;
	rec->vaddr = qemu_plugin_tb_vaddr(tb);
	rec->insns = (uint32_t)qemu_plugin_tb_n_insns(tb);
	rec->last_proc = -1;
	if (prof.ram == NULL && rec->vaddr >= prof.text && rec->vaddr < prof.etext &&
	    rec->insns > 0) {
		uint8_t *h = qemu_plugin_insn_haddr(qemu_plugin_tb_get_insn(tb, 0));

		if (h != NULL)
			prof.ram = h - (rec->vaddr - prof.kernbase);
	}
	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS, rec);
}

/* QEMU exits: write every process and every counter. */
static void
at_exit(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(prof.out, "w");
	uint64_t total = 0;
	size_t i;
	int p;

	(void)id, (void)udata;
	if (f == NULL) {
		perror(prof.out);
		return;
	}
	for (p = 0; p < prof.nprocs; p++)
		fprintf(f, "proc %d %d %s\n", p, prof.procs[p].endpoint, prof.procs[p].name);
	for (i = 0; i < ((size_t)1 << HASH_BITS); i++) {
		struct counter *c = &prof.table[i];

		if (c->tb == NULL || c->count == 0)
			continue;
		fprintf(f, "tb %d %llx %u %llu\n", c->proc, (unsigned long long)c->tb->vaddr,
			c->tb->insns, (unsigned long long)c->count);
		total += c->count * c->tb->insns;
	}
	fprintf(f, "total %llu\n", (unsigned long long)total);
	if (prof.lost)
		fprintf(f, "lost %llu\n", (unsigned long long)prof.lost);
	fclose(f);
}

/* One name=value argument into prof; false if the name is unknown. */
static bool
parse_arg(const char *arg)
{
	const char *eq = strchr(arg, '=');
	uint64_t v;

	if (eq == NULL)
		return false;
	if (strncmp(arg, "out=", 4) == 0) {
		prof.out = eq + 1;
		return true;
	}
	v = strtoull(eq + 1, NULL, 0);
	if (strncmp(arg, "proc_ptr=", 9) == 0)
		prof.proc_ptr_va = v;
	else if (strncmp(arg, "kernbase=", 9) == 0)
		prof.kernbase = v;
	else if (strncmp(arg, "text=", 5) == 0)
		prof.text = v;
	else if (strncmp(arg, "etext=", 6) == 0)
		prof.etext = v;
	else if (strncmp(arg, "end=", 4) == 0)
		prof.end = v;
	else if (strncmp(arg, "ep_off=", 7) == 0)
		prof.ep_off = (uint32_t)v;
	else if (strncmp(arg, "name_off=", 9) == 0)
		prof.name_off = (uint32_t)v;
	else if (strncmp(arg, "name_len=", 9) == 0)
		prof.name_len = (uint32_t)v;
	else
		return false;
	return true;
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!parse_arg(argv[i])) {
			fprintf(stderr, "tbprof: unknown argument %s\n", argv[i]);
			return -1;
		}
	if (prof.out == NULL || prof.proc_ptr_va < prof.kernbase || prof.kernbase == 0 ||
	    prof.name_len == 0 || prof.name_len >= sizeof(prof.procs[0].name) ||
	    prof.text < prof.kernbase || prof.etext <= prof.text || prof.end <= prof.etext) {
		fprintf(stderr, "tbprof: needs out=, proc_ptr=, kernbase=, text=, etext=, end=, "
			"ep_off=, name_off=, name_len=\n");
		return -1;
	}
	prof.table = calloc((size_t)1 << HASH_BITS, sizeof(*prof.table));
	if (prof.table == NULL)
		return -1;
	prof.cur = proc_index(NO_PROC_EP, "-");
	prof.last_ptr = 0xffffffff;
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
