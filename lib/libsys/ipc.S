/*
 * ipc.S - the IPC primitives and the kernel-call trap, one small stub per primitive.
 *
 * Protocol (minnow/com.h): an IPC enters the kernel with EAX = the IPC call, ECX = the
 * endpoint (SENDA: the entry count), EBX = the message (SENDA: the table); the kernel
 * returns OK or a negated error in EAX and the IPC status word in EBX after a receive.
 * `int $32` with EAX = a message makes a kernel call; the result comes back in EAX.
 *
 * How an IPC enters the kernel is chosen at run time (minnow/kerninfo.h): the stubs call
 * through the pointer _ipc_entry, which first points at _ipc_entry_first.  That asks the
 * kernel (ipc_entry.c) for its information page and switches _ipc_entry to the page's
 * sysenter or `int $33` trampoline, or to _ipc_entry_int below if there is no page, then
 * makes the pending call.  Every entry routine takes EAX/EBX/ECX as above, returns EAX/EBX,
 * and may clobber ECX, EDX and ESI (the sysenter trampoline passes the endpoint in ESI).
 *
 * The stubs follow the i386 cdecl convention: arguments on the stack, result in EAX, EBX
 * and ESI preserved (saved here), ECX/EDX free.  The C prototypes are in minnow/ipcstub.h.
 */
#include "trapnums.h"

	.data
	.globl _ipc_entry
	.align 4
_ipc_entry:
	.long _ipc_entry_first

	.text

/* The stub's arguments, once EBX and ESI are saved: */
#define ARG1    12(%esp)
#define ARG2    16(%esp)
#define ARG3    20(%esp)
#define ARG4    24(%esp)

/* name(endpoint, message): ECX = ARG1, EBX = ARG2, EAX = nr. */
.macro IPC_STUB name, nr
	.globl \name
	.type \name, @function
\name:
	pushl %ebx
	pushl %esi
	movl ARG1, %ecx
	movl ARG2, %ebx
	movl $\nr, %eax
	call *_ipc_entry
	popl %esi
	popl %ebx
	ret
	.size \name, . - \name
.endm

/* int ipc_send(endpoint_t dst, message *m) */
	IPC_STUB ipc_send, LIBSYS_SEND
/* int ipc_sendrec(endpoint_t dst, message *m) */
	IPC_STUB ipc_sendrec, LIBSYS_SENDREC
/* int ipc_sendnb(endpoint_t dst, message *m) */
	IPC_STUB ipc_sendnb, LIBSYS_SENDNB
/* int ipc_notify(endpoint_t dst): the message argument is not used (EBX gets garbage). */
	IPC_STUB ipc_notify, LIBSYS_NOTIFY

/* int ipc_receive(endpoint_t src, message *m, int *status): also stores the status word
 * (0 if the receive failed) where status points, unless status is NULL. */
	.globl ipc_receive
	.type ipc_receive, @function
ipc_receive:
	pushl %ebx
	pushl %esi
	movl ARG1, %ecx
	movl ARG2, %ebx
	movl $LIBSYS_RECEIVE, %eax
	call *_ipc_entry
_ipc_store_status:                      /* (ipc_replyrec's end too) */
	movl ARG3, %ecx                 /* status pointer */
	testl %ecx, %ecx
	jz 2f
	testl %eax, %eax
	jz 1f
	xorl %ebx, %ebx                 /* failed: no status */
1:	movl %ebx, (%ecx)
2:	popl %esi
	popl %ebx
	ret
	.size ipc_receive, . - ipc_receive

/* int ipc_replyrec(endpoint_t dst, message *m, int *status, int *reply_r): the receive's
 * result in EAX, its status word in EBX (stored as ipc_receive() does), and the reply's
 * result in EDX (stored where reply_r points, unless it is NULL). */
	.globl ipc_replyrec
	.type ipc_replyrec, @function
ipc_replyrec:
	pushl %ebx
	pushl %esi
	movl ARG1, %ecx
	movl ARG2, %ebx
	movl $LIBSYS_REPLYREC, %eax
	call *_ipc_entry
	movl ARG4, %ecx                 /* reply result pointer */
	testl %ecx, %ecx
	jz _ipc_store_status
	movl %edx, (%ecx)
	jmp _ipc_store_status           /* the status word as ipc_receive stores it */
	.size ipc_replyrec, . - ipc_replyrec

/* int ipc_senda(asynmsg_t *table, size_t count): table in EBX, count in ECX. */
	.globl ipc_senda
	.type ipc_senda, @function
ipc_senda:
	pushl %ebx
	pushl %esi
	movl ARG1, %ebx
	movl ARG2, %ecx
	movl $LIBSYS_SENDA, %eax
	call *_ipc_entry
	popl %esi
	popl %ebx
	ret
	.size ipc_senda, . - ipc_senda

/* Entry routine: the plain trap, for kernels without an information page. */
	.globl _ipc_entry_int
	.type _ipc_entry_int, @function
_ipc_entry_int:
	int $LIBSYS_IPC_VECTOR
	ret
	.size _ipc_entry_int, . - _ipc_entry_int

/* Entry routine of the first IPC: choose the real one (keeping the call's EAX/EBX/ECX),
 * then continue into it; it returns straight to the stub. */
	.type _ipc_entry_first, @function
_ipc_entry_first:
	pushl %eax
	pushl %ebx
	pushl %ecx
	call _ipc_choose_entry
	popl %ecx
	popl %ebx
	popl %eax
	jmp *_ipc_entry
	.size _ipc_entry_first, . - _ipc_entry_first

/* int _do_kernel_call(message *m): m_type must already be KERNEL_CALL + the call. */
	.globl _do_kernel_call
	.type _do_kernel_call, @function
_do_kernel_call:
	movl 4(%esp), %eax
	int $LIBSYS_KERNEL_CALL_VECTOR
	ret
	.size _do_kernel_call, . - _do_kernel_call

	.section .note.GNU-stack, "", @progbits
