/*
 * ipc.c - the IPC primitives: SEND, RECEIVE, SENDREC, NOTIFY, SENDNB (minnow/ipc.h).
 *
 * do_ipc() is entered for every `int $33` (EAX = call, ECX = endpoint, EBX = message).  It
 * checks, in this order: the caller's trap mask (ETRAPDENIED), the partner (ANY only for
 * RECEIVE: EINVAL; dead or stale: EDEADSRCDST; itself: ELOCKED; a kernel task: ETRAPDENIED),
 * the caller's IPC mask for sends (ECALLDENIED; but a SEND or SENDNB that answers a process
 * blocked in SENDREC for the caller's reply is always allowed), then runs one primitive:
 *
 *   mini_send     deliver at once if the destination waits for us, else join its caller
 *                 queue and block (RTS_SENDING) unless that would deadlock (ELOCKED) or the
 *                 call is SENDNB (ENOTREADY)
 *   mini_receive  a pending notification first (unless in a SENDREC), then a queued sender,
 *                 else block (RTS_RECEIVING) unless that would deadlock
 *   SENDREC       mini_send + mini_receive from the same partner with MF_REPLY_PEND set, so
 *                 nothing but the partner's message ends the wait (notifications stay pending)
 *   mini_notify   deliver at once if the destination waits for us (and is not in a SENDREC),
 *                 else set the caller's bit in its pending map: repeats collapse into one
 *   REPLYREC      a server's loop in one trap: a SENDNB reply (its result in EDX), then
 *                 mini_receive from ANY into the same buffer
 *   SENDA         see asyn.c; mini_receive takes queued asynchronous messages after
 *                 notifications and before blocked senders
 *
 * A message sent to a receiver that waits for it is copied once, straight from the sender's
 * buffer into the receiver's (ipc_deliver_from()); one that must wait is copied into the
 * sender's p_sendmsg and from there into the receiver's buffer when it is taken.  The
 * receiver's buffer was checked when it began to receive.  The result goes in the caller's EAX; a blocked caller
 * gets OK now, and EDEADSRCDST later if its partner dies (clear_endpoint()).  The receiver's
 * EBX gets the IPC status word: the call that delivered the message.
 *
 * ipc_fastpath() runs before do_ipc() for every IPC trap (exception.c): a SEND, SENDNB,
 * SENDREC or REPLYREC's answer to a process already blocked in RECEIVE for the caller, with
 * nothing pending for the caller, goes through mini_send() and (SENDREC, REPLYREC) blocks the
 * caller in its receive directly, skipping the dispatch and mini_receive()'s search; a
 * RECEIVE from ANY with nothing to take blocks at once; a call naming a dead endpoint fails
 * at once (handouts/ipc.md, "The fast path").
 */
#include <minnow/errno.h>
#include <minnow/fastcopy.h>
#include <minnow/kerninfo.h>
#include <minnow/signum.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "ipc_internal.h"
#include "arch/i386/include/mmu.h"
#include "arch/i386/include/vmpage.h"
#include "ipc.h"
#include "signal.h"

/*
 * Whom a system process that receives a message from src works for (p_bill): a user
 * sender itself; a system sender's own bill (a server asking a driver for a user passes the
 * user on); nobody for a kernel task or a dead sender (NULL src).  User processes are never
 * billed.
 */
static inline __attribute__((always_inline)) void
ipc_bill(struct proc *dst, struct proc *src)
{
	if (priv(dst) == NULL || !(priv(dst)->s_flags & SYS_PROC))
		return;
	if (src == NULL || iskernelp(src) || priv(src) == NULL)
		dst->p_bill = NONE;
	else if (priv(src)->s_flags & SYS_PROC)
		dst->p_bill = src->p_bill;
	else
		dst->p_bill = src->p_endpoint;
}

/* dst's buffer holds its message from src (r: how the copy went), which came by call (the
 * status word): set its EAX and EBX, bill it and wake it. */
