/*
 * realpath.c - realpath(): the canonical absolute path of an existing file.
 *
 * VFS knows the true path of a directory (getcwd walks ".." to the root), so realpath
 * lets it do the work: it changes into the directory (the path itself, or the part
 * before its last '/' for a file), asks getcwd(), and goes back to where it was with
 * fchdir() on a descriptor of the old working directory.  A last component that is not
 * a directory is appended (after checking it exists with stat).  The working directory
 * changes for the duration of the call only.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* The canonical path of directory dir into out (PATH_MAX): 0, or -1 with errno. */
static int
dir_path(const char *dir, char *out)
{
	int here = open(".", O_RDONLY), r = -1, saved;

	if (here < 0)
		return -1;
	if (chdir(dir) == 0 && getcwd(out, PATH_MAX) != NULL)
		r = 0;
	saved = errno;
	fchdir(here);
	close(here);
	errno = saved;
	return r;
}

/* Split path into its directory part (dir, PATH_MAX) and the last name; the name. */
static const char *
split(const char *path, char *dir)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		strcpy(dir, ".");
		return path;
	}
	if (slash == path)
		strcpy(dir, "/");
	else
		memcpy(dir, path, (size_t)(slash - path)), dir[slash - path] = '\0';
	return slash + 1;
}

/* Fill out (PATH_MAX) with path's canonical form: 0, or -1 with errno. */
static int
resolve(const char *path, char *out)
{
	char dir[PATH_MAX];
	const char *name;
	struct stat st;
	size_t len;

	if (stat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode))
		return dir_path(path, out);
	name = split(path, dir);
	if (dir_path(dir, out) < 0)
		return -1;
	len = strlen(out);
	if (len + 1 + strlen(name) + 1 > PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (out[len - 1] != '/')
		out[len++] = '/';
	strcpy(out + len, name);
	return 0;
}

char *
realpath(const char *path, char *resolved)
{
	char buf[PATH_MAX];

	if (path == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (*path == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (strlen(path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (resolve(path, buf) < 0)
		return NULL;
	if (resolved == NULL)
		return strdup(buf);
	return strcpy(resolved, buf);
}
