/*
 * rm - remove files (and, with -r, directories with everything in them).
 *
 * Usage: rm [-r] [-f] file...
 * -f: no message and no failure for names that do not exist.  A directory without -r is
 * refused ("rm: /tmp: Is a directory").
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int opt_r, opt_f;

static int remove_path(const char *path);

/* Remove everything in directory path, then path; 0 or 1. */
static int
remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char full[1024];
	int rc = 0;

	if (d == NULL) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(full, sizeof(full), "%s/%s", path, e->d_name);
		rc |= remove_path(full);
	}
	closedir(d);
	if (rmdir(path) != 0) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		rc = 1;
	}
	return rc;
}

static int
remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (opt_f && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (opt_r)
			return remove_tree(path);
		fprintf(stderr, "rm: %s: Is a directory\n", path);
		return 1;
	}
	if (unlink(path) != 0) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int i, c, rc = 0;

	while ((c = getopt(argc, argv, "rRf")) != -1) {
		if (c == 'r' || c == 'R')
			opt_r = 1;
		else if (c == 'f')
			opt_f = 1;
		else {
			fprintf(stderr, "usage: rm [-rf] file...\n");
			return 2;
		}
	}
	i = optind;
	if (i == argc && !opt_f) {
		fprintf(stderr, "usage: rm [-rf] file...\n");
		return 2;
	}
	for (; i < argc; i++)
		rc |= remove_path(argv[i]);
	return rc;
}
