/*
 * posix_libc_data.c - the cases of the libc conformance test (posix_libc.c) about text,
 * numbers, files and names: scanf and printf, the time functions with known timestamps,
 * the string and sorting functions, strtoll, getopt_long, realpath, mkstemp, sysconf and
 * pathconf, the portable headers' macros (sys/syslimits.h, BSD's, among them), and the
 * terminal's names (ttyname, ctermid); the lookups of pwd.h and grp.h leave no descriptor
 * open.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <paths.h>
#include <pwd.h>
#include <grp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/syslimits.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include "posix_libc.h"

/* ---- scanf ---- */

static void
scanf_strings(void)
{
	int a = 0, b = 0, n = 0;
	unsigned x = 0;
	long long ll = 0;
	char w[16] = "", set[16] = "", c3[4] = "";

	CHECK(sscanf("  42 -7", "%d%d", &a, &b) == 2 && a == 42 && b == -7,
	      "sscanf %%d%%d skips white space and reads signs");
	CHECK(sscanf("0x1f 017 9", "%i %i %i", &a, &b, &n) == 3 && a == 31 && b == 15 && n == 9,
	      "%%i reads hex, octal and decimal");
	CHECK(sscanf("ff 777", "%x %o", &x, (unsigned *)&a) == 2 && x == 255 && a == 511,
	      "%%x and %%o");
	CHECK(sscanf("-9223372036854775807", "%lld", &ll) == 1 && ll == -9223372036854775807LL,
	      "%%lld reads 64 bits");
	CHECK(sscanf("12345", "%3d%d", &a, &b) == 2 && a == 123 && b == 45, "a width of 3");
	CHECK(sscanf("key=val;", "%15[^=]=%15[a-z]%n", w, set, &n) == 2 && !strcmp(w, "key") &&
	      !strcmp(set, "val") && n == 7, "%%[^=], %%[a-z] and %%n");
	CHECK(sscanf("abcdef", "%3c", c3) == 1 && !memcmp(c3, "abc", 3), "%%3c reads 3 chars");
	CHECK(sscanf("1 2 3", "%*d %d", &a) == 1 && a == 2, "%%*d assigns nothing");
	CHECK(sscanf("abc", "%d", &a) == 0, "a mismatch before any conversion gives 0");
	CHECK(sscanf("", "%d", &a) == EOF, "end of input before any conversion gives EOF");
	CHECK(sscanf("7 x", "%d %d", &a, &b) == 1, "a mismatch after one conversion gives 1");
	CHECK(sscanf("100%", "%d%%", &a) == 1 && a == 100, "%%%% matches a '%%'");
}

/* getline on f (rewound): both lines, then -1. */
static void
getline_case(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	rewind(f);
	CHECK(getline(&line, &cap, f) == 9 && !strcmp(line, "alpha 12\n") && cap >= 10,
	      "getline allocates and reads the first line with its newline");
	CHECK(getline(&line, &cap, f) == 9 && !strcmp(line, "0x20 end\n"), "getline goes on");
	CHECK(getline(&line, &cap, f) == -1, "getline at end of file is -1");
	free(line);
}

/* fgetpos/fsetpos, and freopen of f's file for reading. */
static void
reopen_case(FILE *f)
{
	char word[16] = "";
	fpos_t pos;
	int fd = fileno(f);

	rewind(f);
	CHECK(fscanf(f, "%15s", word) == 1 && fgetpos(f, &pos) == 0 && pos == 5,
	      "fgetpos after \"alpha\" is 5");
	CHECK(fscanf(f, "%15s", word) == 1 && fsetpos(f, &pos) == 0 &&
	      fscanf(f, "%15s", word) == 1 && !strcmp(word, "12"), "fsetpos goes back");
	CHECK(freopen(tmp("scan"), "r", f) == f && fileno(f) == fd, "freopen keeps the stream "
	      "and its descriptor");
	CHECK(fscanf(f, "%15s", word) == 1 && !strcmp(word, "alpha") && fputc('x', f) == EOF,
	      "the reopened stream reads from the start and is read-only");
}

static void
case_scanf_file(void)
{
	char word[16] = "";
	int a = 0, b = 0;
	FILE *f = fopen(tmp("scan"), "w+");

	CHECK(f != NULL, "fopen w+ of a scratch file");
	if (f == NULL)
		return;
	fprintf(f, "alpha 12\n0x20 end\n");
	rewind(f);
	CHECK(fscanf(f, "%15s %d", word, &a) == 2 && !strcmp(word, "alpha") && a == 12,
	      "fscanf reads a word and a number");
	CHECK(fscanf(f, "%x %15s", (unsigned *)&b, word) == 2 && b == 32 &&
	      !strcmp(word, "end"), "fscanf goes on at the next line");
	CHECK(fscanf(f, "%d", &a) == EOF, "fscanf at end of file gives EOF");
	getline_case(f);
	reopen_case(f);
	fclose(f);
	unlink(tmp("scan"));
}

