/*
 * i8253.c - the programmable interval timer, channel 0, driving IRQ 0.
 */
#include "../../kernel.h"
#include "x86.h"

#define PIT_CH0  0x40
#define PIT_MODE 0x43
#define PIT_FREQ 1193182u
#define PIT_CH0_RATE_GEN 0x34	/* channel 0, lobyte/hibyte, mode 2, binary */

void
pit_init(uint32_t hz)
{
	uint32_t divisor = (PIT_FREQ + hz / 2) / hz;

	outb(PIT_MODE, PIT_CH0_RATE_GEN);
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, (divisor >> 8) & 0xFF);
}
