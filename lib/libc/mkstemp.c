/*
 * mkstemp.c - new files with unique names: mkstemp(), mkdtemp(), tmpfile().
 *
 * The "XXXXXX" at the end of the template becomes six characters of [A-Za-z0-9] from a
 * generator of its own (so rand()'s sequence is not disturbed), seeded from the pid and
 * the time; the file is created with O_CREAT | O_EXCL (the directory with mkdir), which
 * fails with EEXIST if the name is taken: then the next name is tried, up to TRIES times.
 * tmpfile() makes such a file in /tmp and unlinks it at once, so it goes when closed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#define TRIES   1000    /* names tried before EEXIST */

static const char letters[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* The template's six X's, or NULL (EINVAL). */
static char *
x_part(char *tmpl)
{
	size_t len = strlen(tmpl);

	if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return NULL;
	}
	return tmpl + len - 6;
}

/* Put six new characters at x. */
static void
new_name(char *x)
{
	static uint32_t state;

	if (state == 0)
		state = (uint32_t)getpid() * 2654435761u ^ (uint32_t)time(NULL);
	for (int i = 0; i < 6; i++) {
		state = state * 1103515245u + 12345u;
		x[i] = letters[(state >> 16) % (sizeof(letters) - 1)];
	}
}

/* Try names for tmpl with make() (0 when made, -1 with errno): the result of the
 * successful make(), or -1 with errno. */
static int
try_names(char *tmpl, int (*make)(const char *))
{
	char *x = x_part(tmpl);
	int r;

	if (x == NULL)
		return -1;
	for (int i = 0; i < TRIES; i++) {
		new_name(x);
		if ((r = make(tmpl)) >= 0 || errno != EEXIST)
			return r;
	}
	errno = EEXIST;
	return -1;
}

static int make_file(const char *path) { return open(path, O_RDWR | O_CREAT | O_EXCL, 0600); }
static int make_dir(const char *path) { return mkdir(path, 0700); }

int mkstemp(char *tmpl) { return try_names(tmpl, make_file); }
char *mkdtemp(char *tmpl) { return try_names(tmpl, make_dir) == 0 ? tmpl : NULL; }

FILE *
tmpfile(void)
{
	char path[] = P_tmpdir "/tmpXXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0)
		return NULL;
	unlink(path);
	if ((f = fdopen(fd, "w+")) == NULL)
		close(fd);
	return f;
}