void
case_scanf(void)
{
	scanf_strings();
	case_scanf_file();
}

/* ---- printf ---- */

void
case_printf(void)
{
	char buf[128], *s = NULL;
	int x;

	snprintf(buf, sizeof(buf), "%lld %llu", LLONG_MIN, ULLONG_MAX);
	CHECK_STR(buf, "-9223372036854775808 18446744073709551615", "%lld %llu");
	snprintf(buf, sizeof(buf), "%zu %zd %jd %hhd %hd", (size_t)4000000000u, (ssize_t)-3,
		 INTMAX_MAX, 300, 70000);
	CHECK_STR(buf, "4000000000 -3 9223372036854775807 44 4464", "%zu %zd %jd %hhd %hd");
	snprintf(buf, sizeof(buf), "%" PRId64 " %" PRIx32 " %" PRIuMAX, (int64_t)-1,
		 (uint32_t)0xbeef, (uintmax_t)7);
	CHECK_STR(buf, "-1 beef 7", "inttypes.h's PRId64 PRIx32 PRIuMAX");
	snprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	CHECK_STR(buf, "0x1234", "%p");
	snprintf(buf, sizeof(buf), "[%-6d][%06d][%+d][%#x][%.3s]", 5, -5, 5, 255, "abcdef");
	CHECK_STR(buf, "[5     ][-00005][+5][0xff][abc]", "flags, widths, precision");
	x = asprintf(&s, "%s-%d", "as", 12345);
	CHECK(x == 8 && s != NULL && !strcmp(s, "as-12345"), "asprintf allocates the text");
	free(s);
	CHECK(snprintf(buf, 4, "%d", 123456) == 6 && !strcmp(buf, "123"),
	      "snprintf truncates and returns the full length");
}

/* ---- time ---- */

void
case_time(void)
{
	time_t t = 951782400, u;        /* 2000-02-29 00:00:00 UTC, a Tuesday */
	struct tm tm, *p = gmtime(&t);
	char buf[128];

	CHECK(p != NULL && p->tm_year == 100 && p->tm_mon == 1 && p->tm_mday == 29 &&
	      p->tm_wday == 2 && p->tm_yday == 59, "gmtime(951782400) is Tue 2000-02-29");
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j %e %y %Z", p);
	CHECK_STR(buf, "2000-02-29 00:00:00 Tue Feb 060 29 00 UTC", "strftime");
	t = 1234567890;
	strftime(buf, sizeof(buf), "%c|%D|%T|%I %p|%G-W%V-%u|%s", gmtime(&t));
	CHECK_STR(buf, "Fri Feb 13 23:31:30 2009|02/13/09|23:31:30|11 PM|2009-W07-5|1234567890",
		  "strftime of 1234567890");
	CHECK_STR(asctime(gmtime(&t)), "Fri Feb 13 23:31:30 2009\n", "asctime");
	CHECK_STR(ctime(&t), "Fri Feb 13 23:31:30 2009\n", "ctime (UTC)");
	CHECK(localtime(&t)->tm_hour == 23, "localtime is UTC");
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 99, tm.tm_mon = 11, tm.tm_mday = 31, tm.tm_hour = 23, tm.tm_min = 59;
	tm.tm_sec = 60;                 /* one second past the end of 1999 */
	u = mktime(&tm);
	CHECK(u == 946684800 && tm.tm_year == 100 && tm.tm_mon == 0 && tm.tm_mday == 1 &&
	      tm.tm_sec == 0 && tm.tm_wday == 6, "mktime normalizes 1999-12-31 23:59:60 to "
	      "2000-01-01 00:00:00, a Saturday (got %ld)", (long)u);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 70, tm.tm_mon = 0, tm.tm_mday = 1;
	CHECK(mktime(&tm) == 0, "mktime of 1970-01-01 is 0");
	CHECK(strftime(buf, 3, "%Y", gmtime(&t)) == 0, "strftime that does not fit gives 0");
	t = time(NULL);
	CHECK(t > 1500000000, "time() is after 2017 (the RTC's date; got %ld)", (long)t);
}

