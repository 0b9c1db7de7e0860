/*
 * hellotest - /dev/hello through VFS (grader/tests/hello.py; handouts/hello.md).
 *
 * Usage: hellotest
 * Each case prints "hellotest: <case> ok" or "hellotest: <case> FAILED: <what>"; the last
 * line is "hellotest: N ok, M failed" and the exit status is 0 only if every case held.
 * The count N in "Hello, world! (called N times)" is whatever the driver has seen so far;
 * each case learns it from a first read and checks what follows from there:
 *   loop       20 times open, read, close: the count goes up by exactly one each time
 *   eof        a second read on the same descriptor returns 0 (end of file)
 *   short      a 5-byte read gives "Hello"; the next read (position 5) returns 0
 *   rewind     lseek back to 0 and the line is read again, with the same count
 *   two_opens  two descriptors open at once: both opens count, a read shows the latest
 *   wronly     open for writing is refused with EACCES, and is not counted
 *   rdwr       open for reading and writing: EACCES, not counted
 *   write      write on a read-only descriptor: EBADF
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEV     "/dev/hello"

static int ok, failed;

static void
check(const char *name, int good, const char *what)
{
	if (good) {
		printf("hellotest: %s ok\n", name);
		ok++;
	} else {
		printf("hellotest: %s FAILED: %s (errno %s)\n", name, what, strerror(errno));
		failed++;
	}
}

/* Read the line from fd at its position and parse the count: the count, or -1. */
static long
read_count(int fd)
{
	static const char head[] = "Hello, world! (called ";
	char buf[80], *end;
	ssize_t r = read(fd, buf, sizeof(buf) - 1);
	long n;

	if (r <= 0)
		return -1;
	buf[r] = '\0';
	if (strncmp(buf, head, sizeof(head) - 1) != 0)
		return -1;
	n = strtol(buf + sizeof(head) - 1, &end, 10);
	return strcmp(end, " times)\n") == 0 ? n : -1;
}

/* Open, read the count, close: the count, or -1. */
static long
count_once(void)
{
	int fd = open(DEV, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read_count(fd);
	close(fd);
	return n;
}

static void
case_loop(void)
{
	long first = count_once(), n;
	int i, good = first > 0;

	for (i = 1; good && i <= 20; i++) {
		n = count_once();
		good = n == first + i;
	}
	check("loop", good, "the count did not go up by one per open");
}

static void
case_eof_short_rewind(void)
{
	char buf[80];
	int fd = open(DEV, O_RDONLY);
	long n = read_count(fd);

	check("eof", n > 0 && read(fd, buf, sizeof(buf)) == 0, "second read was not 0");
	close(fd);
	fd = open(DEV, O_RDONLY);
	check("short", read(fd, buf, 5) == 5 && memcmp(buf, "Hello", 5) == 0 &&
	      read(fd, buf, sizeof(buf)) == 0, "a 5-byte read then EOF");
	check("rewind", lseek(fd, 0, SEEK_SET) == 0 && read_count(fd) == n + 1,
	      "after lseek(0) the line with the same count");
	close(fd);
}

static void
case_two_opens(void)
{
	long base = count_once();
	int a = open(DEV, O_RDONLY), b = open(DEV, O_RDONLY);

	check("two_opens", base > 0 && a >= 0 && b >= 0 && read_count(a) == base + 2 &&
	      read_count(b) == base + 2, "both opens count, reads show the latest");
	close(a);
	close(b);
}

static void
case_writes(void)
{
	long base = count_once();
	int fd;

	errno = 0;
	fd = open(DEV, O_WRONLY);
	check("wronly", fd < 0 && errno == EACCES && count_once() == base + 1,
	      "open for writing: EACCES, uncounted");
	errno = 0;
	fd = open(DEV, O_RDWR);
	check("rdwr", fd < 0 && errno == EACCES && count_once() == base + 2,
	      "open O_RDWR: EACCES, uncounted");
	fd = open(DEV, O_RDONLY);
	errno = 0;
	check("write", write(fd, "x", 1) < 0 && errno == EBADF, "write on O_RDONLY: EBADF");
	close(fd);
}

int
main(void)
{
	case_loop();
	case_eof_short_rewind();
	case_two_opens();
	case_writes();
	printf("hellotest: %d ok, %d failed\n", ok, failed);
	return failed == 0 ? 0 : 1;
}
