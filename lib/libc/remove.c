/*
 * remove.c - remove(): unlink() a file, rmdir() a directory.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>

int
remove(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return rmdir(path);
	return unlink(path);
}
