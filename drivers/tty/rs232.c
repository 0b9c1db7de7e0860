/*
 * rs232.c - COM1, the serial line of the console: a 16550 UART at port 0x3F8, IRQ 4.
 *
 * The kernel set the line up at boot (115200 baud, 8N1, FIFOs on) and keeps writing its
 * own messages to it by polling; this file only adds what the driver needs:
 *   input   receive interrupts (IER bit 0, and OUT2 in MCR, which gates the UART's
 *           interrupt line on a PC) with a receive trigger level of one byte; rs_interrupt()
 *           reads RBR while LSR says data is ready and feeds the line discipline;
 *   output  rs_write() waits (bounded) for an empty transmitter and writes up to a FIFO's
 *           worth (16 bytes) at a time with one sys_sdevio.
 * Kernel and driver output may interleave on the line; neither loses bytes.
 */
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "tty.h"

#define COM1            0x3F8
#define RS_IRQ          4
#define UART_RBR        0       /* receive buffer (read) / transmit holding (write) */
#define UART_IER        1       /* interrupt enable */
#define UART_FCR        2       /* FIFO control (write) */
#define UART_MCR        4       /* modem control */
#define UART_LSR        5       /* line status */

#define IER_RDA         0x01    /* interrupt when data is received */
#define FCR_ENABLE      0x01    /* FIFOs on, receive trigger level 1 (bits 6-7 zero) */
#define MCR_DTR_RTS_OUT2 0x0B
#define LSR_DR          0x01    /* data ready */
#define LSR_THRE        0x20    /* transmitter holding register (FIFO) empty */
#define UART_FIFO       16
#define RS_SPINS        100000  /* give up on a stuck transmitter */

static int rs_hook = RS_HOOK_BIT;
static int rs_ready;

int
rs_init(void)
{
	uint32_t lsr;
	int r;

	if ((r = sys_inb(COM1 + UART_LSR, &lsr)) != OK)
		return r;
	if (lsr == 0xFF)
		return -ENXIO;		/* no UART */
	rs_ready = 1;
	if ((r = sys_irqsetpolicy(RS_IRQ, 0, &rs_hook)) != OK)
		return r;
	sys_outb(COM1 + UART_FCR, FCR_ENABLE);
	sys_outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
	sys_outb(COM1 + UART_IER, IER_RDA);
	return OK;
}

void
rs_interrupt(tty_t *tp)
{
	char buf[64];
	uint32_t lsr, c;
	int n;

	do {
		for (n = 0; n < (int)sizeof(buf); n++) {
			if (sys_inb(COM1 + UART_LSR, &lsr) != OK || !(lsr & LSR_DR))
				break;
			if (sys_inb(COM1 + UART_RBR, &c) != OK)
				break;
			buf[n] = (char)c;
		}
		in_process(tp, buf, n);
	} while (n == (int)sizeof(buf));
	sys_irqenable(&rs_hook);
}

void
rs_write(const char *buf, size_t count)
{
	uint32_t lsr;
	size_t chunk;
	int spins;

	if (!rs_ready)
		return;
	while (count > 0) {
		for (spins = 0; spins < RS_SPINS; spins++)
			if (sys_inb(COM1 + UART_LSR, &lsr) != OK || (lsr & LSR_THRE))
				break;
		chunk = count < UART_FIFO ? count : UART_FIFO;
		sys_sdevio(DIO_OUTPUT | DIO_BYTE, COM1 + UART_RBR, (void *)buf, chunk);
		buf += chunk, count -= chunk;
	}
}
