/*
 * chmod - change files' permission bits.
 *
 * Usage: chmod mode file...
 * mode is octal (755, 4755) or symbolic: comma-separated clauses [ugoa]*[+-=][rwxst]*,
 * e.g. u+x, go-w, a=r, u=rwx,g=rx.  A clause without u, g, o or a means a, less the
 * umask's bits for + and =.  The symbolic modes are read by ../lib/symmode.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../lib/symmode.h"

int
main(int argc, char **argv)
{
	mode_t mask, mode;
	struct stat st;
	int rc = 0, octal;
	char *end;

	if (argc < 3) {
		fprintf(stderr, "usage: chmod mode file...\n");
		return 2;
	}
	mask = umask(0);
	umask(mask);
	mode = (mode_t)strtoul(argv[1], &end, 8);
	octal = *end == '\0' && argv[1][0] >= '0' && argv[1][0] <= '7';
	if (octal && mode > 07777) {
		fprintf(stderr, "chmod: invalid mode %s\n", argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!octal && stat(argv[i], &st) != 0) {
			fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		if (!octal && symbolic(argv[1], st.st_mode & 07777, mask, &mode) != 0) {
			fprintf(stderr, "chmod: invalid mode %s\n", argv[1]);
			return 2;
		}
		if (chmod(argv[i], mode) != 0) {
			fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
