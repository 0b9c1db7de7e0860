/*
 * string.c - the kernel's string and memory functions: libc's own (lib/libc/string.c),
 * compiled with the kernel's flags.  The kernel uses memcpy, memmove, memset, memcmp,
 * strlen, strcmp and strncmp (declared in kernel.h); the compiler may call memcpy/memset.
 */
#include "../lib/libc/string.c"
