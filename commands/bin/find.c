/*
 * find - walk directory trees and act on the files an expression selects.
 *
 * Usage: find [path...] [expression]
 * Each path (. by default) and everything below it is tested against the expression.  The
 * paths end at the first argument that starts with - or is ! or (.  The expression is
 * primaries joined by operators, from the tightest: ( expr ), ! expr, expr [-a] expr (both;
 * the second is not evaluated if the first is false), expr -o expr (either; the second is
 * not evaluated if the first is true).  Primaries ([+-]n: more than n, less than n,
 * exactly n):
 *   -name pat, -path pat  the last component, the whole path, matches the shell pattern
 *   -type c               the file is of type c: f d l p c b s
 *   -size [+-]n[ckMG]     its size in 512-byte blocks, rounded up (c: bytes; k M G: KiB...)
 *   -mtime, -atime, -ctime [+-]n   days (rounded down) since the time
 *   -newer file           modified later than file
 *   -perm [-/]mode        exactly mode (octal or symbolic, from 000); -mode: at least
 *                         those bits; /mode: any of them
 *   -user u, -group g     its owner (a name or a number); -nouser, -nogroup: none known
 *   -links [+-]n          its number of links
 *   -prune                true; do not descend into it
 *   -print                print the path (true)
 *   -exec cmd ;           run cmd with {} replaced by the path: true if it exited 0
 *   -exec cmd {} +        run cmd with as many paths at the end as fit (true); at the end
 *   -ok cmd ;             -exec after a "y" answer to a question on standard error
 *   -depth, -xdev, -maxdepth n, -mindepth n   (always true) directories after their
 *                         contents; stay on the paths' file systems; descend at most n
 *                         levels; act only at n levels or more
 * Without -print, -exec or -ok the expression is ( expression ) -print.  Symbolic links are
 * not followed.  A directory that cannot be read is reported and the walk goes on.
 * Exit status: 0; 1 if a file could not be reached, an -exec ... + command failed, or
 * the expression is bad (unknown primary, missing argument, unbalanced parentheses).
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "../lib/symmode.h"

enum kind {
	K_AND, K_OR, K_NOT, K_TRUE, K_NAME, K_PATH, K_TYPE, K_SIZE, K_MTIME, K_ATIME,
	K_CTIME, K_NEWER, K_PERM, K_USER, K_GROUP, K_NOUSER, K_NOGROUP, K_LINKS, K_PRUNE,
	K_PRINT, K_EXEC, K_OK
};

/* One node of the expression: an operator (l, r) or a primary and its argument. */
struct node {
	enum kind kind;
	struct node *l, *r;
	const char *arg;        /* -name -path: the pattern; -type: the letter */
	long n;                 /* the number, uid, gid, or mode */
	int cmp;                /* [+-]n: 1 more than, -1 less than, 0 exactly; -perm: = - / */
	long unit;              /* -size: the unit in bytes */
	char **argv;            /* -exec -ok: the command */
	int argc, plus;         /* plus: -exec ... {} + */
	char **batch;           /* -exec +: the paths waiting */
	int nbatch;
	size_t batch_bytes;
};

#define BATCH_BYTES 32768       /* -exec +: the paths' bytes per run, well under ARG_MAX */

static char **av;               /* the expression's arguments */
static int ac, ai;
static int status, has_action, depth_first, xdev, pruned;
static long maxdepth = -1, mindepth;
static dev_t root_dev;
static time_t now;

static void
die(const char *fmt, const char *arg)
{
	fputs("find: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
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

/* Does name match the shell pattern pat (* and ? match / too, for -path)? */
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
#ifdef S_ISSOCK
	if (S_ISSOCK(mode))
		return 's';
#endif
	return 'f';
}

/* Run argv (NULL-terminated): 1 if it exited 0. */
static int
run(char **argv)
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "find: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		fprintf(stderr, "find: fork: %s\n", strerror(errno));
		return 0;
	}
	if (waitpid(pid, &st, 0) < 0)
		return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* arg with every {} replaced by path (arg itself if it has none). */