static inline __attribute__((always_inline)) void
ipc_woken(struct proc *dst, struct proc *src, int call, int r)
{
	ipc_bill(dst, src);
	dst->p_reg.tf_eax = (uint32_t)r;	/* its buffer was checked: r is OK in practice */
	dst->p_reg.tf_ebx = (uint32_t)call;
	dst->p_misc_flags &= ~MF_REPLY_PEND;
	dst->p_getfrom_e = NONE;
	RTS_UNSET(dst, RTS_RECEIVING);
}

/* Copy m into dst's waiting buffer and wake it; call is how it came (the status word). */
void
ipc_deliver(struct proc *dst, const message *m, int call)
{
	int r = vm_copy_out(dst, dst->p_delivermsg_vir, m, sizeof(*m));

	ipc_woken(dst, endpoint_proc(m->m_source), call, r);
}

/* ipc_deliver_from()'s long way: a buffer across a page boundary, a page vm_page_quick()
 * does not handle or a missing one (vm_copy_msg() and two copies, which tell them apart). */
static int __attribute__((noinline))
deliver_slow(struct proc *dst, struct proc *src, vir_bytes m_ptr, int call, int src_write)
{
	message m;
	int r = vm_copy_msg(src, m_ptr, src_write, dst, dst->p_delivermsg_vir, src->p_endpoint);

	if (r == OK) {
		ipc_woken(dst, src, call, OK);
		return OK;
	}
	if (r != VM_MSG_LONG)
		return r;
	if ((src_write && vm_check_writable(src, m_ptr, sizeof(m)) != OK) ||
	    vm_copy(src, m_ptr, NULL, (vir_bytes)&m, sizeof(m)) != OK)
		return -EFAULT;
	m.m_source = src->p_endpoint;
	ipc_deliver(dst, &m, call);
	return OK;
}

/* Does a message in one page at va fit in it? */
#define IN_ONE_PAGE(va) (((va) & (PAGE_SIZE - 1)) <= PAGE_SIZE - sizeof(message))

/*
 * Deliver src's message at m_ptr to dst, which waits for it: copied once, straight from
 * src's buffer into dst's, stamped with src's endpoint, and dst woken as ipc_deliver() does.
 * OK, or -EFAULT (nothing delivered) if src's message cannot be read, or cannot be written
 * when the same call receives into it next (a SENDREC, whose reply comes to the same buffer,
 * or a REPLYREC the fast path runs: MF_BUF_REUSED).  The common case (both buffers inside
 * an ordinary page each) is inline: two translations and one block copy; a buffer across a
 * page boundary, or a receiver's page gone since it began to receive, takes two copies
 * through the kernel (ipc_deliver() then reports the receiver's fault to the receiver).
 */
static inline __attribute__((always_inline)) int
ipc_deliver_from(struct proc *dst, struct proc *src, vir_bytes m_ptr, int call)
{
	int src_write = call == SENDREC || (src->p_misc_flags & MF_BUF_REUSED);
	vir_bytes d_ptr;
	const char *s;
	char *d;

	if (!IN_ONE_PAGE(m_ptr) ||	/* (src is running: its page table exists) */
	    (s = vm_page_quick(src, m_ptr, PTE_P | PTE_U | (src_write ? PTE_W : 0))) == NULL)
		return deliver_slow(dst, src, m_ptr, call, src_write);
	d_ptr = dst->p_delivermsg_vir;
	if (!IN_ONE_PAGE(d_ptr) || dst->p_cr3 == 0 ||
	    (d = vm_page_quick(dst, d_ptr, PTE_P | PTE_U | PTE_W)) == NULL)
		return deliver_slow(dst, src, m_ptr, call, src_write);
	fast_msgcpy(d, s);
	((message *)d)->m_source = src->p_endpoint;
	ipc_woken(dst, src, call, OK);
	return OK;
}

/* LAB(ipc) BEGIN: deadlock(): would blocking close a cycle of waiting processes? */
/*
 * Would blocking caller on partner close a cycle of waiting processes?  Returns the size of
 * the cycle, or 0.  Two processes where one sends and the other receives (a SENDREC and
 * its server) are a rendezvous, not a deadlock.
 */
