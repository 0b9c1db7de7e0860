/*
 * asuser.c - /test/asuser UID PROGRAM [ARG...]: run PROGRAM with real and effective user id
 * UID (setuid, then execv), so that a root shell can try what an ordinary user may not
 * (grader/tests/service.py: `service` as a non-root caller).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: asuser UID PROGRAM [ARG...]\n");
		return 2;
	}
	if (setuid((uid_t)atoi(argv[1])) != 0) {
		perror("asuser: setuid");
		return 1;
	}
	execv(argv[2], argv + 2);
	perror("asuser: exec");
	return 1;
}
