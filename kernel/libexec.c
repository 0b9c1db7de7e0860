/*
 * libexec.c - lib/libexec compiled into the kernel, which uses it to load boot modules
 * (see boot.c).  The same sources serve VM, RS and exec in user space.
 */
#include "../lib/libexec/exec_elf.c"
#include "../lib/libexec/exec_stack.c"
