/*
 * boot.c - turning boot modules into processes.
 *
 * Each boot module is an ELF program that becomes a process named after the last component
 * of its path, with generation 0 (so its endpoint is its slot number).  Boot services take
 * their fixed slots (pm 0, vfs 1, rs 2, ..., ds 6, mfs 7, vm 8, pfs 9, init 10: the constants
 * of minnow/endpoint.h); other modules take the lowest free slots, in order.
 *
 * As in MINIX, the kernel builds only VM's address space itself: a page directory sharing
 * the kernel's mappings, the ELF segments (lib/libexec checks the file and says what to
 * map), a USER_STACK_SIZE stack below USER_STACK_TOP holding argc, argv (every word of the
 * module's string) and an empty environment, plus VM's window on all physical memory
 * (VM_PHYS_WINDOW).  Every other boot process is created held by RTS_BOOTINHIBIT: VM loads
 * it (kinfo tells VM which module became which slot) and releases it.  When there is no
 * "vm" module (the kernel's own tests), the kernel loads every module itself.
 *
 * Privileges.  When a module named "rs" is present, RS gives every boot process its
 * privileges (servers/rs/boot.c), as in MINIX: the kernel makes only VM and RS system
 * processes (RS with ROOT_SYS_PROC and itself as its signal manager) and holds every other
 * boot process with RTS_NO_PRIV, on the shared user privileges, until RS sets them up and
 * allows it to run; RS reads what each should get from system.conf, the data module of
 * that name (handouts/rs.md, "system.conf"), and ignores priv= and ipc=.
 * A module whose arguments include type=data is not a program (the root file system image
 * the memory driver serves as /dev/imgrd): it becomes no process (mod_slot stays -1) and VM
 * leaves its pages alone.
 * A data module may arrive packed (include/minnow/imgpack.h: the ISO carries the root image
 * so, since GRUB reads every byte through the BIOS): the kernel unpacks it first, into the
 * memory above everything the loader placed, and points the module's entry there, so VM, RS
 * and the memory driver only ever see the plain image.  kinfo.packed_start..packed_end
 * names the packed copy (the first one, if ever there were two), whose pages VM frees with
 * the programs' once it has loaded the boot processes.
 * Without RS (the kernel, IPC and grant tests) the kernel applies the arguments itself:
 *   priv=sys      a system process with its own privilege structure (default: every trap,
 *                 every partner, every kernel call); VM always is one
 *   priv=user     (default) the shared user privileges: SENDREC to system processes only
 *                 (without RS every priv=sys process may be called by users; with RS,
 *                 those whose system.conf entry says "users yes")
 * The shared user privileges lose SYS_EXIT when PM is booted (exit goes through PM) and
 * SYS_DIAGCTL when init is (a real system, whose users print through tty).
 *   ipc=a,b,...   a system process may send only to the processes named a, b, ...
 */
#include <minnow/errno.h>
#include <minnow/imgpack.h>
#include <minnow/kerninfo.h>
#include <minnow/kinfo.h>
#include <minnow/vmlayout.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "../lib/libexec/libexec.h"
#include "arch/i386/include/mmu.h"

#define MAX_ARGS 16

extern uint32_t kernel_pgdir[];

/* Is there a module named "rs"?  Then RS hands out the boot processes' privileges. */
static int have_rs;

/* libexec callback: make [va, va+len) present and zeroed in the new process. */
static int
boot_alloc_map(struct exec_info *ei, uint32_t va, uint32_t len, int writable)
{
	struct proc *p = ei->opaque;
	uint32_t end = va + len, pa;
	int r;

	for (; va < end; va += PAGE_SIZE) {
		if (pt_lookup(p->p_cr3, va, 0, &pa) == OK) {
			if (writable)	/* a page shared by two segments: the union of rights */
				pt_map(p->p_cr3, va, pa & ~(PAGE_SIZE - 1), PTE_U | PTE_W);
			continue;
		}
		if ((pa = phys_alloc_page()) == 0)
			return -ENOMEM;
		if ((r = pt_map(p->p_cr3, va, pa, PTE_U | (writable ? PTE_W : 0))) != OK)
			return r;
	}
	return OK;
}

/* libexec callback: copy into the new process, read-only pages included. */
static int
boot_copy_to(struct exec_info *ei, uint32_t va, const void *src, uint32_t len)
{
	return vm_poke(ei->opaque, va, src, len);
}

