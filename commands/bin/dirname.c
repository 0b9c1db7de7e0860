/*
 * dirname - the directory part of a path name: all but its last component.
 *
 * Usage: dirname string
 * "a/b/" gives "a", "a" gives ".", "/a" and "/" give "/".
 */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	char *s;
	size_t len;

	if (argc != 2) {
		fprintf(stderr, "usage: dirname string\n");
		return 1;
	}
	s = argv[1];
	len = strlen(s);
	while (len > 1 && s[len - 1] == '/')            /* trailing slashes */
		len--;
	while (len > 0 && s[len - 1] != '/')            /* the last component */
		len--;
	if (len == 0) {
		puts(".");
		return 0;
	}
	while (len > 1 && s[len - 1] == '/')            /* the slashes before it */
		len--;
	s[len] = '\0';
	puts(s);
	return 0;
}
