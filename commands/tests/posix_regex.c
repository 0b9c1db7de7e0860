/*
 * posix_regex.c - <regex.h> conformance: /test/posix_regex, run by grader/tests/posix_libc.py
 * in posix_libc's boot (handouts/libc.md, "Regular expressions").  Every case prints PASS
 * or FAIL (the rule, what regexec or regcomp returned and the offsets), and a DONE line ends
 * the run.
 *
 * Cases: BRE literals, '.', '*' (literal first), intervals, anchors (literal in the
 * middle), \( \) groups and their regmatch_t offsets, back-references; ERE alternation,
 * + ? {m,n}, the leftmost-longest rule for the whole match and the rule for groups (last
 * iteration, a group of an untaken branch -1, an inner group of an earlier iteration -1),
 * bracket expressions with ranges, negation and classes; REG_ICASE, REG_NEWLINE,
 * REG_NOTBOL, REG_NOTEOL, REG_NOSUB, re_nsub, entries past re_nsub; every compile error;
 * regerror()'s size and truncation; patterns that take exponential time in a naive
 * backtracking matcher end quickly, and a back-referencing one stops with REG_ESPACE.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

/* regexec's result and offsets as "CODE so,eo so,eo ..." (pmatch[0..nsub]) in buf. */
static void
describe(int e, const regmatch_t *m, size_t n, char *buf, size_t size)
{
	size_t len = snprintf(buf, size, "%d", e);

	for (size_t i = 0; e == 0 && i < n; i++)
		len += snprintf(buf + len, size - len, " %d,%d", (int)m[i].rm_so,
				(int)m[i].rm_eo);
}

/* Case name: pattern (cflags) over subject (eflags) must give want: "0 so,eo ..." for a
 * match with its offsets (pmatch[0..re_nsub]), or the error code alone. */
static void
expect(const char *name, const char *pattern, int cflags, const char *subject, int eflags,
       const char *want)
{
	regex_t re;
	regmatch_t m[10];
	char got[200];
	int e = regcomp(&re, pattern, cflags);

	if (e != 0) {
		snprintf(got, sizeof(got), "%d", e);
	} else {
		e = regexec(&re, subject, 10, m, eflags);
		describe(e, m, re.re_nsub + 1 < 10 ? re.re_nsub + 1 : 10, got, sizeof(got));
		regfree(&re);
	}
	test_check(name, strcmp(got, want) == 0, "/%s/ on \"%s\": want \"%s\", got \"%s\"",
		   pattern, subject, want, got);
}

static void
case_bre(void)
{
	expect("posix_regex_bre_literal", "abc", 0, "xabcy", 0, "0 1,4");
	expect("posix_regex_bre_dot_star", "a.*c", 0, "xabcbcd", 0, "0 1,6");
	expect("posix_regex_bre_star_first_literal", "*a", 0, "x*a", 0, "0 1,3");
	expect("posix_regex_bre_interval", "a\\{2,3\\}", 0, "baaaa", 0, "0 1,4");
	expect("posix_regex_bre_anchors_literal_inside", "a^b$c", 0, "a^b$c", 0, "0 0,5");
	expect("posix_regex_bre_plus_is_literal", "a+", 0, "aa+", 0, "0 1,3");
	expect("posix_regex_bre_groups", "\\([a-z]*\\)=\\([0-9]*\\)", 0, "x key=42;", 0,
	       "0 2,8 2,5 6,8");
	expect("posix_regex_bre_backref", "\\(ab*\\)\\1", 0, "xabbabb", 0, "0 1,7 1,4");
	expect("posix_regex_bre_backref_whole", "^\\(.*\\)\\1$", 0, "abcabc", 0, "0 0,6 0,3");
	expect("posix_regex_bre_backref_fails", "\\(a\\)\\1", 0, "ab", 0, "1");
}

