/*
 * find - walk directory trees and act on the files an expression selects.
 *
 * Usage: find [path...] [expression]
 * Each path (. by default) and everything below it is tested against the expression, a
 * list of primaries that must all hold (! before one negates it):
 *   -name pattern   the last component matches the pattern (* ? [set], as the shell)
 *   -type c         the file is of type c: f d l p c b
 *   -maxdepth n     (global) go at most n levels below the paths; -mindepth n: test
 *                   only files at least n levels below
 *   -print          print the path (true)
 *   -exec cmd ; run cmd with every {} replaced by the path; true if it exited 0
 * Without -print or -exec the selected paths are printed.  Symbolic links are not
 * followed.  Not implemented: -o, parentheses, -exec ... +, -newer, -size, -perm.
 * Exit status: 0; 1 if a file could not be reached; 2 on a bad expression.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

enum prim_kind { P_NAME, P_TYPE, P_PRINT, P_EXEC };

/* One primary of the expression. */
struct prim {
	enum prim_kind kind;
	int neg;
	const char *arg;        /* -name: the pattern; -type: the letter */
	char **argv;            /* -exec: the command, up to ";" */
	int argc;
};

#define MAX_PRIMS 64

static struct prim prims[MAX_PRIMS];
static int nprims, has_action, status;
static long maxdepth = -1, mindepth;

static void
usage(const char *why)
{
	fprintf(stderr, "find: %s\nusage: find [path...] [-name pattern] [-type c] "
		"[-maxdepth n] [-print] [-exec command {} ;]\n", why);
	exit(2);
}

/* Does [set] at p match c?  *end is set past the ']' (or NULL if there is none). */
static int
set_match(const char *p, int c, const char **end)
{
	int neg = *p == '!' || *p == '^', hit = 0;

	p += neg;
	for (const char *first = p; *p != '\0' && (p == first || *p != ']'); p++) {
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			hit |= c >= (unsigned char)p[0] && c <= (unsigned char)p[2];
			p += 2;
		} else {
			hit |= c == (unsigned char)*p;
		}
	}
	*end = *p == ']' ? p + 1 : NULL;
	return hit != neg;
}

/* Does name match the shell pattern pat? */
static int
glob_match(const char *pat, const char *name)
{
	const char *end;

	for (; *pat != '\0'; pat++, name++) {
		if (*pat == '*') {
			for (const char *s = name;; s++) {
				if (glob_match(pat + 1, s))
					return 1;
				if (*s == '\0')
					return 0;
			}
		}
		if (*name == '\0')
			return 0;
		if (*pat == '[') {
			int hit = set_match(pat + 1, (unsigned char)*name, &end);

			if (end != NULL) {              /* else '[' is an ordinary character */
				if (!hit)
					return 0;
				pat = end - 1;
				continue;
			}
		}
		if (*pat == '\\' && pat[1] != '\0') {
			if (*++pat != *name)
				return 0;
		} else if (*pat != '?' && *pat != *name) {
			return 0;
		}
	}
	return *name == '\0';
}

/* The type letter of mode (find -type). */
static int
type_letter(mode_t mode)
{
	if (S_ISDIR(mode))
		return 'd';
	if (S_ISLNK(mode))
		return 'l';
	if (S_ISFIFO(mode))
		return 'p';
	if (S_ISCHR(mode))
		return 'c';
	if (S_ISBLK(mode))
		return 'b';
	return 'f';
}

