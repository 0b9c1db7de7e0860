/**
 * @file getopt.h
 * @brief getopt_long() and getopt_long_only(): long options ("--name", "--name=value",
 * "--name value") besides getopt()'s letters.
 */
#ifndef _POSIX_GETOPT_H
#define _POSIX_GETOPT_H

#include <unistd.h>

#define no_argument             0       /**< the option takes no argument */
#define required_argument       1       /**< it takes one ("--x=v" or "--x v") */
#define optional_argument       2       /**< it may take one ("--x=v" only) */

/** One long option. */
struct option {
	const char *name;       /**< its name, without "--" */
	int has_arg;            /**< no_argument, required_argument, optional_argument */
	int *flag;              /**< NULL: getopt_long returns @c val; else *flag = val, 0 */
	int val;                /**< the value to return or store */
};

/** getopt() that also knows the long options of @p longopts (ended by a row of zeros);
 *  a unique prefix of a name is enough.  For a long option: @c val (or 0 after storing it
 *  in *flag), *@p longindex (unless NULL) = its row; '?' for an unknown or ambiguous one
 *  or a missing or unwanted argument (':' for a missing one if @p optstring starts with
 *  ':').  Stops at the first non-option, like getopt(). */
int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex);
/** getopt_long() that also takes "-name" for a long option when it is not a known
 *  letter option. */
int getopt_long_only(int argc, char *const argv[], const char *optstring,
		     const struct option *longopts, int *longindex);

#endif /* _POSIX_GETOPT_H */
