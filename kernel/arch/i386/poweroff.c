/*
 * poweroff.c - ending a run: clean power-off, and halting after a panic.
 *
 * With the boot parameter debugexit=1 (the grader's) both end QEMU through isa-debug-exit
 * with distinct statuses (minnow/debugexit.h).  Otherwise power-off tries the ACPI PM1a
 * control ports QEMU's PIIX4 (0x604) and ICH9 (0xB004) machines use, and a panic halts.
 */
#include <minnow/debugexit.h>
#include "../../kernel.h"
#include "x86.h"

#define ACPI_SLP_EN_S5 0x2000

void
arch_poweroff(void)
{
	kprintf("power off\n");
	intr_disable();
	if (bootparam_flag("debugexit"))
		outb(DEBUGEXIT_PORT, DEBUGEXIT_POWEROFF);
	outw(0x604, ACPI_SLP_EN_S5);
	outw(0xB004, ACPI_SLP_EN_S5);
	for (volatile int spin = 0; spin < 10000000; spin++)	/* ACPI acts asynchronously */
		;
	kprintf("power off failed; system halted\n");
	for (;;)
		halt();
}

void
arch_halt_after_panic(void)
{
	intr_disable();
	if (bootparam_flag("debugexit"))
		outb(DEBUGEXIT_PORT, DEBUGEXIT_PANIC);
	kprintf("system halted\n");
	for (;;)
		halt();
}
