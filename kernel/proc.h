/**
 * @file proc.h
 * @brief The process table: struct proc, its flags, and the run queues.
 *
 * One struct proc per slot: kernel tasks in slots -NR_TASKS..-1, processes in 0..NR_PROCS-1.
 * A process may run only when p_rts_flags is 0; every reason to stop (blocked sending,
 * blocked receiving, no privileges yet, stopped, ...) is one RTS_ bit, so a process blocked
 * for two reasons stays blocked until both are gone.  p_misc_flags holds state that does not
 * block (a SENDREC waiting for its reply, ...).
 *
 * p_reg is the first member on purpose: when a process traps into the kernel, the CPU and
 * entry.S save its registers straight into p_reg (the TSS's ring-0 stack pointer points just
 * past it), so "the current process" and "its saved registers" are the same address.
 */
#ifndef MINNOW_PROC_H
#define MINNOW_PROC_H

#include <stdint.h>
#include <minnow/ipc.h>
#include "arch/i386/include/trap.h"

struct priv;

/** A process slot. */
struct proc {
	struct trapframe p_reg;         /**< saved user registers (must be first) */
	uint32_t p_cr3;                 /**< physical address of its page directory (0: none) */
	int p_nr;                       /**< slot number */
	endpoint_t p_endpoint;          /**< endpoint: slot plus generation */
	struct priv *p_priv;            /**< privileges (shared by all user processes) */
	uint32_t p_rts_flags;           /**< RTS_*: runnable iff 0 */
	uint32_t p_misc_flags;          /**< MF_* */
	int p_priority;                 /**< current run queue */
	int p_quantum;                  /**< ticks in a full quantum */
	int p_ticks_left;               /**< ticks left of the current quantum */
	struct proc *p_nextready;       /**< next in its run queue */
	struct proc *p_caller_q;        /**< head of the processes blocked sending to this one */
	struct proc *p_q_link;          /**< next in the caller queue this one is on */
	endpoint_t p_getfrom_e;         /**< RTS_RECEIVING: from whom (ANY or an endpoint) */
	endpoint_t p_sendto_e;          /**< RTS_SENDING: to whom */
	vir_bytes p_delivermsg_vir;     /**< RTS_RECEIVING: the user buffer to deliver into */
	message p_sendmsg;              /**< RTS_SENDING: the message, copied in when it blocked */
	uint32_t p_user_ticks;          /**< clock ticks spent running */
	uint32_t p_sys_ticks;           /**< clock ticks system processes spent on its behalf */
	endpoint_t p_bill;              /**< system process: the user process it works for
	                                     (NONE: nobody), see ipc_bill() */
	uint32_t p_pending_sigs[2];     /**< kernel signals waiting for the signal manager */
	endpoint_t p_vmreq_target;      /**< memory request to VM: whose page (NONE: none) */
	uint32_t p_vmreq_page;          /**< ... which page */
	int p_vmreq_result;             /**< ... VM's answer (OK, or an error: give up) */
	uint32_t p_ipc_fast;            /**< its SEND/SENDREC calls the IPC fast path ran */
	char p_name[PROC_NAME_LEN];     /**< name, for dumps and panics */
};

/* p_rts_flags: reasons a process cannot run. */
#define RTS_SLOT_FREE   0x01    /**< the slot is unused */
#define RTS_PROC_STOP   0x02    /**< stopped (sys_runctl, or not yet started) */
#define RTS_SENDING     0x04    /**< blocked in SEND (or the send half of SENDREC) */
#define RTS_RECEIVING   0x08    /**< blocked in RECEIVE (or the receive half of SENDREC) */
#define RTS_SIGNALED    0x10    /**< a kernel signal is pending for its manager */
#define RTS_SIG_PENDING 0x20    /**< its manager has not finished with its signals */
#define RTS_P_STOP      0x40    /**< stopped by a tracer */
#define RTS_NO_PRIV     0x80    /**< no privileges yet (RS has not allowed it) */
#define RTS_NO_ENDPOINT 0x100   /**< being torn down: IPC to it fails */
#define RTS_VMINHIBIT   0x200   /**< VM is working on its address space */
#define RTS_PAGEFAULT   0x400   /**< waiting for VM to resolve a page fault */
#define RTS_VMREQUEST   0x800   /**< waiting for VM to finish a kernel call (safemap) */
#define RTS_BOOTINHIBIT 0x10000 /**< boot process whose address space VM has not built */

/* p_misc_flags. */
#define MF_REPLY_PEND   0x01    /**< in SENDREC: only the reply may wake it */
#define MF_SIG_DELAY    0x02    /**< a delayed stop waits for its send to finish (SIGSNDELAY) */
#define MF_FROM_KERNEL  0x04    /**< its pending message was made by the kernel (page fault) */
#define MF_SC_TRACE     0x08    /**< stop at the next system call entry or leave (sctrace.c) */
#define MF_SC_ENTERED   0x10    /**< the entry of the call it is rewound to was reported */
#define MF_SC_ACTIVE    0x20    /**< a traced system call runs: its leave may be reported */
#define MF_FPU_USED     0x40    /**< its FPU state is in use (arch/i386/fpu.c) */
#define MF_BUF_REUSED   0x80    /**< its message, while the IPC fast path sends it, is the
                                     buffer its REPLYREC receives into next (ipc.c) */
