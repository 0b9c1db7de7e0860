/**
 * @file fastcopy.h
 * @brief The i386 block copy and fill shared by the kernel's and libc's memcpy and memset.
 */
#ifndef MINNOW_FASTCOPY_H
#define MINNOW_FASTCOPY_H

#include <stddef.h>

/** Forward copy of @p n bytes: whole words with `rep movsl`, the rest with `rep movsb`.
 *  The ranges must not overlap.  Returns @p dst. */
static inline void *
fast_memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 4;

	__asm__ volatile("rep movsl\n\t"
			 "movl %3, %%ecx\n\t"
			 "rep movsb"
			 : "+D"(d), "+S"(src), "+c"(words)
			 : "r"(n % 4)
			 : "memory");
	return dst;
}

/** Copy one 64-byte message (sixteen words, `rep movsl`): fast_memcpy() without the tail
 *  of bytes a message never has.  The buffers must not overlap. */
static inline void
fast_msgcpy(void *dst, const void *src)
{
	unsigned words = 16;

	__asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
}

/** Fill @p n bytes at @p dst with byte @p c: whole words with `rep stosl`, the rest with
 *  `rep stosb` (one instruction per word: a message is cleared in about 20).  Returns
 *  @p dst. */
static inline void *
fast_memset(void *dst, int c, size_t n)
{
	void *d = dst;
	size_t words = n / 4;

	__asm__ volatile("rep stosl\n\t"
			 "movl %3, %%ecx\n\t"
			 "rep stosb"
			 : "+D"(d), "+c"(words)
			 : "a"((unsigned char)c * 0x01010101u), "r"(n % 4)
			 : "memory");
	return dst;
}

#endif /* MINNOW_FASTCOPY_H */
