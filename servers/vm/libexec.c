/*
 * libexec.c - lib/libexec compiled into VM, which loads the boot processes with it.
 */
#include "../../lib/libexec/exec_elf.c"
#include "../../lib/libexec/exec_stack.c"
