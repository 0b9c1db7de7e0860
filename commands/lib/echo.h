/*
 * echo.h - echo [-n] word...: the words separated by spaces and a newline (none with -n),
 * without escape sequences (printf has them).  One implementation for the program
 * (commands/bin/echo.c) and the shell's builtin (commands/sh/lang.c, which saves a fork
 * with it): both include this file and call echo_main().
 */
#ifndef COMMANDS_LIB_ECHO_H
#define COMMANDS_LIB_ECHO_H

#include <stdio.h>
#include <string.h>

/* Print argv[1..] as echo does: the exit status (1 if standard output failed). */
static int
echo_main(int argc, char **argv)
{
	int i = 1, newline = 1;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (int first = i; i < argc; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (newline)
		putchar('\n');
	return fflush(stdout) == 0 ? 0 : 1;
}

#endif /* COMMANDS_LIB_ECHO_H */
