/*
 * pagetable.c - building page tables for other processes.
 *
 * The kernel maps all physical memory into VM's address space at VM_PHYS_WINDOW, so VM reads
 * and writes any page, page tables included, as plain memory (phys_ptr).  A new page
 * directory gets the kernel's entries (copied from the kernel's own directory, whose
 * physical address is in kinfo) and the kernel information page at KERNINFO_ADDR; the
 * kernel starts using it when VM calls sys_vmctl(VMCTL_SETADDRSPACE).  The window itself is
 * made of 4 MiB pages (PTE_PS) straight in the directory, never page tables: the kernel made
 * VM's, and pt_map_window() makes one for the new VM of a live update (update.c);
 * pt_is_table() tells the walkers of a directory to leave those entries alone.
 */
#include <minnow/errno.h>
#include <minnow/kerninfo.h>
#include <minnow/vmlayout.h>
#include "glo.h"
#include "proto.h"

#define PAGE 4096u
#define PDX(va) ((va) >> 22)
#define PTX(va) (((va) >> 12) & 0x3FF)
#define PTE_P 0x001
#define PTE_W 0x002
#define PTE_U 0x004
#define PTE_PS 0x080
#define BIGPAGE (4u << 20)
#define KERNEL_PDX PDX(USER_TOP)

void *
phys_ptr(uint32_t pa)
{
	return (void *)(VM_PHYS_WINDOW + pa);
}

/* A page directory with the kernel's mappings; 0 when out of memory. */
uint32_t
pt_new(void)
{
	uint32_t pd = alloc_page(), *dst, *src, i;

	if (pd == 0)
		return 0;
	dst = phys_ptr(pd);
	src = phys_ptr(vm_kinfo.kernel_pgdir_phys);
	for (i = KERNEL_PDX; i < 1024; i++)
		dst[i] = src[i];
	if (pt_map(pd, KERNINFO_ADDR, vm_kinfo.kinfo_page_phys, PTE_U) != OK) {
		free_page(pd);
		return 0;
	}
	return pd;
}

/* Map page va to pa in pd (flags: PTE_W, PTE_U); OK, -EINVAL or -ENOMEM. */
int
pt_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t flags)
{
	uint32_t *pde = (uint32_t *)phys_ptr(pd) + PDX(va), *pt;

	if (va >= USER_TOP || (va & (PAGE - 1)) || (pa & (PAGE - 1)))
		return -EINVAL;
	if (!(*pde & PTE_P)) {
		uint32_t ptpa = alloc_page();

		if (ptpa == 0)
			return -ENOMEM;
		*pde = ptpa | PTE_P | PTE_W | PTE_U;
	}
	pt = phys_ptr(*pde & ~(PAGE - 1));
	pt[PTX(va)] = pa | flags | PTE_P;
	return OK;
}

/* Map VM's window on physical memory [0, direct_top) into pd, as the kernel did in VM's. */
void
pt_map_window(uint32_t pd)
{
	uint32_t *dir = phys_ptr(pd), pa;

	for (pa = 0; pa < vm_kinfo.direct_top; pa += BIGPAGE)
		dir[PDX(VM_PHYS_WINDOW + pa)] = pa | PTE_P | PTE_W | PTE_U | PTE_PS;
}

/* The physical address behind va in pd, or -EFAULT. */
int
pt_lookup(uint32_t pd, uint32_t va, uint32_t *pa)
{
	uint32_t pde = ((uint32_t *)phys_ptr(pd))[PDX(va)], pte;

	if (!pt_is_table(pde))
		return -EFAULT;
	pte = ((uint32_t *)phys_ptr(pde & ~(PAGE - 1)))[PTX(va)];
	if (!(pte & PTE_P))
		return -EFAULT;
	*pa = (pte & ~(PAGE - 1)) | (va & (PAGE - 1));
	return OK;
}

/* Remove the mapping of page va in pd (the page itself is the caller's to free). */
void
pt_unmap(uint32_t pd, uint32_t va)
{
	uint32_t pde = ((uint32_t *)phys_ptr(pd))[PDX(va)];

	if (pt_is_table(pde))
		((uint32_t *)phys_ptr(pde & ~(PAGE - 1)))[PTX(va)] = 0;
}

/* The PTE flag bits (PTE_P, PTE_W, PTE_U) of page va in pd; 0 if it is not mapped. */
uint32_t
pt_flags(uint32_t pd, uint32_t va)
{
	uint32_t pde = ((uint32_t *)phys_ptr(pd))[PDX(va)];

	if (!pt_is_table(pde))
		return 0;
	return ((uint32_t *)phys_ptr(pde & ~(PAGE - 1)))[PTX(va)] & (PTE_P | PTE_W | PTE_U);
}