static void
case_ere(void)
{
	expect("posix_regex_ere_alternation", "cat|dog|bird", REG_EXTENDED, "hotdog", 0,
	       "0 3,6");
	expect("posix_regex_ere_plus_question", "ab+c?", REG_EXTENDED, "xabbbd", 0, "0 1,5");
	expect("posix_regex_ere_interval", "[0-9]{3}-[0-9]{4}", REG_EXTENDED, "tel 555-1234.",
	       0, "0 4,12");
	expect("posix_regex_ere_leftmost_longest", "x*|b", REG_EXTENDED, "bx", 0, "0 0,1");
	expect("posix_regex_ere_longest_alternative", "a|ab|abc", REG_EXTENDED, "abcd", 0,
	       "0 0,3");
	expect("posix_regex_ere_groups_first_way", "(a|ab)(c|bcd)(d*)", REG_EXTENDED, "abcd", 0,
	       "0 0,4 0,1 1,4 4,4");
	expect("posix_regex_ere_last_iteration", "(a|b)*", REG_EXTENDED, "abab", 0,
	       "0 0,4 3,4");
	expect("posix_regex_ere_untaken_group", "(a)|(b)", REG_EXTENDED, "b", 0,
	       "0 0,1 -1,-1 0,1");
	expect("posix_regex_ere_inner_group_cleared", "((a)|(b))+", REG_EXTENDED, "ab", 0,
	       "0 0,2 1,2 -1,-1 1,2");
	expect("posix_regex_ere_empty_iteration", "(a*)*", REG_EXTENDED, "b", 0, "0 0,0 0,0");
	expect("posix_regex_ere_anchors", "^(ab|a)$", REG_EXTENDED, "ab", 0, "0 0,2 0,2");
	expect("posix_regex_ere_backref", "([a-z]+) \\1", REG_EXTENDED, "say bye bye", 0,
	       "0 4,11 4,7");
	expect("posix_regex_ere_paren_literal", "a)", REG_EXTENDED, "(a)", 0, "0 1,3");
}

static void
case_brackets(void)
{
	expect("posix_regex_bracket_range", "[a-c]+", REG_EXTENDED, "xxbcad", 0, "0 2,5");
	expect("posix_regex_bracket_negated", "[^a-c]+", REG_EXTENDED, "abxyzc", 0, "0 2,5");
	expect("posix_regex_bracket_close_first", "[]a-]+", REG_EXTENDED, "x]a-]y", 0, "0 1,5");
	expect("posix_regex_bracket_classes", "[[:alpha:]]+[[:digit:]]+", REG_EXTENDED,
	       "--abc123--", 0, "0 2,8");
	expect("posix_regex_bracket_two_classes", "[[:upper:][:punct:]]+", REG_EXTENDED,
	       "abC!D?e", 0, "0 2,6");
	expect("posix_regex_bracket_not_alnum", "[^[:alnum:]]+", REG_EXTENDED, "ab  ,cd", 0,
	       "0 2,5");
	expect("posix_regex_bracket_space_xdigit", "[[:space:]][[:xdigit:]]+", REG_EXTENDED,
	       "x\t0fAg", 0, "0 1,5");
	expect("posix_regex_bracket_collating", "[[.-.][=a=]]+", REG_EXTENDED, "b-a-c", 0,
	       "0 1,4");
}

static void
case_flags(void)
{
	expect("posix_regex_icase", "hello", REG_ICASE, "Say HeLLo", 0, "0 4,9");
	expect("posix_regex_icase_set", "[a-c]+", REG_EXTENDED | REG_ICASE, "xAbCd", 0,
	       "0 1,4");
	expect("posix_regex_icase_backref", "(a)\\1", REG_EXTENDED | REG_ICASE, "xaA", 0,
	       "0 1,3 1,2");
	expect("posix_regex_dot_newline", "a.b", REG_EXTENDED, "a\nb", 0, "0 0,3");
	expect("posix_regex_newline_dot", "a.b", REG_EXTENDED | REG_NEWLINE, "a\nb", 0, "1");
	expect("posix_regex_newline_negated_set", "a[^x]b", REG_EXTENDED | REG_NEWLINE, "a\nb",
	       0, "1");
	expect("posix_regex_newline_bol", "^b", REG_EXTENDED | REG_NEWLINE, "a\nb", 0, "0 2,3");
	expect("posix_regex_newline_eol", "a$", REG_EXTENDED | REG_NEWLINE, "a\nb", 0, "0 0,1");
	expect("posix_regex_no_newline_bol", "^b", REG_EXTENDED, "a\nb", 0, "1");
	expect("posix_regex_notbol", "^a", REG_EXTENDED, "ab", REG_NOTBOL, "1");
	expect("posix_regex_notbol_newline", "^a", REG_EXTENDED | REG_NEWLINE, "b\na",
	       REG_NOTBOL, "0 2,3");
	expect("posix_regex_noteol", "b$", REG_EXTENDED, "ab", REG_NOTEOL, "1");
}

