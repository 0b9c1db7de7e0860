/*
 * dd - copy a file in blocks, converting nothing.
 *
 * Usage: dd [if=file] [of=file] [bs=n] [count=n] [skip=n] [seek=n]
 * Reads blocks of bs bytes (512 by default; a suffix k multiplies by 1024, M by 1048576,
 * b by 512) from if (standard input by default) and writes each as it came to of
 * (standard output by default; created, and truncated at the seek point).  skip blocks
 * of the input are skipped first, seek blocks of the output; count limits the blocks
 * read.  At the end the records (blocks) read and written are reported on standard
 * error as "full+partial records in" and "full+partial records out".
 * Not implemented: ibs, obs, conv.
 * Exit status: 0; 1 if a file could not be opened, read or written, or on a bad operand.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static const char *in_name, *out_name;
static long bs = 512, count = -1, skip, seek;
static long full_in, part_in, full_out, part_out;

static void
usage(const char *bad)
{
	fprintf(stderr, "dd: bad operand: %s\n"
		"usage: dd [if=file] [of=file] [bs=n] [count=n] [skip=n] [seek=n]\n", bad);
	exit(1);
}

/* A size operand: digits and an optional suffix k, M or b. */
static long
size_arg(const char *s, const char *operand)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (end == s || n < 0)
		usage(operand);
	if (*end == 'k')
		n *= 1024, end++;
	else if (*end == 'M')
		n *= 1048576, end++;
	else if (*end == 'b')
		n *= 512, end++;
	if (*end != '\0')
		usage(operand);
	return n;
}

static void
operands(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *a = argv[i], *v = strchr(a, '=');

		if (v == NULL)
			usage(a);
		v++;
		if (strncmp(a, "if=", 3) == 0)
			in_name = v;
		else if (strncmp(a, "of=", 3) == 0)
			out_name = v;
		else if (strncmp(a, "bs=", 3) == 0 && (bs = size_arg(v, a)) > 0)
			continue;
		else if (strncmp(a, "count=", 6) == 0)
			count = size_arg(v, a);
		else if (strncmp(a, "skip=", 5) == 0)
			skip = size_arg(v, a);
		else if (strncmp(a, "seek=", 5) == 0)
			seek = size_arg(v, a);
		else
			usage(a);
	}
}

static void
fail(const char *name)
{
	fprintf(stderr, "dd: %s: %s\n", name, strerror(errno));
	exit(1);
}

/* Skip the first skip blocks of fd: by lseek if it can, else by reading them. */
static void
skip_input(int fd, char *buf, const char *name)
{
	ssize_t got;

	if (skip == 0 || lseek(fd, (off_t)skip * bs, SEEK_CUR) >= 0)
		return;
	for (long i = 0; i < skip; i++)
		if ((got = read(fd, buf, (size_t)bs)) <= 0) {
			if (got < 0)
				fail(name);
			return;
		}
}

/* Open the output and move to the seek point. */
static int
open_output(void)
{
	struct stat st;
	int fd;

	if (out_name == NULL)
		fd = 1;
	else if ((fd = open(out_name, O_WRONLY | O_CREAT | (seek == 0 ? O_TRUNC : 0), 0666)) < 0)
		fail(out_name);
	if (seek > 0 && lseek(fd, (off_t)seek * bs, SEEK_CUR) < 0)
		fail(out_name ? out_name : "standard output");
	if (seek > 0 && out_name != NULL && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    ftruncate(fd, (off_t)seek * bs) < 0)
		fail(out_name);
	return fd;
}

/* Write one record of n bytes. */
static void
put_record(int fd, const char *buf, ssize_t n)
{
	ssize_t done;

	for (ssize_t off = 0; off < n; off += done)
		if ((done = write(fd, buf + off, (size_t)(n - off))) < 0)
			fail(out_name ? out_name : "standard output");
	*(n == bs ? &full_out : &part_out) += 1;
}

int
main(int argc, char **argv)
{
	int in = 0, out;
	char *buf;
	ssize_t got = 0;

	operands(argc, argv);
	if ((buf = malloc((size_t)bs)) == NULL)
		fail("bs");
	if (in_name != NULL && (in = open(in_name, O_RDONLY)) < 0)
		fail(in_name);
	skip_input(in, buf, in_name ? in_name : "standard input");
	out = open_output();
	for (long n = 0; count < 0 || n < count; n++) {
		if ((got = read(in, buf, (size_t)bs)) <= 0)
			break;
		*(got == bs ? &full_in : &part_in) += 1;
		put_record(out, buf, got);
	}
	if (got < 0)
		fail(in_name ? in_name : "standard input");
	fprintf(stderr, "%ld+%ld records in\n%ld+%ld records out\n", full_in, part_in,
		full_out, part_out);
	return 0;
}
