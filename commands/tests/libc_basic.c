/*
 * libc_basic.c - checks of the user C library: formatting, number parsing, strings, the
 * allocator, ctype.
 *
 * Grader: the libc test boots it alone, as a user or a system process:
 *     libc_basic priv=user
 * and expects PASS for every case, no FAIL, and "DONE libc_basic ...".  It needs only the
 * console (sys_diagctl) and exit.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testlib.h"

/* Format with snprintf and compare with `want`. */
#define CHECK_FMT(name, want, ...) do { \
	char buf_[96]; \
	int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__); \
	test_check(name, strcmp(buf_, want) == 0 && n_ == (int)strlen(want), \
		"got \"%s\" (%d), want \"%s\"", buf_, n_, want); \
} while (0)

static void
format_cases(void)
{
	char small[8], *volatile null_string = NULL;    /* volatile: gcc must not see NULL */
	int n;

	CHECK_FMT("libc_printf_int", "42 -7 +5  3", "%d %i %+d % d", 42, -7, 5, 3);
	CHECK_FMT("libc_printf_width", "[   42][42   ][00042][-0042]", "[%5d][%-5d][%05d][%05d]",
		42, 42, 42, -42);
	CHECK_FMT("libc_printf_prec", "[  007][ab][(null)]", "[%5.3d][%.2s][%s]", 7, "abc",
		null_string);
	CHECK_FMT("libc_printf_hex", "ff FF 0xff 17 017 0", "%x %X %#x %o %#o %x", 255, 255, 255,
		15, 15, 0);
	CHECK_FMT("libc_printf_long", "-2147483648 4294967295 18446744073709551615",
		"%ld %lu %llu", (long)INT_MIN, 4294967295ul, 18446744073709551615ull);
	CHECK_FMT("libc_printf_lld", "-9000000000 123456789abc", "%lld %llx", -9000000000ll,
		0x123456789abcull);
	CHECK_FMT("libc_printf_misc", "c|%|0x10|  x|ab", "%c|%%|%p|%*s|%.*s", 'c',
		(void *)0x10, 3, "x", 2, "abc");
	CHECK_FMT("libc_printf_hh", "-1 255 65535", "%hhd %hhu %hu", 255, 255, 65535);
	n = snprintf(small, sizeof(small), "%s", "truncated");
	test_check("libc_snprintf_truncate", n == 9 && strcmp(small, "truncat") == 0,
		"got \"%s\" (%d)", small, n);
}

static void
number_cases(void)
{
	char *end;
	long v;

	test_check("libc_atoi", atoi("  -123xyz") == -123, "atoi gave %d", atoi("  -123xyz"));
	v = strtol("0x1fg", &end, 0);
	test_check("libc_strtol_hex", v == 31 && *end == 'g', "got %ld, end \"%s\"", v, end);
	v = strtol("0755", &end, 0);
	test_check("libc_strtol_octal", v == 493 && *end == '\0', "got %ld", v);
	v = strtol("z", &end, 36);
	test_check("libc_strtol_base36", v == 35, "got %ld", v);
	errno = 0;
	v = strtol("99999999999", &end, 10);
	test_check("libc_strtol_range", v == LONG_MAX && errno == ERANGE, "got %ld errno %d",
		v, errno);
	v = strtol("-2147483648", &end, 10);
	test_check("libc_strtol_min", v == LONG_MIN, "got %ld", v);
	v = strtol("  +x", &end, 10);
	test_check("libc_strtol_none", v == 0 && strcmp(end, "  +x") == 0, "end \"%s\"", end);
	test_check("libc_strtoul", strtoul("4294967295", NULL, 10) == 4294967295ul &&
		strtoul("0x", &end, 16) == 0 && *end == 'x', "strtoul");
}

static void
string_cases(void)
{
	char buf[32], tok[] = " a,b,,c ", *save, *t;
	int ntok = 0;

	test_check("libc_strlcpy", strlcpy(buf, "hello world", 6) == 11 &&
		strcmp(buf, "hello") == 0, "got \"%s\"", buf);
	strlcat(buf, "!!", sizeof(buf));
	strcat(buf, "?");
	test_check("libc_strcat", strcmp(buf, "hello!!?") == 0, "got \"%s\"", buf);
	test_check("libc_strchr", strchr(buf, 'l') == buf + 2 && strrchr(buf, 'l') == buf + 3 &&
		strchr(buf, '\0') == buf + 8 && strchr(buf, 'z') == NULL, "strchr/strrchr");
	test_check("libc_strstr", strstr("abcabd", "abd") != NULL &&
		strcmp(strstr("abcabd", "abd"), "abd") == 0 && strstr("abc", "x") == NULL,
		"strstr");
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 4);
	test_check("libc_strncpy", memcmp(buf, "ab\0\0x", 5) == 0, "strncpy padding");
	memmove(buf + 1, buf, 4);
	test_check("libc_memmove", memcmp(buf, "aab\0\0", 5) == 0, "memmove overlap");
	for (t = strtok_r(tok, " ,", &save); t != NULL; t = strtok_r(NULL, " ,", &save))
		ntok++;
	test_check("libc_strtok_r", ntok == 3, "%d tokens", ntok);
	test_check("libc_strcmp", strcmp("a", "b") < 0 && strncmp("abc", "abd", 2) == 0 &&
		strcmp("\xff", "a") > 0, "strcmp");
	test_check("libc_ctype", isalpha('q') && !isalpha('1') && isspace('\t') &&
		isxdigit('F') && toupper('a') == 'A' && ispunct('!') && !isprint('\n'), "ctype");
}

static void
malloc_cases(void)
{
	char *a = malloc(100), *b = malloc(5000), *c, *d;
	int *z = calloc(64, sizeof(int)), zero = 1;

	test_check("libc_malloc", a != NULL && b != NULL && ((unsigned long)a & 15) == 0 &&
		(a + 100 <= b || b + 5000 <= a), "a=%p b=%p", (void *)a, (void *)b);
	for (int i = 0; z != NULL && i < 64; i++)
		zero &= z[i] == 0;
	test_check("libc_calloc", z != NULL && zero, "calloc memory not zeroed");
	memset(a, 'q', 100);
	c = realloc(a, 10000);
	test_check("libc_realloc", c != NULL && c[0] == 'q' && c[99] == 'q', "realloc lost data");
	free(b);
	free(c);
	free(z);
	d = malloc(200000);             /* needs the merged free blocks plus more core */
	test_check("libc_malloc_reuse", d != NULL, "200000 bytes after freeing");
	free(d);
	errno = 0;
	test_check("libc_malloc_enomem", malloc(1u << 30) == NULL && errno == ENOMEM,
		"1 GiB came back, or errno %d", errno);
	test_check("libc_strdup", (d = strdup("dup")) != NULL && strcmp(d, "dup") == 0, "strdup");
	free(d);
}

int
main(int argc, char **argv)
{
	test_init("libc_basic", argc, argv);
	format_cases();
	number_cases();
	string_cases();
	malloc_cases();
	return test_done();
}