/* ---- strings, sorting, names ---- */

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void
strings_bsd(void)
{
	char a[16] = "abcdef", b[16], *p, *tok, *save;
	char list[] = "x,,y", *lp = list;

	bzero(b, sizeof(b));
	bcopy(a, b, 3);
	CHECK(!strcmp(b, "abc"), "bcopy/bzero");
	CHECK(index(a, 'c') == a + 2 && rindex("abca", 'a') != NULL, "index/rindex");
	CHECK((p = memccpy(b, "xy:z", ':', 4)) == b + 3, "memccpy stops after ':'");
	CHECK(strlcpy(b, "toolongstring", 5) == 13 && !strcmp(b, "tool"), "strlcpy truncates");
	CHECK(strlcat(b, "XYZ", 6) == 7 && !strcmp(b, "toolX"), "strlcat truncates");
	CHECK(strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABx", "aby", 2) == 0 &&
	      strcasecmp("a", "B") < 0, "strcasecmp/strncasecmp");
	CHECK(!strcmp(strsep(&lp, ","), "x") && !strcmp(strsep(&lp, ","), "") &&
	      !strcmp(strsep(&lp, ","), "y") && lp == NULL, "strsep keeps empty fields");
	strcpy(a, "a b  c");
	tok = strtok_r(a, " ", &save);
	CHECK(tok && !strcmp(tok, "a") && !strcmp(strtok_r(NULL, " ", &save), "b") &&
	      !strcmp(strtok_r(NULL, " ", &save), "c") && !strtok_r(NULL, " ", &save),
	      "strtok_r");
	CHECK(ffs(0x50) == 5 && ffs(0) == 0, "ffs");
}

void
case_strings(void)
{
	int v[] = { 5, -2, 9, 0, 3, 3, -7 }, key = 9, missing = 4;
	char p1[] = "/usr/lib/", p2[] = "/usr/lib/", p3[] = "file", p4[] = "/";
	struct utsname u;

	strings_bsd();
	qsort(v, 7, sizeof(int), cmp_int);
	CHECK(v[0] == -7 && v[3] == 3 && v[6] == 9, "qsort sorts");
	CHECK(bsearch(&key, v, 7, sizeof(int), cmp_int) == &v[6] &&
	      bsearch(&missing, v, 7, sizeof(int), cmp_int) == NULL, "bsearch");
	CHECK_STR(basename(p1), "lib", "basename(\"/usr/lib/\")");
	CHECK_STR(dirname(p2), "/usr", "dirname(\"/usr/lib/\")");
	CHECK_STR(dirname(p3), ".", "dirname(\"file\")");
	CHECK_STR(basename(p4), "/", "basename(\"/\")");
	CHECK(uname(&u) == 0 && !strcmp(u.sysname, "Minnow") && !strcmp(u.machine, "i386"),
	      "uname");
}

/* ---- numbers ---- */

void
case_numbers(void)
{
	char *end;
	int first;

	errno = 0;
	CHECK(strtoll("-9223372036854775808", &end, 10) == LLONG_MIN && *end == '\0' &&
	      errno == 0, "strtoll of LLONG_MIN");
	CHECK(strtoll("9223372036854775808", NULL, 10) == LLONG_MAX && errno == ERANGE,
	      "strtoll overflow is LLONG_MAX, ERANGE");
	errno = 0;
	CHECK(strtoull("0xFFFFFFFFFFFFFFFF", NULL, 0) == ULLONG_MAX && errno == 0,
	      "strtoull base 0 hex");
	CHECK(strtoimax("-12", NULL, 10) == -12 && atoll("77") == 77, "strtoimax, atoll");
	CHECK(strtol("2147483648", NULL, 10) == LONG_MAX && errno == ERANGE,
	      "strtol keeps its 32-bit range");
	CHECK(div(-7, 2).quot == -3 && div(-7, 2).rem == -1 && ldiv(7L, -2L).quot == -3 &&
	      lldiv(-9LL, 4LL).rem == -1, "div/ldiv/lldiv truncate toward zero");
	srand(7);
	first = rand();
	srand(7);
	CHECK(rand() == first, "srand(seed) repeats the sequence");
	CHECK(first >= 0 && first <= RAND_MAX && rand() != rand(), "rand in 0..RAND_MAX");
	srandom(1);
	CHECK(random() >= 0, "random");
}

/* ---- getopt_long ---- */

