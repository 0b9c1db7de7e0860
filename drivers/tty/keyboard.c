/*
 * keyboard.c - the PS/2 keyboard (i8042 controller: data port 0x60, status port 0x64,
 * IRQ 1) as the console's second input.
 *
 * The BIOS left the controller translating to scancode set 1: one byte per key press
 * (the key's code) and per release (the code with bit 7 set); 0xE0 prefixes the codes of
 * the extra keys (arrows, right ctrl, ...).  kb_interrupt() reads bytes while the status
 * port says the output buffer is full (skipping mouse bytes), keeps the state of the
 * shift, ctrl and caps lock keys, and turns presses into ASCII for the line discipline:
 * a US layout, ctrl+letter (and ctrl+[\]^_@) is the control byte, Enter is CR (ICRNL
 * makes it NL), Backspace is DEL.  Prefixed keys and keys without ASCII are ignored.
 */
#include <minnow/syslib.h>
#include "tty.h"

#define KB_DATA         0x60
#define KB_STATUS       0x64
#define KB_IRQ          1
#define KB_OUT_FULL     0x01    /* status: a byte waits in the data port */
#define KB_AUX          0x20    /* status: the byte is from the mouse */

#define SC_RELEASE      0x80
#define SC_PREFIX       0xE0
#define SC_LCTRL        0x1D
#define SC_LSHIFT       0x2A
#define SC_RSHIFT       0x36
#define SC_CAPS         0x3A

/* Scancode set 1, codes 0x00 - 0x39, without and with shift (0: no ASCII). */
static const char keymap[] =
	"\0\033" "1234567890-=" "\177\t" "qwertyuiop[]" "\r\0" "asdfghjkl;'`" "\0\\"
	"zxcvbnm,./" "\0*\0 ";
static const char shiftmap[] =
	"\0\033" "!@#$%^&*()_+" "\177\t" "QWERTYUIOP{}" "\r\0" "ASDFGHJKL:\"~" "\0|"
	"ZXCVBNM<>?" "\0*\0 ";

static int kb_hook = KBD_HOOK_BIT;
static int shift, ctrl, caps, prefixed;

int
kb_init(void)
{
	uint32_t status, c;
	int i, r;

	if ((r = sys_irqsetpolicy(KB_IRQ, 0, &kb_hook)) != OK)
		return r;
	for (i = 0; i < 16; i++) {	/* throw away what the BIOS left */
		if (sys_inb(KB_STATUS, &status) != OK || !(status & KB_OUT_FULL))
			break;
		sys_inb(KB_DATA, &c);
	}
	return OK;
}

/* Apply ctrl and caps lock to the ASCII byte c of a letter or symbol key. */
static int
modify(int c)
{
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (ctrl && c >= '@' && c <= '~' && c != '`')
		c &= 0x1F;
	return c;
}

/* One scancode: the ASCII byte it makes, or -1. */
static int
scancode(int sc)
{
	int release = sc & SC_RELEASE, code = sc & ~SC_RELEASE;

	if (sc == SC_PREFIX) {
		prefixed = 1;
		return -1;
	}
	if (prefixed) {		/* right ctrl counts; the other extra keys do not */
		prefixed = 0;
		if (code == SC_LCTRL)
			ctrl = !release;
		return -1;
	}
	if (code == SC_LSHIFT || code == SC_RSHIFT)
		shift = !release;
	else if (code == SC_LCTRL)
		ctrl = !release;
	else if (code == SC_CAPS && !release)
		caps = !caps;
	if (release || code >= (int)sizeof(keymap) - 1 || keymap[code] == '\0')
		return -1;
	return modify((uint8_t)(shift ? shiftmap[code] : keymap[code]));
}

void
kb_interrupt(tty_t *tp)
{
	uint32_t status, sc;
	char c;
	int a, i;

	for (i = 0; i < 16; i++) {
		if (sys_inb(KB_STATUS, &status) != OK || !(status & KB_OUT_FULL))
			break;
		if (sys_inb(KB_DATA, &sc) != OK || (status & KB_AUX))
			continue;
		if ((a = scancode((int)(sc & 0xFF))) >= 0) {
			c = (char)a;
			in_process(tp, &c, 1);
		}
	}
	sys_irqenable(&kb_hook);
}
