/**
 * @file vmproc.h
 * @brief What VM knows about each process.
 *
 * vmproc.h - what VM knows about each process: its page directory and its regions.
 *
 * A region is a page-aligned range of a process's address space with the same rights
 * (VR_WRITABLE or not).  Every present page of a process lies inside one of its regions;
 * an address outside every region is a bad access (SIGSEGV).  Regions are kept in a list
 * sorted by address; they never overlap.  The heap ("break") is the region starting at
 * vm_brk_start, moved by VM_BRK.  The stack is the region that ends at USER_STACK_TOP; a
 * fault below it grows it down (stack_grow), up to vm_stack_limit (RLIMIT_STACK).
 */
#ifndef VM_VMPROC_H
#define VM_VMPROC_H

#include <stdint.h>
#include <minnow/endpoint.h>

/** Region flag: the process may write its pages. */
#define VR_WRITABLE 0x01
/** Region flag: made by VM_MMAP (VM_MUNMAP may remove it). */
#define VR_MMAP     0x02
/** Region flag: device memory (VM_MAP_PHYS): its pages are not VM's to free. */
#define VR_DIRECT   0x04
/** Region flag: mapped by VM_EXEC_MAP without VM_PROT_WRITE; read-only at VM_EXEC_DONE. */
#define VR_EXEC_RO  0x08
/** Region flag: another process's pages, mapped through a grant (safemap.c); not inherited
 *  by a forked child. */
#define VR_SAFEMAP  0x10

/** A range of a process's address space with one set of rights. */
struct vm_region {
	uint32_t r_start;		/**< first byte (page-aligned) */
	uint32_t r_len;			/**< bytes (a multiple of the page size) */
	uint32_t r_flags;		/**< VR_* */
	struct vm_region *r_next;	/**< next region up */
};

/** VM's record of one process. */
struct vmproc {
	int vm_inuse;			/**< slot in use */
	endpoint_t vm_endpoint;		/**< the process */
	uint32_t vm_pd;			/**< its page directory (physical) */
	struct vm_region *vm_regions;	/**< sorted by address */
	uint32_t vm_brk_start;		/**< where the heap starts (end of the loaded image) */
	uint32_t vm_brk;		/**< the current break (page-aligned) */
	uint32_t vm_stack_limit;	/**< RLIMIT_STACK: most bytes the stack region may span
					     (VM_STACK_LIMIT; kept by fork and exec) */
};

/** Indexed by process slot. */
extern struct vmproc vmproc[NR_PROCS];

/* region.c */
/** The vmproc of a live endpoint, or NULL. */
struct vmproc *vmp_of(endpoint_t e);
/** Start tracking process @p e with page directory @p pd; NULL if its slot is taken. */
struct vmproc *vmp_new(endpoint_t e, uint32_t pd);
/** Record a region (merged with any it overlaps or extends); OK, -EINVAL or -ENOMEM. */
int region_add(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t flags);
/** The region holding @p addr, or NULL. */
struct vm_region *region_find(struct vmproc *vmp, uint32_t addr);
/** Forget [start, end) at the top of the region holding it. */
void region_trim(struct vmproc *vmp, uint32_t start, uint32_t end);
/** Make every page of a range present with the given rights; OK or -ENOMEM. */
int region_fill(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t flags);
/** Give back every page, page table and the directory of a process. */
void vmp_free(struct vmproc *vmp);
/** Record exactly [start, start+len) as a region of its own (never merged); OK, -EINVAL
 *  (not page-aligned, not user memory, or it overlaps a region) or -ENOMEM. */
int region_insert(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t flags);
/** Does [start, end) overlap a region of @p vmp? */
int region_overlaps(struct vmproc *vmp, uint32_t start, uint32_t end);
/** Remove exactly the region [start, start+len) if it has all of @p need_flags; OK or -EINVAL. */
int region_remove(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t need_flags);
/** Grow the stack of @p vmp down to the page of @p addr if the limit and the guard gap
 *  allow: the grown region, or NULL (then @p addr is a bad access). */
struct vm_region *stack_grow(struct vmproc *vmp, uint32_t addr);
/** Present user pages of a process. */
uint32_t vmp_pages(struct vmproc *vmp);

#endif
