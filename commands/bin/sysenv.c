/*
 * sysenv - the boot parameters (Minnow only; handouts/commands.md, "sysenv").
 *
 * Usage: sysenv [name]
 * The boot parameters are the words of the kernel command line (GRUB's `multiboot` line,
 * QEMU's -append): "key=value" sets key to value, a bare word "key" sets it to 1, as the
 * kernel reads them (kernel/bootparam.c); the first word is the kernel's own path, a
 * harmless flag.  The text comes from PM (getsysinfo SI_CMDLINE).
 *   sysenv        every word, one per line, as written
 *   sysenv name   the value of name on one line; exit status 1, and nothing printed, when
 *                 name is not set (so that a script can ask `[ "$(sysenv x)" = y ]`)
 * More than one argument is a usage message on stderr and exit status 2; a failed request
 * to PM is said on stderr and the exit status is 2.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/pm.h>
#include <minnow/sysinfo.h>

#define CMDLINE_MAX 512

/* Print the value of name if the word w (wlen bytes) sets it: 1 if it did. */
static int
print_if(const char *w, size_t wlen, const char *name)
{
	size_t nlen = strlen(name);

	if (wlen < nlen || strncmp(w, name, nlen) != 0)
		return 0;
	if (wlen == nlen) {
		printf("1\n");
		return 1;
	}
	if (w[nlen] != '=')
		return 0;
	printf("%.*s\n", (int)(wlen - nlen - 1), w + nlen + 1);
	return 1;
}

int
main(int argc, char **argv)
{
	static char line[CMDLINE_MAX];
	const char *p = line;
	size_t wlen;

	if (argc > 2) {
		fprintf(stderr, "usage: sysenv [name]\n");
		return 2;
	}
	if (getsysinfo(SI_CMDLINE, line, sizeof(line) - 1) < 0) {
		perror("sysenv: getsysinfo");
		return 2;
	}
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return argc == 2;       /* name not found: 1; the list: 0 */
		for (wlen = 0; p[wlen] != '\0' && p[wlen] != ' '; wlen++)
			;
		if (argc == 1)
			printf("%.*s\n", (int)wlen, p);
		else if (print_if(p, wlen, argv[1]))
			return 0;
		p += wlen;
	}
}
