/*
 * pre_init.c - unpaged boot: record the boot information, build the bootstrap page table.
 *
 * Runs right after head.S, with paging off, linked at its physical address.  Its symbols are
 * renamed __k_unpaged_* by the build, so it can touch only what the linker script bridges:
 *   kinfo            the high kernel's struct kinfo, at its *physical* address;
 *   _kern_phys_end   the physical end of the whole kernel image (bss included);
 *   _unpaged_start, _unpaged_end   the physical range of this low-linked code and data.
 *
 * pre_init() copies everything the kernel needs out of the multiboot information into kinfo
 * (strings included, since the loader's memory is not mapped later), then pre_init_paging()
 * builds the bootstrap page directory with 4 MiB pages:
 *   - an identity map of the kernel's physical range, so the instructions right after
 *     "paging on" in head.S still run;
 *   - the same physical range again at KERNBASE (0xF0000000), where the high kernel is linked.
 * kmain() later replaces this directory with the kernel's own and drops the identity map.
 */
#include <stddef.h>
#include <stdint.h>
#include <minnow/kinfo.h>
#include <minnow/multiboot.h>
#include "mmu.h"
#include "pre_init.h"

extern char _kern_phys_end[];	/* bridged by kernel.ld */
extern char _unpaged_start[], _unpaged_end[];

/* The bootstrap page directory (its symbol is renamed, so the name is private to boot). */
uint32_t boot_pgdir[NPDENTRIES] __attribute__((aligned(PAGE_SIZE)));

static void
copy_string(char *dst, uint32_t src_phys, size_t len)
{
	const char *src = (const char *)src_phys;
	size_t i = 0;

	if (src != NULL)
		for (; i + 1 < len && src[i] != '\0'; i++)
			dst[i] = src[i];
	dst[i] = '\0';
}

static void
record_mmap(const struct multiboot_info *mbi)
{
	uint32_t p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;

	while (p < end && kinfo.mmap_count < KINFO_MAX_MMAP) {
		const struct multiboot_mmap_entry *e = (const void *)p;
		struct kinfo_mmap *m = &kinfo.mmap[kinfo.mmap_count++];

		m->mm_addr = e->addr;
		m->mm_len = e->len;
		m->mm_type = e->type;
		p += e->size + sizeof(e->size);
	}
}

static void
record_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *mod = (const void *)mbi->mods_addr;
	uint32_t i;

	kinfo.mods_count = mbi->mods_count;
	for (i = 0; i < mbi->mods_count && i < KINFO_MAX_MODULES; i++) {
		kinfo.mods[i].mod_start = mod[i].mod_start;
		kinfo.mods[i].mod_end = mod[i].mod_end;
		copy_string(kinfo.mods[i].mod_name, mod[i].string, KINFO_MODNAME_LEN);
	}
	kinfo.mods_recorded = i;
}

static void
record_kinfo(const struct multiboot_info *mbi)
{
	if (mbi->flags & MBI_MEMORY) {
		kinfo.mem_lower_kb = mbi->mem_lower;
		kinfo.mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MBI_MEM_MAP)
		record_mmap(mbi);
	if (mbi->flags & MBI_MODS)
		record_modules(mbi);
	if (mbi->flags & MBI_CMDLINE)
		copy_string(kinfo.cmdline, mbi->cmdline, KINFO_CMDLINE_LEN);
	kinfo.kern_phys_start = KERN_PHYS_BASE;
	kinfo.kern_phys_end = (uint32_t)_kern_phys_end;
	kinfo.unpaged_start = (uint32_t)_unpaged_start;
	kinfo.unpaged_end = (uint32_t)_unpaged_end;
}

/*
 * Build the bootstrap page directory and return its physical address.  Every byte of the
 * kernel image (0 .. _kern_phys_end) must be reachable both at its physical address and at
 * KERNBASE + its physical address, using 4 MiB pages (PTE_PS), present and writable.
 * (noinline: so gdb can stop in it; hbreak __k_unpaged_pre_init_paging.)
 */
__attribute__((noinline)) uint32_t
pre_init_paging(void)
{
	/* LAB(boot) BEGIN: build the bootstrap page directory */
	uint32_t pa;

	for (pa = 0; pa < (uint32_t)_kern_phys_end; pa += BIGPAGE_SIZE) {
		boot_pgdir[PDX(pa)] = pa | PTE_P | PTE_W | PTE_PS;
		boot_pgdir[PDX(KERNBASE + pa)] = pa | PTE_P | PTE_W | PTE_PS;
	}
	return (uint32_t)boot_pgdir;
	/* LAB(boot) STUB */
	//~ lab_unimplemented_early("boot", "pre_init_paging(): build the bootstrap page directory");
	/* LAB(boot) END */
}

uint32_t
pre_init(uint32_t magic, struct multiboot_info *mbi)
{
	early_serial_init();
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		early_fatal("pre_init: not started by a multiboot loader (bad magic in EAX)");
	if ((uint32_t)_kern_phys_end > KERN_DIRECT_MAX)
		early_fatal("pre_init: kernel image too large for the direct map");
	record_kinfo(mbi);
	return pre_init_paging();
}
