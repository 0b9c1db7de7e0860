/*
 * unpaged_lib.c - the few helpers the unpaged boot code may use.
 *
 * Everything in this file runs before paging is on, linked low, with its symbols renamed
 * __k_unpaged_* (see head.S).  It therefore cannot call the high kernel's printf or string
 * functions; it has its own minimal COM1 output for fatal boot errors.  A fatal boot error
 * prints a line and exits QEMU through isa-debug-exit with the panic code (a no-op without the
 * device), then halts.  The memset/memcpy the compiler may emit calls to come from
 * lib/libc/string.c, which the build compiles once more for the unpaged code
 * (kernel/Makefile.inc).
 */
#include <stdint.h>
#include <minnow/debugexit.h>
#include "x86.h"
#include "pre_init.h"

#define COM1 0x3F8

void
early_serial_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts */
	outb(COM1 + 3, 0x80);	/* DLAB on */
	outb(COM1 + 0, 0x01);	/* divisor 1: 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8N1, DLAB off */
	outb(COM1 + 2, 0xC7);	/* FIFO on, cleared */
}

static void
early_putc(char c)
{
	int spins = 100000;
	if (c == '\n')
		early_putc('\r');
	while (!(inb(COM1 + 5) & 0x20) && spins-- > 0)
		;
	outb(COM1, (uint8_t)c);
}

void
early_puts(const char *s)
{
	while (*s)
		early_putc(*s++);
}

static void __attribute__((noreturn))
early_halt(void)
{
	outb(DEBUGEXIT_PORT, DEBUGEXIT_PANIC);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void
early_fatal(const char *msg)
{
	early_puts("early boot: ");
	early_puts(msg);
	early_puts("\n");
	early_halt();
}

void
lab_unimplemented_early(const char *lab, const char *what)
{
	early_puts("LAB(");
	early_puts(lab);
	early_puts("): not implemented: ");
	early_puts(what);
	early_puts("\n");
	early_halt();
}

void
lab_boot_jump_missing(void)
{
	lab_unimplemented_early("boot", "head.S: turn on paging and jump to high_entry");
}
