/*
 * console.c - the VGA text screen (80x25 cells at physical 0xB8000) as the console's
 * second output.
 *
 * The driver maps the screen into its address space with VM_MAP_PHYS (VM checks the range
 * against the driver's memory privileges).  The kernel writes its own messages to the same
 * screen and keeps the hardware cursor (CRTC registers 14 and 15 through ports 0x3D4 and
 * 0x3D5) after its last character; so does this file, and it starts each write at the
 * hardware cursor, so the two writers share one position.  Output understands NL, CR,
 * backspace (moves left) and tab, and scrolls the screen up when the last line is full.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "tty.h"

#define VGA_PHYS        0xB8000
#define VGA_BYTES       4096
#define VGA_ATTR        0x0700  /* light grey on black */
#define CRTC_INDEX      0x3D4
#define CRTC_DATA       0x3D5
#define CRTC_CURSOR_HI  14
#define CRTC_CURSOR_LO  15
#define SCREEN_CELLS    (TTY_ROWS * TTY_COLS)

static volatile uint16_t *screen;

int
cons_init(void)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_MAP_PHYS;
	m.m_vm_mmap.len = VGA_BYTES;
	m.m_vm_mmap.prot = VM_PROT_WRITE;
	m.m_vm_mmap.phys = VGA_PHYS;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	if (m.m_type != OK)
		return m.m_type;
	screen = (volatile uint16_t *)m.m_vm_mmap.addr;
	return OK;
}

static int
get_cursor(void)
{
	uint32_t hi = 0, lo = 0;

	sys_outb(CRTC_INDEX, CRTC_CURSOR_HI);
	sys_inb(CRTC_DATA, &hi);
	sys_outb(CRTC_INDEX, CRTC_CURSOR_LO);
	sys_inb(CRTC_DATA, &lo);
	return (int)(((hi & 0xFF) << 8) | (lo & 0xFF)) % SCREEN_CELLS;
}

static void
set_cursor(int pos)
{
	sys_outb(CRTC_INDEX, CRTC_CURSOR_HI);
	sys_outb(CRTC_DATA, (uint32_t)(pos >> 8) & 0xFF);
	sys_outb(CRTC_INDEX, CRTC_CURSOR_LO);
	sys_outb(CRTC_DATA, (uint32_t)pos & 0xFF);
}

/* Move every line up one; the last becomes blank.  The new position. */
static int
scroll_up(int pos)
{
	int i;

	for (i = 0; i < SCREEN_CELLS - TTY_COLS; i++)
		screen[i] = screen[i + TTY_COLS];
	for (; i < SCREEN_CELLS; i++)
		screen[i] = VGA_ATTR | ' ';
	return pos - TTY_COLS;
}

/* Put c at pos: the new position. */
static int
cons_putc(int pos, int c)
{
	switch (c) {
	case '\n':
		pos += TTY_COLS - pos % TTY_COLS;
		break;
	case '\r':
		pos -= pos % TTY_COLS;
		break;
	case '\b':
		if (pos % TTY_COLS > 0)
			pos--;
		break;
	case '\t':
		pos = (pos + 8) & ~7;
		break;
	default:
		screen[pos++] = (uint16_t)(VGA_ATTR | (c & 0xFF));
	}
	while (pos >= SCREEN_CELLS)
		pos = scroll_up(pos);
	return pos;
}

void
cons_write(const char *buf, size_t count)
{
	int pos;
	size_t i;

	if (screen == NULL || count == 0)
		return;
	pos = get_cursor();
	for (i = 0; i < count; i++)
		pos = cons_putc(pos, (uint8_t)buf[i]);
	set_cursor(pos);
}
