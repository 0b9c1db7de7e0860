/*
 * kernel_call.c - _kernel_call(): stamp a message as kernel call n and trap.
 *
 * Protocol: the message's m_type becomes KERNEL_CALL + n, _do_kernel_call() (ipc.S) traps
 * with `int $32`, and the kernel answers in the same message (result in m_type, "out"
 * fields filled in) and in EAX, which is what we return.  This file also checks that the
 * numbers ipc.S uses (trapnums.h) agree with the system headers.
 */
#include <minnow/com.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include "trapnums.h"

_Static_assert(LIBSYS_KERNEL_CALL_VECTOR == KERNEL_CALL_VECTOR, "kernel-call vector");
_Static_assert(LIBSYS_IPC_VECTOR == IPC_TRAP_VECTOR, "IPC vector");
_Static_assert(LIBSYS_SEND == SEND && LIBSYS_RECEIVE == RECEIVE, "IPC call numbers");
_Static_assert(LIBSYS_SENDREC == SENDREC && LIBSYS_NOTIFY == NOTIFY, "IPC call numbers");
_Static_assert(LIBSYS_SENDNB == SENDNB && LIBSYS_SENDA == SENDA, "IPC call numbers");

int
_kernel_call(int syscall_nr, message *m)
{
	m->m_type = KERNEL_CALL + syscall_nr;
	return _do_kernel_call(m);
}
