/*
 * xargs - build command lines from standard input and run them.
 *
 * Usage: xargs [-n number] [-I replstr] [command [argument...]]
 * The words of standard input (separated by blanks and newlines; '...' "..." and \ quote)
 * are appended to the command (echo by default), as many per run as fit in 16 KiB of
 * arguments, or at most number with -n.  -I runs the command once per input line, with
 * every replstr in its arguments replaced by the line (leading blanks removed).
 * Exit status: 0; 123 if a run exited with a status 1-125; 124 if one exited 255; 125 if
 * one was killed by a signal; 126 if the command could not be run; 127 if it was not
 * found; 1 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../lib/getline.h"

#define MAX_BYTES 16384
#define MAX_ARGS 1024

static char *args[MAX_ARGS + 2];
static int nfixed, nargs, status;
static size_t nbytes;

static void
usage(void)
{
	fprintf(stderr, "usage: xargs [-n number] [-I replstr] [command [argument...]]\n");
	exit(1);
}

/* Run args[0..nargs-1]; stop xargs with the right status if it could not run. */
static void
run(void)
{
	pid_t pid;
	int st;

	args[nargs] = NULL;
	fflush(stdout);
	if ((pid = fork()) < 0) {
		fprintf(stderr, "xargs: fork: %s\n", strerror(errno));
		exit(126);
	}
	if (pid == 0) {
		execvp(args[0], args);
		fprintf(stderr, "xargs: %s: %s\n", args[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (waitpid(pid, &st, 0) < 0)
		exit(125);
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "xargs: %s: killed by signal %d\n", args[0], WTERMSIG(st));
		exit(125);
	}
	if (WEXITSTATUS(st) == 255)
		exit(124);
	if (WEXITSTATUS(st) == 126 || WEXITSTATUS(st) == 127)
		exit(WEXITSTATUS(st));
	if (WEXITSTATUS(st) != 0)
		status = 123;
}

/* The next word of standard input (quotes removed) into *buf: its length or -1. */
static long
next_word(char **buf, size_t *cap)
{
	size_t len = 0;
	int c, quote = 0;

	while ((c = getchar()) == ' ' || c == '\t' || c == '\n')
		;
	for (; c != EOF && (quote || (c != ' ' && c != '\t' && c != '\n')); c = getchar()) {
		if (quote == 0 && (c == '\'' || c == '"')) {
			quote = c;
			continue;
		}
		if (c == quote) {
			quote = 0;
			continue;
		}
		if (c == '\\' && quote == 0 && (c = getchar()) == EOF)
			break;
		if (len + 2 > *cap && (*buf = realloc(*buf, *cap = *cap * 2 + 64)) == NULL)
			exit(1);
		(*buf)[len++] = (char)c;
	}
	if (quote != 0) {
		fprintf(stderr, "xargs: unmatched %c quote\n", quote);
		exit(1);
	}
	if (len == 0 && c == EOF)
		return -1;
	(*buf)[len] = '\0';
	return (long)len;
}

/* Collect words into runs of the command. */
static void
xargs_words(long max_per_run)
{
	char *word = NULL;
	size_t cap = 0;
	long len;

	while ((len = next_word(&word, &cap)) >= 0) {
		if (nargs > nfixed && (nbytes + (size_t)len + 1 > MAX_BYTES || nargs == MAX_ARGS)) {
			run();
			nargs = nfixed;
			nbytes = 0;
		}
		if ((args[nargs++] = strdup(word)) == NULL)
			exit(1);
		nbytes += (size_t)len + 1;
		if (nargs - nfixed == max_per_run) {
			run();
			nargs = nfixed;
			nbytes = 0;
		}
	}
	if (nargs > nfixed)
		run();
}

/* s with every repl replaced by with (a new string). */
static char *
replace(const char *s, const char *repl, const char *with)
{
	size_t rl = strlen(repl), n = 0;
	char *out, *o;

	for (const char *p = s; (p = strstr(p, repl)) != NULL; p += rl)
		n++;
	if ((o = out = malloc(strlen(s) + n * strlen(with) + 1)) == NULL)
		exit(1);
	for (const char *p; (p = strstr(s, repl)) != NULL; s = p + rl) {
		memcpy(o, s, (size_t)(p - s));
		o += p - s;
		strcpy(o, with);
		o += strlen(with);
	}
	strcpy(o, s);
	return out;
}

/* -I: one run per line, replstr replaced in the fixed arguments. */
static void
xargs_lines(char **fixed, const char *repl)
{
	char *line = NULL, *l;
	size_t cap = 0;

	while (read_line(stdin, &line, &cap, NULL) >= 0) {
		for (l = line; *l == ' ' || *l == '\t'; l++)
			;
		if (*l == '\0')
			continue;
		for (int i = 0; i < nfixed; i++)
			args[i] = replace(fixed[i], repl, l);
		run();
		for (int i = 0; i < nfixed; i++)
			free(args[i]);
	}
}

int
main(int argc, char **argv)
{
	long max = -1;
	const char *repl = NULL;
	char *end, *echo[] = { "echo", NULL };
	int c;

	while ((c = getopt(argc, argv, "+n:I:")) != -1) {
		if (c == 'n' && (max = strtol(optarg, &end, 10)) > 0 && *end == '\0')
			continue;
		if (c == 'I' && *optarg != '\0')
			repl = optarg;
		else
			usage();
	}
	char **cmd = optind < argc ? argv + optind : echo;
	for (nfixed = 0; cmd[nfixed] != NULL && nfixed < MAX_ARGS / 2; nfixed++)
		args[nfixed] = cmd[nfixed];
	nargs = nfixed;
	if (repl != NULL)
		xargs_lines(cmd, repl);
	else
		xargs_words(max);
	return status;
}
