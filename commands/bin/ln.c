/*
 * ln - make a link: a second name for a file, or with -s a symbolic link.
 *
 * Usage: ln [-s] existing new      (new may be an existing directory: the link goes in it)
 * With -s, "existing" is only the text the link holds (it need not exist; a relative target
 * is resolved from the link's directory when the link is used).
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
	int sym = argc > 1 && strcmp(argv[1], "-s") == 0;

	if (argc != 3 + sym) {
		fprintf(stderr, "usage: ln [-s] existing new\n");
		return 2;
	}
	argv += sym;
	dst = argv[2];
	if (stat(dst, &st) == 0 && S_ISDIR(st.st_mode)) {
		base = strrchr(argv[1], '/');
		snprintf(path, sizeof(path), "%s/%s", dst, base != NULL ? base + 1 : argv[1]);
		dst = path;
	}
	if ((sym ? symlink(argv[1], dst) : link(argv[1], dst)) != 0) {
		fprintf(stderr, "ln: %s -> %s: %s\n", dst, argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
