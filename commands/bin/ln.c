/*
 * ln - make a hard link: a second name for a file.
 *
 * Usage: ln existing new      (new may be an existing directory: the link goes in it)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char *dst, *base;
	struct stat st;
	char path[1024];

	if (argc != 3) {
		fprintf(stderr, "usage: ln existing new\n");
		return 2;
	}
	dst = argv[2];
	if (stat(dst, &st) == 0 && S_ISDIR(st.st_mode)) {
		base = strrchr(argv[1], '/');
		snprintf(path, sizeof(path), "%s/%s", dst, base != NULL ? base + 1 : argv[1]);
		dst = path;
	}
	if (link(argv[1], dst) != 0) {
		fprintf(stderr, "ln: %s -> %s: %s\n", dst, argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
