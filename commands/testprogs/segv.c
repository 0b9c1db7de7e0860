/*
 * segv - die of a segmentation fault, for the shell's signal report.
 *
 * Usage: segv          writes through a NULL pointer
 *        segv text     writes into its own (read-only) program text
 * Either way the process should die of SIGSEGV, and the shell print "Segmentation fault
 * (SIGSEGV, signal 11)" with $? = 139.  If the write succeeds, it says so and exits 1.
 */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	volatile unsigned char *target = NULL;

	if (argc > 1 && strcmp(argv[1], "text") == 0)
		target = (volatile unsigned char *)(void *)main;
	printf("segv: writing to %p\n", (void *)target);
	fflush(stdout);
	*target = 0x90;
	printf("segv: the write to %p succeeded (it should not have)\n", (void *)target);
	return 1;
}
