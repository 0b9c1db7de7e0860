/*
 * getline.h - read_line(): one line of any length from a stdio stream, for the commands
 * that work on lines (sort, uniq, cut, sed, diff, xargs).
 *
 * A header of one static function, included by relative path ("../lib/getline.h"), so that
 * each command stays one file that builds for Minnow and for the host tests
 * (tools/tests/test_commands.py).
 */
#ifndef COMMANDS_GETLINE_H
#define COMMANDS_GETLINE_H

#include <stdio.h>
#include <stdlib.h>

/* Read the next line of f into *buf (grown with realloc as needed, *cap its size), without
 * its newline; *had_nl (if not NULL) says whether it ended in one.  The line's length, or
 * -1 at the end of the input (or when out of memory, with errno ENOMEM). */
static long
read_line(FILE *f, char **buf, size_t *cap, int *had_nl)
{
	long len = 0;
	char *p;
	int c;

	if (had_nl != NULL)
		*had_nl = 0;
	while ((c = getc(f)) != EOF) {
		if ((size_t)len + 2 > *cap) {
			if ((p = realloc(*buf, *cap * 2 + 128)) == NULL)
				return -1;
			*buf = p;
			*cap = *cap * 2 + 128;
		}
		if (c == '\n') {
			if (had_nl != NULL)
				*had_nl = 1;
			break;
		}
		(*buf)[len++] = (char)c;
	}
	if (c == EOF && len == 0)
		return -1;
	(*buf)[len] = '\0';
	return len;
}

#endif /* COMMANDS_GETLINE_H */