void
case_getopt_long(void)
{
	static int flag;
	static const struct option opts[] = {
		{ "bee", required_argument, NULL, 'b' },
		{ "bar", no_argument, NULL, 'r' },
		{ "flag", no_argument, &flag, 7 },
		{ "opt", optional_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	char *argv[] = { "prog", "-a", "--bee=3", "--bee", "4", "--fl", "--opt", "--opt=v",
			 "-cd", "--ba", "--b", "--zzz", "rest", NULL };
	char seen[64] = "";
	int c, idx = -1, n = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(13, argv, "acd", opts, &idx)) != -1 && n < 60) {
		seen[n++] = c == 0 ? '0' : (char)c;
		if (c == 'b' || c == 'o')
			n += snprintf(seen + n, sizeof(seen) - (size_t)n, "%s",
				      optarg ? optarg : "-");
	}
	seen[n] = '\0';
	CHECK_STR(seen, "ab3b40o-ovcdr??", "getopt_long letters, =value, next word, flag, "
		  "optional, prefix, ambiguous and unknown");
	CHECK(flag == 7, "a flag option stores its value");
	CHECK(optind == 12 && !strcmp(argv[optind], "rest"), "optind at the first operand "
	      "(got %d)", optind);
	optind = 1;
	opterr = 1;
}

/* ---- realpath ---- */

void
case_realpath(void)
{
	char buf[PATH_MAX], *p;

	CHECK_STR(realpath("/tmp/../bin/./sh", buf), "/bin/sh", "realpath of /tmp/../bin/./sh");
	CHECK_STR(realpath("//tmp///", buf), "/tmp", "realpath of //tmp///");
	CHECK_STR(realpath("/", buf), "/", "realpath of /");
	chdir("/tmp");
	CHECK_STR(realpath(".", buf), "/tmp", "realpath of . in /tmp");
	CHECK_STR(realpath("../bin/sh", buf), "/bin/sh", "realpath of ../bin/sh in /tmp");
	chdir("/");
	p = realpath("/bin", NULL);
	CHECK(p != NULL && !strcmp(p, "/bin"), "realpath(path, NULL) allocates");
	free(p);
	errno = 0;
	CHECK(realpath("/nonexistent/x", buf) == NULL && errno == ENOENT,
	      "realpath of a missing path is ENOENT");
	errno = 0;
	CHECK(realpath("/bin/sh/x", buf) == NULL && errno == ENOTDIR,
	      "realpath through a file is ENOTDIR");
}

/* ---- mkstemp, mkdtemp, tmpfile ---- */

void
case_mkstemp(void)
{
	char t1[64], t2[64], d[64], buf[8] = "";
	struct stat st;
	int fd1, fd2, fd3;
	FILE *f;

	snprintf(t1, sizeof(t1), "%s", tmp("XXXXXX"));
	snprintf(t2, sizeof(t2), "%s", t1);
	fd1 = mkstemp(t1);
	fd2 = mkstemp(t2);
	CHECK(fd1 >= 0 && fd2 >= 0 && strcmp(t1, t2) != 0, "two mkstemp give two names");
	CHECK(strncmp(t1, tmp(""), strlen(tmp(""))) == 0 && !strstr(t1, "XXXXXX"),
	      "mkstemp replaced the X's (%s)", t1);
	CHECK(stat(t1, &st) == 0 && (st.st_mode & 0777) == 0600, "mkstemp's file has mode 0600");
	errno = 0;
	fd3 = open(t1, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd3 < 0 && errno == EEXIST, "O_EXCL on mkstemp's name is EEXIST");
	CHECK(write(fd1, "ok", 2) == 2, "mkstemp's descriptor is open for writing");
	errno = 0;
	CHECK(mkstemp(strcpy(d, "/tmp/noXs")) == -1 && errno == EINVAL,
	      "a template without XXXXXX is EINVAL");
	snprintf(d, sizeof(d), "%s", tmp("dXXXXXX"));
	CHECK(mkdtemp(d) == d && stat(d, &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 0777) == 0700, "mkdtemp makes a directory of mode 0700");
	f = tmpfile();
	CHECK(f != NULL && fputs("tmp", f) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	      fread(buf, 1, 3, f) == 3 && !strcmp(buf, "tmp"), "tmpfile reads back");
	if (f != NULL)
		fclose(f);
	close(fd1);
	close(fd2);
	unlink(t1);
	unlink(t2);
	rmdir(d);
}

/* ---- sysconf, pathconf ---- */

