/*
 * protect.c - i386 protected-mode tables: the GDT, the TSS and the IDT.
 *
 * Segmentation is flat: the four code/data descriptors all have base 0 and limit 4 GiB and
 * differ only in privilege level (ring 0 for the kernel, ring 3 for processes), so a virtual
 * address is the linear address and paging alone protects memory.  The TSS is used only for
 * the ring-0 stack the CPU switches to when a trap comes from ring 3: tss_set_kstack() points
 * it just past the running process's saved registers (see entry.S).  The IDT holds an
 * interrupt gate for every CPU exception (0-31), the 16 PIC interrupts, and the gates user
 * code may call: 32 (kernel calls), 33 (IPC), and 3 and 4, so that a debugger's breakpoint
 * (`int3`) and `into` trap as themselves (SIGTRAP, SIGFPE) instead of as a protection fault.
 */
#include <stdint.h>
#include "../../kernel.h"
#include "mmu.h"

struct segdesc {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, limit_hi_flags, base_hi;
} __attribute__((packed));

struct gatedesc {
	uint16_t off_lo, sel;
	uint8_t zero, type_attr;
	uint16_t off_hi;
} __attribute__((packed));

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

struct tableptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

#define ACC_CODE   0x9A	/* present, ring 0, code, readable */
#define ACC_DATA   0x92	/* present, ring 0, data, writable */
#define ACC_TSS    0x89	/* present, ring 0, 32-bit available TSS */
#define ACC_RING3  0x60	/* DPL 3 */
#define FLAGS_4K32 0xC0	/* 4 KiB granularity, 32-bit */
#define GATE_INTR  0x8E	/* present, ring 0, 32-bit interrupt gate */
#define GATE_USER  0xEE	/* the same, callable from ring 3 (int $32, int $33) */

static struct segdesc gdt[GDT_ENTRIES];
static struct gatedesc idt[256];
static struct tss tss;

extern char boot_stack_top[];
extern void (*const exception_vectors[32])(void);
extern void (*const irq_vectors[NR_IRQ_VECTORS])(void);
extern void (*const kernel_call_vector)(void), (*const ipc_vector)(void);

static void
set_seg(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	gdt[i].limit_lo = limit & 0xFFFF;
	gdt[i].base_lo = base & 0xFFFF;
	gdt[i].base_mid = (base >> 16) & 0xFF;
	gdt[i].access = access;
	gdt[i].limit_hi_flags = (uint8_t)(flags | ((limit >> 16) & 0x0F));
	gdt[i].base_hi = (base >> 24) & 0xFF;
}

static void
set_gate(int vec, void (*handler)(void), uint8_t type_attr)
{
	uint32_t off = (uint32_t)handler;

	idt[vec].off_lo = off & 0xFFFF;
	idt[vec].sel = SEL_KCODE;
	idt[vec].zero = 0;
	idt[vec].type_attr = type_attr;
	idt[vec].off_hi = off >> 16;
}

static void
load_gdt(void)
{
	struct tableptr p = { sizeof(gdt) - 1, (uint32_t)gdt };

	__asm__ volatile(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorw %%ax, %%ax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		"ltr %w3"
		: : "m"(p), "i"(SEL_KCODE), "r"(SEL_KDATA), "r"(SEL_TSS) : "eax", "memory");
}

static void
gdt_init(void)
{
	set_seg(GDT_KCODE, 0, 0xFFFFF, ACC_CODE, FLAGS_4K32);
	set_seg(GDT_KDATA, 0, 0xFFFFF, ACC_DATA, FLAGS_4K32);
	set_seg(GDT_UCODE, 0, 0xFFFFF, ACC_CODE | ACC_RING3, FLAGS_4K32);
	set_seg(GDT_UDATA, 0, 0xFFFFF, ACC_DATA | ACC_RING3, FLAGS_4K32);
	tss.ss0 = SEL_KDATA;
	tss.esp0 = (uint32_t)boot_stack_top;
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 gets no ports */
	set_seg(GDT_TSS, (uint32_t)&tss, sizeof(tss) - 1, ACC_TSS, 0);
	load_gdt();
}

static void
idt_init(void)
{
	struct tableptr p = { sizeof(idt) - 1, (uint32_t)idt };
	int i;

	for (i = 0; i < 32; i++)
		set_gate(i, exception_vectors[i], GATE_INTR);
	for (i = 0; i < NR_IRQ_VECTORS; i++)
		set_gate((i < 8 ? IRQ0_VECTOR : IRQ8_VECTOR - 8) + i, irq_vectors[i], GATE_INTR);
	set_gate(3, exception_vectors[3], GATE_USER);		/* int3: a breakpoint */
	set_gate(4, exception_vectors[4], GATE_USER);		/* into */
	set_gate(KERN_CALL_VECTOR, kernel_call_vector, GATE_USER);
	set_gate(IPC_VECTOR, ipc_vector, GATE_USER);
	__asm__ volatile("lidt %0" : : "m"(p));
}

/* The stack the CPU switches to on a trap from ring 3: just past p->p_reg. */
/* Also read by sysenter_entry (entry.S), which has no TSS switch to do it. */
uint32_t proc_reg_top;

void
tss_set_kstack(uint32_t esp0)
{
	tss.esp0 = esp0;
	proc_reg_top = esp0;
}

void
prot_init(void)
{
	gdt_init();
	idt_init();
}
