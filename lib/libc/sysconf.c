/*
 * sysconf.c - the system's limits and options at run time: sysconf(), pathconf(),
 * fpathconf(), and gethostname().
 *
 * Most values are the compile-time ones of <limits.h> and <unistd.h>; _SC_CLK_TCK is the
 * clock rate PM reports (times.c).  The file limits are the same for every file system
 * (MFS is the only one with names), so pathconf() only checks that the file exists.
 * "No limit" is -1 with errno unchanged; an unknown name is -1 with EINVAL.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <minnow/endpoint.h>
#include "libc_private.h"

/* A row of a name -> value table. */
struct conf {
	int name;
	long value;
};

static const struct conf sc_table[] = {
	{ _SC_ARG_MAX, ARG_MAX }, { _SC_CHILD_MAX, CHILD_MAX }, { _SC_NGROUPS_MAX, NGROUPS_MAX },
	{ _SC_OPEN_MAX, OPEN_MAX }, { _SC_JOB_CONTROL, _POSIX_JOB_CONTROL },
	{ _SC_SAVED_IDS, _POSIX_SAVED_IDS }, { _SC_VERSION, _POSIX_VERSION },
	{ _SC_PAGESIZE, 4096 }, { _SC_LINE_MAX, LINE_MAX }, { _SC_HOST_NAME_MAX, HOST_NAME_MAX },
	{ _SC_LOGIN_NAME_MAX, LOGIN_NAME_MAX }, { _SC_TTY_NAME_MAX, TTY_NAME_MAX },
	{ _SC_NPROCESSORS_CONF, 1 }, { _SC_NPROCESSORS_ONLN, 1 }, { _SC_PHYS_PAGES, -1 },
	{ _SC_STREAM_MAX, STREAM_MAX }, { _SC_TZNAME_MAX, -1 }, { _SC_2_VERSION, _POSIX2_VERSION },
	{ _SC_RE_DUP_MAX, RE_DUP_MAX }, { _SC_EXPR_NEST_MAX, EXPR_NEST_MAX },
};

static const struct conf pc_table[] = {
	{ _PC_LINK_MAX, LINK_MAX }, { _PC_MAX_CANON, MAX_CANON }, { _PC_MAX_INPUT, MAX_INPUT },
	{ _PC_NAME_MAX, NAME_MAX }, { _PC_PATH_MAX, PATH_MAX }, { _PC_PIPE_BUF, PIPE_BUF },
	{ _PC_CHOWN_RESTRICTED, _POSIX_CHOWN_RESTRICTED }, { _PC_NO_TRUNC, _POSIX_NO_TRUNC },
	{ _PC_VDISABLE, _POSIX_VDISABLE }, { _PC_SYMLINK_MAX, -1 }, { _PC_FILESIZEBITS, 32 },
};

#define NR(t)   (sizeof(t) / sizeof((t)[0]))

/* name's value in table t of n rows, or -1 with EINVAL. */
static long
lookup(const struct conf *t, size_t n, int name)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].name == name)
			return t[i].value;
	errno = EINVAL;
	return -1;
}

long
sysconf(int name)
{
	if (name == _SC_CLK_TCK)
		return __libc_clock_rate();
	return lookup(sc_table, NR(sc_table), name);
}

long
pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return lookup(pc_table, NR(pc_table), name);
}

long
fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return lookup(pc_table, NR(pc_table), name);
}

int
gethostname(char *name, size_t len)
{
	if (len < sizeof("minnow")) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(name, "minnow");
	return 0;
}
