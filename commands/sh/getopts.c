/*
 * getopts.c - the getopts builtin (POSIX): getopts optstring name [arg...].
 *
 * Each call takes the next option from the args (the positional parameters if there are
 * none) and puts its letter in the variable name, its argument in OPTARG (unset when it
 * has none), and the index of the next argument to look at in OPTIND (1 at first;
 * setting OPTIND=1 starts over).  A letter followed by ':' in optstring takes an
 * argument: the rest of its word (-ofile) or the next word (-o file).  Options may be
 * clustered (-ab); "--" ends them (OPTIND goes past it), and so do "-", a word that does
 * not start with '-', and the end of the args: then getopts sets name to '?' and returns 1.
 * An unknown letter sets name to '?', a missing argument too, with a message on standard
 * error -- unless optstring starts with ':' (silent mode): then there is no message, OPTARG
 * is the letter, and name is '?' for an unknown letter and ':' for a missing argument.
 *
 * Inside a cluster OPTIND already names the next word (as in dash) and the position in
 * the cluster is kept here; an OPTIND other than the one getopts last set (OPTIND=1, or
 * `local OPTIND=1`) means a new start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static long last_optind = -1;   /* the OPTIND getopts last set */
static size_t cluster_pos;      /* > 0: the next letter's place in word OPTIND - 1 */

/* Set name to the one character c. */
static void
set_char(const char *name, char c)
{
	char s[2] = { c, '\0' };

	var_set(name, s, 0);
}

/* The end of the options: name is '?', OPTIND the first operand; status 1. */
static int
options_end(const char *name, long ind)
{
	char buf[24];

	cluster_pos = 0;
	set_char(name, '?');
	var_unset("OPTARG");
	snprintf(buf, sizeof(buf), "%ld", ind);
	var_set("OPTIND", buf, 0);
	last_optind = ind;
	return 1;
}

/* The option letter c was found (rest: what follows it in its word): its argument, the
 * messages and the variables; status 0.  *ind is advanced past a separate argument. */
static int
option_found(const char *optstring, const char *name, char c, const char *rest,
	     char **args, int nargs, long *ind)
{
	int silent = optstring[0] == ':';
	const char *o = c != ':' ? strchr(optstring + silent, c) : NULL;

	var_unset("OPTARG");
	if (o == NULL) {
		if (!silent)
			sh_error("getopts: illegal option -- %c", c);
		else
			set_char("OPTARG", c);
		set_char(name, '?');
		return 0;
	}
	set_char(name, c);
	if (o[1] != ':')
		return 0;
	if (*rest != '\0') {
		var_set("OPTARG", rest, 0);
		cluster_pos = 0;
	} else if (*ind - 1 < nargs) {
		var_set("OPTARG", args[*ind - 1], 0);
		(*ind)++;
	} else if (silent) {
		set_char("OPTARG", c);
		set_char(name, ':');
	} else {
		sh_error("getopts: option requires an argument -- %c", c);
		set_char(name, '?');
	}
	return 0;
}

int
bi_getopts(int argc, char **argv)
{
	char **args = argc > 3 ? argv + 3 : sh_argv + 1, buf[24];
	int nargs = argc > 3 ? argc - 3 : sh_argc - 1, st;
	const char *v = var_get("OPTIND"), *word;
	long ind = v != NULL ? strtol(v, NULL, 10) : 1;

	if (argc < 3) {
		sh_error("getopts: usage: getopts optstring name [arg...]");
		return 2;
	}
	if (!var_valid_name(argv[2], strlen(argv[2]))) {
		sh_error("getopts: %s: bad variable name", argv[2]);
		return 2;
	}
	if (ind < 1)
		ind = 1;
	if (ind != last_optind || ind - 2 >= nargs || ind < 2 ||
	    cluster_pos >= strlen(args[ind - 2]))
		cluster_pos = 0;
	if (cluster_pos == 0) {         /* a new word */
		if (ind - 1 >= nargs || args[ind - 1][0] != '-' || args[ind - 1][1] == '\0')
			return options_end(argv[2], ind);
		if (strcmp(args[ind - 1], "--") == 0)
			return options_end(argv[2], ind + 1);
		cluster_pos = 1;
		ind++;
	}
	word = args[ind - 2];
	st = option_found(argv[1], argv[2], word[cluster_pos], word + cluster_pos + 1, args,
			  nargs, &ind);
	if (cluster_pos > 0 && word[++cluster_pos] == '\0')
		cluster_pos = 0;
	snprintf(buf, sizeof(buf), "%ld", ind);
	var_set("OPTIND", buf, 0);
	last_optind = ind;
	return st;
}
