/*
 * od - dump files in octal, hexadecimal or as characters.
 *
 * Usage: od [-bcovx] [-A d|o|x|n] [file...]
 * The files (or standard input) are read as one stream and printed 16 bytes a line, the
 * line starting with its offset (-A: in d decimal, o octal (the default), x hex, n not at
 * all), in each format asked for (one line each): -b bytes in octal, -c bytes as
 * characters (\0 \a \b \f \n \r \t \v, else three octal digits), -o (the default) 2-byte
 * little-endian words in octal, -x the same words in hexadecimal.  A line equal to the one
 * before is shown as a single "*" (-v shows every line).  The last line is the offset at
 * the end.
 * Exit status: 0; 1 if a file could not be read; 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE 16

static char formats[8];
static int nformats, radix = 'o', opt_v, status;

static void
usage(void)
{
	fprintf(stderr, "usage: od [-bcovx] [-A d|o|x|n] [file...]\n");
	exit(2);
}

static void
print_offset(long off, int pad)
{
	if (radix == 'n')
		return;
	if (pad)
		printf("%7s", "");
	else if (radix == 'd')
		printf("%07ld", off);
	else if (radix == 'x')
		printf("%06lx", off);
	else
		printf("%07lo", off);
}

/* The -c form of byte c, right-aligned in 4 columns. */
static void
print_char(unsigned char c)
{
	static const char esc[] = "\0\\0\a\\a\b\\b\f\\f\n\\n\r\\r\t\\t\v\\v";

	for (size_t i = 0; i < sizeof(esc) - 1; i += 3)
		if (esc[i] == (char)c) {
			printf("  %c%c", esc[i + 1], esc[i + 2]);
			return;
		}
	if (c >= 0x20 && c < 0x7f)
		printf("   %c", c);
	else
		printf(" %03o", c);
}

/* One line of n bytes at buf in format f. */
static void
print_line(char f, const unsigned char *buf, int n)
{
	for (int i = 0; i < n; i += (f == 'o' || f == 'x') ? 2 : 1) {
		unsigned word = buf[i] | (i + 1 < n ? buf[i + 1] << 8 : 0);

		if (f == 'c')
			print_char(buf[i]);
		else if (f == 'b')
			printf(" %03o", buf[i]);
		else if (f == 'x')
			printf(" %04x", word);
		else
			printf(" %06o", word);
	}
	putchar('\n');
}

/* Print one 16-byte (or shorter, last) line at offset off. */
static void
dump_line(const unsigned char *buf, int n, long off)
{
	static unsigned char prev[LINE];
	static int have_prev, starred;

	if (!opt_v && have_prev && n == LINE && memcmp(prev, buf, LINE) == 0) {
		if (!starred)
			puts("*");
		starred = 1;
		return;
	}
	starred = 0;
	have_prev = n == LINE;
	memcpy(prev, buf, (size_t)n);
	for (int i = 0; i < nformats; i++) {
		print_offset(off, i > 0);
		print_line(formats[i], buf, n);
	}
}

/* Read from fd into buf until it holds LINE bytes: the count now held. */
static int
fill(int fd, unsigned char *buf, int have, const char *name)
{
	ssize_t got;

	while (have < LINE && (got = read(fd, buf + have, (size_t)(LINE - have))) != 0) {
		if (got < 0) {
			fprintf(stderr, "od: %s: %s\n", name, strerror(errno));
			status = 1;
			break;
		}
		have += (int)got;
	}
	return have;
}

int
main(int argc, char **argv)
{
	unsigned char buf[LINE];
	int c, have = 0, fd;
	long off = 0;

	while ((c = getopt(argc, argv, "bcovxA:")) != -1) {
		if (c == 'A' && strlen(optarg) == 1 && strchr("doxn", optarg[0]) != NULL)
			radix = optarg[0];
		else if (c == 'v')
			opt_v = 1;
		else if (c != 'A' && c != '?' && nformats < (int)sizeof(formats))
			formats[nformats++] = (char)c;
		else
			usage();
	}
	if (nformats == 0)
		formats[nformats++] = 'o';
	for (int i = optind; i < argc || i == optind; i++) {
		const char *name = i < argc ? argv[i] : "standard input";

		if ((fd = i < argc ? open(argv[i], O_RDONLY) : 0) < 0) {
			fprintf(stderr, "od: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		while ((have = fill(fd, buf, have, name)) == LINE) {
			dump_line(buf, LINE, off);
			off += LINE;
			have = 0;
		}
		if (fd != 0)
			close(fd);
	}
	if (have > 0)
		dump_line(buf, have, off);
	print_offset(off + have, 0);
	if (radix != 'n')
		putchar('\n');
	return status;
}
