/*
 * sys_diag.c - kernel diagnostics: sys_diagctl() and kputs().
 *
 * Protocol: SYS_DIAGCTL with mess_sys_diagctl.  DIAGCTL_CODE_DIAG prints `len` bytes at
 * `buf` (in the caller) on the console and into the kernel's kmess buffer; this is how every
 * program prints until there is a tty driver.  DIAGCTL_CODE_STACKTRACE prints a process's
 * registers and stack.
 */
#include <string.h>
#include <minnow/syslib.h>

int
sys_diagctl(int code, const void *buf, int len, endpoint_t endpt)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_diagctl.code = code;
	m.m_sys_diagctl.buf = (vir_bytes)buf;
	m.m_sys_diagctl.len = len;
	m.m_sys_diagctl.endpt = endpt;
	return _kernel_call(SYS_DIAGCTL, &m);
}

int
sys_diagctl_diag(const char *buf, int len)
{
	return sys_diagctl(DIAGCTL_CODE_DIAG, buf, len, NONE);
}

int
sys_diagctl_stacktrace(endpoint_t endpt)
{
	return sys_diagctl(DIAGCTL_CODE_STACKTRACE, NULL, 0, endpt);
}

int
kputs(const char *s)
{
	return sys_diagctl_diag(s, (int)strlen(s));
}
