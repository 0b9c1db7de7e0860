/*
 * morecore.c - where malloc() gets its memory: for now a fixed arena in the bss.
 *
 * The allocator (malloc.c) asks for memory in large pieces through __libc_morecore() and
 * never gives it back, which is exactly the contract of the program break.  When VM offers
 * brk (the VM_BRK request), this file becomes "grow the break by `bytes` and return the old
 * break" and malloc.c stays as it is.  The arena costs nothing in programs that never call
 * malloc: the linker only pulls this file in when malloc.c is used.
 */
#include <stdint.h>
#include "libc_private.h"

/* Size of the arena; every malloc'ed byte of a program comes from here for now. */
#define ARENA_SIZE      (256 * 1024)
#define CORE_ALIGN      16

static char arena[ARENA_SIZE] __attribute__((aligned(CORE_ALIGN)));
static size_t arena_used;

void *
__libc_morecore(size_t bytes)
{
	void *p;

	bytes = (bytes + CORE_ALIGN - 1) & ~(size_t)(CORE_ALIGN - 1);
	if (bytes == 0 || bytes > ARENA_SIZE - arena_used)
		return NULL;
	p = arena + arena_used;
	arena_used += bytes;
	return p;
}