/** Any of the system-call tracing flags (a test on the IPC path). */
#define MF_SC_ANY       (MF_SC_TRACE | MF_SC_ENTERED | MF_SC_ACTIVE)

/** Run queues: 0 is the most urgent. */
#define NR_SCHED_QUEUES 16
#define TASK_Q          0       /**< kernel tasks (they never run as processes here) */
#define SYS_Q           4       /**< system processes */
#define USER_Q          7       /**< user processes */
#define IDLE_Q          15      /**< only IDLE */
#define QUANTUM_TICKS   5       /**< default quantum */

/** The table: kernel tasks first. */
extern struct proc proc_table[NR_TASKS + NR_PROCS];
/** The process the CPU runs (or last ran). */
extern struct proc *proc_ptr;
/** Head of each run queue. */
extern struct proc *run_q_head[NR_SCHED_QUEUES];
/** Bit q is set while run queue q is not empty (pick_proc takes the lowest). */
extern uint32_t run_q_busy;

/** The struct proc of a slot number. */
#define proc_addr(n)    (&proc_table[NR_TASKS + (n)])
/** Is this a kernel task? */
#define iskernelp(p)    ((p)->p_nr < 0)
/** Is the slot number in range? */
#define isokprocn(n)    ((n) >= -NR_TASKS && (n) < NR_PROCS)
/** Set a blocking flag (and leave the run queue when it becomes unrunnable). */
#define RTS_SET(p, f)   rts_set((p), (f))
/** Clear a blocking flag (and join the run queue when it becomes runnable). */
#define RTS_UNSET(p, f) rts_unset((p), (f))
/** Is a blocking flag set? */
#define RTS_ISSET(p, f) (((p)->p_rts_flags & (f)) != 0)

/* proc.c */
/** Mark every slot free and set up the kernel tasks' identities. */
void proc_init(void);
/** Tail of each run queue. */
extern struct proc *run_q_tail[NR_SCHED_QUEUES];
/** Remove a process that is not the head of its run queue (dequeue()'s search). */
void dequeue_search(struct proc *p);

/** Append a runnable process to the tail of its run queue (inline: every IPC that wakes a
 *  process runs it). */
static inline void
enqueue(struct proc *p)
{
	int q = p->p_priority;

	p->p_nextready = NULL;
	run_q_busy |= 1u << q;
	if (run_q_head[q] == NULL)
		run_q_head[q] = p;
	else
		run_q_tail[q]->p_nextready = p;
	run_q_tail[q] = p;
}

/** Remove a process from its run queue; the usual case, the running process blocking at
 *  the head of its queue, inline. */
static inline void
dequeue(struct proc *p)
{
	int q = p->p_priority;

	if (run_q_head[q] != p) {
		dequeue_search(p);
		return;
	}
	if ((run_q_head[q] = p->p_nextready) == NULL) {
		run_q_tail[q] = NULL;
		run_q_busy &= ~(1u << q);
	}
	p->p_nextready = NULL;
}

/** Add blocking flags; a process that stops being runnable leaves its run queue (inline:
 *  every IPC that blocks or wakes runs it). */
static inline void
rts_set(struct proc *p, uint32_t flags)
{
	if (p->p_rts_flags == 0 && flags != 0)
		dequeue(p);
	p->p_rts_flags |= flags;
}

/** Remove blocking flags; a process that becomes runnable joins its run queue. */
static inline void
rts_unset(struct proc *p, uint32_t flags)
{
	uint32_t was = p->p_rts_flags;

	p->p_rts_flags &= ~flags;
	if (was != 0 && p->p_rts_flags == 0)
		enqueue(p);
}

/** The process to run next: the head of the most urgent non-empty queue, or NULL. */
static inline struct proc *
pick_proc(void)
{
	return run_q_busy != 0 ? run_q_head[__builtin_ctz(run_q_busy)] : NULL;
}

/** Is @p e a live endpoint?  Sets *slot when it is. */
int isokendpt(endpoint_t e, int *slot);
/** The process of a live endpoint, or NULL (free slot, stale generation, garbage);
 *  inline: every IPC and kernel call asks it. */
static inline struct proc *
endpoint_proc(endpoint_t e)
{
	int n = ENDPOINT_SLOT(e);

	return isokprocn(n) && proc_addr(n)->p_endpoint == e ? proc_addr(n) : NULL;
}
/** Charge a clock tick to @p p; rotate it in its queue when its quantum is spent. */
void proc_tick(struct proc *p);
/** Claim free slot @p slot with its next generation; NULL if in use. */
struct proc *proc_alloc_slot(int slot);

#endif /* MINNOW_PROC_H */
