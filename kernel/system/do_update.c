/*
 * do_update.c - SYS_UPDATE: swap two processes' slots (live update and restart).
 *
 * Message fields (mess_sys_proc):
 *   endpt   the source (the old instance, whose slot and endpoint clients know)
 *   endpt2  the destination (the new instance)
 * Both must be live (EINVAL) system processes (EPERM), neither runnable, and each
 * "updatable": held by RTS_NO_PRIV, or by RTS_SIG_PENDING (crashed, waiting for its manager),
 * or blocked receiving but not sending (else EBUSY).
 *
 * The destination first inherits the source's IPC mask.  Then everything about the two
 * processes is exchanged except what names the slot: the endpoint and slot number, the priv
 * structure's identity, the caller queue (clients blocked sending to the old instance now
 * wait for the new code), scheduling, pending notifications, interrupts, kernel signals and
 * the alarm.  The new code thus runs under the old endpoint with the old clients queued.
 * A send either was blocked in (a crashed instance, RTS_SIG_PENDING, or one stopped with
 * RTS_NO_PRIV, may be) goes with its code: the receiver's caller queue then names the other
 * slot, so the receiver takes that code's message.
 * VM calls this through vm_update so its own per-process data follows the code too.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"
#include "../arch/i386/fpu.h"

static int
updatable(struct proc *p)
{
	if (p->p_rts_flags == 0)
		return 0;
	return RTS_ISSET(p, RTS_NO_PRIV) || RTS_ISSET(p, RTS_SIG_PENDING) ||
	       (RTS_ISSET(p, RTS_RECEIVING) && !RTS_ISSET(p, RTS_SENDING));
}

/* Swap two struct procs, then put back what belongs to the slot. */
static void
swap_procs(struct proc *a, struct proc *b)
{
	struct proc tmp = *a;

	*a = *b;
	*b = tmp;
#define KEEP(field) do { tmp.field = a->field; a->field = b->field; b->field = tmp.field; } while (0)
	KEEP(p_nr);
	KEEP(p_endpoint);
	KEEP(p_priv);
	KEEP(p_caller_q);
	KEEP(p_nextready);
	KEEP(p_priority);
	KEEP(p_quantum);
	KEEP(p_ticks_left);
	KEEP(p_pending_sigs[0]);
	KEEP(p_pending_sigs[1]);
#undef KEEP
}

/* Where p's slot is linked in the caller queue it waits in (p blocked sending), or NULL. */
static struct proc **
queue_link(struct proc *p)
{
	struct proc *dst, **xpp;

	if (!RTS_ISSET(p, RTS_SENDING) || (dst = endpoint_proc(p->p_sendto_e)) == NULL)
		return NULL;
	for (xpp = &dst->p_caller_q; *xpp != NULL; xpp = &(*xpp)->p_q_link)
		if (*xpp == p)
			return xpp;
	return NULL;
}

/*
 * swap_procs(a, b) with a blocked send following its code: a send a's code was blocked in
 * (RTS_SENDING, p_sendto_e, p_sendmsg and its place in the receiver's caller queue,
 * p_q_link) goes with the code to b's slot, and the entry of the queue that named a's slot
 * names b's; the same for b.  (A link stored in the other's p_q_link moved with that code.)
 */
static void
swap_procs_queued(struct proc *a, struct proc *b)
{
	struct proc **la = queue_link(a), **lb = queue_link(b);

	swap_procs(a, b);
	if (la == &b->p_q_link)
		la = &a->p_q_link;
	if (lb == &a->p_q_link)
		lb = &b->p_q_link;
	if (la != NULL)
		*la = b;
	if (lb != NULL)
		*lb = a;
}

/* Swap two privs' contents, keeping what names the slot. */
static void
swap_privs(struct priv *a, struct priv *b)
{
	struct priv tmp = *a;

	*a = *b;
	*b = tmp;
#define KEEP(field) do { tmp.field = a->field; a->field = b->field; b->field = tmp.field; } while (0)
	KEEP(s_id);
	KEEP(s_proc_nr);
	KEEP(s_int_pending);
	KEEP(s_alarm_tick);
	KEEP(s_sig_pending[0]);
	KEEP(s_sig_pending[1]);
#undef KEEP
	memcpy(tmp.s_notify_pending, a->s_notify_pending, sizeof(tmp.s_notify_pending));
	memcpy(a->s_notify_pending, b->s_notify_pending, sizeof(tmp.s_notify_pending));
	memcpy(b->s_notify_pending, tmp.s_notify_pending, sizeof(tmp.s_notify_pending));
	memcpy(tmp.s_asyn_pending, a->s_asyn_pending, sizeof(tmp.s_asyn_pending));
	memcpy(a->s_asyn_pending, b->s_asyn_pending, sizeof(tmp.s_asyn_pending));
	memcpy(b->s_asyn_pending, tmp.s_asyn_pending, sizeof(tmp.s_asyn_pending));
}

int
do_update(struct proc *caller, message *m)
{
	struct proc *src = endpoint_proc(m->m_sys_proc.endpt);
	struct proc *dst = endpoint_proc(m->m_sys_proc.endpt2);

	(void)caller;
	if (src == NULL || dst == NULL || iskernelp(src) || iskernelp(dst) || src == dst)
		return -EINVAL;
	if (!(priv(src)->s_flags & SYS_PROC) || !(priv(dst)->s_flags & SYS_PROC))
		return -EPERM;
	if (!updatable(src) || !updatable(dst))
		return -EBUSY;
	memcpy(priv(dst)->s_ipc_to, priv(src)->s_ipc_to, sizeof(priv(dst)->s_ipc_to));
	swap_procs_queued(src, dst);
	fpu_proc_swap(src, dst);	/* the FPU states follow the code (p_misc_flags did) */
	swap_privs(priv(src), priv(dst));
	priv_sync_user(priv(src));	/* the flags moved, the ids stayed */
	priv_sync_user(priv(dst));
	return OK;
}