/* Give p its initial stack: argc, argv, an empty environment; *sp_out gets its pointer. */
static int
build_stack(struct proc *p, char *argv[], uint32_t *sp_out)
{
	static uint8_t image[PAGE_SIZE];
	int r;

	r = libexec_build_stack(argv, NULL, USER_STACK_TOP, image, sizeof(image), sp_out);
	if (r != OK)
		return r;
	return vm_poke(p, *sp_out, image + sizeof(image) - (USER_STACK_TOP - *sp_out),
		       USER_STACK_TOP - *sp_out);
}

static const char *
basename_of(const char *path)
{
	const char *b = path;

	for (; *path != '\0'; path++)
		if (*path == '/')
			b = path + 1;
	return b;
}

static int
has_word(int argc, char *argv[], const char *word)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], word) == 0)
			return 1;
	return 0;
}

static void
set_identity(struct proc *p, int argc, char *argv[])
{
	const char *name = basename_of(argv[0]);
	size_t len = strlen(name);

	if (len >= PROC_NAME_LEN)
		len = PROC_NAME_LEN - 1;
	memcpy(p->p_name, name, len);
	p->p_name[len] = '\0';
	if (strcmp(p->p_name, "vm") == 0 || (have_rs && strcmp(p->p_name, "rs") == 0) ||
	    (!have_rs && has_word(argc, argv, "priv=sys"))) {
		struct priv *pr = priv_alloc();

		if (pr == NULL)
			panic("no free privilege structure for %s", p->p_name);
		priv_set_sys_defaults(pr, p);
		p->p_priority = SYS_Q;
		if (have_rs && strcmp(p->p_name, "rs") == 0) {
			pr->s_flags |= ROOT_SYS_PROC;
			pr->s_sig_mgr = p->p_endpoint;	/* RS is its own signal manager */
		}
	} else {
		p->p_priv = &priv_table[USER_PRIV_ID];
		p->p_priority = USER_Q;
		if (have_rs)
			p->p_rts_flags |= RTS_NO_PRIV;	/* until RS sets it up */
	}
}

/* How the boot log describes p's privileges. */
static const char *
priv_kind(struct proc *p)
{
	if (RTS_ISSET(p, RTS_NO_PRIV))
		return "waits for RS";
	return (priv(p)->s_flags & SYS_PROC) ? "system" : "user";
}

static int
load_image(struct proc *p, const struct kinfo_module *mod, char *argv[])
{
	/* loads the ELF module into a new address space (see the file comment) */
	struct exec_info ei = {
		.image = KP2V(mod->mod_start),
		.image_size = mod->mod_end - mod->mod_start,
		.opaque = p,
		.alloc_map = boot_alloc_map,
		.copy_to = boot_copy_to,
	};
	uint32_t sp;
	int r;

	if ((p->p_cr3 = pt_new()) == 0)
		return -ENOMEM;
	if ((r = libexec_load_elf(&ei)) != OK)
		return r;
	r = boot_alloc_map(&ei, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE, 1);
	if (r != OK || (r = build_stack(p, argv, &sp)) != OK)
		return r;
	p->p_reg.tf_eip = ei.entry;
	p->p_reg.tf_esp = sp;
	p->p_reg.tf_cs = SEL_UCODE;
	p->p_reg.tf_ss = p->p_reg.tf_ds = p->p_reg.tf_es = SEL_UDATA;
	p->p_reg.tf_fs = p->p_reg.tf_gs = SEL_UDATA;
	p->p_reg.tf_eflags = 0x202;	/* IF set; IOPL 0: no port access from ring 3 */
	return OK;
}

static void
drop_slot(struct proc *p)
{
	if (priv(p)->s_flags & SYS_PROC)
		priv_free(priv(p));
	p->p_rts_flags = RTS_SLOT_FREE;
	p->p_endpoint = NONE;
}

/* VM: its own signal manager, the VM flag, and its window on physical memory. */
static void
make_vm(struct proc *p)
{
	priv(p)->s_flags |= VM_SYS_PROC;
	priv(p)->s_sig_mgr = p->p_endpoint;
	pt_map_phys_window(p->p_cr3, kernel_direct_top());
}

