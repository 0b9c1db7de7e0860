/*
 * libexec.c - lib/libexec's ELF loader compiled into VFS, which loads programs for exec.
 */
#include "../../lib/libexec/exec_elf.c"
