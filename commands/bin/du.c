/*
 * du - the disk space that files and directory trees use.
 *
 * Usage: du [-a] [-s] [-k] [file...]
 * For each file (. by default) prints the space it uses and its name; for a directory the
 * total of everything below it, after a line for each directory below (and with -a for
 * each file).  -s prints only the totals of the operands.  The unit is 512 bytes, or 1024
 * with -k (rounded up); the space is st_blocks of stat().  A file with several links is
 * counted once.  Symbolic links are not followed.
 * Exit status: 0; 1 if a file could not be reached; 2 on a usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define MAX_SEEN 4096

static int opt_a, opt_s, opt_k, status;
static struct {
	dev_t dev;
	ino_t ino;
} seen[MAX_SEEN];
static int nseen;

/* Has this multiply linked file been counted already?  Remember it if not. */
static int
counted(const struct stat *st)
{
	for (int i = 0; i < nseen; i++)
		if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)
			return 1;
	if (nseen < MAX_SEEN) {
		seen[nseen].dev = st->st_dev;
		seen[nseen++].ino = st->st_ino;
	}
	return 0;
}

static void
report(long long blocks, const char *path)
{
	printf("%lld\t%s\n", opt_k ? (blocks + 1) / 2 : blocks, path);
}

static long long du(const char *path, int top);

/* The blocks of the entries of directory path. */
static long long
du_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	long long total = 0;
	char *child;

	if (d == NULL) {
		fprintf(stderr, "du: %s: %s\n", path, strerror(errno));
		status = 1;
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((child = malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL)
			break;
		sprintf(child, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
			e->d_name);
		total += du(child, 0);
		free(child);
	}
	closedir(d);
	return total;
}

/* The blocks path uses, with the lines for it and below it printed. */
static long long
du(const char *path, int top)
{
	struct stat st;
	long long blocks;

	if (lstat(path, &st) < 0) {
		fprintf(stderr, "du: %s: %s\n", path, strerror(errno));
		status = 1;
		return 0;
	}
	if (!S_ISDIR(st.st_mode) && st.st_nlink > 1 && counted(&st))
		return 0;
	blocks = st.st_blocks;
	if (S_ISDIR(st.st_mode))
		blocks += du_dir(path);
	if (top || (!opt_s && (opt_a || S_ISDIR(st.st_mode))))
		report(blocks, path);
	return blocks;
}

int
main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "ask")) != -1) {
		if (c == 'a')
			opt_a = 1;
		else if (c == 's')
			opt_s = 1;
		else if (c == 'k')
			opt_k = 1;
		else {
			fprintf(stderr, "usage: du [-a] [-s] [-k] [file...]\n");
			return 2;
		}
	}
	if (optind == argc)
		du(".", 1);
	for (int i = optind; i < argc; i++)
		du(argv[i], 1);
	return status;
}
