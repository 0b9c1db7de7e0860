/*
 * asyn.c - SENDA: asynchronous messages kept in the sender's own memory.
 *
 * A system process hands the kernel a table of asynmsg_t entries (minnow/ipc.h) with
 * SENDA(table, count).  The kernel remembers where the table is (s_asyntab, s_asynsize in
 * the sender's priv; a new SENDA replaces it, a NULL table with count 0 forgets it) and
 * walks it at once: each entry that is AMF_VALID and not yet AMF_DONE is checked (bad flag
 * bits: EINVAL; dead destination: EDEADSRCDST; a kernel task, or outside the IPC mask:
 * ECALLDENIED) and delivered straight away if the destination is waiting for this sender
 * and its signals are not with its manager (a crashed service frozen for RS: dst_accepts).
 * Otherwise the sender's bit is set in the destination's s_asyn_pending map, and
 * mini_receive() calls try_async() when the destination next receives: the kernel re-reads
 * the sender's table then, since the sender may have changed it.
 *
 * Finished entries get AMF_DONE and a result.  If any finished entry asked for it
 * (AMF_NOTIFY, or AMF_NOTIFY_ERR and it failed) the sender gets a notification from ASYNCM.
 * An entry with AMF_NOREPLY is never used as the reply that ends a SENDREC: while the
 * destination waits in SENDREC for this very sender, the entry stays queued until the
 * destination does a plain RECEIVE.
 */
#include <minnow/errno.h>
#include "kernel.h"
#include "priv.h"
#include "proc.h"
#include "ipc_internal.h"
#include "ipc.h"

#define AMF_ALL (AMF_VALID | AMF_DONE | AMF_NOTIFY | AMF_NOREPLY | AMF_NOTIFY_ERR)
/** SENDA refuses larger tables (EDOM). */
#define MAX_ASYN_ENTRIES (16 * (NR_TASKS + NR_PROCS))

static int
read_entry(struct proc *src, uint32_t i, asynmsg_t *e)
{
	return vm_copy(src, priv(src)->s_asyntab + i * sizeof(*e), NULL, (uint32_t)e,
		       sizeof(*e));
}

/* Mark entry i done with result r; returns whether the sender wants a notification. */
static int
finish_entry(struct proc *src, uint32_t i, asynmsg_t *e, int r)
{
	e->result = r;
	e->flags |= AMF_DONE;
	vm_copy(NULL, (uint32_t)e, src, priv(src)->s_asyntab + i * sizeof(*e), sizeof(*e));
	return (e->flags & AMF_NOTIFY) || ((e->flags & AMF_NOTIFY_ERR) && r != OK);
}

static void
notify_sender(struct proc *src)
{
	mini_notify(proc_addr(ASYNCM), src->p_endpoint);
}

/* Check entry e's destination; OK with *dst, or the error for its result. */
static int
check_dst(struct proc *src, const asynmsg_t *e, struct proc **dst)
{
	if (e->flags & ~AMF_ALL)
		return -EINVAL;
	if ((*dst = endpoint_proc(e->dst)) == NULL || RTS_ISSET(*dst, RTS_NO_ENDPOINT))
		return -EDEADSRCDST;
	if (iskernelp(*dst) || !bit_isset(priv(src)->s_ipc_to, priv(*dst)->s_id))
		return -ECALLDENIED;
	return OK;
}

/* Would delivering e now end dst's SENDREC with a message that must not be its reply? */
static int
noreply_blocks(const struct proc *dst, const asynmsg_t *e)
{
	return (dst->p_misc_flags & MF_REPLY_PEND) && (e->flags & AMF_NOREPLY);
}

/* May dst, blocked receiving, take this entry from src right now (at SENDA time)?  Not
 * while its signal manager has its signals (RTS_SIGNALED, RTS_SIG_PENDING): a service that
 * died waits frozen for RS like that, and a message put into the dead image would be lost;
 * pending, it goes to the instance RS restarts under the same endpoint, or to dst itself
 * once its signals are done (async_retry, from sys_endksig). */
static int
dst_accepts(struct proc *dst, struct proc *src, const asynmsg_t *e)
{
	return ipc_willing_to_receive(dst, src->p_endpoint) &&
	       !RTS_ISSET(dst, RTS_SIGNALED | RTS_SIG_PENDING) && !noreply_blocks(dst, e);
}

void
async_retry(struct proc *p)
{
	if (RTS_ISSET(p, RTS_RECEIVING) && !RTS_ISSET(p, RTS_SENDING))
		try_async(p, p->p_getfrom_e);
}

static void
deliver_entry(struct proc *src, struct proc *dst, asynmsg_t *e)
{
	e->msg.m_source = src->p_endpoint;
	ipc_deliver(dst, &e->msg, SENDA);
}