static char *
substitute(char *arg, const char *path)
{
	size_t n = 0, plen = strlen(path);
	char *out, *o;

	for (const char *s = strstr(arg, "{}"); s != NULL; s = strstr(s + 2, "{}"))
		n++;
	if (n == 0 || (out = malloc(strlen(arg) + n * plen + 1)) == NULL)
		return arg;
	for (o = out; *arg != '\0';) {
		if (arg[0] == '{' && arg[1] == '}') {
			memcpy(o, path, plen);
			o += plen;
			arg += 2;
		} else {
			*o++ = *arg++;
		}
	}
	*o = '\0';
	return out;
}

/* -ok: ask on standard error; 1 if the answer (a line of standard input) starts with y. */
static int
confirm(const struct node *e, char **argv)
{
	int c, yes;

	fputs("<", stderr);
	for (int i = 0; i < e->argc; i++)
		fprintf(stderr, " %s", argv[i]);
	fputs(" > ? ", stderr);
	fflush(stderr);
	c = getchar();
	yes = c == 'y' || c == 'Y';
	while (c != '\n' && c != EOF)
		c = getchar();
	return yes;
}

/* -exec cmd ; and -ok cmd ; for path. */
static int
exec_one(const struct node *e, const char *path)
{
	char **argv = malloc(sizeof(char *) * (size_t)(e->argc + 1));
	int ok = 0;

	if (argv == NULL)
		return 0;
	for (int i = 0; i < e->argc; i++)
		argv[i] = substitute(e->argv[i], path);
	argv[e->argc] = NULL;
	if (e->kind != K_OK || confirm(e, argv))
		ok = run(argv);
	for (int i = 0; i < e->argc; i++)
		if (argv[i] != e->argv[i])
			free(argv[i]);
	free(argv);
	return ok;
}

/* -exec ... {} +: run the command on the paths waiting; a failure makes find's status 1. */
static void
flush_batch(struct node *e)
{
	char **argv;

	if (e->nbatch == 0)
		return;
	if ((argv = malloc(sizeof(char *) * (size_t)(e->argc + e->nbatch + 1))) == NULL) {
		fprintf(stderr, "find: out of memory\n");
		exit(1);
	}
	memcpy(argv, e->argv, sizeof(char *) * (size_t)e->argc);
	memcpy(argv + e->argc, e->batch, sizeof(char *) * (size_t)e->nbatch);
	argv[e->argc + e->nbatch] = NULL;
	if (!run(argv))
		status = 1;
	for (int i = 0; i < e->nbatch; i++)
		free(e->batch[i]);
	free(argv);
	e->nbatch = 0;
	e->batch_bytes = 0;
}

/* -exec ... {} +: add path to the batch (running it first if it is full). */
static int
exec_batch(struct node *e, const char *path)
{
	size_t len = strlen(path) + 1 + sizeof(char *);

	if (e->batch_bytes + len > BATCH_BYTES)
		flush_batch(e);
	if ((e->batch = realloc(e->batch, sizeof(char *) * (size_t)(e->nbatch + 1))) == NULL ||
	    (e->batch[e->nbatch] = strdup(path)) == NULL) {
		fprintf(stderr, "find: out of memory\n");
		exit(1);
	}
	e->nbatch++;
	e->batch_bytes += len;
	return 1;
}

/* Run every -exec + batch still waiting (at the end). */
static void
flush_all(struct node *e)
{
	if (e == NULL)
		return;
	if (e->kind == K_EXEC && e->plus)
		flush_batch(e);
	flush_all(e->l);
	flush_all(e->r);
}

/* Compare v with the node's [+-]n. */
static int
compare(const struct node *e, long v)
{
	return e->cmp > 0 ? v > e->n : e->cmp < 0 ? v < e->n : v == e->n;
}

