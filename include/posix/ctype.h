/**
 * @file ctype.h
 * @brief Character classes and case conversion, for the ASCII "C" locale only.
 *
 * Each function takes an int holding an unsigned char value or EOF (-1), as in C; values
 * outside 0..127 belong to no class.
 */
#ifndef _POSIX_CTYPE_H
#define _POSIX_CTYPE_H

/** Is @p c a letter (A-Z, a-z)? */
int isalpha(int c);
/** Is @p c a decimal digit? */
int isdigit(int c);
/** Is @p c a letter or a digit? */
int isalnum(int c);
/** Is @p c a hexadecimal digit (0-9, a-f, A-F)? */
int isxdigit(int c);
/** Is @p c white space (space, \\t, \\n, \\v, \\f, \\r)? */
int isspace(int c);
/** Is @p c a space or a tab? */
int isblank(int c);
/** Is @p c an upper-case letter? */
int isupper(int c);
/** Is @p c a lower-case letter? */
int islower(int c);
/** Is @p c a control character (0-31, 127)? */
int iscntrl(int c);
/** Is @p c printable, space included (32-126)? */
int isprint(int c);
/** Is @p c printable and not a space (33-126)? */
int isgraph(int c);
/** Is @p c punctuation (isgraph but not isalnum)? */
int ispunct(int c);
/** The upper-case form of @p c if it is a lower-case letter, else @p c. */
int toupper(int c);
/** The lower-case form of @p c if it is an upper-case letter, else @p c. */
int tolower(int c);

#endif /* _POSIX_CTYPE_H */
