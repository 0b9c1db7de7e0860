/*
 * kernel_call.c - _kernel_call(): stamp a message as kernel call n and trap.
 *
 * Protocol: the message's m_type becomes KERNEL_CALL + n, _do_kernel_call() (ipc.S) traps
 * with `int $32`, and the kernel answers in the same message (result in m_type, "out"
 * fields filled in) and in EAX, which is what we return.  This file also checks that the
 * numbers ipc.S uses (trapnums.h) agree with the system headers.
 * The fault hook (minnow/kcfault.h; handouts/hardening.md, "Driver fault injection"): a
 * fault injector arms `kcall_fault` from outside with sys_trace(T_SETDATA), and one call
 * is then skipped, made twice or answered with a bad value.  Disarmed it costs one load
 * and one branch per call.
 */
#include <minnow/com.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/kcfault.h>
#include "trapnums.h"

_Static_assert(LIBSYS_KERNEL_CALL_VECTOR == KERNEL_CALL_VECTOR, "kernel-call vector");
_Static_assert(LIBSYS_IPC_VECTOR == IPC_TRAP_VECTOR, "IPC vector");
_Static_assert(LIBSYS_SEND == SEND && LIBSYS_RECEIVE == RECEIVE, "IPC call numbers");
_Static_assert(LIBSYS_SENDREC == SENDREC && LIBSYS_NOTIFY == NOTIFY, "IPC call numbers");
_Static_assert(LIBSYS_SENDNB == SENDNB && LIBSYS_SENDA == SENDA &&
	       LIBSYS_REPLYREC == REPLYREC, "IPC call numbers");

volatile struct kcall_fault kcall_fault;

/* The armed hook: let call nr (message m) through while counting down, else spoil it
 * once (minnow/kcfault.h). */
static int __attribute__((noinline))
kcall_fault_fire(int nr, message *m)
{
	if (kcall_fault.countdown > 0) {
		kcall_fault.countdown--;
		return _do_kernel_call(m);
	}
	kcall_fault.armed = 0;
	kcall_fault.fired++;
	switch (kcall_fault.kind) {
	case KCF_SKIP:
		return m->m_type = kcall_fault.value;
	case KCF_DUP:
		_do_kernel_call(m);
		m->m_type = KERNEL_CALL + nr;	/* the first answer replaced it */
		return _do_kernel_call(m);
	case KCF_VALUE:
		_do_kernel_call(m);
		return m->m_type = kcall_fault.value;
	default:
		return _do_kernel_call(m);
	}
}

int
_kernel_call(int syscall_nr, message *m)
{
	m->m_type = KERNEL_CALL + syscall_nr;
	if (__builtin_expect(kcall_fault.armed != 0, 0))
		return kcall_fault_fire(syscall_nr, m);
	return _do_kernel_call(m);
}
