/*
 * uname - print the system's name.
 *
 * Usage: uname [-a] [-s] [-n] [-r] [-v] [-m]
 * Minnow has no uname call; the values are fixed: system "Minnow", node "minnow",
 * release "1.0", version "MINIX-3-style microkernel", machine "i386".  No option is -s.
 */
#include <stdio.h>
#include <string.h>

static const struct {
	char opt;
	const char *value;
} fields[] = {
	{ 's', "Minnow" }, { 'n', "minnow" }, { 'r', "1.0" },
	{ 'v', "MINIX-3-style microkernel" }, { 'm', "i386" },
};
#define NR_FIELDS ((int)(sizeof(fields) / sizeof(fields[0])))

int
main(int argc, char **argv)
{
	int want[NR_FIELDS] = { 0 }, any = 0, k;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			goto usage;
		for (const char *o = argv[i] + 1; *o != '\0'; o++) {
			for (k = 0; k < NR_FIELDS && fields[k].opt != *o; k++)
				;
			if (*o == 'a')
				for (k = 0; k < NR_FIELDS; k++)
					want[k] = 1;
			else if (k == NR_FIELDS)
				goto usage;
			else
				want[k] = 1;
			any = 1;
		}
	}
	if (!any)
		want[0] = 1;
	for (k = 0, any = 0; k < NR_FIELDS; k++)
		if (want[k])
			printf("%s%s", any++ ? " " : "", fields[k].value);
	putchar('\n');
	return 0;
usage:
	fprintf(stderr, "usage: uname [-asnrvm]\n");
	return 2;
}
