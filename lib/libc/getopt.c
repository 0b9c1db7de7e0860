/*
 * getopt.c - POSIX getopt(): the command-line options of the commands.
 *
 * Options are the letters of arguments that start with '-', up to the first argument that
 * does not (or "--", which is skipped); a letter followed by ':' in optstring takes an
 * argument, either the rest of its word ("-n5") or the next word ("-n 5").  An unknown
 * letter or a missing argument gives '?' (or ':' when optstring starts with ':') with a
 * message on stderr unless opterr is 0 or optstring starts with ':'.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libc_private.h"

char *optarg;
int optind = 1, opterr = 1, optopt;
int __libc_optpos;      /* index in argv[optind] of the next letter; 0: a new word (also
			 * read by getopt_long.c) */
#define nextchar __libc_optpos

int
getopt(int argc, char *const argv[], const char *optstring)
{
	const char *word, *spec;
	int silent = optstring[0] == ':';

	optarg = NULL;
	if (nextchar == 0) {
		if (optind >= argc || argv[optind][0] != '-' || argv[optind][1] == '\0')
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		nextchar = 1;
	}
	word = argv[optind];
	optopt = (unsigned char)word[nextchar++];
	spec = optopt != ':' ? strchr(optstring, optopt) : NULL;
	if (word[nextchar] == '\0') {
		optind++;
		nextchar = 0;
	}
	if (spec == NULL) {
		if (opterr && !silent)
			fprintf(stderr, "%s: unknown option -%c\n", argv[0], optopt);
		return '?';
	}
	if (spec[1] != ':')
		return optopt;
	if (nextchar != 0) {                    /* the rest of this word */
		optarg = (char *)word + nextchar;
		optind++;
		nextchar = 0;
	} else if (optind < argc) {             /* the next word */
		optarg = argv[optind++];
	} else {
		if (opterr && !silent)
			fprintf(stderr, "%s: option -%c needs an argument\n", argv[0], optopt);
		return silent ? ':' : '?';
	}
	return optopt;
}
