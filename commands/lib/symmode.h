/*
 * symmode.h - symbolic file modes, as chmod and find -perm read them: symbolic() applies a
 * list of comma-separated clauses [ugoa]*[+-=][rwxst]* (u+x, go-w, a=r, u=rwx,g=rx) to a
 * mode.  A clause without u, g, o or a means a, less the bits of the mask (chmod passes
 * the umask, find passes 0).
 *
 * A header of static functions, included by relative path ("../lib/symmode.h"), so that
 * each command stays one file that builds for Minnow and for the host tests
 * (tools/tests/test_commands.py).
 */
#ifndef COMMANDS_SYMMODE_H
#define COMMANDS_SYMMODE_H

#include <sys/types.h>
#include <sys/stat.h>

/* The "who" letters of a clause: a mask of the bits they name. */
static mode_t
who_mask(const char **sp)
{
	mode_t who = 0;

	for (;; (*sp)++) {
		switch (**sp) {
		case 'u': who |= S_ISUID | S_IRWXU; break;
		case 'g': who |= S_ISGID | S_IRWXG; break;
		case 'o': who |= S_IRWXO; break;
		case 'a': who |= S_ISUID | S_ISGID | S_IRWXU | S_IRWXG | S_IRWXO; break;
		default: return who;
		}
	}
}

/* The permission letters after an operator: the bits, for every class (masked later). */
static int
perm_bits(const char **sp, mode_t *bits)
{
	for (*bits = 0; **sp != '\0' && **sp != ','; (*sp)++) {
		switch (**sp) {
		case 'r': *bits |= S_IRUSR | S_IRGRP | S_IROTH; break;
		case 'w': *bits |= S_IWUSR | S_IWGRP | S_IWOTH; break;
		case 'x': *bits |= S_IXUSR | S_IXGRP | S_IXOTH; break;
		case 's': *bits |= S_ISUID | S_ISGID; break;
		case 't': *bits |= S_ISVTX; break;
		default: return -1;
		}
	}
	return 0;
}

/* Apply symbolic mode spec to old: 0 and *out, or -1 if spec is malformed. */
static int
symbolic(const char *spec, mode_t old, mode_t mask, mode_t *out)
{
	const char *s = spec;
	mode_t who, bits, m = old;
	int all;
	char op;

	while (*s != '\0') {
		who = who_mask(&s);
		if ((all = who == 0))
			who = S_ISUID | S_ISGID | S_ISVTX | 0777;
		if (*s != '+' && *s != '-' && *s != '=')
			return -1;
		op = *s++;
		if (perm_bits(&s, &bits) != 0)
			return -1;
		bits &= who | S_ISVTX;
		if (all && op != '-')
			bits &= ~mask;
		if (op == '+')
			m |= bits;
		else if (op == '-')
			m &= ~bits;
		else
			m = (m & ~(who & ~(mode_t)S_ISVTX)) | bits;
		if (*s == ',')
			s++;
	}
	*out = m;
	return 0;
}

#endif /* COMMANDS_SYMMODE_H */
