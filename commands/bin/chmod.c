/*
 * chmod - change files' permission bits.
 *
 * Usage: chmod mode file...
 * mode is octal (755, 4755) or symbolic: comma-separated clauses [ugoa]*[+-=][rwxst]*,
 * e.g. u+x, go-w, a=r, u=rwx,g=rx.  A clause without u, g, o or a means a, less the
 * umask's bits for + and =.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int
main(int argc, char **argv)
{
	mode_t mask, mode;
	struct stat st;
	int rc = 0, octal;
	char *end;

	if (argc < 3) {
		fprintf(stderr, "usage: chmod mode file...\n");
		return 2;
	}
	mask = umask(0);
	umask(mask);
	mode = (mode_t)strtoul(argv[1], &end, 8);
	octal = *end == '\0' && argv[1][0] >= '0' && argv[1][0] <= '7';
	if (octal && mode > 07777) {
		fprintf(stderr, "chmod: invalid mode %s\n", argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!octal && stat(argv[i], &st) != 0) {
			fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		if (!octal && symbolic(argv[1], st.st_mode & 07777, mask, &mode) != 0) {
			fprintf(stderr, "chmod: invalid mode %s\n", argv[1]);
			return 2;
		}
		if (chmod(argv[i], mode) != 0) {
			fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
