/*
 * memory.c - the kernel's own page directory.
 *
 * The bootstrap page directory (pre_init.c) maps the kernel image twice: at its physical
 * address and at KERNBASE.  paging_init() replaces it with kernel_pgdir, which maps all
 * physical memory up to KERN_DIRECT_MAX at KERNBASE with 4 MiB global, supervisor-only pages
 * and nothing below KERNBASE.  Loading it drops the identity map, so from here on a stray
 * low address faults, and the low-linked boot code (kinfo.unpaged_start..end) is dead and may
 * be reused by the memory allocator.  Every process page directory copies the kernel's
 * entries of this directory (pt_new(): kernel/boot.c's for VM, and for every boot process
 * when no VM is booted; VM's own, servers/vm/pagetable.c, for everyone else).
 * paging_report_boot(), called just before paging_init(), prints what the bootstrap left:
 * EIP, ESP, the control registers and the kernel's two bootstrap PDEs.
 */
#include <minnow/kinfo.h>
#include "../../kernel.h"
#include "mmu.h"
#include "x86.h"

uint32_t kernel_pgdir[NPDENTRIES] __attribute__((aligned(PAGE_SIZE)));

/* Highest physical address of RAM the kernel maps, capped at KERN_DIRECT_MAX. */
uint32_t
kernel_direct_top(void)
{
	uint64_t top = 0x100000 + (uint64_t)kinfo.mem_upper_kb * 1024;
	uint32_t i;

	for (i = 0; i < kinfo.mmap_count; i++) {
		const struct kinfo_mmap *m = &kinfo.mmap[i];

		if (m->mm_type == 1 && m->mm_addr + m->mm_len > top)
			top = m->mm_addr + m->mm_len;
	}
	if (top < kinfo.kern_phys_end)
		top = kinfo.kern_phys_end;
	return top > KERN_DIRECT_MAX ? KERN_DIRECT_MAX : (uint32_t)top;
}

/*
 * Report how the boot left the machine, before paging_init() replaces the bootstrap page
 * directory: where this code really runs (EIP and ESP, read from the CPU), CR0, CR3 and
 * CR4, and the bootstrap directory's two entries for the kernel's first 4 MiB (the identity
 * one and the KERNBASE one), read through the high mapping at KERNBASE + CR3.  The grader
 * checks them against the boot lab's contract (kernel_runs_high in grader/tests/kernel.py).
 */
void
paging_report_boot(void)
{
	uint32_t eip, esp, cr3 = read_cr3();
	const volatile uint32_t *boot_dir = (const volatile uint32_t *)(KERNBASE + cr3);

	__asm__ volatile("call 1f\n1:\tpopl %0" : "=r"(eip));
	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	kprintf("paging: running at eip 0x%08x, esp 0x%08x\n", eip, esp);
	kprintf("paging: boot cr0=0x%08x cr3=0x%08x cr4=0x%08x pde[0x%03x]=0x%08x "
		"pde[0x%03x]=0x%08x\n", read_cr0(), cr3, read_cr4(),
		(uint32_t)PDX(KERN_PHYS_BASE), boot_dir[PDX(KERN_PHYS_BASE)],
		(uint32_t)PDX(KERNBASE + KERN_PHYS_BASE), boot_dir[PDX(KERNBASE + KERN_PHYS_BASE)]);
}

void
paging_init(void)
{
	uint32_t pa, top = kernel_direct_top();

	for (pa = 0; pa < top; pa += BIGPAGE_SIZE)
		kernel_pgdir[PDX(KERNBASE + pa)] = pa | PTE_P | PTE_W | PTE_PS | PTE_G;
	write_cr4(read_cr4() | CR4_PSE | CR4_PGE);
	write_cr3(KV2P(kernel_pgdir));
	kprintf("paging: %u MiB of physical memory mapped at 0x%08x\n",
		(top + BIGPAGE_SIZE - 1) / BIGPAGE_SIZE * 4, KERNBASE);
}
