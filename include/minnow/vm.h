/**
 * @file vm.h
 * @brief The VM protocol (message types VM_RQ_BASE + n) and its message layouts.
 *
 * VM owns physical memory and every page table.  The kernel reports page faults to it as
 * VM_PAGEFAULT messages sent on the faulting process's behalf (IPC status flag
 * IPC_FLG_MSG_FROM_KERNEL; VM never replies to them: it resolves the fault and releases the
 * process with sys_vmctl(VMCTL_CLEAR_PAGEFAULT), or kills it with sys_kill(SIGSEGV)).
 * VM_FORK, VM_EXIT and VM_STACK_LIMIT come from PM (the process in slot PM_PROC_NR) only:
 * EPERM otherwise.  A fault below the stack region grows the stack, up to the process's
 * stack limit (VM_STACK_LIMIT; USER_STACK_RLIMIT at first; kept by fork and exec).
 * VM_BRK moves the caller's own break: ENOMEM when memory runs out, EINVAL below the start
 * of its heap.  VM_MMAP maps zeroed memory below the stack (growing down); VM_MAP_PHYS maps
 * device memory the caller's privileges allow (sys_privctl ADD_MEM; else EPERM); VM_MUNMAP
 * removes exactly one such mapping (EINVAL otherwise).  Every request is answered with the
 * result in m_type.
 */
#ifndef MINNOW_VM_H
#define MINNOW_VM_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>

#define VM_EXIT         (VM_RQ_BASE + 0)        /**< a process's memory goes away */
#define VM_FORK         (VM_RQ_BASE + 1)        /**< copy a process's address space */
#define VM_BRK          (VM_RQ_BASE + 2)        /**< move the break */
#define VM_MMAP         (VM_RQ_BASE + 10)       /**< map anonymous memory */
#define VM_MAP_PHYS     (VM_RQ_BASE + 15)       /**< map device memory */
#define VM_MUNMAP       (VM_RQ_BASE + 17)       /**< unmap what VM_MMAP or VM_MAP_PHYS mapped */
#define VM_EXEC_NEWMEM  (VM_RQ_BASE + 20)       /**< VFS: empty a process for exec */
#define VM_EXEC_MAP     (VM_RQ_BASE + 21)       /**< VFS: map memory into the new image */
#define VM_EXEC_DONE    (VM_RQ_BASE + 22)       /**< VFS: seal the new image, set the break */
#define VM_INFO         (VM_RQ_BASE + 40)       /**< free and total pages */
#define VM_RS_UPDATE    (VM_RQ_BASE + 41)       /**< RS: swap two processes' slots (live
						     update, restart from a replica) */
#define VM_RS_MAKEVM    (VM_RQ_BASE + 59)       /**< RS: make process m_vm_update.src fit to
						     become VM (live update of VM): every page
						     of its regions present, VM's window on
						     physical memory mapped */
#define VM_RS_PIN       (VM_RQ_BASE + 60)       /**< RS: every page of RS's own present and
						     private (before a live update of VM) */
#define VM_REGION       (VM_RQ_BASE + 42)       /**< VFS: one region of a process (a core
						     file): mess_vm_exec endpt, addr = n
						     (0: the lowest); out addr, len, prot,
						     flags (VM_REGION_DEVICE); ENOENT past
						     the last, EINVAL for no process */
#define VM_SAFEMAP      (VM_RQ_BASE + 50)       /**< from the kernel: map granted pages */
#define VM_SAFEREVMAP   (VM_RQ_BASE + 51)       /**< from the kernel: a granter revokes maps */
#define VM_SAFEUNMAP    (VM_RQ_BASE + 52)       /**< from the kernel: a grantee unmaps */
#define VM_STACK_LIMIT  (VM_RQ_BASE + 53)       /**< PM: process endpt's RLIMIT_STACK is
						     now addr bytes (mess_vm_proc); EINVAL
						     for no process */
#define VM_SANITY       (VM_RQ_BASE + 61)       /**< root: run VM's bookkeeping checks now
						     (sanity.c): OK, or EIO with the first
						     inconsistency in mess_vm_sanity.why;
						     EPERM for a caller whose effective uid
						     is not 0; EAGAIN when PM is busy (ask
						     again) */
#define VM_PAGEFAULT    (VM_RQ_BASE + 0xff)     /**< from the kernel: a process faulted */

