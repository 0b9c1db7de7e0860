/**
 * @file strings.h
 * @brief BSD's string functions: bcopy(), bzero(), index(), rindex(), ffs() and the
 * case-insensitive comparisons strcasecmp() and strncasecmp() (in the C locale: only
 * 'A'..'Z' fold).
 */
#ifndef _POSIX_STRINGS_H
#define _POSIX_STRINGS_H

#include <stddef.h>

/** Copy @p n bytes from @p src to @p dst (they may overlap): memmove with the order of the
 *  arguments swapped. */
void bcopy(const void *src, void *dst, size_t n);
/** Set @p n bytes at @p s to 0. */
void bzero(void *s, size_t n);
/** Compare @p n bytes: 0 if equal, non-zero if not. */
int bcmp(const void *a, const void *b, size_t n);
/** strchr() by its older name. */
char *index(const char *s, int c);
/** strrchr() by its older name. */
char *rindex(const char *s, int c);
/** The position (1 = lowest) of the lowest bit set in @p i, or 0 if none is. */
int ffs(int i);
/** strcmp() ignoring the case of letters: <0, 0 or >0. */
int strcasecmp(const char *a, const char *b);
/** strncmp() ignoring the case of letters. */
int strncasecmp(const char *a, const char *b, size_t n);

#endif /* _POSIX_STRINGS_H */
