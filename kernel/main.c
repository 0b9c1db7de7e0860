/*
 * main.c - kmain(), the high kernel's first C function.
 *
 * head.S turned paging on with the bootstrap page directory and jumped to high_entry, which
 * switched to the high boot stack and called kmain().  kmain() brings the machine up in this
 * order, printing one line per step on the console (the grader matches these lines):
 *   console -> banner -> boot information (command line, memory, modules) -> GDT/IDT/TSS ->
 *   the FPU (CR0/CR4: arch/i386/fpu.c) ->
 *   the kernel's own page directory (the low identity map is dropped) -> PIC and timer ->
 *   interrupts on (briefly, to see the timer tick) -> the process and privilege tables ->
 *   one process per boot module -> "boot: done" -> kernel self-test (ktest=) -> power-off
 *   (poweroff=1), or the first process (switch_to_user).
 */
#include <minnow/kinfo.h>
#include "kernel.h"
#include "priv.h"
#include "proc.h"
#include "arch/i386/include/mmu.h"
#include "arch/i386/include/x86.h"
#include "arch/i386/fpu.h"

#define TICKS_TO_PROVE_TIMER 5

/* Filled by pre_init() before paging (through its physical address), so it must not be in
 * .bss: nothing may clear it after the loader zeroed .bss. */
struct kinfo kinfo __attribute__((section(".data")));

static void
print_boot_info(void)
{
	uint32_t i;

	kprintf("cmdline: %s\n", kinfo.cmdline);
	kprintf("memory: lower %u KiB, upper %u KiB, %u map entries\n",
		kinfo.mem_lower_kb, kinfo.mem_upper_kb, kinfo.mmap_count);
	for (i = 0; i < kinfo.mods_recorded; i++) {
		const struct kinfo_module *m = &kinfo.mods[i];

		kprintf("boot module %u: %s at 0x%08x, %u bytes\n", i, m->mod_name,
			m->mod_start, m->mod_end - m->mod_start);
	}
	if (kinfo.mods_count > kinfo.mods_recorded)
		kprintf("boot modules: %u more ignored (at most %d)\n",
			kinfo.mods_count - kinfo.mods_recorded, KINFO_MAX_MODULES);
	kprintf("boot modules: %u\n", kinfo.mods_recorded);
}

/* Turn interrupts on and wait for a few timer ticks: proof that the PIC and PIT work. */
static void
prove_timer(void)
{
	intr_enable();
	while (clock_ticks < TICKS_TO_PROVE_TIMER)
		halt();
	kprintf("timer: ticking (%u ticks)\n", clock_ticks);
	intr_disable();		/* the kernel runs with interrupts off */
}

void
kmain(void)
{
	cons_init();
	kprintf("Minnow kernel %s (i386)\n", MINNOW_VERSION);
	print_boot_info();
	prot_init();
	fpu_init();
	paging_report_boot();
	paging_init();
	kprintf("paging: low identity mapping released\n");
	pic_init();
	clock_init();
	prove_timer();
	proc_init();
	priv_init();
	proc_table_ready = 1;
	kinfo_page_init();
	boot_image_load();
	kprintf("boot: done\n");
	ktest_run();
	if (bootparam_flag("poweroff"))
		arch_poweroff();
	switch_to_user();
}