/** mess_vm_pagefault.err bit: not a CPU fault but a kernel copy that needs the page (a
 *  memory request): VM makes the page present if it can, and never punishes the process. */
#define VMPF_KERNEL_REQUEST 0x80000000u
/** With VMPF_KERNEL_REQUEST: a debugger's write (sys_trace T_SETINS/T_SETDATA): the page
 *  gets a copy of its own even in a read-only region (a breakpoint in text shared since a
 *  fork must not reach the other sharers); the kernel then writes it past its protection. */
#define VMPF_DEBUG          0x40000000u

/** VM_PAGEFAULT: built by the kernel. */
typedef struct {
	endpoint_t endpt;       /**< the process whose page it is (m_source: who waits for it) */
	uint32_t addr;          /**< the faulting address (CR2) */
	uint32_t err;           /**< the CPU's error code: bit 0 present, bit 1 write, bit 2 user */
	uint32_t eip;           /**< where it faulted */
	uint8_t padding[40];    /**< unused */
} mess_vm_pagefault;

/** VM_FORK (from PM): copy the parent's address space into a new process in slot. */
typedef struct {
	endpoint_t parent;      /**< the process to copy */
	int slot;               /**< the child's process slot (free) */
	endpoint_t child;       /**< out: the child's endpoint */
	uint32_t pages;         /**< out: pages copied */
	uint8_t padding[40];    /**< unused */
} mess_vm_fork;

/** VM_EXIT (from PM): the process's memory goes away; VM_BRK: move the caller's break;
 *  VM_STACK_LIMIT (from PM): endpt's stack limit in addr. */
typedef struct {
	endpoint_t endpt;       /**< VM_EXIT: the process */
	uint32_t addr;          /**< VM_BRK: the new break (0: just ask); out: the break */
	uint32_t pages;         /**< out (VM_EXIT): pages freed */
	uint8_t padding[44];    /**< unused */
} mess_vm_proc;

/** VM_RS_UPDATE (from RS): swap the processes @p src and @p dst (vm_update()). */
typedef struct {
	endpoint_t src;         /**< the old instance: its slot and endpoint stay known */
	endpoint_t dst;         /**< the new instance (not yet allowed to run) */
	uint8_t padding[48];    /**< unused */
} mess_vm_update;

/** VM_MMAP, VM_MAP_PHYS, VM_MUNMAP: a range of the caller's address space. */
typedef struct {
	uint32_t addr;          /**< MUNMAP: the start; out (MMAP, MAP_PHYS): where it went */
	uint32_t len;           /**< bytes (rounded up to whole pages; 0 is EINVAL) */
	int prot;               /**< MMAP: VM_PROT_WRITE or 0 (read-only) */
	int flags;              /**< MMAP: VM_MAP_CONTIG (physically contiguous, for DMA) */
	uint32_t phys;          /**< MAP_PHYS: the physical address (page-aligned) */
	uint32_t phys_out;      /**< out (MMAP with VM_MAP_CONTIG): the physical address */
	uint8_t padding[32];    /**< unused */
} mess_vm_mmap;
#define VM_PROT_WRITE   0x02    /**< the mapping is writable */
#define VM_MAP_CONTIG   0x01    /**< physically contiguous pages */
#define VM_MAP_LAZY     0x04    /**< pages appear (zeroed) when first touched */
#define VM_REGION_DEVICE 0x08   /**< VM_REGION out: device memory or a grant's pages, not
                                     the process's own */

/**
 * VM_EXEC_*: how VFS builds a new program's memory (only VFS may send them: EPERM).
 *  1. VM_EXEC_NEWMEM(endpt, len): every region of the process goes (the point of no return);
 *     but first len, the bytes the new segments need present at once, is checked: more
 *     pages than VM has free plus those the process has present is ENOMEM, nothing changed.
 *  2. VM_EXEC_MAP(endpt, addr, len, prot, flags) for each segment and the stack: a region of
 *     zero-filled memory at exactly [addr, addr+len) (page-aligned, else EINVAL; overlapping
 *     another region or reaching USER_TOP: EINVAL; no memory: ENOMEM).  Until VM_EXEC_DONE
 *     every such region is writable, so that VFS can fill it with sys_vircopy.
 *     VM_MAP_LAZY: pages appear when first touched (the stack).
 *  3. VM_EXEC_DONE(endpt, addr = the initial break): regions mapped without VM_PROT_WRITE
 *     become read-only; the break starts at addr (rounded up to a page).
 */
