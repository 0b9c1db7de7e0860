/**
 * @file mmu.h
 * @brief i386 memory-management constants: the virtual layout, page-table bits, segments.
 *
 * Minnow's virtual memory layout (every address space, see handouts/boot.md):
 *
 *     0xFFFFFFFF +--------------------------------+
 *                | kernel: direct map of physical |  supervisor-only, global 4 MiB pages
 *                | memory, KERNBASE + phys        |
 *     0xF0000000 +--------------------------------+  KERNBASE
 *                | user space (per process)       |
 *     0x00000000 +--------------------------------+
 *
 * Segments are flat: every descriptor has base 0 and limit 4 GiB; only the privilege level
 * differs.  This header is shared by C and assembly.
 */
#ifndef MINNOW_I386_MMU_H
#define MINNOW_I386_MMU_H

/** Virtual address of physical address 0: where the kernel lives in every address space. */
#define KERNBASE        0xF0000000
/** Physical address the kernel image is loaded at (1 MiB). */
#define KERN_PHYS_BASE  0x00100000
/** Largest physical address the kernel direct-maps (the window above KERNBASE, less 4 MiB). */
#define KERN_DIRECT_MAX 0x0FC00000

/** Bytes in a small page. */
#define PAGE_SIZE       4096
/** Bytes in a big (PSE) page: the span of one page-directory entry. */
#define BIGPAGE_SIZE    0x400000
/** Page-directory index of a virtual address. */
#define PDX(va)         (((unsigned long)(va) >> 22) & 0x3FF)
/** Number of page-directory entries. */
#define NPDENTRIES      1024
#define NPTENTRIES      1024    /**< entries in a page table */

/* Page-directory / page-table entry bits. */
#define PTE_P           0x001   /**< present */
#define PTE_W           0x002   /**< writable */
#define PTE_U           0x004   /**< user-accessible */
#define PTE_PS          0x080   /**< 4 MiB page (in a PDE, with CR4.PSE) */
#define PTE_G           0x100   /**< global: survives CR3 reloads (with CR4.PGE) */

/* Control-register bits. */
#define CR0_PE          0x00000001      /**< protected mode */
#define CR0_WP          0x00010000      /**< supervisor writes honour read-only pages */
#define CR0_PG          0x80000000      /**< paging */
#define CR4_PSE         0x00000010      /**< 4 MiB pages */
#define CR4_PGE         0x00000080      /**< global pages */

/* GDT layout and selectors. */
#define GDT_NULL        0       /**< the null descriptor the CPU requires first */
#define GDT_KCODE       1       /**< ring-0 code, base 0, limit 4 GiB */
#define GDT_KDATA       2       /**< ring-0 data */
#define GDT_UCODE       3       /**< ring-3 code */
#define GDT_UDATA       4       /**< ring-3 data */
#define GDT_TSS         5       /**< the task-state segment (ring-0 stack for traps) */
#define GDT_ENTRIES     6       /**< descriptors in the GDT */
#define SEL_KCODE       (GDT_KCODE << 3)        /**< kernel code selector (RPL 0) */
#define SEL_KDATA       (GDT_KDATA << 3)        /**< kernel data selector (RPL 0) */
#define SEL_UCODE       ((GDT_UCODE << 3) | 3)  /**< user code selector (RPL 3) */
#define SEL_UDATA       ((GDT_UDATA << 3) | 3)  /**< user data selector (RPL 3) */
#define SEL_TSS         (GDT_TSS << 3)          /**< TSS selector, for ltr */

/* Interrupt vectors (MINIX numbering: 32 and 33 are kept for kernel calls and IPC). */
#define KERN_CALL_VECTOR 32     /**< `int $32`: kernel calls */
#define IPC_VECTOR       33     /**< `int $33`: IPC */
#define SYSENTER_VECTOR  0xFF   /**< not in the IDT: marks an IPC entered by sysenter */
#define IRQ0_VECTOR      0x50   /**< master PIC: IRQ 0..7 */
#define IRQ8_VECTOR      0x70   /**< slave PIC: IRQ 8..15 */
#define NR_IRQ_VECTORS   16     /**< PIC interrupt lines (IRQ 0..15) */

/** Kernel stack size of the boot CPU. */
#define KSTACK_SIZE     (4 * PAGE_SIZE)

#endif /* MINNOW_I386_MMU_H */
