/*
 * do_diagctl.c - SYS_DIAGCTL: kernel diagnostics for system processes.
 *
 * Message fields (mess_sys_diagctl):
 *   code   DIAGCTL_CODE_DIAG: print the caller's text on the console (and into the kernel's
 *          diagnostics buffer);  DIAGCTL_CODE_STACKTRACE: print endpt's saved registers.
 *   buf    DIAG: address of the text in the caller
 *   len    DIAG: its length (1 .. DIAG_MAX_LEN, else EINVAL)
 *   endpt  STACKTRACE: the process (EINVAL if not alive)
 * Errors: EINVAL (bad code, length or endpoint), EFAULT (unreadable text).
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

#define DIAG_MAX_LEN 1024

static int
diag_print(struct proc *caller, vir_bytes buf, int len)
{
	char text[DIAG_MAX_LEN + 1];
	int i;

	if (len <= 0 || len > DIAG_MAX_LEN)
		return -EINVAL;
	if (vm_copy(caller, buf, NULL, (uint32_t)text, (size_t)len) != OK)
		return -EFAULT;
	for (i = 0; i < len; i++)
		kprintf("%c", text[i]);
	return OK;
}

static int
diag_stacktrace(endpoint_t e)
{
	struct proc *p = endpoint_proc(e);

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	kprintf("%s (endpoint %d): eip=0x%08x esp=0x%08x ebp=0x%08x rts=0x%x\n", p->p_name,
		p->p_endpoint, p->p_reg.tf_eip, p->p_reg.tf_esp, p->p_reg.tf_ebp, p->p_rts_flags);
	return OK;
}

int
do_diagctl(struct proc *caller, message *m)
{
	switch (m->m_sys_diagctl.code) {
	case DIAGCTL_CODE_DIAG:
		return diag_print(caller, m->m_sys_diagctl.buf, m->m_sys_diagctl.len);
	case DIAGCTL_CODE_STACKTRACE:
		return diag_stacktrace(m->m_sys_diagctl.endpt);
	default:
		return -EINVAL;
	}
}
