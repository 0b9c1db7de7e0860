/*
 * seq - print a sequence of integers.
 *
 * Usage: seq [-w] [-s sep] [first [incr]] last
 * From first (1 by default) by incr (1 by default, may be negative) while not past last.
 * -s puts sep between the numbers instead of a newline (a newline still ends the output);
 * -w pads them with leading zeros to the same width.  Not implemented: fractions.
 * Exit status: 0; 1 on a bad number or usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: seq [-w] [-s sep] [first [incr]] last\n");
	exit(1);
}

static long
number(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "seq: invalid number: %s\n", s);
		exit(1);
	}
	return n;
}

/* The width of n printed in decimal. */
static int
width(long n)
{
	char buf[32];

	return snprintf(buf, sizeof(buf), "%ld", n);
}

int
main(int argc, char **argv)
{
	long first = 1, incr = 1, last, n;
	const char *sep = "\n";
	int c, opt_w = 0, w = 0, args;

	/* not getopt: "seq -5 -1 -10" has negative numbers, not options */
	for (optind = 1; optind < argc && argv[optind][0] == '-' &&
	     (argv[optind][1] == 'w' || argv[optind][1] == 's'); optind++) {
		c = argv[optind][1];
		if (c == 'w' && argv[optind][2] == '\0')
			opt_w = 1;
		else if (c == 's' && argv[optind][2] != '\0')
			sep = argv[optind] + 2;
		else if (c == 's' && optind + 1 < argc)
			sep = argv[++optind];
		else
			usage();
	}
	args = argc - optind;
	if (args < 1 || args > 3)
		usage();
	last = number(argv[argc - 1]);
	if (args >= 2)
		first = number(argv[optind]);
	if (args == 3 && (incr = number(argv[optind + 1])) == 0)
		usage();
	if (opt_w)
		w = width(first) > width(last) ? width(first) : width(last);
	for (n = first; incr > 0 ? n <= last : n >= last; n += incr) {
		if (n != first)
			fputs(sep, stdout);
		if (n < 0 && opt_w)
			printf("-%0*ld", w - 1, -n);
		else
			printf("%0*ld", w, n);
	}
	if (incr > 0 ? first <= last : first >= last)
		putchar('\n');
	return 0;
}
