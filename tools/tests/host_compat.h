/*
 * host_compat.h - forced (-include) into the host harnesses that compile inet's files
 * for the host (c_harness.py): what those files expect of Minnow's headers and libc
 * that glibc spells differently or lacks.
 */
#ifndef MINNOW_HOST_COMPAT_H
#define MINNOW_HOST_COMPAT_H

#include <stddef.h>
#include <string.h>
#include <netinet/in.h>

#undef IP_MTU   /* glibc's socket option; servers/inet/inet.h's is the link's MTU */

#if !__GLIBC_PREREQ(2, 38)
/* BSD's strlcpy (Minnow's libc has it; glibc only from 2.38). */
static inline size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}
#endif

#endif
