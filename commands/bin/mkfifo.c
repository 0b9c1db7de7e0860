/*
 * mkfifo - make named FIFOs.
 *
 * Usage: mkfifo [-m mode] name...
 * Each name becomes a FIFO with mode 0666 less the umask, or exactly the octal -m mode.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
	mode_t mode = 0666;
	int rc = 0, c, given = 0;
	char *end;

	while ((c = getopt(argc, argv, "m:")) != -1) {
		if (c != 'm')
			goto usage;
		mode = (mode_t)strtoul(optarg, &end, 8);
		if (*end != '\0' || *optarg == '\0' || mode > 07777) {
			fprintf(stderr, "mkfifo: invalid mode %s\n", optarg);
			return 2;
		}
		given = 1;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		if (mkfifo(argv[i], mode) != 0 || (given && chmod(argv[i], mode) != 0)) {
			fprintf(stderr, "mkfifo: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
usage:
	fprintf(stderr, "usage: mkfifo [-m mode] name...\n");
	return 2;
}
