/*
 * mkdir - make directories.
 *
 * Usage: mkdir [-p] directory...
 * -p: make missing parents too, and do not complain about directories that exist.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p path: each component in turn; 0 or -1 with errno. */
static int
make_parents(char *path)
{
	struct stat st;

	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0777) != 0 && (errno != EEXIST || stat(path, &st) != 0 ||
		                               !S_ISDIR(st.st_mode))) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			*p = c;
			return -1;
		}
		*p = c;
		if (c == '\0')
			return 0;
	}
}

int
main(int argc, char **argv)
{
	int i = 1, parents = 0, rc = 0;
	char buf[1024];

	if (i < argc && strcmp(argv[i], "-p") == 0) {
		parents = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "usage: mkdir [-p] directory...\n");
		return 2;
	}
	for (; i < argc; i++) {
		int r;

		if (parents) {
			snprintf(buf, sizeof(buf), "%s", argv[i]);
			r = make_parents(buf);
		} else {
			r = mkdir(argv[i], 0777);
		}
		if (r != 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