/* Run -exec's command for path: 1 if it exited 0. */
static int
run_exec(const struct prim *p, const char *path)
{
	char **argv = malloc(sizeof(char *) * (size_t)(p->argc + 1));
	pid_t pid;
	int st;

	if (argv == NULL)
		return 0;
	for (int i = 0; i < p->argc; i++)
		argv[i] = strcmp(p->argv[i], "{}") == 0 ? (char *)path : p->argv[i];
	argv[p->argc] = NULL;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "find: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	free(argv);
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Evaluate the expression for path (name its last component). */
static void
evaluate(const char *path, const char *name, const struct stat *st)
{
	int ok = 1;

	for (int i = 0; i < nprims && ok; i++) {
		const struct prim *p = &prims[i];

		if (p->kind == P_NAME)
			ok = glob_match(p->arg, name);
		else if (p->kind == P_TYPE)
			ok = type_letter(st->st_mode) == p->arg[0];
		else if (p->kind == P_PRINT)
			ok = puts(path) >= 0;
		else
			ok = run_exec(p, path);
		ok ^= p->neg;
	}
	if (ok && !has_action)
		puts(path);
}

static void walk(const char *path, const char *name, long depth);

/* Walk the entries of directory path (at depth). */
static void
walk_dir(const char *path, long depth)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char *child;
	size_t len = strlen(path);

	if (d == NULL) {
		fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((child = malloc(len + strlen(e->d_name) + 2)) == NULL)
			break;
		sprintf(child, "%s%s%s", path, len > 0 && path[len - 1] == '/' ? "" : "/",
			e->d_name);
		walk(child, child + strlen(child) - strlen(e->d_name), depth + 1);
		free(child);
	}
	closedir(d);
}

static void
walk(const char *path, const char *name, long depth)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	if (depth >= mindepth)
		evaluate(path, name, &st);
	if (S_ISDIR(st.st_mode) && (maxdepth < 0 || depth < maxdepth))
		walk_dir(path, depth);
}

/* A number argument of a primary. */
static long
number_arg(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0)
		usage("bad number");
	return n;
}

/* Parse -exec's command at argv[i]: the index of its ";". */
static int
parse_exec(int argc, char **argv, int i, struct prim *p)
{
	p->argv = argv + i;
	while (i < argc && strcmp(argv[i], ";") != 0)
		i++;
	if (i == argc || argv + i == p->argv)
		usage("-exec needs a command ending in ;");
	p->argc = (int)(argv + i - p->argv);
	has_action = 1;
	return i;
}

/* Parse the expression from argv[i]. */
static void
parse_expr(int argc, char **argv, int i)
{
	int neg = 0;

	for (; i < argc; i++) {
		const char *a = argv[i];
		struct prim *p = &prims[nprims];

		if (strcmp(a, "!") == 0) {
			neg = !neg;
			continue;
		}
		if (nprims == MAX_PRIMS)
			usage("expression too long");
		p->neg = neg;
		neg = 0;
		if (strcmp(a, "-print") == 0) {
			p->kind = P_PRINT;
			has_action = 1;
		} else if (strcmp(a, "-exec") == 0) {
			p->kind = P_EXEC;
			i = parse_exec(argc, argv, i + 1, p);
		} else if (i + 1 >= argc) {
			usage(a[0] == '-' ? "unknown primary or missing argument" :
			      "paths must come first");
		} else if (strcmp(a, "-name") == 0) {
			p->kind = P_NAME;
			p->arg = argv[++i];
		} else if (strcmp(a, "-type") == 0 && strlen(argv[i + 1]) == 1 &&
			   strchr("fdlpcb", argv[i + 1][0]) != NULL) {
			p->kind = P_TYPE;
			p->arg = argv[++i];
		} else if (strcmp(a, "-maxdepth") == 0 || strcmp(a, "-mindepth") == 0) {
			*(a[2] == 'a' ? &maxdepth : &mindepth) = number_arg(argv[++i]);
			continue;
		} else {
			usage(a[0] == '-' ? "unknown primary or bad argument" : "paths must come first");
		}
		nprims++;
	}
}

int
main(int argc, char **argv)
{
	int npaths = 1;
	char *dot[] = { ".", NULL };

	while (npaths < argc && argv[npaths][0] != '-' && strcmp(argv[npaths], "!") != 0)
		npaths++;
	parse_expr(argc, argv, npaths);
	char **paths = npaths > 1 ? argv + 1 : dot;
	for (int i = 0; i < (npaths > 1 ? npaths - 1 : 1); i++) {
		const char *slash = strrchr(paths[i], '/');

		walk(paths[i], slash != NULL && slash[1] != '\0' ? slash + 1 : paths[i], 0);
	}
	return status;
}
