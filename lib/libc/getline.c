/*
 * getline.c - getdelim() and getline(): read a whole line (or up to any delimiter) into a
 * malloc'ed buffer that grows as needed (doubling, from 128 bytes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

ssize_t
getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	size_t n = 0;
	char *p;
	int c;

	if (line == NULL || cap == NULL) {
		errno = EINVAL;
		return -1;
	}
	while ((c = fgetc(f)) != EOF) {
		if (*line == NULL || n + 2 > *cap) {
			size_t want = *cap < 128 ? 128 : *cap * 2;

			if ((p = realloc(*line, want)) == NULL) {
				errno = ENOMEM;
				return -1;
			}
			*line = p;
			*cap = want;
		}
		(*line)[n++] = (char)c;
		if (c == delim)
			break;
	}
	if (n == 0)
		return -1;
	(*line)[n] = '\0';
	return (ssize_t)n;
}

ssize_t
getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}
