/*
 * yes - print a line over and over until killed (or until the reader goes away).
 *
 * Usage: yes [string...]     (the line is the strings joined by spaces; "y" by default)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	char *line = "y";
	size_t len = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			len += strlen(argv[i]) + 1;
		if ((line = malloc(len)) == NULL)
			return 1;
		line[0] = '\0';
		for (int i = 1; i < argc; i++) {
			if (i > 1)
				strcat(line, " ");
			strcat(line, argv[i]);
		}
	}
	while (puts(line) >= 0)
		;
	return 1;
}