typedef struct {
	endpoint_t endpt;       /**< the process being exec'd */
	uint32_t addr;          /**< MAP: start; DONE: the initial break */
	uint32_t len;           /**< MAP: bytes; NEWMEM: bytes the segments need */
	int prot;               /**< MAP: VM_PROT_WRITE or 0 */
	int flags;              /**< MAP: VM_MAP_LAZY or 0 */
	uint8_t padding[36];    /**< unused */
} mess_vm_exec;

/**
 * VM_SAFEMAP, VM_SAFEREVMAP, VM_SAFEUNMAP: the kernel forwards a safemap kernel call
 * (SYS_SAFEMAP, SYS_SAFEREVMAP, SYS_SAFEUNMAP; kernel/system/do_safemap.c) to VM, sent on
 * the caller's behalf (m_source is the caller; IPC status IPC_FLG_MSG_FROM_KERNEL, else
 * VM answers EPERM).  The caller stays blocked (RTS_VMREQUEST) until VM finishes the call
 * with sys_vmctl(caller, VMCTL_KCALL_REPLY, result); VM never replies by message.  For
 * VM_SAFEMAP the kernel has already checked the grant: the caller may map
 * [owner_addr, owner_addr + bytes) of owner at its own address addr.
 */
typedef struct {
	endpoint_t owner;       /**< SAFEMAP: whose memory (the granter, or a magic grant's
				     process); REVMAP: the caller (the granter) */
	uint32_t owner_addr;    /**< SAFEMAP: first mapped byte in owner; REVMAP (ADDR): the
				     address whose mappings go */
	uint32_t addr;          /**< SAFEMAP, UNMAP: the mapping's start in the grantee */
	uint32_t bytes;         /**< SAFEMAP: its length (page multiple) */
	int flags;              /**< SAFEMAP: VM_PROT_WRITE or 0; REVMAP: SAFEREVMAP_GID/ADDR */
	endpoint_t granter;     /**< SAFEMAP: the granter the caller named (for revocation) */
	int32_t grant;          /**< SAFEMAP, REVMAP (GID): the grant id in granter's table */
	uint8_t padding[28];    /**< unused */
} mess_vm_safemap;

/** VM_INFO request flag: also count the present pages of process endpt (PM's ru_maxrss). */
#define VM_INFO_PROC    0x01

/** VM_INFO reply: VM's page counts (tests use them to prove nothing leaks). */
typedef struct {
	uint32_t free_pages;    /**< pages VM can still hand out */
	uint32_t total_pages;   /**< pages VM manages */
	uint32_t page_size;     /**< bytes per page */
	uint32_t flags;         /**< request: VM_INFO_PROC or 0 */
	endpoint_t endpt;       /**< request with VM_INFO_PROC: the process */
	uint32_t proc_pages;    /**< out with VM_INFO_PROC: endpt's present user pages (EINVAL
	                             for no process) */
	uint8_t padding[32];    /**< unused */
} mess_vm_info;

/** VM_SANITY reply: what was checked, and the first inconsistency found. */
typedef struct {
	uint32_t processes;     /**< processes whose regions and page tables were checked */
	uint32_t pages;         /**< mapped pages counted */
	char why[48];           /**< EIO: the first inconsistency, NUL-terminated (cut short) */
} mess_vm_sanity;

_Static_assert(sizeof(mess_vm_sanity) == 56, "layout size");
_Static_assert(sizeof(mess_vm_pagefault) == 56, "layout size");
_Static_assert(sizeof(mess_vm_info) == 56, "layout size");
_Static_assert(sizeof(mess_vm_fork) == 56, "layout size");
_Static_assert(sizeof(mess_vm_proc) == 56, "layout size");
_Static_assert(sizeof(mess_vm_update) == 56, "layout size");
_Static_assert(sizeof(mess_vm_mmap) == 56, "layout size");
_Static_assert(sizeof(mess_vm_exec) == 56, "layout size");
_Static_assert(sizeof(mess_vm_safemap) == 56, "layout size");

#endif /* MINNOW_VM_H */