static int
deadlock(int function, struct proc *caller, endpoint_t partner)
{
	struct proc *xp;
	int group = 1;

	while (partner != ANY) {
		if ((xp = endpoint_proc(partner)) == NULL)
			return 0;
		if (group > NR_PROCS)	/* a cycle not through caller (the kernel's page-fault */
			return group;	/* sends skip this check): refuse to join it */
		if (RTS_ISSET(xp, RTS_SENDING))
			partner = xp->p_sendto_e;
		else if (RTS_ISSET(xp, RTS_RECEIVING))
			partner = xp->p_getfrom_e;
		else
			return 0;
		if (partner == caller->p_endpoint) {
			/* one hop: caller and xp alone; one sending and one receiving is fine */
			if (group == 1 && (function == SEND) != RTS_ISSET(xp, RTS_SENDING))
				return 0;
			return group;
		}
		group++;
	}
	return 0;
}
/* LAB(ipc) STUB */
//~ static int __attribute__((unused))
//~ deadlock(int function, struct proc *caller, endpoint_t partner)
//~ {
//~ 	(void)function, (void)caller, (void)partner;
//~ 	panic("LAB(ipc): deadlock() is not implemented");
//~ }
/* LAB(ipc) END */

/* Block p sending p_sendmsg to dst: append it to dst's caller queue. */
static void
queue_sender(struct proc *p, struct proc *dst)
{
	struct proc **xpp = &dst->p_caller_q;

	while (*xpp != NULL)
		xpp = &(*xpp)->p_q_link;
	*xpp = p;
	p->p_q_link = NULL;
	p->p_sendto_e = dst->p_endpoint;
	RTS_SET(p, RTS_SENDING);
}

/* LAB(ipc) BEGIN: mini_send(): deliver now if dst waits for us, else queue and block */
static int
mini_send(struct proc *caller, struct proc *dst, vir_bytes m_ptr, int call)
{
	if (ipc_willing_to_receive(dst, caller->p_endpoint))
		return ipc_deliver_from(dst, caller, m_ptr, call);
	if (vm_copy(caller, m_ptr, NULL, (vir_bytes)&caller->p_sendmsg, sizeof(message)) != OK)
		return -EFAULT;
	caller->p_sendmsg.m_source = caller->p_endpoint;
	if (call == SENDNB)
		return -ENOTREADY;
	if (deadlock(SEND, caller, dst->p_endpoint))
		return -ELOCKED;
	queue_sender(caller, dst);
	return OK;
}
/* LAB(ipc) STUB */
//~ static int
//~ mini_send(struct proc *caller, struct proc *dst, vir_bytes m_ptr, int call)
//~ {
//~ 	(void)caller, (void)dst, (void)m_ptr, (void)call;
//~ 	panic("LAB(ipc): mini_send() is not implemented");
//~ }
/* LAB(ipc) END */

/*
 * The kernel sends m to dst on behalf of p (a page fault for VM): like a SEND by p, with
 * IPC_FLG_MSG_FROM_KERNEL in the receiver's status, and p additionally held by hold_flag.
 */
int
send_from_kernel(struct proc *p, struct proc *dst, message *m, uint32_t hold_flag)
{
	m->m_source = p->p_endpoint;
	RTS_SET(p, hold_flag);
	if (ipc_willing_to_receive(dst, p->p_endpoint)) {
		ipc_deliver(dst, m, SEND | IPC_FLG_MSG_FROM_KERNEL);
		return OK;
	}
	p->p_sendmsg = *m;
	p->p_misc_flags |= MF_FROM_KERNEL;
	queue_sender(p, dst);
	return OK;
}

/* Build the notification from src for dst (HARDWARE and SYSTEM add their bitmaps).
 * A helper for mini_receive and mini_notify (hence "unused" while the ipc lab is open). */
static void __attribute__((unused))
build_notify(message *m, struct proc *src, struct proc *dst)
{
	memset(m, 0, sizeof(*m));
	m->m_source = src->p_endpoint;
	m->m_type = NOTIFY_MESSAGE;
	m->m_notify.timestamp = clock_ticks;
	if (src->p_endpoint == HARDWARE) {
		m->m_notify.map = priv(dst)->s_int_pending;
		priv(dst)->s_int_pending = 0;
	} else if (src->p_endpoint == SYSTEM) {
		m->m_notify.map = priv(dst)->s_sig_pending[0];
		m->m_notify.map_hi = priv(dst)->s_sig_pending[1];
		priv(dst)->s_sig_pending[0] = priv(dst)->s_sig_pending[1] = 0;
	}
}