/* Walk src's whole table once (at SENDA time): deliver what can go, queue the rest. */
static void
walk_table(struct proc *src)
{
	int want_notify = 0;
	uint32_t i;

	for (i = 0; i < priv(src)->s_asynsize; i++) {
		struct proc *dst;
		asynmsg_t e;
		int r;

		if (read_entry(src, i, &e) != OK)
			break;		/* the table ends in unmapped memory: stop there */
		if (!(e.flags & AMF_VALID) || (e.flags & AMF_DONE))
			continue;
		if ((r = check_dst(src, &e, &dst)) != OK) {
			want_notify |= finish_entry(src, i, &e, r);
		} else if (dst_accepts(dst, src, &e)) {
			deliver_entry(src, dst, &e);
			want_notify |= finish_entry(src, i, &e, OK);
		} else {
			bit_set(priv(dst)->s_asyn_pending, priv(src)->s_id);
		}
	}
	if (want_notify)
		notify_sender(src);
}

/* SENDA(table, size) from caller. */
int
mini_senda(struct proc *caller, vir_bytes table, uint32_t size)
{
	if (!(priv(caller)->s_flags & SYS_PROC))
		return -EPERM;
	if (size > MAX_ASYN_ENTRIES)
		return -EDOM;
	priv(caller)->s_asyntab = size == 0 ? 0 : table;
	priv(caller)->s_asynsize = table == 0 ? 0 : size;
	if (priv(caller)->s_asynsize > 0)
		walk_table(caller);
	return OK;
}

/* Does src still have undelivered entries for processes sharing dst's priv? */
static int
more_for(struct proc *src, struct proc *dst)
{
	uint32_t i;
	asynmsg_t e;

	for (i = 0; i < priv(src)->s_asynsize && read_entry(src, i, &e) == OK; i++) {
		struct proc *xp = endpoint_proc(e.dst);

		if ((e.flags & AMF_VALID) && !(e.flags & AMF_DONE) && xp != NULL &&
		    priv(xp) == priv(dst))
			return 1;
	}
	return 0;
}

/* Deliver to caller (in mini_receive, not yet blocked) the first acceptable entry of src's
 * table addressed to it; 1 if one. */
static int
take_from(struct proc *caller, struct proc *src)
{
	uint32_t i;
	asynmsg_t e;

	for (i = 0; i < priv(src)->s_asynsize && read_entry(src, i, &e) == OK; i++) {
		if (!(e.flags & AMF_VALID) || (e.flags & AMF_DONE) ||
		    e.dst != caller->p_endpoint || noreply_blocks(caller, &e))
			continue;
		deliver_entry(src, caller, &e);
		if (finish_entry(src, i, &e, OK))
			notify_sender(src);
		return 1;
	}
	return 0;
}

/* mini_receive's turn for asynchronous messages: 1 if one was delivered to caller. */
int
try_async(struct proc *caller, endpoint_t src_e)
{
	uint32_t *map = priv(caller)->s_asyn_pending;
	int id;

	if (priv_map_empty(map))	/* the common case: nothing pending */
		return 0;
	for (id = next_priv_bit(map, 0); id >= 0; id = next_priv_bit(map, id + 1)) {
		struct proc *src;
		int got;

		if (priv_table[id].s_proc_nr == NONE)
			continue;
		src = proc_addr(priv_table[id].s_proc_nr);
		if (src_e != ANY && src_e != src->p_endpoint)
			continue;
		got = take_from(caller, src);
		if (!more_for(src, caller))
			bit_unset(map, id);
		if (got)
			return 1;
	}
	return 0;
}

/* dead is going away: finish src's entries addressed to it with EDEADSRCDST. */
static void
cancel_entries_to(struct proc *src, endpoint_t dead)
{
	int want_notify = 0;
	uint32_t i;
	asynmsg_t e;

	for (i = 0; i < priv(src)->s_asynsize && read_entry(src, i, &e) == OK; i++)
		if ((e.flags & AMF_VALID) && !(e.flags & AMF_DONE) && e.dst == dead)
			want_notify |= finish_entry(src, i, &e, -EDEADSRCDST);
	if (want_notify)
		notify_sender(src);
}

/* Cancel every asynchronous message queued for p; forget p's own table. */
void
cancel_async(struct proc *p)
{
	int id;

	for (id = KERNEL_PRIV_IDS; id < NR_PRIVS; id++) {
		if (priv_table[id].s_proc_nr == NONE || !bit_isset(priv(p)->s_asyn_pending, id))
			continue;
		cancel_entries_to(proc_addr(priv_table[id].s_proc_nr), p->p_endpoint);
		if (priv(p)->s_flags & SYS_PROC)
			bit_unset(priv(p)->s_asyn_pending, id);
	}
	if (priv(p)->s_flags & SYS_PROC)
		priv(p)->s_asyntab = priv(p)->s_asynsize = 0;
}
