/*
 * which - where the shell would find a command: the first executable file of that name in
 * the directories of PATH.
 *
 * Usage: which [-a] name...
 * A name with a '/' is printed if it is executable.  -a prints every match, not just the
 * first.  An empty PATH entry is the current directory; without PATH, "/bin".
 * Exit status: 0 if every name was found; 1 otherwise; 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int opt_a;

static int
executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Print where name is: 1 if found. */
static int
which(const char *name, const char *path)
{
	char full[1024];
	const char *p = path, *end;
	int found = 0;

	if (strchr(name, '/') != NULL) {
		if (executable(name))
			puts(name);
		return executable(name);
	}
	for (;; p = end + 1) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		snprintf(full, sizeof(full), "%.*s%s%s", (int)(end - p), p,
			 end > p ? "/" : "", name);
		if (executable(full)) {
			puts(full);
			found = 1;
			if (!opt_a)
				break;
		}
		if (*end == '\0')
			break;
	}
	return found;
}

int
main(int argc, char **argv)
{
	const char *path = getenv("PATH");
	int c, rc = 0;

	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c != 'a')
			break;
		opt_a = 1;
	}
	if (c != -1 || optind == argc) {
		fprintf(stderr, "usage: which [-a] name...\n");
		return 2;
	}
	if (path == NULL)
		path = "/bin";
	for (int i = optind; i < argc; i++)
		if (!which(argv[i], path))
			rc = 1;
	return rc;
}