void
send_finished(struct proc *xp)
{
	/* LAB(runctl) BEGIN: the send is through: the delayed stop happens now (SIGSNDELAY) */
	if (!(xp->p_misc_flags & MF_SIG_DELAY))
		return;
	xp->p_misc_flags &= ~MF_SIG_DELAY;
	if (priv(xp)->s_sig_mgr == NONE)
		RTS_SET(xp, RTS_PROC_STOP);	/* no manager to tell: stop it now */
	else
		cause_sig(xp, SIGSNDELAY, "delayed stop");
	/* LAB(runctl) STUB */
	//~ if (xp->p_misc_flags & MF_SIG_DELAY)
	//~ 	panic("LAB(runctl): send_finished() does not end a delayed stop");
	/* LAB(runctl) END */
}

/* LAB(ipc) BEGIN: mini_receive(): notifications, then SENDA messages, then queued senders, else block */
/* Deliver a pending notification from src_e (or anyone) to caller; 1 if one was. */
static int
take_notification(struct proc *caller, endpoint_t src_e)
{
	uint32_t *map = priv(caller)->s_notify_pending;
	int id;

	for (id = next_priv_bit(map, 0); id >= 0; id = next_priv_bit(map, id + 1)) {
		struct proc *src;
		message m;

		src = proc_addr(priv_table[id].s_proc_nr);
		if (src_e != ANY && src_e != src->p_endpoint)
			continue;
		bit_unset(map, id);
		build_notify(&m, src, caller);
		ipc_deliver(caller, &m, NOTIFY);
		return 1;
	}
	return 0;
}

/* Take the first queued sender that matches src_e; 1 if there was one. */
static int
take_queued_sender(struct proc *caller, endpoint_t src_e)
{
	struct proc **xpp, *xp;

	for (xpp = &caller->p_caller_q; (xp = *xpp) != NULL; xpp = &xp->p_q_link) {
		if (src_e != ANY && src_e != xp->p_endpoint)
			continue;
		*xpp = xp->p_q_link;
		xp->p_q_link = NULL;
		ipc_deliver(caller, &xp->p_sendmsg,
			((xp->p_misc_flags & MF_REPLY_PEND) ? SENDREC : SEND) |
			((xp->p_misc_flags & MF_FROM_KERNEL) ? IPC_FLG_MSG_FROM_KERNEL : 0));
		xp->p_misc_flags &= ~MF_FROM_KERNEL;
		xp->p_sendto_e = NONE;
		RTS_UNSET(xp, RTS_SENDING);
		send_finished(xp);
		return 1;
	}
	return 0;
}

static int
mini_receive(struct proc *caller, endpoint_t src_e, vir_bytes m_ptr)
{
	caller->p_delivermsg_vir = m_ptr;
	if (!RTS_ISSET(caller, RTS_SENDING)) {
		if (!(caller->p_misc_flags & MF_REPLY_PEND) && take_notification(caller, src_e))
			return OK;
		if (try_async(caller, src_e))
			return OK;
		if (take_queued_sender(caller, src_e))
			return OK;
	}
	if (deadlock(RECEIVE, caller, src_e))
		return -ELOCKED;
	caller->p_getfrom_e = src_e;
	RTS_SET(caller, RTS_RECEIVING);
	return OK;
}
/* LAB(ipc) STUB */
//~ static int
//~ mini_receive(struct proc *caller, endpoint_t src_e, vir_bytes m_ptr)
//~ {
//~ 	(void)caller, (void)src_e, (void)m_ptr;
//~ 	panic("LAB(ipc): mini_receive() is not implemented");
//~ }
/* LAB(ipc) END */

