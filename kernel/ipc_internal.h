/**
 * @file ipc_internal.h
 * @brief What ipc.c (the synchronous primitives) and asyn.c (SENDA) share.
 */
#ifndef MINNOW_IPC_INTERNAL_H
#define MINNOW_IPC_INTERNAL_H

#include <minnow/ipc.h>

struct proc;

/** Is @p dst blocked receiving, from @p src_e or ANY, and not still sending? */
int ipc_willing_to_receive(struct proc *dst, endpoint_t src_e);
/** Copy @p m into @p dst's receive buffer and wake it; @p call becomes its IPC status. */
void ipc_deliver(struct proc *dst, const message *m, int call);
/** Deliver @p src's message at @p m_ptr to the waiting @p dst with one copy, stamped with
 *  src's endpoint; OK, or -EFAULT (nothing delivered) if it cannot be read. */
int ipc_deliver_from(struct proc *dst, struct proc *src, vir_bytes m_ptr, int call);
/** SENDA(table, size) for @p caller. */
int mini_senda(struct proc *caller, vir_bytes table, uint32_t size);
/** Deliver a queued asynchronous message from @p src_e (or ANY) to @p caller; 1 if one was. */
int try_async(struct proc *caller, endpoint_t src_e);
/** Finish every SENDA entry addressed to the dying @p p with EDEADSRCDST; drop p's table. */
void cancel_async(struct proc *p);

#endif