void
case_sysconf(void)
{
	errno = 0;
	CHECK(sysconf(_SC_OPEN_MAX) == OPEN_MAX && sysconf(_SC_PAGESIZE) == 4096 &&
	      sysconf(_SC_ARG_MAX) == ARG_MAX, "sysconf OPEN_MAX, PAGESIZE, ARG_MAX");
	CHECK(sysconf(_SC_VERSION) == 200809L, "sysconf(_SC_VERSION)");
	errno = 0;
	CHECK(sysconf(12345) == -1 && errno == EINVAL, "an unknown sysconf name is EINVAL");
	CHECK(pathconf("/", _PC_NAME_MAX) == NAME_MAX && pathconf("/", _PC_PATH_MAX) == PATH_MAX,
	      "pathconf NAME_MAX, PATH_MAX");
	CHECK(fpathconf(0, _PC_PIPE_BUF) == PIPE_BUF || errno == EBADF, "fpathconf PIPE_BUF");
	errno = 0;
	CHECK(pathconf("/nonexistent", _PC_NAME_MAX) == -1 && errno == ENOENT,
	      "pathconf of a missing file is ENOENT");
	errno = 0;
	CHECK(fpathconf(-1, _PC_NAME_MAX) == -1 && errno == EBADF, "fpathconf(-1) is EBADF");
}

/* ---- the portable headers' macros and types ---- */

void
case_headers(void)
{
	bool yes = true;
	int8_t i8 = INT8_MIN;
	uint64_t u64 = UINT64_MAX;
	char host[MAXHOSTNAMELEN];

	CHECK(yes && i8 == -128 && u64 == 18446744073709551615ULL, "stdbool.h, stdint.h");
	CHECK(offsetof(struct tm, tm_sec) == 0 && sizeof(int64_t) == 8, "stddef.h offsetof");
	CHECK(MIN(3, 4) == 3 && MAX(3, 4) == 4 && howmany(10, 4) == 3 && roundup(10, 4) == 12,
	      "sys/param.h MIN MAX howmany roundup");
	CHECK(!strcmp(_PATH_BSHELL, "/bin/sh") && access(_PATH_BSHELL, X_OK) == 0 &&
	      access(_PATH_DEVNULL, F_OK) == 0, "paths.h names what exists");
	CHECK(gethostname(host, sizeof(host)) == 0 && host[0] != '\0', "gethostname");
	CHECK(CLOCKS_PER_SEC == 1000000L, "CLOCKS_PER_SEC");
}

/* ttyname and ctermid: stdin is the console here (the shell's terminal). */
void
case_tty(void)
{
	char buf[L_ctermid], small[4], *name;
	int fd = open(tmp("tty"), O_RDWR | O_CREAT | O_TRUNC, 0600);

	name = ttyname(0);
	CHECK(name != NULL && !strncmp(name, "/dev/", 5) && strcmp(name, "/dev/tty") != 0,
	      "ttyname(0) names the terminal's /dev entry (got %s)", name ? name : "NULL");
	errno = 0;
	CHECK(ttyname(fd) == NULL && errno == ENOTTY, "ttyname of a file: NULL, ENOTTY");
	errno = 0;
	CHECK(ttyname(OPEN_MAX - 1) == NULL && errno == EBADF, "ttyname of a closed fd: EBADF");
	CHECK(ttyname_r(0, small, sizeof(small)) == ERANGE, "ttyname_r into 4 bytes: ERANGE");
	CHECK(ctermid(buf) == buf && !strcmp(buf, "/dev/tty") && !strcmp(ctermid(NULL), buf),
	      "ctermid: /dev/tty, into buf or a static buffer");
	CHECK(L_cuserid >= LOGIN_NAME_MAX, "L_cuserid holds a login name");
	close(fd);
	unlink(tmp("tty"));
}

/* The user and group lookups find their entries and close the file behind them: the lowest
 * free descriptor is the same before and after. */
void
case_pwd(void)
{
	int before = dup(0), after;
	struct passwd *p;
	struct group *g;

	close(before);
	p = getpwnam("root");
	CHECK(p != NULL && p->pw_uid == 0, "getpwnam(root) has uid 0");
	p = getpwuid(getuid());
	CHECK(p != NULL && getlogin() != NULL && !strcmp(getlogin(), p->pw_name),
	      "getlogin is the real user's name");
	g = getgrgid(0);
	CHECK(g != NULL && g->gr_gid == 0 && getgrnam(g->gr_name) != NULL,
	      "getgrgid(0), getgrnam of its name");
	after = dup(0);
	close(after);
	CHECK(after == before, "no descriptor left open by the lookups (lowest free fd %d, "
	      "was %d)", after, before);
}