/* LAB(ipc) BEGIN: mini_notify(): deliver now if dst waits for us, else set one pending bit */
/* NOTIFY from caller (a process or a kernel task) to dst_e. */
int
mini_notify(struct proc *caller, endpoint_t dst_e)
{
	struct proc *dst = endpoint_proc(dst_e);
	message m;

	if (dst == NULL || RTS_ISSET(dst, RTS_NO_ENDPOINT))
		return -EDEADSRCDST;
	if (!(priv(dst)->s_flags & SYS_PROC))
		return -ECALLDENIED;	/* user processes share one priv: no pending bits */
	if (ipc_willing_to_receive(dst, caller->p_endpoint) && !(dst->p_misc_flags & MF_REPLY_PEND)) {
		build_notify(&m, caller, dst);
		ipc_deliver(dst, &m, NOTIFY);
		return OK;
	}
	bit_set(priv(dst)->s_notify_pending, priv(caller)->s_id);
	return OK;
}
/* LAB(ipc) STUB */
//~ int
//~ mini_notify(struct proc *caller, endpoint_t dst_e)
//~ {
//~ 	(void)caller, (void)dst_e;
//~ 	panic("LAB(ipc): mini_notify() is not implemented");
//~ }
/* LAB(ipc) END */

/* Is p blocked in a SENDREC, waiting for caller's answer?  Answering it is always allowed,
 * whatever caller's IPC mask says: p chose to ask exactly caller (handouts/ipc.md,
 * "Privileges"). */
static int
awaits_answer(const struct proc *p, const struct proc *caller, int call_nr)
{
	return (call_nr == SEND || call_nr == SENDNB) && (p->p_misc_flags & MF_REPLY_PEND) &&
	       RTS_ISSET(p, RTS_RECEIVING) && !RTS_ISSET(p, RTS_SENDING) &&
	       p->p_getfrom_e == caller->p_endpoint;
}

/* Check the partner of a call; returns OK with *partner set, or the error. */
static int
check_partner(struct proc *caller, int call_nr, endpoint_t e, struct proc **partner)
{
	struct proc *p;

	*partner = NULL;
	if (e == ANY)
		return call_nr == RECEIVE ? OK : -EINVAL;
	if ((p = endpoint_proc(e)) == NULL || RTS_ISSET(p, RTS_NO_ENDPOINT))
		return -EDEADSRCDST;
	if (p == caller && call_nr != NOTIFY)
		return -ELOCKED;	/* it would wait for itself forever */
	if (iskernelp(p) && call_nr != RECEIVE)
		return -ETRAPDENIED;	/* kernel tasks are reached by kernel calls, not IPC */
	if (call_nr != RECEIVE && !bit_isset(priv(caller)->s_ipc_to, priv(p)->s_id) &&
	    !awaits_answer(p, caller, call_nr))
		return -ECALLDENIED;
	*partner = p;
	return OK;
}

/*
 * REPLYREC (handouts/ipc.md, "REPLYREC"): the reply half, a SENDNB to e unless e
 * is NONE, whose result goes to the caller's EDX whatever it is, then a RECEIVE from ANY
 * into the same buffer.  The buffer is checked first, so a trap restarted for a page VM
 * must bring in never sends the reply twice.
 */
static int
do_replyrec(struct proc *caller, endpoint_t e, vir_bytes m_ptr)
{
	struct proc *dst;
	int r = OK;

	if (vm_check_writable(caller, m_ptr, sizeof(message)) != OK)
		return -EFAULT;
	if (e != NONE && (r = check_partner(caller, SENDNB, e, &dst)) == OK)
		r = mini_send(caller, dst, m_ptr, SENDNB);
	caller->p_reg.tf_edx = (uint32_t)r;
	return mini_receive(caller, ANY, m_ptr);
}

