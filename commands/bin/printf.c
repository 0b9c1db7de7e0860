/*
 * printf - print the format with its escapes and conversions filled from the arguments
 * (POSIX printf).  The code is commands/lib/printf.h, shared with the shell's printf
 * builtin; its opening comment says what is supported.
 */
#include "../lib/printf.h"

int
main(int argc, char **argv)
{
	return printf_main(argc, argv);
}
