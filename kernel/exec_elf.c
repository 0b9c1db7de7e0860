/*
 * exec_elf.c - lib/libexec's ELF loader compiled into the kernel, which uses it to load boot
 * modules (see boot.c).  The same source serves VM, RS and exec in user space.
 */
#include "../lib/libexec/exec_elf.c"