int
do_ipc(struct proc *caller, int call_nr, endpoint_t e, vir_bytes m_ptr)
{
	struct proc *partner;
	int r;

	if (call_nr == MINIX_KERNINFO) {	/* anyone may ask where the info page is */
		caller->p_reg.tf_ebx = KERNINFO_ADDR;
		return OK;
	}
	if (call_nr < 0 || call_nr > 31 || !(priv(caller)->s_trap_mask & (1u << call_nr)))
		return -ETRAPDENIED;
	if (call_nr == SENDA)
		return mini_senda(caller, m_ptr, (uint32_t)e);
	if (e == SELF)
		e = caller->p_endpoint;
	if (call_nr == REPLYREC)
		return do_replyrec(caller, e, m_ptr);
	if ((r = check_partner(caller, call_nr, e, &partner)) != OK)
		return r;
	if ((call_nr == RECEIVE || call_nr == SENDREC) &&
	    vm_check_writable(caller, m_ptr, sizeof(message)) != OK)
		return -EFAULT;
	switch (call_nr) {
	case SEND:
	case SENDNB:
		return mini_send(caller, partner, m_ptr, call_nr);
	case RECEIVE:
		return mini_receive(caller, e, m_ptr);
	case SENDREC:
		caller->p_misc_flags |= MF_REPLY_PEND;
		if ((r = mini_send(caller, partner, m_ptr, SENDREC)) == OK)
			r = mini_receive(caller, e, m_ptr);
		if (r != OK)
			caller->p_misc_flags &= ~MF_REPLY_PEND;
		return r;
	case NOTIFY:
		return mini_notify(caller, e);
	default:
		return -ETRAPDENIED;
	}
}

/* The calls ipc_fastpath() may take. */
#define FAST_CALLS ((1u << SEND) | (1u << SENDNB) | (1u << SENDREC) | (1u << RECEIVE) | \
		    (1u << REPLYREC))

/* Is nothing pending for caller that a receive would have to consider first (a
 * notification, a SENDA message)? */
static inline int
nothing_to_receive(struct proc *caller)
{
	return priv_map_empty(priv(caller)->s_notify_pending) &&
	       priv_map_empty(priv(caller)->s_asyn_pending);
}

/*
 * May the fast path send (SEND, SENDNB, SENDREC, or REPLYREC's reply: call_nr) from caller
 * to dst?  Only what do_ipc() would let through and deliver at once (ipc_fastpath() has
 * checked the trap mask and the memory request): dst blocked in RECEIVE and for nothing else
 * (so live, and not the caller, which is running), receiving from caller or ANY, not a
 * kernel task, and the IPC mask allows it (or dst awaits caller's answer).
 */
static inline __attribute__((always_inline)) int
fast_partner(struct proc *caller, int call_nr, struct proc *dst)
{
	if (dst->p_rts_flags != RTS_RECEIVING || iskernelp(dst) ||
	    (dst->p_getfrom_e != ANY && dst->p_getfrom_e != caller->p_endpoint))
		return 0;
	return bit_isset(priv(caller)->s_ipc_to, priv(dst)->s_id) ||
	       awaits_answer(dst, caller, call_nr);
}

/* Block caller in RECEIVE from src_e into its buffer at m_ptr (mini_receive()'s last step). */
static inline void
block_receiving(struct proc *caller, endpoint_t src_e, vir_bytes m_ptr)
{
	caller->p_delivermsg_vir = m_ptr;
	caller->p_getfrom_e = src_e;
	RTS_SET(caller, RTS_RECEIVING);
}

/*
 * The fast SEND, SENDNB or SENDREC to dst (fast_partner() said yes): 1 if it ran, 0 if it
 * declined.  A SENDREC also needs nothing pending for the caller (the general receive half
 * decides those) and a buffer inside one page: mini_send()'s ipc_deliver_from() refuses
 * (EFAULT, and the fast path declines) one the caller cannot write, so the reply will find
 * it writable; any other buffer takes the general path, which checks it with
 * vm_check_writable().  With the partner just woken and nothing pending, the receive half
 * could only block the caller: it does so directly.
 */