/* Make boot module mod the process in slot; load it now if load_now.  OK or an error. */
static int
load_module(int slot, struct kinfo_module *mod, int load_now)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];
	int argc, r;
	struct proc *p;

	memcpy(buf, mod->mod_name, sizeof(buf));
	argc = libexec_split_words(buf, argv, MAX_ARGS);
	if (argc == 0 || (p = proc_alloc_slot(slot)) == NULL)
		return -EINVAL;
	set_identity(p, argc, argv);
	mod->mod_slot = slot;
	if (!load_now) {
		p->p_rts_flags |= RTS_BOOTINHIBIT;
		kprintf("boot: process %d %s, %s, for VM to load\n", slot, p->p_name,
			priv_kind(p));
		return OK;
	}
	if ((r = load_image(p, mod, argv)) != OK) {
		kprintf("boot: module %d (%s) not started: %s\n", slot, argv[0],
			r == -ENOEXEC ? "not an i386 ELF executable (ENOEXEC)" : "out of memory");
		mod->mod_slot = -1;
		drop_slot(p);
		return r;
	}
	kprintf("boot: process %d %s, %s, entry 0x%08x\n", slot, p->p_name,
		priv_kind(p), p->p_reg.tf_eip);
	return OK;
}

/* ipc=a,b: restrict a system process's IPC mask to the named processes. */
static void
apply_ipc_mask(struct proc *p, const char *list)
{
	struct proc *xp;

	memset(priv(p)->s_ipc_to, 0, sizeof(priv(p)->s_ipc_to));
	for (xp = proc_addr(0); xp < proc_addr(NR_PROCS); xp++) {
		const char *s = list;
		size_t len = strlen(xp->p_name);

		if (RTS_ISSET(xp, RTS_SLOT_FREE))
			continue;
		for (; *s != '\0'; s += (*s == ',')) {
			if (strncmp(s, xp->p_name, len) == 0 && (s[len] == ',' || s[len] == '\0'))
				bit_set(priv(p)->s_ipc_to, priv(xp)->s_id);
			while (*s != '\0' && *s != ',')
				s++;
		}
	}
}

static void
apply_module_masks(const struct kinfo_module *mod)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];
	int argc = libexec_split_words(memcpy(buf, mod->mod_name, sizeof(buf)), argv, MAX_ARGS), i;
	struct proc *p;

	if (mod->mod_slot < 0)
		return;
	p = proc_addr(mod->mod_slot);
	if (!(priv(p)->s_flags & SYS_PROC))
		return;
	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "ipc=", 4) == 0)
			apply_ipc_mask(p, argv[i] + 4);
}

/* Is this module the program called name? */
static int
is_module(const struct kinfo_module *mod, const char *name)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];

	memcpy(buf, mod->mod_name, sizeof(buf));
	return libexec_split_words(buf, argv, MAX_ARGS) > 0 && strcmp(basename_of(argv[0]), name) == 0;
}

/* Is this module data (the argument type=data) rather than a program? */
static int
is_data_module(const struct kinfo_module *mod)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];

	memcpy(buf, mod->mod_name, sizeof(buf));
	return has_word(libexec_split_words(buf, argv, MAX_ARGS), argv, "type=data");
}

/* Is this module the VM server? */
static int
is_vm_module(const struct kinfo_module *mod)
{
	return is_module(mod, "vm");
}

/* The boot services' fixed slots (minnow/endpoint.h), as in MINIX's boot image. */
static const struct {
	const char *name;
	int slot;
} boot_slots[] = {
	{ "pm", PM_PROC_NR }, { "vfs", VFS_PROC_NR }, { "rs", RS_PROC_NR },
	{ "memory", MEM_PROC_NR }, { "sched", SCHED_PROC_NR }, { "tty", TTY_PROC_NR },
	{ "ds", DS_PROC_NR }, { "mfs", MFS_PROC_NR }, { "vm", VM_PROC_NR },
	{ "pfs", PFS_PROC_NR }, { "init", INIT_PROC_NR },
};
#define NR_BOOT_SLOTS ((int)(sizeof(boot_slots) / sizeof(boot_slots[0])))

/* The fixed slot of a boot service's module, or -1. */
static int
fixed_slot(const struct kinfo_module *mod)
{
	int k;

	for (k = 0; k < NR_BOOT_SLOTS; k++)
		if (is_module(mod, boot_slots[k].name))
			return boot_slots[k].slot;
	return -1;
}

/* Is slot taken by a boot service present in this boot? */
static int
slot_reserved(int slot)
{
	uint32_t i;

	for (i = 0; i < kinfo.mods_recorded; i++)
		if (fixed_slot(&kinfo.mods[i]) == slot)
			return 1;
	return 0;
}

/* If module index (data) is packed, unpack it above everything the loader placed and make
 * its entry the plain image's; panic if it does not fit in memory or does not unpack. */
