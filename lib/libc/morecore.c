/*
 * morecore.c - where malloc() gets its memory: the program break.
 *
 * The allocator (malloc.c) asks for memory in large pieces through __libc_morecore() and
 * never gives it back, which is exactly the contract of the program break: grow it by
 * `bytes` (sbrk, through VM) and hand out the old break.  A process without VM (the
 * kernel's own tests load programs themselves) falls back to a fixed arena in the bss.
 * The arena costs nothing in programs that never call malloc: the linker only pulls this
 * file in when malloc.c is used.
 */
#include <stdint.h>
#include <unistd.h>
#include "libc_private.h"

/* Size of the fallback arena (processes without VM). */
#define ARENA_SIZE      (256 * 1024)
#define CORE_ALIGN      16

static char arena[ARENA_SIZE] __attribute__((aligned(CORE_ALIGN)));
static size_t arena_used;

void *
__libc_morecore(size_t bytes)
{
	void *p;

	bytes = (bytes + CORE_ALIGN - 1) & ~(size_t)(CORE_ALIGN - 1);
	if (bytes == 0)
		return NULL;
	p = sbrk((intptr_t)bytes);
	if (p != (void *)-1)
		return p;
	if (bytes > ARENA_SIZE - arena_used)
		return NULL;
	p = arena + arena_used;
	arena_used += bytes;
	return p;
}
