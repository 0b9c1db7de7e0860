/*
 * regex_describe.c - one case of tools/tests/regex_harness.c, described in words the
 * harness compares.  tools/tests/test_regex.py compiles this file twice: as mn_describe()
 * against include/posix/regex.h with regcomp/regexec/regfree renamed mn_* (as
 * lib/libc/regcomp.c and regexec.c are compiled for the host), and as host_describe()
 * against glibc's <regex.h>.  Flag values and codes differ between the two; the words do
 * not.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

/* "E", "i", "n", "s" in flags: REG_EXTENDED, REG_ICASE, REG_NEWLINE, REG_NOSUB; "b", "e" in
 * eflags: REG_NOTBOL, REG_NOTEOL. */
static int
cflags_of(const char *f)
{
	return (strchr(f, 'E') ? REG_EXTENDED : 0) | (strchr(f, 'i') ? REG_ICASE : 0) |
	       (strchr(f, 'n') ? REG_NEWLINE : 0) | (strchr(f, 's') ? REG_NOSUB : 0);
}

/* The name of result code e. */
static const char *
code_name(int e)
{
	static const char *const names[] = {
		"0", "REG_NOMATCH", "REG_BADPAT", "REG_ECOLLATE", "REG_ECTYPE", "REG_EESCAPE",
		"REG_ESUBREG", "REG_EBRACK", "REG_EPAREN", "REG_EBRACE", "REG_BADBR",
		"REG_ERANGE", "REG_ESPACE", "REG_BADRPT",
	};
	static const int codes[] = {
		0, REG_NOMATCH, REG_BADPAT, REG_ECOLLATE, REG_ECTYPE, REG_EESCAPE, REG_ESUBREG,
		REG_EBRACK, REG_EPAREN, REG_EBRACE, REG_BADBR, REG_ERANGE, REG_ESPACE,
		REG_BADRPT,
	};

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i] == e)
			return names[i];
	return "unknown";
}

/* Run pattern (flags) over subject (eflags); describe the result in out: "comp=CODE", or
 * "nsub=N exec=CODE" followed by " (so,eo)" for pmatch[0..groups] (groups < 0: 0..re_nsub)
 * when it matched.  regexec() gets nmatch groups + 1 (10 if groups < 0). */
void
describe(const char *flags, const char *pattern, const char *subject, const char *eflags,
	    int groups, char *out, size_t size)
{
	regex_t re;
	regmatch_t m[10];
	int e = regcomp(&re, pattern, cflags_of(flags)), len;

	if (e != 0) {
		snprintf(out, size, "comp=%s", code_name(e));
		return;
	}
	e = regexec(&re, subject, groups < 0 ? 10 : groups + 1, m,
		    (strchr(eflags, 'b') ? REG_NOTBOL : 0) |
		    (strchr(eflags, 'e') ? REG_NOTEOL : 0));
	len = snprintf(out, size, "nsub=%d exec=%s", (int)re.re_nsub, code_name(e));
	if (groups < 0)
		groups = (int)re.re_nsub;
	for (int i = 0; e == 0 && !strchr(flags, 's') && i <= groups && i < 10; i++)
		len += snprintf(out + len, size - len, " (%d,%d)", (int)m[i].rm_so,
				(int)m[i].rm_eo);
	regfree(&re);
}

/* Checks of this implementation alone (the harness calls mn_regex_limits only): regerror()'s
 * size and truncation, REG_ESPACE for a pathological back-referencing pattern and for an
 * interval too big to compile, a long subject, REG_BADPAT from a freed pattern.  Describes
 * each as "name=ok" or "name=what-was-seen" in out. */
void
regex_limits(char *out, size_t size)
{
	char buf[8], full[128], subj[100001];
	regex_t re;
	size_t n = regerror(REG_EBRACK, NULL, full, sizeof(full)), len = 0;
	int e, ok = n == strlen(full) + 1 && n > 5 && regerror(REG_EBRACK, NULL, buf, 5) == n &&
		    strlen(buf) == 4 && strncmp(buf, full, 4) == 0 &&
		    regerror(REG_EBRACK, NULL, NULL, 0) == n;

	len += snprintf(out + len, size - len, "regerror=%s", ok ? "ok" : "wrong");
	memset(subj, 'a', 40);
	subj[40] = '\0';
	e = regcomp(&re, "(a*)(a*)(a*)(a*)(a*)\\5\\4\\3\\2\\1x", REG_EXTENDED);
	if (e == 0) {
		e = regexec(&re, subj, 0, NULL, 0);
		regfree(&re);
	}
	len += snprintf(out + len, size - len, " steps=%s",
			e == REG_ESPACE ? "ok" : code_name(e));
	e = regcomp(&re, "((a{255}){255}){2}", REG_EXTENDED);
	len += snprintf(out + len, size - len, " size=%s",
			e == REG_ESPACE ? "ok" : code_name(e));
	if (e == 0)
		regfree(&re);
	memset(subj, 'a', sizeof(subj) - 1);
	subj[sizeof(subj) - 1] = '\0';
	subj[sizeof(subj) - 2] = 'x';
	e = regcomp(&re, "(a|b)*x$", REG_EXTENDED);
	if (e == 0) {
		regmatch_t m[2];
		e = regexec(&re, subj, 2, m, 0);
		if (e == 0 && (m[0].rm_so != 0 || m[0].rm_eo != 100000 || m[1].rm_so != 99998))
			e = -1;
		regfree(&re);
	}
	len += snprintf(out + len, size - len, " long=%s", e == 0 ? "ok" : code_name(e));
	if ((e = regcomp(&re, "a", 0)) == 0) {
		regfree(&re);
		e = regexec(&re, "a", 0, NULL, 0);
	}
	snprintf(out + len, size - len, " freed=%s", e == REG_BADPAT ? "ok" : code_name(e));
}
