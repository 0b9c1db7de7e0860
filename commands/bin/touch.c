/*
 * touch - make files exist.
 *
 * Usage: touch file...
 * A missing file is created empty.  Minnow has no call that sets a file's times, so an
 * existing file is left as it is (it is only checked that it can be opened for writing).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int rc = 0, fd;

	if (argc < 2) {
		fprintf(stderr, "usage: touch file...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if ((fd = open(argv[i], O_WRONLY | O_CREAT, 0666)) < 0) {
			fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		close(fd);
	}
	return rc;
}
