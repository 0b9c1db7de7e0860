/*
 * libexec.c - the part of lib/libexec RS uses: splitting a boot module's string into words.
 */
#include "../../lib/libexec/exec_stack.c"