/* The primaries that test the file's status. */
static int
test_stat(const struct node *e, const struct stat *st)
{
	mode_t perm = st->st_mode & 07777;

	switch (e->kind) {
	case K_TYPE: return type_letter(st->st_mode) == e->arg[0];
	case K_SIZE: return compare(e, (long)((st->st_size + e->unit - 1) / e->unit));
	case K_MTIME: return compare(e, (long)((now - st->st_mtime) / 86400));
	case K_ATIME: return compare(e, (long)((now - st->st_atime) / 86400));
	case K_CTIME: return compare(e, (long)((now - st->st_ctime) / 86400));
	case K_NEWER: return st->st_mtime > (time_t)e->n;
	case K_USER: return st->st_uid == (uid_t)e->n;
	case K_GROUP: return st->st_gid == (gid_t)e->n;
	case K_NOUSER: return getpwuid(st->st_uid) == NULL;
	case K_NOGROUP: return getgrgid(st->st_gid) == NULL;
	case K_LINKS: return compare(e, (long)st->st_nlink);
	case K_PERM:
		if (e->cmp == '-')
			return (perm & (mode_t)e->n) == (mode_t)e->n;
		if (e->cmp == '/')
			return e->n == 0 || (perm & (mode_t)e->n) != 0;
		return perm == (mode_t)e->n;
	default: return 1;
	}
}

/* Evaluate expression e for path (name its last component). */
static int
eval(struct node *e, const char *path, const char *name, const struct stat *st)
{
	switch (e->kind) {
	case K_AND: return eval(e->l, path, name, st) && eval(e->r, path, name, st);
	case K_OR: return eval(e->l, path, name, st) || eval(e->r, path, name, st);
	case K_NOT: return !eval(e->l, path, name, st);
	case K_NAME: return glob_match(e->arg, name);
	case K_PATH: return glob_match(e->arg, path);
	case K_PRUNE: pruned = 1; return 1;
	case K_PRINT: return puts(path) >= 0;
	case K_EXEC: case K_OK:
		return e->plus ? exec_batch(e, path) : exec_one(e, path);
	default: return test_stat(e, st);
	}
}

static struct node *expr;
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
	int descend;

	if (lstat(path, &st) < 0) {
		fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	if (depth == 0)
		root_dev = st.st_dev;
	pruned = 0;
	if (!depth_first && depth >= mindepth)
		eval(expr, path, name, &st);
	descend = S_ISDIR(st.st_mode) && (maxdepth < 0 || depth < maxdepth) &&
		!(pruned && !depth_first) && !(xdev && st.st_dev != root_dev);
	if (descend)
		walk_dir(path, depth);
	if (depth_first && depth >= mindepth)
		eval(expr, path, name, &st);
}

/* ---- the expression's parser: or := and [-o and]...; and := not [[-a] not]...;
 * not := ! not | ( or ) | primary ---- */

static struct node *
node(enum kind kind, struct node *l, struct node *r)
{
	struct node *e = calloc(1, sizeof(*e));

	if (e == NULL)
		die("%s", "out of memory");
	e->kind = kind;
	e->l = l;
	e->r = r;
	return e;
}

/* The argument of primary av[ai - 1]. */
static const char *
argument(void)
{
	if (ai >= ac)
		die("missing argument to %s", av[ai - 1]);
	return av[ai++];
}

/* A [+-]n argument into e->cmp and e->n; rest: where the rest (a unit) goes, or NULL if
 * there must be none. */
static void
number(struct node *e, const char *prim, const char *s, char **rest)
{
	char *end;

	e->cmp = *s == '+' ? 1 : *s == '-' ? -1 : 0;
	s += e->cmp != 0;
	e->n = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || (rest == NULL && *end != '\0'))
		die("bad number in %s", prim);
	if (rest != NULL)
		*rest = end;
}

/* -size's [+-]n[ckMG]. */
static void
parse_size(struct node *e, const char *s)
{
	char *unit;

	number(e, "-size", s, &unit);
	e->unit = 512;
	if (*unit != '\0') {
		const char *units = "bckwMG", *u = strchr(units, *unit);
		static const long bytes[] = { 512, 1, 1024, 2, 1L << 20, 1L << 30 };

		if (u == NULL || unit[1] != '\0')
			die("bad unit in -size %s", s);
		e->unit = bytes[u - units];
	}
}