/* REG_NOSUB, re_nsub, pmatch entries past re_nsub. */
static void
case_nosub(void)
{
	regex_t re;
	regmatch_t m[4] = { { 77, 77 }, { 77, 77 }, { 77, 77 }, { 77, 77 } };
	int e = regcomp(&re, "a(b)", REG_EXTENDED | REG_NOSUB);

	if (e == 0) {
		e = regexec(&re, "xab", 4, m, 0);
		test_check("posix_regex_nosub", e == 0 && re.re_nsub == 1 && m[0].rm_so == 77,
			   "REG_NOSUB: a match (%d), re_nsub 1 (%d), pmatch untouched (%d)", e,
			   (int)re.re_nsub, (int)m[0].rm_so);
		regfree(&re);
	}
	test_check("posix_regex_nosub_compiles", e == 0, "regcomp a(b) REG_NOSUB: %d", e);
	if ((e = regcomp(&re, "\\(a\\)(b)", 0)) == 0) {
		e = regexec(&re, "xa(b)", 4, m, 0);
		test_check("posix_regex_past_nsub", e == 0 && re.re_nsub == 1 &&
			   m[1].rm_so == 1 && m[2].rm_so == -1 && m[2].rm_eo == -1 &&
			   m[3].rm_so == -1,
			   "entries past re_nsub (1, got %d) are -1: %d,%d", (int)re.re_nsub,
			   (int)m[2].rm_so, (int)m[2].rm_eo);
		regfree(&re);
	}
}

static void
case_errors(void)
{
	char want[8];
	static const struct { const char *name, *pattern; int cflags, code; } errs[] = {
		{ "posix_regex_err_ebrace", "a\\{1", 0, REG_EBRACE },
		{ "posix_regex_err_badbr", "a{2,1}", REG_EXTENDED, REG_BADBR },
		{ "posix_regex_err_badbr_max", "a{256}", REG_EXTENDED, REG_BADBR },
		{ "posix_regex_err_ebrack", "[a", REG_EXTENDED, REG_EBRACK },
		{ "posix_regex_err_eparen_ere", "(a", REG_EXTENDED, REG_EPAREN },
		{ "posix_regex_err_eparen_bre", "a\\)", 0, REG_EPAREN },
		{ "posix_regex_err_ectype", "[[:foo:]]", 0, REG_ECTYPE },
		{ "posix_regex_err_ecollate", "[[.ab.]]", 0, REG_ECOLLATE },
		{ "posix_regex_err_eescape", "a\\", 0, REG_EESCAPE },
		{ "posix_regex_err_esubreg", "(a)\\2", REG_EXTENDED, REG_ESUBREG },
		{ "posix_regex_err_esubreg_open", "\\(a\\1\\)", 0, REG_ESUBREG },
		{ "posix_regex_err_erange", "[z-a]", 0, REG_ERANGE },
		{ "posix_regex_err_badrpt_ere", "*a", REG_EXTENDED, REG_BADRPT },
		{ "posix_regex_err_badrpt_bre", "a**", 0, REG_BADRPT },
	};

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		snprintf(want, sizeof(want), "%d", errs[i].code);
		expect(errs[i].name, errs[i].pattern, errs[i].cflags, "", 0, want);
	}
}

static void
case_regerror(void)
{
	char full[100], small[6];
	size_t n = regerror(REG_EPAREN, NULL, full, sizeof(full));

	test_check("posix_regex_regerror", n == strlen(full) + 1 && n > 6 &&
		   regerror(REG_EPAREN, NULL, small, sizeof(small)) == n &&
		   strlen(small) == 5 && strncmp(small, full, 5) == 0 &&
		   regerror(REG_EPAREN, NULL, NULL, 0) == n && regerror(REG_NOMATCH, NULL, full,
		   sizeof(full)) > 1, "regerror: size %u of \"%s\", cut to \"%s\"", (unsigned)n,
		   full, small);
}

/* Patterns that a naive backtracking matcher takes exponential time over. */
static void
case_pathological(void)
{
	char *s = malloc(3001);

	memset(s, 'a', 3000);
	s[3000] = '\0';
	expect("posix_regex_nested_star_ends", "(a*)*b", REG_EXTENDED, s, 0, "1");
	expect("posix_regex_nested_plus_ends", "(a|aa)+$", REG_EXTENDED, s, 0,
	       "0 0,3000 2999,3000");
	s[40] = '\0';
	snprintf(s + 100, 10, "%d", REG_ESPACE);
	expect("posix_regex_backref_step_limit", "(a*)(a*)(a*)(a*)(a*)\\5\\4\\3\\2\\1x",
	       REG_EXTENDED, s, 0, s + 100);
	free(s);
}

int
main(int argc, char **argv)
{
	test_init("posix_regex", argc, argv);
	case_bre();
	case_ere();
	case_brackets();
	case_flags();
	case_nosub();
	case_errors();
	case_regerror();
	case_pathological();
	return test_done();
}
