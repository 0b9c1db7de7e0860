/*
 * exec_elf.c - check an ELF executable and load its segments (see libexec.h).
 *
 * A file is accepted only if it is a 32-bit little-endian i386 executable whose program
 * headers and loadable segments lie inside the file, whose segments fit below USER_TOP
 * without wrapping and do not touch page 0, and whose entry point is inside a segment.
 * Anything else is ENOEXEC: a corrupt program must fail its exec, not crash the loader.
 */
#include <minnow/elf.h>
#include <minnow/errno.h>
#include <minnow/vmlayout.h>
#include "libexec.h"

#define PAGE 4096u

static int
check_header(const struct exec_info *ei, const Elf32_Ehdr *eh)
{
	uint32_t phend;

	if (ei->image_size < sizeof(*eh) || eh->e_ident[0] != ELFMAG0 ||
	    eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' || eh->e_ident[3] != 'F')
		return -ENOEXEC;
	if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_386)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 || eh->e_phnum > 64)
		return -ENOEXEC;
	phend = eh->e_phoff + (uint32_t)eh->e_phnum * sizeof(Elf32_Phdr);
	if (phend < eh->e_phoff || phend > ei->image_size)
		return -ENOEXEC;
	return OK;
}

static int
check_segment(const struct exec_info *ei, const Elf32_Phdr *ph)
{
	uint32_t fend = ph->p_offset + ph->p_filesz, mend = ph->p_vaddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz || fend < ph->p_offset || fend > ei->image_size)
		return -ENOEXEC;
	if (mend < ph->p_vaddr || mend > USER_TOP || ph->p_vaddr < PAGE)
		return -ENOEXEC;
	return OK;
}

static int
load_segment(struct exec_info *ei, const Elf32_Phdr *ph)
{
	uint32_t start = ph->p_vaddr & ~(PAGE - 1);
	uint32_t end = (ph->p_vaddr + ph->p_memsz + PAGE - 1) & ~(PAGE - 1);
	int r;

	r = ei->alloc_map(ei, start, end - start, (ph->p_flags & PF_W) != 0);
	if (r == OK && ph->p_filesz > 0)
		r = ei->copy_to(ei, ph->p_vaddr, ei->image + ph->p_offset, ph->p_filesz);
	if (r == OK && end > ei->load_end)
		ei->load_end = end;
	return r;
}

int
libexec_load_elf(struct exec_info *ei)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)ei->image;
	const Elf32_Phdr *ph;
	int i, r, entry_ok = 0;

	if ((r = check_header(ei, eh)) != OK)
		return r;
	ph = (const Elf32_Phdr *)(ei->image + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if ((r = check_segment(ei, &ph[i])) != OK)
			return r;
		if (eh->e_entry >= ph[i].p_vaddr && eh->e_entry < ph[i].p_vaddr + ph[i].p_memsz)
			entry_ok = 1;
	}
	if (!entry_ok)
		return -ENOEXEC;
	ei->load_end = 0;
	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && (r = load_segment(ei, &ph[i])) != OK)
			return r;
	ei->entry = eh->e_entry;
	return OK;
}
