/*
 * touch - set the access and modification times of files, making them if missing.
 *
 * Usage: touch [-acm] [-t [[CC]YY]MMDDhhmm[.SS] | -d YYYY-MM-DD[THH:MM[:SS]] | -d @SECONDS]
 *              file...
 * Both times become now, or the time of -t (POSIX form) or -d (UTC; "@N" is N seconds since
 * 1970).  -a sets only the access time, -m only the modification time; -c does not make a
 * missing file (and says nothing about it).  A missing file is made empty (mode 0666 less
 * the umask).  Setting a given time needs the owner or root; "now" also write permission.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../lib/timefmt.h"

/* n decimal digits of s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Seconds since 1970 of a date and time, or -1 if a field is out of range. */
static long long
to_seconds(int y, int mo, int d, int h, int mi, int s)
{
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 ||
	    h < 0 || mi < 0 || s < 0)
		return -1;
	return tf_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* -t [[CC]YY]MMDDhhmm[.SS]: seconds, or -1. */
static long long
parse_t(const char *a)
{
	const char *dot = strchr(a, '.');
	int n = dot != NULL ? (int)(dot - a) : (int)strlen(a), y, s = 0;
	struct tf_date now;

	tf_civil((long long)time(NULL), &now);
	if (dot != NULL && (strlen(dot) != 3 || (s = digits(dot + 1, 2)) < 0))
		return -1;
	if (n == 8)
		y = now.year;
	else if (n == 10)
		y = (y = digits(a, 2)) < 0 ? -1 : y < 69 ? 2000 + y : 1900 + y;
	else if (n == 12)
		y = digits(a, 4);
	else
		return -1;
	a += n - 8;
	if (y < 0 || digits(a, 8) < 0)
		return -1;
	return to_seconds(y, digits(a, 2), digits(a + 2, 2), digits(a + 4, 2), digits(a + 6, 2),
			  s);
}

/* -d YYYY-MM-DD[(T| )HH:MM[:SS]][Z] or @SECONDS: seconds, or -1. */
static long long
parse_d(const char *a)
{
	int y, mo, d, h = 0, mi = 0, s = 0, n;
	char *end;

	if (a[0] == '@') {
		long long v = strtol(a + 1, &end, 10);

		return end == a + 1 || *end != '\0' ? -1 : v;
	}
	n = strlen(a);
	if (n < 10 || a[4] != '-' || a[7] != '-' || (y = digits(a, 4)) < 0 ||
	    (mo = digits(a + 5, 2)) < 0 || (d = digits(a + 8, 2)) < 0)
		return -1;
	a += 10;
	if (*a == 'T' || *a == ' ') {
		if (strlen(a) < 6 || a[3] != ':' || (h = digits(a + 1, 2)) < 0 ||
		    (mi = digits(a + 4, 2)) < 0)
			return -1;
		a += 6;
		if (*a == ':' && (s = digits(a + 1, 2)) >= 0)
			a += 3;
	}
	if (*a == 'Z')
		a++;
	return *a != '\0' || s < 0 ? -1 : to_seconds(y, mo, d, h, mi, s);
}

/* Set file's times to ts (NULL: now); make it first if missing (unless no_create). */
static int
touch(const char *file, const struct timespec *ts, int no_create)
{
	int fd;

	if (utimensat(AT_FDCWD, file, ts, 0) == 0)
		return 0;
	if (errno == ENOENT && no_create)
		return 0;
	if (errno == ENOENT && (fd = open(file, O_WRONLY | O_CREAT, 0666)) >= 0) {
		close(fd);
		if (utimensat(AT_FDCWD, file, ts, 0) == 0)
			return 0;
	}
	fprintf(stderr, "touch: %s: %s\n", file, strerror(errno));
	return 1;
}

int
main(int argc, char **argv)
{
	struct timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	int c, only_a = 0, only_m = 0, no_create = 0, given = 0, rc = 0;
	long long when = 0;

	while ((c = getopt(argc, argv, "acmt:d:")) != -1) {
		if (c == 'a' || c == 'm' || c == 'c') {
			only_a |= c == 'a';
			only_m |= c == 'm';
			no_create |= c == 'c';
		} else if ((c == 't' || c == 'd') &&
			   (when = c == 't' ? parse_t(optarg) : parse_d(optarg)) >= 0) {
			given = 1;
		} else {
			if (c == 't' || c == 'd')
				fprintf(stderr, "touch: bad time: %s\n", optarg);
			fprintf(stderr, "usage: touch [-acm] [-t time | -d date] file...\n");
			return 2;
		}
	}
	for (int i = 0; i < 2; i++)
		if (given)
			ts[i].tv_sec = (time_t)when, ts[i].tv_nsec = 0;
	if (only_a && !only_m)
		ts[1].tv_nsec = UTIME_OMIT;
	if (only_m && !only_a)
		ts[0].tv_nsec = UTIME_OMIT;
	if (optind == argc) {
		fprintf(stderr, "usage: touch [-acm] [-t time | -d date] file...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		rc |= touch(argv[i], !given && !only_a && !only_m ? NULL : ts, no_create);
	return rc;
}
