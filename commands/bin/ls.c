/*
 * ls - list directory contents.
 *
 * Usage: ls [-l] [-a] [-1] [file...]
 * Without arguments lists ".".  Files are listed by name, directories by their entries,
 * sorted by name; with several arguments each directory gets a "name:" heading.  -a shows
 * names starting with '.', -l shows mode, link count, owner, group, size (major, minor
 * for devices), the modification time (UTC, "YYYY-MM-DD HH:MM") and, for a symbolic link,
 * "name -> target" (a link is listed as itself, lstat; an operand is followed).  A name that cannot be read is reported ("ls: /nope: No such file or
 * directory") and the exit status is 1.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "../lib/timefmt.h"
#include "../lib/modestr.h"

static int opt_long, opt_all;

/* Print one entry: name, with the details of st for -l (path: where it is, for a link's
 * target). */
static void
print_entry(const char *name, const char *path, const struct stat *st)
{
	char mode[11], when[40], target[1024];
	ssize_t n;

	if (!opt_long) {
		printf("%s\n", name);
		return;
	}
	mode_string(st->st_mode, mode);
	tf_format((long long)st->st_mtime, when, sizeof(when));
	when[16] = '\0';                /* to the minute */
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		printf("%s %2lu %4lu %4lu %4u, %3u %s %s", mode, (unsigned long)st->st_nlink,
		       (unsigned long)st->st_uid, (unsigned long)st->st_gid,
		       (unsigned)((st->st_rdev >> 8) & 0xFF), (unsigned)(st->st_rdev & 0xFF), when,
		       name);
	else
		printf("%s %2lu %4lu %4lu %8lld %s %s", mode, (unsigned long)st->st_nlink,
		       (unsigned long)st->st_uid, (unsigned long)st->st_gid,
		       (long long)st->st_size, when, name);
	if (S_ISLNK(st->st_mode) && (n = readlink(path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		printf(" -> %s", target);
	}
	printf("\n");
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the names in directory path (sorted) into *names; their count, or -1. */
static int
read_names(const char *path, char ***names)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **v = NULL;
	int n = 0, cap = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !opt_all)
			continue;
		if (n == cap) {
			cap = cap * 2 + 16;
			if ((v = realloc(v, sizeof(char *) * (size_t)cap)) == NULL)
				break;
		}
		v[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (v == NULL && n > 0)
		return -1;
	qsort(v, (size_t)n, sizeof(char *), by_name);
	*names = v;
	return n;
}

/* List directory path; 0 or 1. */
static int
list_dir(const char *path)
{
	char **names = NULL, full[1024];
	struct stat st;
	int n, i, rc = 0;

	if ((n = read_names(path, &names)) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (opt_long && lstat(full, &st) != 0) {
			fprintf(stderr, "ls: %s: %s\n", full, strerror(errno));
			rc = 1;
		} else {
			print_entry(names[i], full, &st);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* Parse the options; the index of the first operand, or -1. */
static int
options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "la1")) != -1) {
		if (c == 'l')
			opt_long = 1;
		else if (c == 'a')
			opt_all = 1;
		else if (c != '1') {
			fprintf(stderr, "usage: ls [-la1] [file...]\n");
			return -1;
		}
	}
	return optind;
}

int
main(int argc, char **argv)
{
	int first = options(argc, argv), rc = 0, i;
	struct stat st;

	if (first < 0)
		return 2;
	if (first == argc)
		return list_dir(".");
	for (i = first; i < argc; i++) {                /* files first, then directories */
		int found = stat(argv[i], &st) == 0;

		if (!found || (!S_ISDIR(st.st_mode) && opt_long))
			found = lstat(argv[i], &st) == 0;       /* a link itself, or dangling */
		if (!found) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		} else if (!S_ISDIR(st.st_mode)) {
			print_entry(argv[i], argv[i], &st);
		}
	}
	for (i = first; i < argc; i++) {
		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (argc - first > 1)
			printf("\n%s:\n", argv[i]);
		rc |= list_dir(argv[i]);
	}
	return rc;
}