/* -perm's [-/]mode: octal, or symbolic applied to 000. */
static void
parse_perm(struct node *e, const char *s)
{
	mode_t mode;
	char *end;

	e->cmp = *s == '-' || *s == '/' ? *s++ : '=';
	if (*s >= '0' && *s <= '7') {
		e->n = strtol(s, &end, 8);
		if (*end != '\0' || e->n > 07777)
			die("bad mode in -perm %s", s);
	} else {
		if (*s == '\0' || symbolic(s, 0, 0, &mode) != 0)
			die("bad mode in -perm %s", s);
		e->n = mode;
	}
}

/* -user's and -group's argument: a name, or a number. */
static long
owner_id(const char *prim, const char *s)
{
	struct passwd *pw;
	struct group *gr;
	char *end;
	long id;

	if (prim[1] == 'u' && (pw = getpwnam(s)) != NULL)
		return (long)pw->pw_uid;
	if (prim[1] == 'g' && (gr = getgrnam(s)) != NULL)
		return (long)gr->gr_gid;
	id = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || id < 0) {
		fprintf(stderr, "find: %s: unknown %s: %s\n", prim, prim + 1, s);
		exit(1);
	}
	return id;
}

/* -exec and -ok: the command up to ";" (or "{} +" for -exec). */
static void
parse_exec(struct node *e, const char *prim)
{
	int start = ai;

	for (; ai < ac; ai++) {
		if (strcmp(av[ai], ";") == 0)
			break;
		if (e->kind == K_EXEC && strcmp(av[ai], "+") == 0 && ai > start &&
		    strcmp(av[ai - 1], "{}") == 0) {
			e->plus = 1;
			break;
		}
	}
	if (ai == ac)
		die("missing argument to %s (a command ending in ; or {} +)", prim);
	if (ai == start)
		die("%s: missing command", prim);
	e->argv = av + start;
	e->argc = ai - start - e->plus;
	ai++;
	has_action = 1;
}

/* A global option (-depth -xdev -maxdepth -mindepth): 1 if prim is one. */
static int
parse_option(const char *prim)
{
	struct node tmp;

	if (strcmp(prim, "-depth") == 0)
		depth_first = 1;
	else if (strcmp(prim, "-xdev") == 0)
		xdev = 1;
	else if (strcmp(prim, "-maxdepth") == 0 || strcmp(prim, "-mindepth") == 0) {
		number(&tmp, prim, argument(), NULL);
		if (tmp.cmp != 0)
			die("bad number in %s", prim);
		*(prim[2] == 'a' ? &maxdepth : &mindepth) = tmp.n;
	} else
		return 0;
	return 1;
}

/* The primaries with a file argument or none. */
static void
parse_file_prim(struct node *e, const char *prim)
{
	struct stat st;
	const char *s;

	if (strcmp(prim, "-newer") == 0) {
		s = argument();
		if (stat(s, &st) != 0) {
			fprintf(stderr, "find: %s: %s\n", s, strerror(errno));
			exit(1);
		}
		e->kind = K_NEWER;
		e->n = (long)st.st_mtime;
	} else if (strcmp(prim, "-nouser") == 0 || strcmp(prim, "-nogroup") == 0) {
		e->kind = prim[3] == 'u' ? K_NOUSER : K_NOGROUP;
	} else if (strcmp(prim, "-prune") == 0) {
		e->kind = K_PRUNE;
	} else if (strcmp(prim, "-print") == 0) {
		e->kind = K_PRINT;
		has_action = 1;
	} else if (strcmp(prim, "-exec") == 0 || strcmp(prim, "-ok") == 0) {
		e->kind = prim[1] == 'e' ? K_EXEC : K_OK;
		parse_exec(e, prim);
	} else {
		die("unknown primary: %s", prim);
	}
}