static void
unpack_module(uint32_t index)
{
	struct kinfo_module *mod = &kinfo.mods[index];
	const struct imgpack_header *h = KP2V(mod->mod_start);
	uint32_t len = mod->mod_end - mod->mod_start, dst = kinfo.kern_phys_end, i;

	if (len < sizeof(*h) || h->magic != IMGPACK_MAGIC)
		return;
	for (i = 0; i < kinfo.mods_recorded; i++)
		if (kinfo.mods[i].mod_end > dst)
			dst = kinfo.mods[i].mod_end;
	dst = (dst + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (h->packed > len - sizeof(*h) || (uint64_t)dst + h->size > kernel_direct_top())
		panic("boot module %u: its packed image (%u bytes unpacked) does not fit",
		      index, h->size);
	if (imgpack_unpack(KP2V(dst), h->size, h + 1, h->packed) != 0)
		panic("boot module %u: its packed image is malformed", index);
	if (kinfo.packed_end == 0) {
		kinfo.packed_start = mod->mod_start;
		kinfo.packed_end = mod->mod_end;
	}
	mod->mod_start = dst;
	mod->mod_end = dst + h->size;
	kprintf("boot: module %u unpacked, %u bytes at 0x%08x\n", index, h->size, dst);
}

/*
 * Create a process for every boot module, then let them all run.  Boot services (pm, vfs,
 * rs, ..., vm, init) take their fixed slots, so their endpoints are the constants of
 * minnow/endpoint.h; any other module (test programs) takes the lowest slot left, in order.
 */
void
boot_image_load(void)
{
	uint32_t i, n = kinfo.mods_recorded;
	int slot = 0, have_vm = 0;

	for (i = 0; i < n; i++)
		if (is_data_module(&kinfo.mods[i]))
			unpack_module(i);
	phys_alloc_init(kernel_direct_top());
	for (i = 0; i < n; i++) {
		kinfo.mods[i].mod_slot = -1;
		have_vm |= is_vm_module(&kinfo.mods[i]);
		have_rs |= is_module(&kinfo.mods[i], "rs");
	}
	for (i = 0; i < n; i++) {
		int fixed = fixed_slot(&kinfo.mods[i]);

		if (is_data_module(&kinfo.mods[i])) {
			kprintf("boot: module %u is data, no process\n", i);
			continue;
		}
		if (fixed == VM_PROC_NR) {
			if (load_module(VM_PROC_NR, &kinfo.mods[i], 1) == OK) {
				make_vm(proc_addr(VM_PROC_NR));
				kinfo_page_set_flag(KIF_VM);
			}
			continue;
		}
		if (fixed < 0) {
			while (slot < NR_PROCS && (slot_reserved(slot) ||
			       !RTS_ISSET(proc_addr(slot), RTS_SLOT_FREE)))
				slot++;
			fixed = slot;
		}
		if (fixed < NR_PROCS)
			load_module(fixed, &kinfo.mods[i], !have_vm);
	}
	for (i = 0; i < n; i++)
		apply_module_masks(&kinfo.mods[i]);
	if (slot_reserved(PM_PROC_NR) && !RTS_ISSET(proc_addr(PM_PROC_NR), RTS_SLOT_FREE)) {
		/* PM runs: it manages user processes' signals, and libc exits through it */
		priv_table[USER_PRIV_ID].s_sig_mgr = PM_PROC_NR;
		bit_unset(priv_table[USER_PRIV_ID].s_k_call_mask, SYS_EXIT);
		kinfo_page_set_flag(KIF_PM);
	}
	if (slot_reserved(INIT_PROC_NR))	/* a real system: users print through tty */
		bit_unset(priv_table[USER_PRIV_ID].s_k_call_mask, SYS_DIAGCTL);
	if (slot_reserved(VFS_PROC_NR) && !RTS_ISSET(proc_addr(VFS_PROC_NR), RTS_SLOT_FREE))
		kinfo_page_set_flag(KIF_VFS);	/* file calls and exec go to VFS */
	for (i = 0; i < n; i++)
		if (kinfo.mods[i].mod_slot >= 0)
			RTS_UNSET(proc_addr(kinfo.mods[i].mod_slot), RTS_PROC_STOP);
	kinfo.kernel_pgdir_phys = KV2P(kernel_pgdir);
	kinfo.kinfo_page_phys = kinfo_page_phys();
	kinfo.direct_top = kernel_direct_top();
}
