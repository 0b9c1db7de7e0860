/*
 * getopt_long.c - getopt_long() and getopt_long_only(): long options over getopt().
 *
 * A word "--name", "--name=value" (or, for getopt_long_only, "-name" that is not a letter
 * option of optstring) is looked up in longopts: an exact name wins, else a unique prefix.
 * Its argument is the text after '=' or (required_argument) the next word.  Any other
 * word goes to getopt() (getopt.c); so does the rest of a group of letters ("-abc" half
 * read: __libc_optpos is not 0).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libc_private.h"

/* The row of longopts named by name (len characters): exact, else a unique prefix;
 * -1 if none, -2 if ambiguous. */
static int
find_long(const struct option *longopts, const char *name, size_t len)
{
	int found = -1;

	for (int i = 0; longopts[i].name != NULL; i++) {
		if (strncmp(longopts[i].name, name, len) != 0)
			continue;
		if (strlen(longopts[i].name) == len)
			return i;
		found = found == -1 ? i : -2;
	}
	return found;
}

/* Complain (unless silenced) and return the error character. */
static int
fail(char *const argv[], const char *optstring, const char *what, const char *name)
{
	int silent = optstring[0] == ':';

	if (opterr && !silent)
		fprintf(stderr, "%s: %s: --%s\n", argv[0], what, name);
	return silent && strcmp(what, "option needs an argument") == 0 ? ':' : '?';
}

/* The long option in argv[optind] + skip: its result (optind moved past it). */
static int
long_option(int argc, char *const argv[], const char *optstring,
	    const struct option *longopts, int *longindex, size_t skip)
{
	char *name = argv[optind] + skip, *eq = strchr(name, '=');
	size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	int i = find_long(longopts, name, len);
	const struct option *o;

	optind++;
	optopt = 0;
	if (i < 0)
		return fail(argv, optstring, i == -1 ? "unknown option" : "ambiguous option",
			    name);
	o = &longopts[i];
	if (eq != NULL && o->has_arg == no_argument)
		return fail(argv, optstring, "option takes no argument", name);
	optarg = eq != NULL ? eq + 1 : NULL;
	if (eq == NULL && o->has_arg == required_argument) {
		if (optind >= argc)
			return fail(argv, optstring, "option needs an argument", name);
		optarg = argv[optind++];
	}
	if (longindex != NULL)
		*longindex = i;
	if (o->flag != NULL) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

/* Is argv[optind] a long option (and how many '-' start it), or 0 for getopt()? */
static size_t
long_prefix(int argc, char *const argv[], const char *optstring, int only)
{
	const char *w;

	if (optind >= argc || (w = argv[optind])[0] != '-' || w[1] == '\0')
		return 0;
	if (w[1] == '-')
		return w[2] != '\0' ? 2 : 0;    /* "--" alone ends the options: getopt's */
	if (only && (w[2] != '\0' || strchr(optstring, w[1]) == NULL))
		return 1;
	return 0;
}

static int
getopt_long_any(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex, int only)
{
	size_t skip;

	if (__libc_optpos == 0 && (skip = long_prefix(argc, argv, optstring, only)) != 0)
		return long_option(argc, argv, optstring, longopts, longindex, skip);
	return getopt(argc, argv, optstring);
}

int
getopt_long(int argc, char *const argv[], const char *optstring,
	    const struct option *longopts, int *longindex)
{
	return getopt_long_any(argc, argv, optstring, longopts, longindex, 0);
}

int
getopt_long_only(int argc, char *const argv[], const char *optstring,
		 const struct option *longopts, int *longindex)
{
	return getopt_long_any(argc, argv, optstring, longopts, longindex, 1);
}
