/*
 * sys_io.c - I/O ports and interrupt lines for drivers: sys_devio() with its in/out
 * shorthands, sys_sdevio(), and the sys_irqctl() requests.
 *
 * Protocol: SYS_DEVIO with mess_sys_devio makes one port access, which the kernel checks
 * against the caller's allowed I/O ranges; for input the value comes back in `value`.
 * SYS_SDEVIO with mess_sys_sdevio moves `vec_size` items between one port and the
 * caller's buffer at `vec_addr` (rep ins/outs).
 * SYS_IRQCTL with mess_sys_irqctl hooks (IRQ_SETPOLICY), unhooks (IRQ_RMPOLICY), unmasks
 * (IRQ_ENABLE) or masks (IRQ_DISABLE) a line.  On IRQ_SETPOLICY `hook_id` carries the bit
 * the driver wants set in its HARDWARE notifications and comes back as the kernel's hook
 * id, which the other three requests take.
 */
#include <string.h>
#include <minnow/syslib.h>

int
sys_devio(int request, uint32_t port, uint32_t value, uint32_t *result)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_devio.request = request;
	m.m_sys_devio.port = port;
	m.m_sys_devio.value = value;
	r = _kernel_call(SYS_DEVIO, &m);
	if (r == OK && result != NULL)
		*result = m.m_sys_devio.value;
	return r;
}

int
sys_inb(uint32_t port, uint32_t *value)
{
	return sys_devio(DIO_INPUT | DIO_BYTE, port, 0, value);
}

int
sys_inw(uint32_t port, uint32_t *value)
{
	return sys_devio(DIO_INPUT | DIO_WORD, port, 0, value);
}

int
sys_inl(uint32_t port, uint32_t *value)
{
	return sys_devio(DIO_INPUT | DIO_LONG, port, 0, value);
}

int
sys_outb(uint32_t port, uint32_t value)
{
	return sys_devio(DIO_OUTPUT | DIO_BYTE, port, value, NULL);
}

int
sys_outw(uint32_t port, uint32_t value)
{
	return sys_devio(DIO_OUTPUT | DIO_WORD, port, value, NULL);
}

int
sys_outl(uint32_t port, uint32_t value)
{
	return sys_devio(DIO_OUTPUT | DIO_LONG, port, value, NULL);
}

int
sys_sdevio(int request, uint32_t port, void *buf, uint32_t count)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_sdevio.request = request;
	m.m_sys_sdevio.port = port;
	m.m_sys_sdevio.vec_addr = (vir_bytes)buf;
	m.m_sys_sdevio.vec_size = count;
	return _kernel_call(SYS_SDEVIO, &m);
}

/* One SYS_IRQCTL request; the kernel's hook_id answer goes back through `hook_id`. */
static int
irqctl(int request, int irq, int policy, int *hook_id)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_irqctl.request = request;
	m.m_sys_irqctl.vector = irq;
	m.m_sys_irqctl.policy = policy;
	m.m_sys_irqctl.hook_id = *hook_id;
	r = _kernel_call(SYS_IRQCTL, &m);
	if (r == OK)
		*hook_id = m.m_sys_irqctl.hook_id;
	return r;
}

int
sys_irqsetpolicy(int irq, int policy, int *hook_id)
{
	return irqctl(IRQ_SETPOLICY, irq, policy, hook_id);
}

int
sys_irqrmpolicy(int *hook_id)
{
	return irqctl(IRQ_RMPOLICY, 0, 0, hook_id);
}

int
sys_irqenable(int *hook_id)
{
	return irqctl(IRQ_ENABLE, 0, 0, hook_id);
}

int
sys_irqdisable(int *hook_id)
{
	return irqctl(IRQ_DISABLE, 0, 0, hook_id);
}
