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
/** The kernel sends @p m to @p dst on behalf of @p p, holding p with @p hold_flag too. */
int send_from_kernel(struct proc *p, struct proc *dst, message *m, uint32_t hold_flag);
/** Notify @p dst_e from @p caller (a process or a kernel task); never blocks. */
int mini_notify(struct proc *caller, endpoint_t dst_e);
/** Cancel every IPC reference to @p p (its partners wake with EDEADSRCDST); p lives on. */
void clear_ipc_refs(struct proc *p);
/** Cut every IPC tie to a dying process: its partners wake with EDEADSRCDST. */
void clear_endpoint(struct proc *p);
/** The send of @p xp finished (or failed): a stop delayed for it (MF_SIG_DELAY) happens
 *  now, as SIGSNDELAY for its signal manager. */
void send_finished(struct proc *xp);

#endif /* MINNOW_KERNEL_IPC_H */
