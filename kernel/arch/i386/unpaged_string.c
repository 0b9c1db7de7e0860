/*
 * unpaged_string.c - kernel/string.c compiled a second time, for the unpaged boot code.
 *
 * The unpaged objects' symbols are renamed __k_unpaged_*, so they cannot call the high
 * kernel's memset/memcpy; this gives them their own copies from the same source.
 */
#include "../../string.c"
