/*
 * posix_libc.h - the helpers shared by the two files of the libc conformance test
 * (posix_libc.c: the framework and the cases about processes, signals and time;
 * posix_libc_data.c: the cases about text, numbers, files and names).
 */
#ifndef POSIX_LIBC_H
#define POSIX_LIBC_H

#include <errno.h>
#include <string.h>
#include <sys/types.h>

/* Record a failure of the running case (only the first one is reported). */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cond, or a failure naming the rule and errno. */
#define CHECK(cond, ...) do {						\
	int e_ = errno;							\
	if (!(cond)) {							\
		char m_[160];						\
		snprintf(m_, sizeof(m_), __VA_ARGS__);			\
		fail("%s (errno %d: %s)", m_, e_, strerror(e_));	\
	}								\
} while (0)

/* A string result got (may be NULL) equal to want, or a failure naming the rule. */
#define CHECK_STR(got, want, rule) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ == NULL || strcmp(g_, w_) != 0)				\
		fail("%s: got \"%s\", want \"%s\"", rule, g_ ? g_ : "(null)", w_); \
} while (0)

/* "/tmp/plc.<pid>.<suffix>" in a static buffer (two in turn). */
const char *tmp(const char *suffix);
/* Run fn in a child with its stdout and stderr in file out (NULL: as they are): the wait
 * status, or -1. */
int in_child(void (*fn)(void), const char *out);
/* The first line of the file path, newline removed (static buffer; "" if none). */
const char *first_line(const char *path);
/* Create (truncate) path with mode and write text into it. */
void put_file(const char *path, const char *text, mode_t mode);

/* The cases of posix_libc_data.c. */
void case_scanf(void);
void case_printf(void);
void case_time(void);
void case_strings(void);
void case_numbers(void);
void case_getopt_long(void);
void case_realpath(void);
void case_mkstemp(void);
void case_sysconf(void);
void case_headers(void);
void case_tty(void);
void case_pwd(void);

#endif /* POSIX_LIBC_H */
