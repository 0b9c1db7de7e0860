/*
 * do_devio.c - SYS_DEVIO and SYS_SDEVIO: I/O port access on behalf of drivers.
 *
 * Processes run with IOPL 0, so a driver cannot touch a port itself (a user process that
 * tries gets SIGSEGV); it asks the kernel, which checks the port against the I/O ranges in
 * the caller's priv (sys_privctl SYS_PRIV_ADD_IO; RS fills them from system.conf).
 *
 * SYS_DEVIO (mess_sys_devio):
 *   request  DIO_INPUT or DIO_OUTPUT, with DIO_BYTE, DIO_WORD or DIO_LONG (else EINVAL)
 *   port     the port (EPERM unless every byte of the access is in the caller's ranges)
 *   value    in for output; out for input
 * SYS_SDEVIO (mess_sys_sdevio): the same for vec_size items to or from the caller's buffer
 *   at vec_addr (EFAULT if unreadable/unwritable; at most SDEVIO_MAX bytes, else EINVAL).
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"
#include "../arch/i386/include/x86.h"

#define SDEVIO_MAX 4096

static int
io_size(int request)
{
	switch (request & 0x0F) {
	case DIO_BYTE: return 1;
	case DIO_WORD: return 2;
	case DIO_LONG: return 4;
	default: return 0;
	}
}

/* May p access size bytes at port? */
static int
port_allowed(struct proc *p, uint32_t port, int size)
{
	struct priv *pr = priv(p);
	int i;

	for (i = 0; i < pr->s_nr_io_range; i++)
		if (port >= pr->s_io_tab[i].ior_base &&
		    port + (uint32_t)size - 1 <= pr->s_io_tab[i].ior_limit)
			return 1;
	return 0;
}

static uint32_t
port_in(uint16_t port, int size)
{
	uint32_t v;

	if (size == 1)
		return inb(port);
	if (size == 2) {
		uint16_t w;
		__asm__ volatile("inw %1, %0" : "=a"(w) : "Nd"(port));
		return w;
	}
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void
port_out(uint16_t port, int size, uint32_t v)
{
	if (size == 1)
		outb(port, (uint8_t)v);
	else if (size == 2)
		outw(port, (uint16_t)v);
	else
		__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static int
check_access(struct proc *caller, int request, uint32_t port, int *size)
{
	if ((*size = io_size(request)) == 0 || (request & ~0x1F) != 0)
		return -EINVAL;
	if (port > 0xFFFF || !port_allowed(caller, port, *size))
		return -EPERM;
	return OK;
}

int
do_devio(struct proc *caller, message *m)
{
	mess_sys_devio *d = &m->m_sys_devio;
	int size, r;

	if ((r = check_access(caller, d->request, d->port, &size)) != OK)
		return r;
	if (d->request & DIO_OUTPUT)
		port_out((uint16_t)d->port, size, d->value);
	else
		d->value = port_in((uint16_t)d->port, size);
	return OK;
}

int
do_sdevio(struct proc *caller, message *m)
{
	mess_sys_sdevio *d = &m->m_sys_sdevio;
	static uint8_t buf[SDEVIO_MAX + 4];	/* +4: a word or long read near the end */
	uint32_t i, bytes;
	int size, r;

	if ((r = check_access(caller, d->request, d->port, &size)) != OK)
		return r;
	if (d->vec_size > SDEVIO_MAX / (uint32_t)size)
		return -EINVAL;
	bytes = d->vec_size * (uint32_t)size;
	if (d->request & DIO_OUTPUT) {
		if (vm_copy(caller, d->vec_addr, NULL, (uint32_t)buf, bytes) != OK)
			return -EFAULT;
		for (i = 0; i < bytes; i += (uint32_t)size)
			port_out((uint16_t)d->port, size, *(uint32_t *)(buf + i));
		return OK;
	}
	if (vm_check_writable(caller, d->vec_addr, bytes) != OK)
		return -EFAULT;
	for (i = 0; i < bytes; i += (uint32_t)size) {
		uint32_t v = port_in((uint16_t)d->port, size);
		memcpy(buf + i, &v, (size_t)size);
	}
	return vm_copy(NULL, (uint32_t)buf, caller, d->vec_addr, bytes);
}
