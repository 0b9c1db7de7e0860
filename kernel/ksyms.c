/*
 * ksyms.c - the kernel's own symbol table, for naming backtrace frames.
 *
 * Multiboot loaders do not hand the kernel its ELF symbol table, so the build links the
 * kernel twice: the first link's text symbols (nm -n) become build/kernel/ksyms.S, a sorted
 * table placed after all code, and the second link adds it.  Because the table comes after
 * .text, code addresses are the same in both links (the Makefile checks this).
 */
#include "kernel.h"

/** One symbol: its address and its NUL-terminated name. */
struct ksym {
	uint32_t ks_addr;
	const char *ks_name;
};

extern const struct ksym ksyms_table[];
extern const uint32_t ksyms_count;
extern char _etext[];

/* Name the function containing addr; return NULL if none does.  *offset gets addr - start. */
const char *
ksym_lookup(uint32_t addr, uint32_t *offset)
{
	uint32_t lo = 0, hi = ksyms_count;

	if (hi == 0 || addr < ksyms_table[0].ks_addr || addr >= (uint32_t)_etext)
		return NULL;
	while (hi - lo > 1) {	/* invariant: table[lo].addr <= addr < table[hi].addr */
		uint32_t mid = lo + (hi - lo) / 2;

		if (ksyms_table[mid].ks_addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksyms_table[lo].ks_addr;
	return ksyms_table[lo].ks_name;
}