static int
fast_send(struct proc *caller, int call_nr, struct proc *dst, vir_bytes m_ptr)
{
	if (call_nr == SENDREC) {
		if (!IN_ONE_PAGE(m_ptr) || !nothing_to_receive(caller))
			return 0;
		caller->p_misc_flags |= MF_REPLY_PEND;
	}
	if (mini_send(caller, dst, m_ptr, call_nr) != OK) {	/* EFAULT: the general path */
		caller->p_misc_flags &= ~MF_REPLY_PEND;		/* repeats it and asks VM */
		return 0;
	}
	caller->p_ipc_fast++;
	caller->p_reg.tf_eax = OK;
	if (call_nr != SENDREC)
		return 1;
	if (RTS_ISSET(caller, RTS_SENDING)) {	/* not delivered after all (a lab solution) */
		if ((caller->p_reg.tf_eax = (uint32_t)mini_receive(caller, dst->p_endpoint,
								   m_ptr)) != OK)
			caller->p_misc_flags &= ~MF_REPLY_PEND;
		return 1;
	}
	block_receiving(caller, dst->p_endpoint, m_ptr);
	return 1;
}

/* The fast RECEIVE from ANY: with nothing to take (no notification, SENDA message or queued
 * sender) mini_receive() could only block the caller, and deadlock() finds no cycle through
 * ANY.  1 if it blocked the caller, 0 for the general path. */
static int
fast_receive(struct proc *caller, vir_bytes m_ptr)
{
	if (caller->p_caller_q != NULL || !nothing_to_receive(caller) ||
	    vm_msg_ptr(caller, m_ptr, sizeof(message)) == NULL)
		return 0;
	caller->p_reg.tf_eax = OK;
	block_receiving(caller, ANY, m_ptr);
	return 1;
}

/*
 * The fast REPLYREC: the reply (unless e is NONE) goes through mini_send() as the fast SENDNB
 * does, to a partner blocked in RECEIVE for it (a client in its SENDREC), its buffer read and
 * checked writable by the one copy (MF_BUF_REUSED); then the receive half blocks the caller
 * as fast_receive() does.  Anything else (a partner not waiting, a reply that fails,
 * something for the caller to take) takes the general path: nothing here changes before the
 * reply is delivered, and nothing after it can fail.  1 if it ran, 0 if not.
 */
static int
fast_replyrec(struct proc *caller, endpoint_t e, vir_bytes m_ptr)
{
	struct proc *dst;
	int r;

	if (caller->p_caller_q != NULL || !IN_ONE_PAGE(m_ptr) || !nothing_to_receive(caller))
		return 0;
	if (e == NONE) {
		if (!fast_receive(caller, m_ptr))
			return 0;
		caller->p_reg.tf_edx = OK;	/* no answer: nothing that could fail */
		return 1;
	}
	if ((dst = endpoint_proc(e)) == NULL || !fast_partner(caller, SENDNB, dst))
		return 0;
	caller->p_misc_flags |= MF_BUF_REUSED;
	r = mini_send(caller, dst, m_ptr, SENDNB);
	caller->p_misc_flags &= ~MF_BUF_REUSED;
	if (r != OK)
		return 0;
	caller->p_ipc_fast++;
	caller->p_reg.tf_edx = OK;
	caller->p_reg.tf_eax = OK;
	block_receiving(caller, ANY, m_ptr);
	return 1;
}

/**
 * The IPC fast path (handouts/ipc.md, "The fast path"): the common calls of @p caller (from
 * its saved registers) without do_ipc()'s dispatch.  A SEND, SENDNB, SENDREC or REPLYREC's
 * reply to a process already waiting in RECEIVE for it goes through mini_send() (so the ipc
 * lab's code delivers it); a SENDREC's receive half then blocks the caller directly, since
 * with no notification or SENDA message pending and the partner just woken, mini_receive()
 * could do nothing else; so do REPLYREC's receive half and a RECEIVE from ANY with nothing to
 * take.  A SEND, SENDNB or SENDREC naming a dead endpoint fails with EDEADSRCDST at once.
 * Sends it ran count in p_ipc_fast.
 * @return IPC_FAST_RAN if the call ran, IPC_FAST_REFUSED if it failed at once (the result
 *         is in the caller's EAX either way), 0 for the general path (nothing changed).
 */
