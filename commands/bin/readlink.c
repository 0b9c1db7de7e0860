/*
 * readlink - print the target of a symbolic link.
 *
 * Usage: readlink link...
 * Prints each link's target on a line; a name that is not a symbolic link (or cannot be
 * read) is reported and the exit status is 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char target[1024];
	ssize_t n;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: readlink link...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if ((n = readlink(argv[i], target, sizeof(target) - 1)) < 0) {
			fprintf(stderr, "readlink: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		target[n] = '\0';
		printf("%s\n", target);
	}
	return rc;
}
