/*
 * echo - print the arguments, separated by spaces, and a newline (not with -n).  The
 * code is commands/lib/echo.h, shared with the shell's echo builtin.
 */
#include "../lib/echo.h"

int
main(int argc, char **argv)
{
	return echo_main(argc, argv);
}