int
ipc_fastpath(struct proc *caller)
{
	uint32_t call_nr = caller->p_reg.tf_eax;
	endpoint_t e = (endpoint_t)caller->p_reg.tf_ecx;
	struct proc *dst;

	if (call_nr > 31 || !((FAST_CALLS & priv(caller)->s_trap_mask) & (1u << call_nr)) ||
	    caller->p_vmreq_target != NONE)
		return 0;
	if (call_nr == REPLYREC)
		return fast_replyrec(caller, e, caller->p_reg.tf_ebx);
	if ((dst = endpoint_proc(e)) == NULL) {
		if (e == ANY)
			return call_nr == RECEIVE && fast_receive(caller, caller->p_reg.tf_ebx);
		if (e == SELF)
			return 0;
		caller->p_reg.tf_eax = (uint32_t)-EDEADSRCDST;	/* as check_partner() says */
		return IPC_FAST_REFUSED;
	}
	if (call_nr == RECEIVE || !fast_partner(caller, (int)call_nr, dst)) {
		if (!RTS_ISSET(dst, RTS_NO_ENDPOINT))
			return 0;
		caller->p_reg.tf_eax = (uint32_t)-EDEADSRCDST;
		return IPC_FAST_REFUSED;
	}
	return fast_send(caller, (int)call_nr, dst, caller->p_reg.tf_ebx);
}

/* Wake p (blocked on the dying dead_e) with EDEADSRCDST. */
static void
wake_with_error(struct proc *p)
{
	p->p_reg.tf_eax = (uint32_t)-EDEADSRCDST;
	p->p_misc_flags &= ~MF_REPLY_PEND;
	p->p_getfrom_e = p->p_sendto_e = NONE;
	RTS_UNSET(p, RTS_SENDING | RTS_RECEIVING);
	send_finished(p);
}

/* Take p off the caller queue of the process it is sending to. */
static void
unlink_sender(struct proc *p)
{
	struct proc *dst = endpoint_proc(p->p_sendto_e), **xpp;

	if (dst == NULL)
		return;
	for (xpp = &dst->p_caller_q; *xpp != NULL; xpp = &(*xpp)->p_q_link) {
		if (*xpp == p) {
			*xpp = p->p_q_link;
			p->p_q_link = NULL;
			return;
		}
	}
}

/*
 * Cancel every IPC reference to p: SENDA entries queued for it fail with EDEADSRCDST,
 * whoever is blocked sending to it or receiving from it wakes up with EDEADSRCDST, and its
 * pending notifications and asynchronous bits in others vanish.
 */
void
clear_ipc_refs(struct proc *p)
{
	struct proc *xp;

	cancel_async(p);
	while ((xp = p->p_caller_q) != NULL) {
		p->p_caller_q = xp->p_q_link;
		xp->p_q_link = NULL;
		wake_with_error(xp);
	}
	for (xp = proc_addr(0); xp < proc_addr(NR_PROCS); xp++) {
		if (RTS_ISSET(xp, RTS_SLOT_FREE) || xp == p)
			continue;
		if (RTS_ISSET(xp, RTS_RECEIVING) && xp->p_getfrom_e == p->p_endpoint)
			wake_with_error(xp);
		if (priv(p)->s_flags & SYS_PROC) {
			bit_unset(priv(xp)->s_notify_pending, priv(p)->s_id);
			bit_unset(priv(xp)->s_asyn_pending, priv(p)->s_id);
		}
	}
}

/* Wake every process waiting for an answer from p (blocked receiving from it) with
 * EDEADSRCDST; queued senders and SENDA messages stay. */
void
clear_ipc_replies(struct proc *p)
{
	struct proc *xp;

	for (xp = proc_addr(0); xp < proc_addr(NR_PROCS); xp++)
		if (!RTS_ISSET(xp, RTS_SLOT_FREE) && xp != p && RTS_ISSET(xp, RTS_RECEIVING) &&
		    !RTS_ISSET(xp, RTS_SENDING) && xp->p_getfrom_e == p->p_endpoint)
			wake_with_error(xp);
}

/* p is going away: no IPC reaches it any more, and nothing waits for it. */
void
clear_endpoint(struct proc *p)
{
	RTS_SET(p, RTS_NO_ENDPOINT);
	if (RTS_ISSET(p, RTS_SENDING))
		unlink_sender(p);
	clear_ipc_refs(p);
}