/* One primary at av[ai]. */
static struct node *
primary(void)
{
	static const char *const numeric[] = { "-mtime", "-atime", "-ctime", "-links" };
	static const enum kind numeric_kind[] = { K_MTIME, K_ATIME, K_CTIME, K_LINKS };
	const char *prim = av[ai++];
	struct node *e = node(K_TRUE, NULL, NULL);

	if (prim[0] != '-')
		die("paths must come before the expression: %s", prim);
	if (parse_option(prim))
		return e;
	for (int i = 0; i < 4; i++)
		if (strcmp(prim, numeric[i]) == 0) {
			e->kind = numeric_kind[i];
			number(e, prim, argument(), NULL);
			return e;
		}
	if (strcmp(prim, "-name") == 0 || strcmp(prim, "-path") == 0) {
		e->kind = prim[1] == 'n' ? K_NAME : K_PATH;
		e->arg = argument();
	} else if (strcmp(prim, "-type") == 0) {
		e->kind = K_TYPE;
		e->arg = argument();
		if (strlen(e->arg) != 1 || strchr("fdlpcbs", e->arg[0]) == NULL)
			die("-type: bad argument: %s", e->arg);
	} else if (strcmp(prim, "-size") == 0) {
		e->kind = K_SIZE;
		parse_size(e, argument());
	} else if (strcmp(prim, "-perm") == 0) {
		e->kind = K_PERM;
		parse_perm(e, argument());
	} else if (strcmp(prim, "-user") == 0 || strcmp(prim, "-group") == 0) {
		e->kind = prim[1] == 'u' ? K_USER : K_GROUP;
		e->n = owner_id(prim, argument());
	} else {
		parse_file_prim(e, prim);
	}
	return e;
}

static struct node *parse_or(void);

static struct node *
parse_not(void)
{
	struct node *e;

	if (ai >= ac)
		die("expected an expression after %s", av[ai - 1]);
	if (strcmp(av[ai], "!") == 0) {
		ai++;
		return node(K_NOT, parse_not(), NULL);
	}
	if (strcmp(av[ai], "(") == 0) {
		ai++;
		if (ai < ac && strcmp(av[ai], ")") == 0)
			die("%s", "empty parentheses");
		e = parse_or();
		if (ai >= ac || strcmp(av[ai], ")") != 0)
			die("%s", "unbalanced parentheses: missing )");
		ai++;
		return e;
	}
	if (strcmp(av[ai], ")") == 0)
		die("%s", "unbalanced parentheses: unexpected )");
	if (strcmp(av[ai], "-o") == 0 || strcmp(av[ai], "-a") == 0)
		die("expected an expression before %s", av[ai]);
	return primary();
}

static struct node *
parse_and(void)
{
	struct node *e = parse_not();

	while (ai < ac && strcmp(av[ai], "-o") != 0 && strcmp(av[ai], ")") != 0) {
		ai += strcmp(av[ai], "-a") == 0;
		e = node(K_AND, e, parse_not());
	}
	return e;
}

static struct node *
parse_or(void)
{
	struct node *e = parse_and();

	while (ai < ac && strcmp(av[ai], "-o") == 0) {
		ai++;
		e = node(K_OR, e, parse_and());
	}
	return e;
}

/* Parse the whole expression (argv[i..argc-1]); without an action, ( it ) -print. */
static void
parse_expression(int argc, char **argv, int i)
{
	av = argv;
	ac = argc;
	ai = i;
	expr = ai < ac ? parse_or() : node(K_TRUE, NULL, NULL);
	if (ai < ac)
		die("%s", "unbalanced parentheses: unexpected )");
	if (!has_action)
		expr = node(K_AND, expr, node(K_PRINT, NULL, NULL));
}

int
main(int argc, char **argv)
{
	int npaths = 1;
	char *dot[] = { ".", NULL };

	while (npaths < argc && (argv[npaths][0] != '-' || argv[npaths][1] == '\0') &&
	       strcmp(argv[npaths], "!") != 0 && strcmp(argv[npaths], "(") != 0)
		npaths++;
	parse_expression(argc, argv, npaths);
	now = time(NULL);
	char **paths = npaths > 1 ? argv + 1 : dot;
	for (int i = 0; i < (npaths > 1 ? npaths - 1 : 1); i++) {
		const char *slash = strrchr(paths[i], '/');

		walk(paths[i], slash != NULL && slash[1] != '\0' ? slash + 1 : paths[i], 0);
	}
	flush_all(expr);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "find: standard output: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
