/*
 * i8259.c - the two cascaded 8259A programmable interrupt controllers.
 *
 * The BIOS leaves IRQs 0-7 on vectors 8-15, which collide with CPU exceptions, so pic_init()
 * moves the master to IRQ0_VECTOR (0x50) and the slave to IRQ8_VECTOR (0x70) and masks every
 * line; drivers of a line unmask it (the timer unmasks IRQ 0).  Spurious IRQ 7 and 15 are
 * recognised by the in-service register and not acknowledged.
 */
#include "../../kernel.h"
#include "mmu.h"
#include "x86.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define OCW3_READ_ISR 0x0B
#define PIC_EOI 0x20
#define IRQ_CASCADE 2

static uint16_t irq_mask = 0xFFFF;

static void
pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xFF);
	outb(PIC2_DATA, irq_mask >> 8);
}

void
pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, IRQ0_VECTOR);
	outb(PIC2_DATA, IRQ8_VECTOR);
	outb(PIC1_DATA, 1 << IRQ_CASCADE);	/* slave on master's line 2 */
	outb(PIC2_DATA, IRQ_CASCADE);		/* slave's cascade identity */
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	irq_mask = 0xFFFF & ~(1 << IRQ_CASCADE);
	pic_write_mask();
}

void
pic_unmask(int irq)
{
	irq_mask &= (uint16_t)~(1u << irq);
	pic_write_mask();
}

void
pic_mask(int irq)
{
	irq_mask |= (uint16_t)(1u << irq);
	pic_write_mask();
}

static int
pic_spurious(int irq)
{
	uint16_t port = irq < 8 ? PIC1_CMD : PIC2_CMD;

	if ((irq & 7) != 7)
		return 0;
	outb(port, OCW3_READ_ISR);
	return (inb(port) & 0x80) == 0;
}

void
pic_eoi(int irq)
{
	if (pic_spurious(irq)) {
		if (irq >= 8)	/* the master did see the cascade line */
			outb(PIC1_CMD, PIC_EOI);
		return;
	}
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
