/*
 * basename - the last component of a path name, without a suffix if one is given.
 *
 * Usage: basename string [suffix]
 * Trailing slashes are removed first; "/" stays "/".  The suffix is removed if it is a
 * proper tail of the result.
 */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	char *s, *slash;
	size_t len, slen;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: basename string [suffix]\n");
		return 1;
	}
	s = argv[1];
	len = strlen(s);
	while (len > 1 && s[len - 1] == '/')
		s[--len] = '\0';
	if ((slash = strrchr(s, '/')) != NULL && slash[1] != '\0')
		s = slash + 1;
	len = strlen(s);
	if (argc == 3 && (slen = strlen(argv[2])) < len && strcmp(s + len - slen, argv[2]) == 0)
		s[len - slen] = '\0';
	puts(s);
	return 0;
}
