/*
 * hellohold - a descriptor of /dev/hello held open across whatever the shell does meanwhile
 * (grader/tests/update.py; handouts/rs.md, "Live update").
 *
 * Usage: hellohold FILE       hold a descriptor
 *        hellohold -w FILE    wait until FILE exists (the shell has no loops)
 *        hellohold -u LABEL   wait until RS lists LABEL as being updated (RSI_UPDATING)
 * Opens /dev/hello, reads its line and prints "hellohold: before: LINE", creates FILE.open
 * (so that `hellohold -w FILE.open` in the shell returns once the descriptor is open), then
 * waits until FILE exists, rewinds the same descriptor, reads again and prints
 * "hellohold: after: LINE"; exit status 0, or 1 after a message naming the call that
 * failed.  Each wait polls every 100 ms, for at most 120 s (-u: 10 s, several times what RS
 * takes to start an update: a wrong update that never waits is caught soon).  Across a live
 * update of hello the second read must work on the old descriptor and show the same count
 * (a read does not count); across a restart it fails (the new instance never opened it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/sysinfo.h>

#define DEV     "/dev/hello"
#define POLL_MS 100             /* between two looks at the file or at RS's table */

/* Read the line at position 0 of fd and print it after what: 0, or 1 if a call failed. */
static int
show(int fd, const char *what)
{
	char line[80];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) != 0) {
		printf("hellohold: %s: lseek: %s\n", what, strerror(errno));
		return 1;
	}
	if ((n = read(fd, line, sizeof(line) - 1)) < 0) {
		printf("hellohold: %s: read: %s\n", what, strerror(errno));
		return 1;
	}
	line[n] = '\0';
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	printf("hellohold: %s: %s\n", what, line);
	return 0;
}

/* Wait until path exists: 0, or 1 after 120 s (reported). */
static int
wait_for(const char *path)
{
	int waited;

	for (waited = 0; access(path, F_OK) != 0; waited += POLL_MS) {
		if (waited >= 120000) {
			printf("hellohold: %s never appeared\n", path);
			return 1;
		}
		usleep(POLL_MS * 1000);
	}
	return 0;
}

/* Is label being updated (its row in RS's table has RSI_UPDATING)? */
static int
updating(const char *label)
{
	static struct rs_svcinfo rows[64];
	unsigned total;
	int n, i;

	n = getsysinfo_rs(rows, sizeof(rows), &total);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].label, label) == 0)
			return (rows[i].flags & RSI_UPDATING) != 0;
	return 0;
}

/* Wait until label is being updated: 0, or 1 after 10 s (reported). */
static int
wait_update(const char *label)
{
	int waited;

	for (waited = 0; !updating(label); waited += POLL_MS) {
		if (waited >= 10000) {
			printf("hellohold: %s was never being updated\n", label);
			return 1;
		}
		usleep(POLL_MS * 1000);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char opened[128];
	int fd, fd2;

	if (argc == 3 && strcmp(argv[1], "-w") == 0)
		return wait_for(argv[2]);
	if (argc == 3 && strcmp(argv[1], "-u") == 0)
		return wait_update(argv[2]);
	if (argc != 2 || strlen(argv[1]) + sizeof(".open") > sizeof(opened)) {
		fprintf(stderr, "usage: hellohold FILE | hellohold -w FILE | hellohold -u LABEL\n");
		return 2;
	}
	if ((fd = open(DEV, O_RDONLY)) < 0) {
		printf("hellohold: open: %s\n", strerror(errno));
		return 1;
	}
	if (show(fd, "before") != 0)
		return 1;
	fflush(stdout);
	snprintf(opened, sizeof(opened), "%s.open", argv[1]);
	if ((fd2 = open(opened, O_WRONLY | O_CREAT, 0644)) < 0) {
		printf("hellohold: cannot create %s: %s\n", opened, strerror(errno));
		return 1;
	}
	close(fd2);
	if (wait_for(argv[1]) != 0 || show(fd, "after") != 0)
		return 1;
	close(fd);
	return 0;
}
