/**
 * @file kinfo.h
 * @brief struct kinfo: everything the kernel learned at boot, in one place.
 *
 * The unpaged boot code (kernel/arch/i386/pre_init.c) fills this structure from the multiboot
 * information before paging is on, copying every string it will need, so that nothing refers
 * to the loader's memory afterwards.  The high kernel reads it and hands a copy to VM (which
 * loads the boot modules), RS and the memory driver through sys_getkinfo().  All addresses
 * are physical.
 */
#ifndef MINNOW_KINFO_H
#define MINNOW_KINFO_H

#include <stdint.h>

/** Most boot modules the kernel records. */
#define KINFO_MAX_MODULES       16
/** Most memory map entries the kernel records. */
#define KINFO_MAX_MMAP          32
/** Size of the kernel command line buffer, NUL included. */
#define KINFO_CMDLINE_LEN       512
/** Size of one module's name-and-arguments buffer, NUL included. */
#define KINFO_MODNAME_LEN       128

/** One boot module: where the loader put it and the string it was given. */
struct kinfo_module {
	uint32_t mod_start;                     /**< physical address of the first byte */
	uint32_t mod_end;                       /**< physical address one past the last byte */
	int32_t mod_slot;                       /**< the process slot it became (-1: none) */
	char mod_name[KINFO_MODNAME_LEN];       /**< the module's command line (path and arguments) */
};

/** One range of the physical memory map. */
struct kinfo_mmap {
	uint64_t mm_addr;                       /**< physical start */
	uint64_t mm_len;                        /**< length in bytes */
	uint32_t mm_type;                       /**< 1 = usable RAM (multiboot numbering) */
};

/** The boot information block. */
struct kinfo {
	uint32_t mem_lower_kb;                  /**< KiB of conventional memory (below 1 MiB) */
	uint32_t mem_upper_kb;                  /**< KiB of memory above 1 MiB */
	uint32_t mmap_count;                    /**< valid entries in @c mmap */
	struct kinfo_mmap mmap[KINFO_MAX_MMAP]; /**< the memory map */
	uint32_t mods_count;                    /**< modules the loader passed */
	uint32_t mods_recorded;                 /**< modules recorded in @c mods (at most KINFO_MAX_MODULES) */
	struct kinfo_module mods[KINFO_MAX_MODULES]; /**< the boot modules, in load order */
	char cmdline[KINFO_CMDLINE_LEN];        /**< the kernel command line (key=value words) */
	uint32_t kern_phys_start;               /**< first physical byte of the kernel image */
	uint32_t kern_phys_end;                 /**< physical end of the kernel image, bss included */
	uint32_t unpaged_start;                 /**< physical start of the low-linked boot code */
	uint32_t unpaged_end;                   /**< its end: reclaimable once the kernel runs high */
	uint32_t boot_alloc_start;              /**< pages the kernel gave boot processes start here */
	uint32_t boot_alloc_end;                /**< ... and end here (VM owns memory above) */
	uint32_t kernel_pgdir_phys;             /**< the kernel's page directory (entries to copy) */
	uint32_t kinfo_page_phys;               /**< the kernel information page (map at KERNINFO_ADDR) */
	uint32_t direct_top;                    /**< end of the RAM VM may hand out */
	uint32_t packed_start;                  /**< the packed copy of a module the kernel unpacked
						     (kernel/boot.c): VM frees its pages (0: none) */
	uint32_t packed_end;                    /**< ... and its end */
};

/** The kernel's one boot information block (filled before paging, read-only after kmain). */
extern struct kinfo kinfo;

#endif /* MINNOW_KINFO_H */
