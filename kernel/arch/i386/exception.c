/*
 * exception.c - trap(): what happens on every interrupt and CPU exception.
 *
 * Hardware interrupts go to their handler (for now only the timer) and are acknowledged at
 * the PIC.  A CPU exception is reported with a full register dump (CR2 included for page
 * faults) and stops the system with a panic naming the function that faulted.  Exceptions
 * from user processes (signals through the process's signal manager, page faults to VM) come
 * with processes in a later issue.
 */
#include "../../kernel.h"
#include "mmu.h"
#include "trap.h"
#include "x86.h"

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bounds check",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved (15)", "x87 floating point", "alignment check",
	"machine check", "SIMD floating point", "virtualization", "control protection",
	"reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)",
	"reserved (27)", "hypervisor injection", "VMM communication", "security",
	"reserved (31)",
};

#define PF_PRESENT 0x1
#define PF_WRITE   0x2
#define PF_USER    0x4

static void
dump_registers(const struct trapframe *tf)
{
	int from_user = (tf->tf_cs & 3) != 0;
	uint32_t esp = from_user ? tf->tf_esp : (uint32_t)&tf->tf_esp;

	kprintf("  eip=0x%08x cs=0x%04x eflags=0x%08x err=0x%08x\n",
		tf->tf_eip, tf->tf_cs, tf->tf_eflags, tf->tf_err);
	kprintf("  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n",
		tf->tf_eax, tf->tf_ebx, tf->tf_ecx, tf->tf_edx);
	kprintf("  esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n",
		tf->tf_esi, tf->tf_edi, tf->tf_ebp, esp);
	kprintf("  ds=0x%04x es=0x%04x fs=0x%04x gs=0x%04x\n",
		tf->tf_ds, tf->tf_es, tf->tf_fs, tf->tf_gs);
	kprintf("  cr0=0x%08x cr2=0x%08x cr3=0x%08x cr4=0x%08x\n",
		read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static void __attribute__((noreturn))
exception(struct trapframe *tf)
{
	const char *name = exception_names[tf->tf_vector];
	const char *mode = (tf->tf_cs & 3) ? "user" : "kernel";
	uint32_t off;
	const char *func = ksym_lookup(tf->tf_eip, &off);

	if (tf->tf_vector == 14)
		kprintf("trap: page fault (vector 14) in %s mode: %s of %s page at 0x%08x\n", mode,
			(tf->tf_err & PF_WRITE) ? "write" : "read",
			(tf->tf_err & PF_PRESENT) ? "a protected" : "a not-present", read_cr2());
	else
		kprintf("trap: %s (vector %u) in %s mode\n", name, tf->tf_vector, mode);
	dump_registers(tf);
	panic_frame(func != NULL ? func : "?", tf->tf_eip, tf->tf_ebp,
		    "unhandled %s in %s mode", name, mode);
}

static void
interrupt(int irq)
{
	if (irq == 0)
		clock_tick();
	pic_eoi(irq);
}

void
trap(struct trapframe *tf)
{
	uint32_t v = tf->tf_vector;

	if (v < 32)
		exception(tf);
	if (v >= IRQ0_VECTOR && v < IRQ0_VECTOR + 8)
		interrupt((int)(v - IRQ0_VECTOR));
	else if (v >= IRQ8_VECTOR && v < IRQ8_VECTOR + 8)
		interrupt((int)(v - IRQ8_VECTOR + 8));
	else
		panic("unexpected trap vector %u", v);
}
