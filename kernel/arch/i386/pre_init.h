/*
 * pre_init.h - functions of the unpaged boot code (head.S, pre_init.c, unpaged_lib.c).
 * Only unpaged files include this header; their symbols are renamed __k_unpaged_* at link time.
 */
#ifndef MINNOW_I386_PRE_INIT_H
#define MINNOW_I386_PRE_INIT_H

#include <stdint.h>
#include <minnow/multiboot.h>

/* pre_init.c */
uint32_t pre_init(uint32_t magic, struct multiboot_info *mbi);
uint32_t pre_init_paging(void);

/* unpaged_lib.c */
void early_serial_init(void);
void early_puts(const char *s);
void early_fatal(const char *msg) __attribute__((noreturn));
void lab_unimplemented_early(const char *lab, const char *what) __attribute__((noreturn));
void lab_boot_jump_missing(void) __attribute__((noreturn));

#endif
