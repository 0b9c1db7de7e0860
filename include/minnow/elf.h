/**
 * @file elf.h
 * @brief The parts of the 32-bit ELF format that program loading needs.
 */
#ifndef MINNOW_ELF_H
#define MINNOW_ELF_H

#include <stdint.h>

#define EI_NIDENT       16      /**< size of e_ident */
#define ELFMAG0         0x7f    /**< e_ident[0] */
#define ELFCLASS32      1       /**< e_ident[4]: 32-bit objects */
#define ELFDATA2LSB     1       /**< e_ident[5]: little-endian */
#define ET_EXEC         2       /**< e_type: executable */
#define EM_386          3       /**< e_machine: i386 */
#define PT_LOAD         1       /**< p_type: loadable segment */
#define PF_X            1       /**< p_flags: executable */
#define PF_W            2       /**< p_flags: writable */
#define PF_R            4       /**< p_flags: readable */

/** ELF file header. */
typedef struct {
	uint8_t e_ident[EI_NIDENT];     /**< magic, class, data encoding, version */
	uint16_t e_type;                /**< ET_EXEC, ... */
	uint16_t e_machine;             /**< EM_386 */
	uint32_t e_version;             /**< 1 */
	uint32_t e_entry;               /**< entry point */
	uint32_t e_phoff;               /**< program header table offset */
	uint32_t e_shoff;               /**< section header table offset */
	uint32_t e_flags;               /**< processor flags */
	uint16_t e_ehsize;              /**< size of this header */
	uint16_t e_phentsize;           /**< size of one program header */
	uint16_t e_phnum;               /**< number of program headers */
	uint16_t e_shentsize;           /**< size of one section header */
	uint16_t e_shnum;               /**< number of section headers */
	uint16_t e_shstrndx;            /**< section name string table index */
} Elf32_Ehdr;

/** ELF program header (a segment). */
typedef struct {
	uint32_t p_type;                /**< PT_LOAD, ... */
	uint32_t p_offset;              /**< file offset of the segment */
	uint32_t p_vaddr;               /**< virtual address */
	uint32_t p_paddr;               /**< physical address (ignored for programs) */
	uint32_t p_filesz;              /**< bytes in the file */
	uint32_t p_memsz;               /**< bytes in memory (the rest is zero) */
	uint32_t p_flags;               /**< PF_R, PF_W, PF_X */
	uint32_t p_align;               /**< alignment */
} Elf32_Phdr;

#endif /* MINNOW_ELF_H */
