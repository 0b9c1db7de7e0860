/**
 * @file regex.h
 * @brief POSIX regular expressions: regcomp() compiles a basic (BRE) or extended (ERE)
 * pattern, regexec() finds its match in a string, regerror() names an error, regfree()
 * frees a compiled pattern.
 *
 * The match rule (handouts/libc.md, "Regular expressions"): the match is the leftmost one,
 * and of those starting there the longest (POSIX's rule for the whole match).  Among the
 * ways to match that same string, the subexpressions are those of the first way in order
 * of preference, earlier choices first: an alternation prefers its left branch, a
 * repetition prefers one more iteration to stopping; x{m,n} is m copies of x and n - m
 * optional ones, any of which may match the empty string, while x*, x+ and x{m,}'s loop
 * take an iteration that matches the empty string only as the loop's first, and stop after
 * it.  (POSIX's "each subexpression, left to right, the longest possible" differs for some
 * patterns: (a|ab)(c|bcd)(d*) on "abcd" gives \1 = 0-1 here.)  A
 * subexpression that took part several times reports its last time; one that took no part
 * reports -1, and so does one inside a repeated subexpression that did not take part in
 * that subexpression's last iteration.  The "C" locale only: characters are bytes, ranges
 * are byte values.  Back-references need a backtracking search, bounded by a step limit
 * (REG_ESPACE); every other pattern is matched in time linear in the string's length.
 */
#ifndef _POSIX_REGEX_H
#define _POSIX_REGEX_H

#include <sys/types.h>

/** A byte offset in the string given to regexec(), or -1. */
typedef ssize_t regoff_t;

struct re_prog;

/** A compiled regular expression. */
typedef struct {
	size_t re_nsub;                 /**< the number of parenthesized subexpressions */
	struct re_prog *re_prog;        /**< private: the compiled program (malloc'd) */
} regex_t;

/** Where a match or a subexpression's match starts and ends (-1, -1: it took no part). */
typedef struct {
	regoff_t rm_so;                 /**< offset of its first byte */
	regoff_t rm_eo;                 /**< offset of the byte after its last */
} regmatch_t;

/* regcomp() flags. */
#define REG_EXTENDED    1       /**< extended syntax (ERE) instead of basic (BRE) */
#define REG_ICASE       2       /**< letters match either case */
#define REG_NEWLINE     4       /**< '\\n' ends lines: . and [^x] skip it, ^ $ match at it */
#define REG_NOSUB       8       /**< regexec() reports only match or no match */

/* regexec() flags. */
#define REG_NOTBOL      1       /**< the string's start is not a line's start (^ fails there) */
#define REG_NOTEOL      2       /**< the string's end is not a line's end ($ fails there) */

/* Results of regcomp() and regexec(). */
#define REG_NOMATCH     1       /**< regexec() found no match */
#define REG_BADPAT      2       /**< invalid regular expression */
#define REG_ECOLLATE    3       /**< invalid collating element in [. .] */
#define REG_ECTYPE      4       /**< invalid character class name in [: :] */
#define REG_EESCAPE     5       /**< a '\\' at the end of the pattern */
#define REG_ESUBREG     6       /**< back-reference to a subexpression not yet closed */
#define REG_EBRACK      7       /**< '[' without its ']' */
#define REG_EPAREN      8       /**< unbalanced ( ) or \\( \\) */
#define REG_EBRACE      9       /**< unbalanced { } or \\{ \\} */
#define REG_BADBR       10      /**< invalid content of an interval */
#define REG_ERANGE      11      /**< invalid range end in a bracket expression */
#define REG_ESPACE      12      /**< out of memory, or the matcher's step limit reached */
#define REG_BADRPT      13      /**< '*', '+', '?' or an interval with nothing to repeat */

/** The largest count an interval {m,n} may give. */
#define RE_DUP_MAX      255

/**
 * Compile @p pattern into @p preg.
 * @param preg    where the compiled pattern goes (regfree() frees it)
 * @param pattern a BRE, or an ERE with REG_EXTENDED
 * @param cflags  REG_EXTENDED, REG_ICASE, REG_NOSUB, REG_NEWLINE or'ed
 * @return 0, or a REG_* error (then @p preg holds nothing to free)
 */
int regcomp(regex_t *preg, const char *pattern, int cflags);

/**
 * Find the leftmost-longest match of @p preg in @p string.
 * @param preg   a pattern compiled by regcomp()
 * @param string the NUL-terminated subject
 * @param nmatch how many entries @p pmatch has (ignored with REG_NOSUB)
 * @param pmatch filled with the match (entry 0) and subexpression i (entry i); entries past
 *               re_nsub get -1
 * @param eflags REG_NOTBOL, REG_NOTEOL or'ed
 * @return 0 on a match, REG_NOMATCH, or REG_ESPACE (out of memory or the step limit of a
 *         pattern with back-references)
 */
int regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t pmatch[],
	    int eflags);

/**
 * Describe error @p errcode in @p errbuf.
 * @param errcode     a result of regcomp() or regexec()
 * @param preg        the pattern it came from (unused here; may be NULL)
 * @param errbuf      receives the message, cut to @p errbuf_size - 1 bytes and terminated
 * @param errbuf_size the size of @p errbuf (0: nothing is written)
 * @return the size the whole message needs, its terminating NUL included
 */
size_t regerror(int errcode, const regex_t *preg, char *errbuf, size_t errbuf_size);

/** Free what regcomp() allocated for @p preg. */
void regfree(regex_t *preg);

#endif /* _POSIX_REGEX_H */
