/*
 * proc.c - the process table and the run queues (proc.h).
 *
 * The table holds the kernel tasks (slots -NR_TASKS..-1) and the processes (0..NR_PROCS-1);
 * proc_alloc_slot() claims a free slot with its next generation, and endpoint_proc() turns an
 * endpoint back into its process only while that generation lives.  A process runs only when
 * its p_rts_flags is 0: rts_set() and rts_unset() (inline in proc.h, like pick_proc(): the
 * IPC path runs them on every call) add and remove blocking reasons and move the process out
 * of or into its run queue.  The IPC primitives that block and wake processes
 * are in ipc.c.
 *
 * Run queues: NR_SCHED_QUEUES lists by priority, round robin within one; pick_proc() takes the
 * head of the most urgent non-empty queue (run_q_busy has a bit per non-empty queue); proc_tick() rotates a process whose quantum is spent.
 */
#include <minnow/errno.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"

struct proc proc_table[NR_TASKS + NR_PROCS];
struct proc *proc_ptr;
struct proc *run_q_head[NR_SCHED_QUEUES];
uint32_t run_q_busy;
struct proc *run_q_tail[NR_SCHED_QUEUES];
static int slot_generation[NR_PROCS];

#define MAX_GENERATION 0xFFFF

static const char *const task_names[NR_TASKS] = {
	"asyncm", "idle", "clock", "system", "kernel",
};

void
proc_init(void)
{
	int i;

	for (i = 0; i < NR_TASKS + NR_PROCS; i++) {
		struct proc *p = &proc_table[i];

		p->p_nr = i - NR_TASKS;
		p->p_endpoint = NONE;
		p->p_rts_flags = RTS_SLOT_FREE;
		p->p_getfrom_e = p->p_sendto_e = NONE;
	}
	for (i = -NR_TASKS; i < 0; i++) {
		struct proc *p = proc_addr(i);

		p->p_endpoint = i;		/* kernel tasks: endpoint == slot */
		p->p_rts_flags = RTS_PROC_STOP;	/* identities only: they never run */
		p->p_priority = i == IDLE ? IDLE_Q : TASK_Q;
		memcpy(p->p_name, task_names[i + NR_TASKS], strlen(task_names[i + NR_TASKS]) + 1);
	}
	proc_ptr = proc_addr(IDLE);
}

/* Claim a free slot; its endpoint gets the slot's next generation.  NULL if in use. */
struct proc *
proc_alloc_slot(int slot)
{
	struct proc *p = proc_addr(slot);

	if (slot < 0 || slot >= NR_PROCS || !RTS_ISSET(p, RTS_SLOT_FREE))
		return NULL;
	memset(p, 0, sizeof(*p));
	p->p_nr = slot;
	p->p_endpoint = MAKE_ENDPOINT(slot_generation[slot], slot);
	slot_generation[slot] = slot_generation[slot] >= MAX_GENERATION ? 1
				: slot_generation[slot] + 1;
	p->p_rts_flags = RTS_PROC_STOP;
	p->p_getfrom_e = p->p_sendto_e = NONE;
	p->p_vmreq_target = NONE;
	p->p_bill = NONE;
	p->p_quantum = p->p_ticks_left = QUANTUM_TICKS;
	return p;
}

/* ---- run queues -------------------------------------------------------------------- */

void
dequeue_search(struct proc *p)
{
	int q = p->p_priority;
	struct proc **xpp, *prev = NULL;

	for (xpp = &run_q_head[q]; *xpp != NULL; prev = *xpp, xpp = &(*xpp)->p_nextready) {
		if (*xpp == p) {
			*xpp = p->p_nextready;
			if (run_q_tail[q] == p)
				run_q_tail[q] = prev;
			if (run_q_head[q] == NULL)
				run_q_busy &= ~(1u << q);
			p->p_nextready = NULL;
			return;
		}
	}
}

/*
 * The clock charges a tick to the running process and rotates it when its quantum is up.
 * The tick counts as the running process's own (user) time; when a system process runs for
 * a user process (p_bill, set by ipc_bill), the tick also counts as that user process's
 * system time (handouts/pm.md, "Process times").
 */
void
proc_tick(struct proc *p)
{
	struct proc *bill;

	p->p_user_ticks++;
	if (priv(p) != NULL && (priv(p)->s_flags & SYS_PROC) && p->p_bill != NONE &&
	    (bill = endpoint_proc(p->p_bill)) != NULL)
		bill->p_sys_ticks++;
	if (--p->p_ticks_left > 0)
		return;
	p->p_ticks_left = p->p_quantum;
	if (p->p_rts_flags == 0) {
		dequeue(p);
		enqueue(p);
	}
}

/* ---- endpoints ---------------------------------------------------------------------- */

/* Is e the endpoint of a live process (or kernel task)?  Sets *slot if so. */
int
isokendpt(endpoint_t e, int *slot)
{
	int n = ENDPOINT_SLOT(e);

	if (!isokprocn(n) || proc_addr(n)->p_endpoint != e)
		return 0;
	*slot = n;
	return 1;
}

