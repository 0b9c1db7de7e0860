/*
 * more - show files (or standard input) a screenful at a time on the terminal.
 *
 * Usage: more [file...]
 * When standard output is not a terminal, more copies its input like cat.  On a terminal
 * it shows a page (the rows TIOCGWINSZ reports, else $LINES, else 24, less one for the
 * prompt), then prints "--More--" and reads a key from /dev/tty with canonical input and
 * echo off: space shows the next page, return the next line, q quits.  Several files are
 * each introduced by a ":::: name ::::" header.
 * Exit status: 0; 1 if a file could not be opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

static int tty = -1, rows = 24, left;
static struct termios saved;

/* The number of rows of the terminal. */
static int
screen_rows(void)
{
	struct winsize ws;
	const char *lines = getenv("LINES");

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1)
		return ws.ws_row;
	if (lines != NULL && atoi(lines) > 1)
		return atoi(lines);
	return 24;
}

/* Prompt and read one key: ' ' a page, '\n' a line, 'q' quit (or -1: the input ended). */
static int
prompt(void)
{
	char c = 'q';
	struct termios t = saved;

	fputs("--More--", stdout);
	fflush(stdout);
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(tty, TCSANOW, &t);
	while (read(tty, &c, 1) == 1 && c != ' ' && c != '\n' && c != '\r' && c != 'q' &&
	       c != 'Q')
		;
	tcsetattr(tty, TCSANOW, &saved);
	fputs("\r        \r", stdout);
	if (c == 'q' || c == 'Q')
		return 'q';
	return c == ' ' ? ' ' : '\n';
}

/* Show f page by page: 0, or 1 if the user quit. */
static int
page(FILE *f)
{
	int c, key;

	while ((c = getc(f)) != EOF) {
		if (left == 0) {
			if ((key = prompt()) == 'q')
				return 1;
			left = key == ' ' ? rows - 1 : 1;
		}
		putchar(c);
		if (c == '\n')
			left--;
	}
	return 0;
}

/* Not a terminal: copy f to standard output. */
static void
copy(FILE *f)
{
	char buf[4096];
	size_t got;

	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, got, stdout);
}

int
main(int argc, char **argv)
{
	int rc = 0, paging = isatty(1);
	FILE *f;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		fprintf(stderr, "usage: more [file...]\n");
		return 1;
	}
	if (paging && ((tty = open("/dev/tty", O_RDONLY)) < 0 || tcgetattr(tty, &saved) < 0))
		paging = 0;
	rows = screen_rows();
	left = rows - 1;
	for (int i = 1; i < argc || i == 1; i++) {
		if (i >= argc)
			f = stdin;
		else if ((f = fopen(argv[i], "r")) == NULL) {
			fprintf(stderr, "more: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		if (argc > 2 && paging)
			printf(":::::::::::::\n%s\n:::::::::::::\n", argv[i]);
		if (!paging)
			copy(f);
		else if (page(f))
			break;
		if (f != stdin)
			fclose(f);
	}
	return rc;
}
