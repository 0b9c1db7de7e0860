/**
 * @file ipcstub.h
 * @brief The IPC primitives and the kernel-call trap as C functions (lib/libsys/ipc.S).
 *
 * Each function is one entry into the kernel, following the ABI in minnow/com.h:
 *  - IPC (`int $33`): EAX = the call (SEND, RECEIVE, ...), ECX = the endpoint (SENDA: the
 *    number of entries), EBX = the message (SENDA: the table).  The kernel returns OK or a
 *    negated error in EAX and, after a receive, the IPC status word in EBX.  The first IPC
 *    of a process asks for the kernel information page (minnow/kerninfo.h) and from then
 *    on enters through the page's sysenter or `int $33` trampoline (plain `int $33` if
 *    there is no page), with the same registers.
 *  - kernel call (`int $32`): EAX = the message, whose m_type is KERNEL_CALL + SYS_xxx; the
 *    result comes back in EAX and in m_type, and the call's "out" fields in the message.
 *
 * Every function returns OK (0) or a negated error number (for example -EDEADSRCDST,
 * -ETRAPDENIED, -ELOCKED); none touches errno.  User processes may only use ipc_sendrec().
 */
#ifndef MINNOW_IPCSTUB_H
#define MINNOW_IPCSTUB_H

#include <stddef.h>
#include <minnow/endpoint.h>
#include <minnow/ipc.h>

/** SEND: block until @p dst has received the message @p m. */
int ipc_send(endpoint_t dst, message *m);
/** RECEIVE: block until a message from @p src (or ANY) arrives in @p m; @p status (if not
 *  NULL) receives the IPC status word (see IPC_STATUS_CALL()), or 0 on failure. */
int ipc_receive(endpoint_t src, message *m, int *status);
/** SENDREC: send @p m to @p dst, then wait for the reply from @p dst into @p m
 *  (notifications cannot overtake the reply). */
int ipc_sendrec(endpoint_t dst, message *m);
/** NOTIFY: set the caller's pending notification at @p dst; never blocks. */
int ipc_notify(endpoint_t dst);
/** SENDNB: send @p m to @p dst only if it is waiting for the caller, else -ENOTREADY. */
int ipc_sendnb(endpoint_t dst, message *m);
/**
 * REPLYREC, a server's loop in one trap (handouts/ipc.md, "REPLYREC"): send the
 * reply @p m to @p dst as SENDNB would (delivered only if @p dst waits for the caller), then
 * RECEIVE from ANY into the same @p m, @p status as ipc_receive() gives it.  @p dst NONE
 * sends nothing (the first receive of a loop, or a request answered later).  The reply's
 * own result (OK, -ENOTREADY, -EDEADSRCDST, -ECALLDENIED) goes to @p reply_r if not NULL:
 * a failed reply is dropped and the receive still happens.  Returns the receive's result;
 * -EFAULT if @p m cannot be read and written (then nothing was sent).
 */
int ipc_replyrec(endpoint_t dst, message *m, int *status, int *reply_r);
/** SENDA: hand the kernel the asynchronous message table @p table of @p count entries
 *  (it stays in the caller's memory; NULL and 0 stop processing). */
int ipc_senda(asynmsg_t *table, size_t count);

/** The kernel-call trap alone: @p m must already hold m_type = KERNEL_CALL + SYS_xxx. */
int _do_kernel_call(message *m);
/** Make kernel call @p syscall_nr (a SYS_* index from minnow/com.h) with message @p m:
 *  sets m_type, traps, returns the result (also left in m_type). */
int _kernel_call(int syscall_nr, message *m);

#endif /* MINNOW_IPCSTUB_H */
