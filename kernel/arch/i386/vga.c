/*
 * vga.c - the VGA text screen (80x25 at physical 0xB8000), a mirror of the serial console.
 * It scrolls when full and keeps the hardware cursor after the last character.  The tty
 * driver writes to the same screen and keeps the cursor the same way, so each line the
 * kernel writes starts where the hardware cursor is: the two writers share one position.
 * (The cursor is read back once per line, not per character: port I/O is slow.)
 */
#include "../../kernel.h"
#include "x86.h"

#define VGA_PHYS 0xB8000
#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700	/* light grey on black */
#define CRTC_INDEX 0x3D4
#define CRTC_DATA 0x3D5

static uint16_t *vga;
static int vga_pos;
static int vga_line_start = 1;	/* the next character starts a line: read the cursor */

static void vga_cursor(void);

void
vga_init(void)
{
	int i;

	vga = KP2V(VGA_PHYS);
	for (i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = VGA_ATTR | ' ';
	vga_pos = 0;
	vga_cursor();
}

static void
vga_scroll(void)
{
	int i;

	memmove(vga, vga + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * sizeof(*vga));
	for (i = (VGA_ROWS - 1) * VGA_COLS; i < VGA_ROWS * VGA_COLS; i++)
		vga[i] = VGA_ATTR | ' ';
	vga_pos -= VGA_COLS;
}

static void
vga_cursor(void)
{
	outb(CRTC_INDEX, 14);
	outb(CRTC_DATA, (uint8_t)(vga_pos >> 8));
	outb(CRTC_INDEX, 15);
	outb(CRTC_DATA, (uint8_t)vga_pos);
}

/* Where the hardware cursor is (the tty driver may have moved it). */
static int
vga_get_cursor(void)
{
	int pos;

	outb(CRTC_INDEX, 14);
	pos = inb(CRTC_DATA) << 8;
	outb(CRTC_INDEX, 15);
	pos |= inb(CRTC_DATA);
	return pos % (VGA_COLS * VGA_ROWS);
}

void
vga_putc(int c)
{
	if (vga == NULL)
		return;
	if (vga_line_start)
		vga_pos = vga_get_cursor();
	vga_line_start = c == '\n';
	if (c == '\n')
		vga_pos += VGA_COLS - vga_pos % VGA_COLS;
	else if (c == '\b') {
		if (vga_pos > 0)
			vga[--vga_pos] = VGA_ATTR | ' ';
	} else if (c == '\t')
		vga_pos = (vga_pos + 8) & ~7;
	else if (c != '\r')
		vga[vga_pos++] = (uint16_t)(VGA_ATTR | (c & 0xFF));
	while (vga_pos >= VGA_COLS * VGA_ROWS)
		vga_scroll();
	vga_cursor();
}
