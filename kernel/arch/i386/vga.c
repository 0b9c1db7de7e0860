/*
 * vga.c - the VGA text screen (80x25 at physical 0xB8000), a mirror of the serial console.
 * It scrolls when full and keeps the hardware cursor after the last character.
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

void
vga_init(void)
{
	int i;

	vga = KP2V(VGA_PHYS);
	for (i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = VGA_ATTR | ' ';
	vga_pos = 0;
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

void
vga_putc(int c)
{
	if (vga == NULL)
		return;
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
