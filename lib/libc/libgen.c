/*
 * libgen.c - basename() and dirname() (POSIX's rules: trailing slashes do not count, the
 * result may overwrite the argument).  Pure: the host tests compile this file too.
 */
#include <string.h>
#include <libgen.h>

/* Remove trailing '/' of p (keeping one if p is all slashes): its new length. */
static size_t
trim_slashes(char *p)
{
	size_t len = strlen(p);

	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	return len;
}

char *
basename(char *path)
{
	static char dot[] = ".";
	char *slash;
	size_t len;

	if (path == NULL || *path == '\0')
		return dot;
	len = trim_slashes(path);
	if (len == 1 && path[0] == '/')
		return path;
	slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

char *
dirname(char *path)
{
	static char dot[] = ".";
	size_t len;

	if (path == NULL || *path == '\0')
		return dot;
	len = trim_slashes(path);
	while (len > 0 && path[len - 1] != '/')    /* drop the last component */
		len--;
	if (len == 0)
		return dot;
	while (len > 1 && path[len - 1] == '/')    /* and the slashes before it */
		len--;
	path[len] = '\0';
	return path;
}
