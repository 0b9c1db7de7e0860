/**
 * @file kernel/ipc.h
 * @brief The IPC primitives (kernel/ipc.c) as the rest of the kernel calls them.
 *
 * do_ipc() is the `int $33` entry; send_from_kernel() and mini_notify() are how the kernel
 * itself sends (page faults and memory requests to VM, interrupts, alarms, signals); the
 * clear_ functions cut a process's IPC ties when it stops or dies.  What ipc.c shares only
 * with asyn.c (SENDA) is in ipc_internal.h.
 */
#ifndef MINNOW_KERNEL_IPC_H
#define MINNOW_KERNEL_IPC_H

#include <minnow/ipc.h>

struct proc;

/** Run IPC primitive @p call_nr for @p caller (`int $33`); OK or a negated error. */
int do_ipc(struct proc *caller, int call_nr, endpoint_t endpt, vir_bytes m_ptr);
/** The IPC fast path (handouts/ipc.md, "The fast path") for @p caller's trap: SEND, SENDREC
 *  or REPLYREC's answer to a waiting receiver, RECEIVE from ANY with nothing pending, a dead
 *  partner; IPC_FAST_RAN or IPC_FAST_REFUSED if it ran the call, 0 if do_ipc() must. */
int ipc_fastpath(struct proc *caller);
/** ipc_fastpath() ran the call (who runs next is the scheduler's choice). */
#define IPC_FAST_RAN     1
/** ipc_fastpath() refused the call: nothing but the caller's EAX changed. */
#define IPC_FAST_REFUSED (-1)
/** The kernel sends @p m to @p dst on behalf of @p p, holding p with @p hold_flag too. */
int send_from_kernel(struct proc *p, struct proc *dst, message *m, uint32_t hold_flag);
/** Notify @p dst_e from @p caller (a process or a kernel task); never blocks. */
int mini_notify(struct proc *caller, endpoint_t dst_e);
/** Cancel every IPC reference to @p p (its partners wake with EDEADSRCDST); p lives on. */
void clear_ipc_refs(struct proc *p);
/** Cut every IPC tie to a dying process: its partners wake with EDEADSRCDST. */
void clear_endpoint(struct proc *p);
/** Wake every process waiting for an answer from @p p with EDEADSRCDST (a restart that
 *  keeps its predecessor's state: requests not yet taken stay queued for it). */
void clear_ipc_replies(struct proc *p);
/** @p p's signals are done (sys_endksig): if it waits in a receive, a SENDA message held
 *  back meanwhile (asyn.c) is delivered now. */
void async_retry(struct proc *p);
/** The send of @p xp finished (or failed): a stop delayed for it (MF_SIG_DELAY) happens
 *  now, as SIGSNDELAY for its signal manager. */
void send_finished(struct proc *xp);

#endif /* MINNOW_KERNEL_IPC_H */
