/*
 * exec_stack.c - the initial stack of a new program (see libexec.h).
 *
 * From the stack pointer up: argc, the argv pointers and a NULL, the envp pointers and a
 * NULL, then the strings themselves, all below `top`.  The caller builds the image in its
 * own buffer and copies it into the new address space, so the same code serves the kernel
 * (boot processes without VM), VM (boot processes) and exec.  libexec_split_words() turns a
 * boot module's string into those argv words.
 */
#include <minnow/errno.h>
#include "libexec.h"

static size_t
str_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static int
count(char *const v[])
{
	int n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* Copy the strings of v downwards from *end; ptrs[i] gets each string's stack address. */
static int
put_strings(char *const v[], int n, uint8_t *buf, size_t *end, uint32_t top,
	    size_t bufsize, uint32_t *ptrs)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		size_t len = str_len(v[i]) + 1, k;

		if (len > *end)
			return -E2BIG;
		*end -= len;
		for (k = 0; k < len; k++)
			buf[*end + k] = (uint8_t)v[i][k];
		ptrs[i] = top - (uint32_t)(bufsize - *end);
	}
	return OK;
}

int
libexec_build_stack(char *const argv[], char *const envp[], uint32_t top,
		    uint8_t *buf, size_t bufsize, uint32_t *sp)
{
	int argc = count(argv), envc = count(envp), i, r;
	size_t end = bufsize, words = (size_t)argc + (size_t)envc + 3;
	uint32_t *w;

	if (argc + envc > 256)	/* keeps the pointer array small enough for a kernel stack */
		return -E2BIG;
	{
		uint32_t ptrs[argc + envc + 1];

		if ((r = put_strings(argv, argc, buf, &end, top, bufsize, ptrs)) != OK ||
		    (r = put_strings(envp, envc, buf, &end, top, bufsize, ptrs + argc)) != OK)
			return r;
		end &= ~(size_t)3;
		if (end < words * 4)
			return -E2BIG;
		end -= words * 4;
		w = (uint32_t *)(buf + end);
		*w++ = (uint32_t)argc;
		for (i = 0; i < argc; i++)
			*w++ = ptrs[i];
		*w++ = 0;
		for (i = 0; i < envc; i++)
			*w++ = ptrs[argc + i];
		*w = 0;
	}
	*sp = top - (uint32_t)(bufsize - end);
	return OK;
}

int
libexec_split_words(char *s, char *argv[], int max)
{
	int argc = 0;

	while (*s != '\0' && argc < max) {
		while (*s == ' ')
			*s++ = '\0';
		if (*s == '\0')
			break;
		argv[argc++] = s;
		while (*s != '\0' && *s != ' ')
			s++;
	}
	argv[argc] = NULL;
	return argc;
}
