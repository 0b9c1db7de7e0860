/**
 * @file string.h
 * @brief Memory and string functions (C and POSIX, plus BSD's strlcpy/strlcat).
 *
 * The compiler may also call memcpy, memmove, memset and memcmp on its own (structure
 * copies), which is why every user program links libc.
 */
#ifndef _POSIX_STRING_H
#define _POSIX_STRING_H

#include <stddef.h>
#include <strings.h>

/** Copy @p n bytes from @p src to @p dst (must not overlap); returns @p dst. */
void *memcpy(void *dst, const void *src, size_t n);
/** Copy @p n bytes from @p src to @p dst, which may overlap; returns @p dst. */
void *memmove(void *dst, const void *src, size_t n);
/** Fill @p n bytes at @p dst with the byte @p c; returns @p dst. */
void *memset(void *dst, int c, size_t n);
/** Compare @p n bytes as unsigned chars: <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n);
/** The first byte equal to @p c in the @p n bytes at @p s, or NULL. */
void *memchr(const void *s, int c, size_t n);

/** Length of @p s, NUL excluded. */
size_t strlen(const char *s);
/** Length of @p s, but at most @p max. */
size_t strnlen(const char *s, size_t max);
/** Compare two strings as unsigned chars: <0, 0 or >0. */
int strcmp(const char *a, const char *b);
/** Compare at most @p n characters of two strings. */
int strncmp(const char *a, const char *b, size_t n);
/** Copy @p src, NUL included, to @p dst; returns @p dst. */
char *strcpy(char *dst, const char *src);
/** Copy at most @p n characters of @p src and pad with NULs to @p n (no NUL if @p src is
 *  that long); returns @p dst. */
char *strncpy(char *dst, const char *src, size_t n);
/** Copy @p src into @p dst of @p size bytes, always NUL-terminated if @p size > 0;
 *  returns strlen(@p src) (a result >= @p size means it was truncated). */
size_t strlcpy(char *dst, const char *src, size_t size);
/** Append @p src to the string in @p dst of @p size bytes, always NUL-terminated;
 *  returns the length the whole string would have had. */
size_t strlcat(char *dst, const char *src, size_t size);
/** Append @p src to @p dst; returns @p dst. */
char *strcat(char *dst, const char *src);
/** Append at most @p n characters of @p src, then a NUL, to @p dst; returns @p dst. */
char *strncat(char *dst, const char *src, size_t n);
/** The first @p c in @p s (the NUL counts as part of the string), or NULL. */
char *strchr(const char *s, int c);
/** The last @p c in @p s (the NUL counts as part of the string), or NULL. */
char *strrchr(const char *s, int c);
/** The first occurrence of @p needle in @p hay (@p hay itself if @p needle is empty), or NULL. */
char *strstr(const char *hay, const char *needle);
/** Length of the initial run of @p s made of characters in @p accept. */
size_t strspn(const char *s, const char *accept);
/** Length of the initial run of @p s made of characters not in @p reject. */
size_t strcspn(const char *s, const char *reject);
/** Split a string into tokens separated by characters of @p sep.  First call with the
 *  string in @p s, then with NULL; @p save keeps the position between calls.  Returns the
 *  next token (NUL-terminated in place) or NULL when there are no more. */
char *strtok_r(char *s, const char *sep, char **save);
/** A malloc'ed copy of @p s, or NULL (errno ENOMEM). */
char *strdup(const char *s);

/** The message for error number @p err ("No such file or directory"), or "Unknown error
 *  N" (in a static buffer). */
char *strerror(int err);
/** The first character of @p s that is in @p accept, or NULL. */
char *strpbrk(const char *s, const char *accept);
/** strtok_r() with a hidden save pointer (not reentrant). */
char *strtok(char *s, const char *sep);
/** Copy bytes of @p src to @p dst up to and including the first @p c, at most @p n:
 *  the byte after that @p c in @p dst, or NULL if it did not occur. */
void *memccpy(void *dst, const void *src, int c, size_t n);
/** strcpy() returning the end of @p dst (its NUL). */
char *stpcpy(char *dst, const char *src);
/** strncpy() returning the end of the copy in @p dst. */
char *stpncpy(char *dst, const char *src, size_t n);
/** A malloc'ed copy of at most @p n characters of @p s, NUL-terminated; NULL (ENOMEM). */
char *strndup(const char *s, size_t n);
/** The token at *@p sp up to a character of @p delim, which becomes a NUL; *@p sp moves
 *  past it (NULL after the last token).  Empty tokens count.  NULL if *@p sp is NULL. */
char *strsep(char **sp, const char *delim);
/** strcmp() (the C locale). */
int strcoll(const char *a, const char *b);
/** Copy @p src for strcmp() comparison (the C locale: as it is) into @p dst of @p n bytes;
 *  its length. */
size_t strxfrm(char *dst, const char *src, size_t n);

#endif /* _POSIX_STRING_H */
