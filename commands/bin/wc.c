/*
 * wc - count lines, words and bytes.
 *
 * Usage: wc [-l] [-w] [-c] [file...]
 * Without options all three are shown (lines, words, bytes); with several files a "total"
 * line follows.  Reads standard input when there is no file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long lines, words, bytes;
};

static int show_l, show_w, show_c;

/* Count fd into *c; 0 or -1 with errno. */
static int
count(int fd, struct counts *c)
{
	char buf[4096];
	ssize_t n;
	int in_word = 0;

	memset(c, 0, sizeof(*c));
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += (unsigned long)n;
		for (ssize_t i = 0; i < n; i++) {
			int space = buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' ||
			            buf[i] == '\r' || buf[i] == '\v' || buf[i] == '\f';

			if (buf[i] == '\n')
				c->lines++;
			if (!space && !in_word)
				c->words++;
			in_word = !space;
		}
	}
	return n < 0 ? -1 : 0;
}

static void
show(const struct counts *c, const char *name)
{
	const char *sep = "";

	if (show_l)
		printf("%7lu", c->lines), sep = " ";
	if (show_w)
		printf("%s%7lu", sep, c->words), sep = " ";
	if (show_c)
		printf("%s%7lu", sep, c->bytes);
	if (name != NULL)
		printf(" %s", name);
	putchar('\n');
}

/* Parse the options; the index of the first operand, or -1. */
static int
options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "lwc")) != -1) {
		if (c == 'l')
			show_l = 1;
		else if (c == 'w')
			show_w = 1;
		else if (c == 'c')
			show_c = 1;
		else {
			fprintf(stderr, "usage: wc [-lwc] [file...]\n");
			return -1;
		}
	}
	if (!show_l && !show_w && !show_c)
		show_l = show_w = show_c = 1;
	return optind;
}

int
main(int argc, char **argv)
{
	struct counts c, total = { 0, 0, 0 };
	int first = options(argc, argv), rc = 0, fd;

	if (first < 0)
		return 2;
	if (first == argc) {
		if (count(0, &c) != 0) {
			fprintf(stderr, "wc: stdin: %s\n", strerror(errno));
			return 1;
		}
		show(&c, NULL);
		return 0;
	}
	for (int i = first; i < argc; i++) {
		if ((fd = open(argv[i], O_RDONLY)) < 0 || count(fd, &c) != 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			if (fd >= 0)
				close(fd);
			continue;
		}
		close(fd);
		show(&c, argv[i]);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (argc - first > 1)
		show(&total, "total");
	return rc;
}
