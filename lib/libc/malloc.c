/*
 * malloc.c - the memory allocator: malloc, free, calloc, realloc.
 *
 * Every block starts with a 16-byte header holding its size (header included, a multiple
 * of 16, so user pointers are 16-byte aligned).  Free blocks form one list in address
 * order, so free() can merge a block with both neighbours; malloc() takes the first free
 * block that is large enough and splits off the rest.  An allocated block's `next` holds a
 * marker, which lets free() catch pointers malloc never returned (and double frees).
 * When no free block fits, memory comes from __libc_morecore() (morecore.c) in pieces of at
 * least CORE_CHUNK bytes: the program break (brk via VM), or a static arena without VM.
 * Memory goes back to VM only when the program asks: malloc_trim() lowers the break over a
 * free block at its top (VFS does after an exec, whose program file it held whole).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc_private.h"

/* A block header: 16 bytes, keeping the memory after it 16-byte aligned. */
struct block {
	size_t size;            /* whole block in bytes, header included */
	struct block *next;     /* free: next free block (higher address); used: ALLOCATED */
	uint32_t pad[2];
};

#define HEADER          sizeof(struct block)
#define GRANULE         16
#define MIN_SPLIT       (2 * HEADER)            /* smallest remainder worth splitting off */
#define CORE_CHUNK      (16 * 1024)             /* least memory asked of morecore at once */
#define ALLOCATED       ((struct block *)(uintptr_t)0xA110CA7Eu)
#define TRIM_PAGE       4096                    /* malloc_trim gives back whole pages */

_Static_assert(sizeof(struct block) == GRANULE, "block header must be one granule");

static struct block *free_list;         /* lowest free block */

/* Block size needed for n user bytes, or 0 if that overflows. */
static size_t
block_size(size_t n)
{
	if (n > SIZE_MAX - HEADER - GRANULE)
		return 0;
	return (n + HEADER + GRANULE - 1) & ~(size_t)(GRANULE - 1);
}

/* Put b on the free list in address order, merging it with adjacent free blocks. */
static void
insert_free(struct block *b)
{
	struct block *prev = NULL, *cur = free_list;

	while (cur != NULL && cur < b)
		prev = cur, cur = cur->next;
	b->next = cur;
	if (cur != NULL && (char *)b + b->size == (char *)cur)
		b->size += cur->size, b->next = cur->next;
	if (prev == NULL)
		free_list = b;
	else if ((char *)prev + prev->size == (char *)b)
		prev->size += b->size, prev->next = b->next;
	else
		prev->next = b;
}

/* Take the first free block of at least `need` bytes off the list (split if large). */
static struct block *
take_first_fit(size_t need)
{
	for (struct block **link = &free_list; *link != NULL; link = &(*link)->next) {
		struct block *b = *link;

		if (b->size < need)
			continue;
		if (b->size - need >= MIN_SPLIT) {
			struct block *rest = (struct block *)((char *)b + need);

			rest->size = b->size - need;
			rest->next = b->next;
			*link = rest;
			b->size = need;
		} else {
			*link = b->next;
		}
		return b;
	}
	return NULL;
}

/* Add at least `need` bytes from morecore to the free list; 0 if there is none. */
static int
grow(size_t need)
{
	size_t bytes = need > CORE_CHUNK ? need : CORE_CHUNK;
	struct block *b = __libc_morecore(bytes);

	if (b == NULL && bytes > need)
		b = __libc_morecore(bytes = need);
	if (b == NULL)
		return 0;
	b->size = bytes;
	insert_free(b);
	return 1;
}

void *
malloc(size_t n)
{
	size_t need = block_size(n == 0 ? 1 : n);
	struct block *b;

	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	while ((b = take_first_fit(need)) == NULL) {
		if (!grow(need)) {
			errno = ENOMEM;
			return NULL;
		}
	}
	b->next = ALLOCATED;
	return b + 1;
}

/* The header of an allocated block, or abort() if p is not one. */
static struct block *
used_block(void *p, const char *caller)
{
	struct block *b = (struct block *)p - 1;

	if (((uintptr_t)p & (GRANULE - 1)) != 0 || b->next != ALLOCATED) {
		fprintf(stderr, "%s: %p was not allocated by malloc (or already freed)\n",
			caller, p);
		abort();
	}
	return b;
}

void
free(void *p)
{
	if (p != NULL)
		insert_free(used_block(p, "free"));
}

int
malloc_trim(size_t pad)
{
	struct block *last = free_list, **link = &free_list;
	size_t give, keep;
	char *end;

	if (last == NULL)
		return 0;
	while (last->next != NULL)
		link = &last->next, last = last->next;
	end = sbrk(0);
	if (end == (char *)-1 || (char *)last + last->size != end || last->size <= pad)
		return 0;
	give = (last->size - pad) & ~(size_t)(TRIM_PAGE - 1);
	keep = last->size - give;
	if (keep != 0 && keep < MIN_SPLIT)
		give = give > TRIM_PAGE ? give - TRIM_PAGE : 0, keep = last->size - give;
	if (give == 0 || sbrk(-(intptr_t)give) == (void *)-1)
		return 0;
	if (keep == 0)
		*link = NULL;
	else
		last->size = keep;
	return 1;
}

void *
calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

/* realloc(p, n): in place when the block is large enough (it is not shrunk), else move. */
void *
realloc(void *p, size_t n)
{
	struct block *b;
	void *q;

	if (p == NULL)
		return malloc(n);
	b = used_block(p, "realloc");
	if (block_size(n) != 0 && block_size(n) <= b->size)
		return p;
	q = malloc(n);
	if (q == NULL)
		return NULL;
	memcpy(q, p, b->size - HEADER);
	free(p);
	return q;
}
