/*
 * kmess.c - the kernel diagnostics buffer (what `dmesg` shows).
 *
 * Every character kprintf() prints, boot messages included, is also appended to a ring of
 * KMESS_BUF_SIZE characters.  When it is full the oldest characters are overwritten.  User
 * space reads it later through a kernel call (sys_getinfo GET_KMESS); kmess_read() copies
 * out the stored text oldest-first.
 */
#include "kernel.h"

struct kmessages kmess;

void
kmess_putc(int c)
{
	kmess.km_buf[kmess.km_next] = (char)c;
	kmess.km_next = (kmess.km_next + 1) % KMESS_BUF_SIZE;
	if (kmess.km_size < KMESS_BUF_SIZE)
		kmess.km_size++;
}

/* Copy up to len stored characters, oldest first, into dst; return how many were copied. */
size_t
kmess_read(char *dst, size_t len)
{
	uint32_t start = (kmess.km_next + KMESS_BUF_SIZE - kmess.km_size) % KMESS_BUF_SIZE;
	size_t i;

	for (i = 0; i < len && i < kmess.km_size; i++)
		dst[i] = kmess.km_buf[(start + i) % KMESS_BUF_SIZE];
	return i;
}
