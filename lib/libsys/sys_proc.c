/*
 * sys_proc.c - kernel calls about processes: exit, abort, privileges, run control,
 * signals, fork/exec/clear, live update, IPC state and VM control.
 *
 * Protocol: one kernel call each (SYS_EXIT, SYS_ABORT, SYS_PRIVCTL, SYS_RUNCTL, SYS_KILL,
 * SYS_GETKSIG, SYS_ENDKSIG, SYS_FORK, SYS_EXEC, SYS_CLEAR, SYS_UPDATE, SYS_STATECTL,
 * SYS_VMCTL), with the message layouts of minnow/kcall.h.  Every function zeroes the
 * message first, fills the fields the call reads, and copies back the fields it writes.
 */
#include <string.h>
#include <minnow/syslib.h>

int
sys_exit(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	return _kernel_call(SYS_EXIT, &m);
}

int
sys_abort(int how)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_abort.how = how;
	return _kernel_call(SYS_ABORT, &m);
}

int
sys_privctl(endpoint_t endpt, int request, void *arg)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_privctl.endpt = endpt;
	m.m_sys_privctl.request = request;
	m.m_sys_privctl.arg_ptr = (vir_bytes)arg;
	return _kernel_call(SYS_PRIVCTL, &m);
}

int
sys_runctl(endpoint_t endpt, int action, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_runctl.endpt = endpt;
	m.m_sys_runctl.action = action;
	m.m_sys_runctl.flags = flags;
	return _kernel_call(SYS_RUNCTL, &m);
}

int
sys_stop(endpoint_t endpt)
{
	return sys_runctl(endpt, RC_STOP, 0);
}

int
sys_delay_stop(endpoint_t endpt)
{
	return sys_runctl(endpt, RC_STOP, RC_DELAY);
}

int
sys_resume(endpoint_t endpt)
{
	return sys_runctl(endpt, RC_RESUME, 0);
}

int
sys_trace(int request, endpoint_t endpt, vir_bytes address, uint32_t *data)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_trace.endpt = endpt;
	m.m_sys_trace.request = request;
	m.m_sys_trace.address = address;
	m.m_sys_trace.data = data != NULL ? *data : 0;
	r = _kernel_call(SYS_TRACE, &m);
	if (data != NULL)
		*data = m.m_sys_trace.data;
	return r;
}

int
sys_kill(endpoint_t endpt, int sig)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_kill.endpt = endpt;
	m.m_sys_kill.sig = sig;
	return _kernel_call(SYS_KILL, &m);
}

/* SYS_SIGSEND or SYS_SIGRETURN (call) for endpt with the address ptr. */
static int
sig_call(int call, endpoint_t endpt, vir_bytes ptr)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_sig.endpt = endpt;
	m.m_sys_sig.ptr = ptr;
	return _kernel_call(call, &m);
}

int
sys_sigsend(endpoint_t endpt, const struct sigmsg *sm)
{
	return sig_call(SYS_SIGSEND, endpt, (vir_bytes)sm);
}

int
sys_sigreturn(endpoint_t endpt, vir_bytes scp)
{
	return sig_call(SYS_SIGRETURN, endpt, scp);
}

int
sys_getksig(endpoint_t *endpt, uint32_t sigmap[2])
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	r = _kernel_call(SYS_GETKSIG, &m);
	if (r != OK)
		return r;
	if (endpt != NULL)
		*endpt = m.m_sys_ksig.endpt;
	if (sigmap != NULL) {
		sigmap[0] = m.m_sys_ksig.sigmap[0];
		sigmap[1] = m.m_sys_ksig.sigmap[1];
	}
	return OK;
}

int
sys_endksig(endpoint_t endpt)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_ksig.endpt = endpt;
	return _kernel_call(SYS_ENDKSIG, &m);
}

int
sys_fork(endpoint_t parent, int slot, int flags, endpoint_t *child)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_fork.parent = parent;
	m.m_sys_fork.slot = slot;
	m.m_sys_fork.flags = flags;
	r = _kernel_call(SYS_FORK, &m);
	if (r == OK && child != NULL)
		*child = m.m_sys_fork.child;
	return r;
}

int
sys_exec(endpoint_t endpt, vir_bytes sp, vir_bytes ip, const char *name)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_exec.endpt = endpt;
	m.m_sys_exec.stack_ptr = sp;
	m.m_sys_exec.ip = ip;
	m.m_sys_exec.name_ptr = (vir_bytes)name;
	return _kernel_call(SYS_EXEC, &m);
}

/* The three calls with the mess_sys_proc layout. */
static int
proc_call(int call, endpoint_t endpt, endpoint_t endpt2, int request)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_proc.endpt = endpt;
	m.m_sys_proc.endpt2 = endpt2;
	m.m_sys_proc.request = request;
	return _kernel_call(call, &m);
}

int
sys_clear(endpoint_t endpt)
{
	return proc_call(SYS_CLEAR, endpt, NONE, 0);
}

int
sys_update(endpoint_t src, endpoint_t dst)
{
	return proc_call(SYS_UPDATE, src, dst, 0);
}

int
sys_statectl(int request)
{
	return proc_call(SYS_STATECTL, SELF, NONE, request);
}

int
sys_vmctl2(endpoint_t endpt, int param, uint32_t value, uint32_t value2)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_vmctl.endpt = endpt;
	m.m_sys_vmctl.param = param;
	m.m_sys_vmctl.value = value;
	m.m_sys_vmctl.value2 = value2;
	return _kernel_call(SYS_VMCTL, &m);
}

int
sys_vmctl(endpoint_t endpt, int param, uint32_t value)
{
	return sys_vmctl2(endpt, param, value, 0);
}
