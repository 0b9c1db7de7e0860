/**
 * @file ipc_internal.h
 * @brief What ipc.c (the synchronous primitives) and asyn.c (SENDA) share.
 */
#ifndef MINNOW_IPC_INTERNAL_H
#define MINNOW_IPC_INTERNAL_H

#include <minnow/ipc.h>
#include "proc.h"

/** Is @p dst blocked receiving, from @p src_e or ANY, and not still sending?  (Inline: every
 *  send asks it.) */
static inline int
ipc_willing_to_receive(const struct proc *dst, endpoint_t src_e)
{
	return RTS_ISSET(dst, RTS_RECEIVING) && !RTS_ISSET(dst, RTS_SENDING) &&
	       (dst->p_getfrom_e == ANY || dst->p_getfrom_e == src_e);
}
/** Copy @p m into @p dst's receive buffer and wake it; @p call becomes its IPC status. */
void ipc_deliver(struct proc *dst, const message *m, int call);
/** SENDA(table, size) for @p caller. */
int mini_senda(struct proc *caller, vir_bytes table, uint32_t size);
/** Deliver a queued asynchronous message from @p src_e (or ANY) to @p caller; 1 if one was. */
int try_async(struct proc *caller, endpoint_t src_e);
/** Finish every SENDA entry addressed to the dying @p p with EDEADSRCDST; drop p's table. */
void cancel_async(struct proc *p);

#endif
