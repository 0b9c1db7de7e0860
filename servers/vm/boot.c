/*
 * boot.c - VM builds the address spaces of the boot processes.
 *
 * The kernel created a process for every boot module but loaded only VM; the others wait
 * with RTS_BOOTINHIBIT, and kinfo says which module became which slot.  For each, VM makes
 * a page directory and a vmproc whose regions are the ELF segments, the stack and (empty at
 * first) the heap after the image, loads the ELF module (lib/libexec checks it and says what to map; VM
 * copies through its window on physical memory), maps a stack holding argc/argv (the words
 * of the module's string), installs the directory (sys_vmctl VMCTL_SETADDRSPACE), sets the
 * entry point and stack (sys_exec) and releases the process (VMCTL_BOOTINHIBIT_CLEAR).
 * Then the modules' own pages, now copied, become free memory (not a data module's: the
 * kernel made no process of it and the memory driver serves it), and so do those of the
 * packed copy of a data module the kernel unpacked at boot (kinfo.packed_start..end).  A module that is not a
 * loadable program is reported and its process killed; the rest of the system boots.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include <minnow/vmlayout.h>
#include "../../lib/libexec/libexec.h"
#include "glo.h"
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_W 0x002
#define PTE_U 0x004
#define MAX_ARGS 16

/* libexec callback: record [va, va+len) as a region and make its pages present, zeroed. */
static int
map_range(struct exec_info *ei, uint32_t va, uint32_t len, int writable)
{
	struct vmproc *vmp = ei->opaque;
	uint32_t flags = writable ? VR_WRITABLE : 0;
	int r;

	if ((r = region_add(vmp, va, len, flags)) != OK)
		return r;
	/* a page two segments share gets the union of their rights */
	return region_fill(vmp, va, len, region_find(vmp, va)->r_flags);
}

/* libexec callback: copy bytes into the new address space. */
static int
copy_in(struct exec_info *ei, uint32_t va, const void *src, uint32_t len)
{
	uint32_t pd = ((struct vmproc *)ei->opaque)->vm_pd, pa;
	const char *s = src;

	while (len > 0) {
		uint32_t chunk = PAGE - (va & (PAGE - 1));

		if (chunk > len)
			chunk = len;
		if (pt_lookup(pd, va, &pa) != OK)
			return -EFAULT;
		memcpy(phys_ptr(pa), s, chunk);
		va += chunk, s += chunk, len -= chunk;
	}
	return OK;
}

static int
build_stack(struct vmproc *vmp, char *argv[], uint32_t *sp)
{
	static uint8_t image[PAGE];
	struct exec_info ei = { .opaque = vmp };
	int r;

	r = map_range(&ei, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE, 1);
	if (r == OK)
		r = libexec_build_stack(argv, NULL, USER_STACK_TOP, image, sizeof(image), sp);
	if (r == OK)
		r = copy_in(&ei, *sp, image + sizeof(image) - (USER_STACK_TOP - *sp),
			    USER_STACK_TOP - *sp);
	return r;
}

/* Build and release the process that boot module mod became; OK or an error. */
static int
load_one(const struct kinfo_module *mod)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];
	endpoint_t ep = mod->mod_slot;	/* boot processes have generation 0 */
	uint32_t pd = pt_new(), sp;
	struct vmproc *vmp;
	struct exec_info ei = {
		.image = phys_ptr(mod->mod_start),
		.image_size = mod->mod_end - mod->mod_start,
		.alloc_map = map_range,
		.copy_to = copy_in,
	};
	int r;

	memcpy(buf, mod->mod_name, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	libexec_split_words(buf, argv, MAX_ARGS);
	if (pd == 0 || (vmp = vmp_new(ep, pd)) == NULL)
		return -ENOMEM;
	ei.opaque = vmp;
	if ((r = libexec_load_elf(&ei)) == OK && (r = build_stack(vmp, argv, &sp)) == OK &&
	    (r = sys_vmctl(ep, VMCTL_SETADDRSPACE, pd)) == OK &&
	    (r = sys_exec(ep, sp, ei.entry, NULL)) == OK)
		r = sys_vmctl(ep, VMCTL_BOOTINHIBIT_CLEAR, 0);
	if (r != OK) {
		vmp_free(vmp);
		return r;
	}
	vmp->vm_brk_start = vmp->vm_brk = ei.load_end;
	return OK;
}

void
boot_load_all(void)
{
	uint32_t i;

	for (i = 0; i < vm_kinfo.mods_recorded; i++) {
		const struct kinfo_module *mod = &vm_kinfo.mods[i];
		int r;

		if (mod->mod_slot < 0 || mod->mod_slot == VM_PROC_NR)
			continue;
		if ((r = load_one(mod)) != OK) {
			printf("vm: boot module %s not started: %s (error %d)\n", mod->mod_name,
			       r == -ENOEXEC ? "not an i386 ELF executable" : "cannot load", -r);
			sys_kill(mod->mod_slot, SIGKILL);
		}
	}
	/* Reclaim the programs' images; a data module (mod_slot -1: the root image the memory
	 * driver serves) keeps its pages. */
	for (i = 0; i < vm_kinfo.mods_recorded; i++)
		if (vm_kinfo.mods[i].mod_slot >= 0)
			free_range(vm_kinfo.mods[i].mod_start, vm_kinfo.mods[i].mod_end);
	if (vm_kinfo.packed_end > vm_kinfo.packed_start)
		free_range(vm_kinfo.packed_start, vm_kinfo.packed_end);
}
