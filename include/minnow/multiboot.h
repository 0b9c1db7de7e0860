/**
 * @file multiboot.h
 * @brief The Multiboot (version 1) boot protocol, as the kernel sees it.
 *
 * GRUB and QEMU's own `-kernel` loader both speak Multiboot 1.  The loader finds the
 * multiboot header in the first 8 KiB of the kernel image, loads the ELF segments at their
 * physical addresses, loads each boot module page-aligned after the kernel, and enters the
 * kernel in 32-bit protected mode with paging off, EAX = #MULTIBOOT_BOOTLOADER_MAGIC and
 * EBX = the physical address of a struct multiboot_info.  Only the fields Minnow reads are
 * named here; the layout follows the Multiboot 0.6.96 specification.
 */
#ifndef MINNOW_MULTIBOOT_H
#define MINNOW_MULTIBOOT_H

/** Magic number the kernel's multiboot header starts with. */
#define MULTIBOOT_HEADER_MAGIC      0x1BADB002
/** Header flag: load boot modules on page (4 KiB) boundaries. */
#define MULTIBOOT_PAGE_ALIGN        0x00000001
/** Header flag: pass the memory sizes and the memory map. */
#define MULTIBOOT_MEMORY_INFO       0x00000002
/** The flags Minnow's header asks for. */
#define MULTIBOOT_HEADER_FLAGS      (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)
/** Value a multiboot loader leaves in EAX when it enters the kernel. */
#define MULTIBOOT_BOOTLOADER_MAGIC  0x2BADB002

#ifndef __ASSEMBLER__
#include <stdint.h>

/** multiboot_info.flags bit: mem_lower/mem_upper are valid. */
#define MBI_MEMORY      (1u << 0)
/** multiboot_info.flags bit: cmdline is valid. */
#define MBI_CMDLINE     (1u << 2)
/** multiboot_info.flags bit: mods_count/mods_addr are valid. */
#define MBI_MODS        (1u << 3)
/** multiboot_info.flags bit: mmap_length/mmap_addr are valid. */
#define MBI_MEM_MAP     (1u << 6)

/** The boot information block the loader passes in EBX (physical addresses throughout). */
struct multiboot_info {
	uint32_t flags;         /**< which of the fields below are valid (MBI_*) */
	uint32_t mem_lower;     /**< KiB of memory below 1 MiB */
	uint32_t mem_upper;     /**< KiB of memory from 1 MiB to the first hole */
	uint32_t boot_device;   /**< BIOS boot device (unused) */
	uint32_t cmdline;       /**< physical address of the kernel command line */
	uint32_t mods_count;    /**< number of boot modules */
	uint32_t mods_addr;     /**< physical address of the first struct multiboot_module */
	uint32_t syms[4];       /**< a.out or ELF symbol information (unused) */
	uint32_t mmap_length;   /**< size in bytes of the memory map */
	uint32_t mmap_addr;     /**< physical address of the first struct multiboot_mmap_entry */
};

/** One boot module as the loader describes it. */
struct multiboot_module {
	uint32_t mod_start;     /**< physical address of the first byte */
	uint32_t mod_end;       /**< physical address one past the last byte */
	uint32_t string;        /**< physical address of the module's command line */
	uint32_t reserved;      /**< must be zero */
};

/** One memory map entry; @c size does not count itself. */
struct multiboot_mmap_entry {
	uint32_t size;          /**< size of the rest of this entry */
	uint64_t addr;          /**< physical start address */
	uint64_t len;           /**< length in bytes */
	uint32_t type;          /**< 1 = available RAM; anything else is reserved */
} __attribute__((packed));

/** multiboot_mmap_entry.type of usable RAM. */
#define MULTIBOOT_MEMORY_AVAILABLE 1

#endif /* !__ASSEMBLER__ */
#endif /* MINNOW_MULTIBOOT_H */
