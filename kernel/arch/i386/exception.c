/*
 * exception.c - trap(): what happens on every interrupt and CPU exception.
 *
 * Hardware interrupts go to their handler (the clock's, else irq_dispatch() for the hooks
 * drivers set) and are acknowledged at the PIC.  A CPU exception is reported with a full
 * register dump (CR2 included for page faults) and stops the system with a panic naming the
 * function that faulted.
 *
 * Traps from processes arrive in user_trap(): `int $33` is IPC (ipc_fastpath, else do_ipc:
 * handouts/ipc.md, "The fast path"), `int $32` a kernel
 * call (kernel_call), interrupts are handled as above with the clock charging the process,
 * and a CPU exception becomes a signal for the process (cause_sig): the process dies or its
 * signal manager decides, the system goes on (x87 #MF, SIMD #XM and divide errors are
 * SIGFPE).  A "device not available" (#NM) is a process's first FPU instruction since a
 * switch: fpu_nm_trap() loads its FPU state and it goes on.  A page fault goes to VM instead, as a message
 * the kernel sends on the process's behalf (pagefault_to_vm).
 */
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "../../kernel.h"
#include "../../priv.h"
#include "../../proc.h"
#include "../../vmreq.h"
#include "../../ipc.h"
#include "../../signal.h"
#include "mmu.h"
#include "fpu.h"
#include "trap.h"
#include "x86.h"

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bounds check",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved (15)", "x87 floating point", "alignment check",
	"machine check", "SIMD floating point", "virtualization", "control protection",
	"reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)",
	"reserved (27)", "hypervisor injection", "VMM communication", "security",
	"reserved (31)",
};

#define PF_PRESENT 0x1
#define PF_WRITE   0x2
#define PF_USER    0x4

void user_trap(struct proc *p) __attribute__((noreturn));

static void
dump_registers(const struct trapframe *tf)
{
	int from_user = (tf->tf_cs & 3) != 0;
	uint32_t esp = from_user ? tf->tf_esp : (uint32_t)&tf->tf_esp;

	kprintf("  eip=0x%08x cs=0x%04x eflags=0x%08x err=0x%08x\n",
		tf->tf_eip, tf->tf_cs, tf->tf_eflags, tf->tf_err);
	kprintf("  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n",
		tf->tf_eax, tf->tf_ebx, tf->tf_ecx, tf->tf_edx);
	kprintf("  esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n",
		tf->tf_esi, tf->tf_edi, tf->tf_ebp, esp);
	kprintf("  ds=0x%04x es=0x%04x fs=0x%04x gs=0x%04x\n",
		tf->tf_ds, tf->tf_es, tf->tf_fs, tf->tf_gs);
	kprintf("  cr0=0x%08x cr2=0x%08x cr3=0x%08x cr4=0x%08x\n",
		read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static void __attribute__((noreturn))
exception(struct trapframe *tf)
{
	const char *name = exception_names[tf->tf_vector];
	const char *mode = (tf->tf_cs & 3) ? "user" : "kernel";
	uint32_t off;
	const char *func = ksym_lookup(tf->tf_eip, &off);

	if (tf->tf_vector == 14)
		kprintf("trap: page fault (vector 14) in %s mode: %s of %s page at 0x%08x\n", mode,
			(tf->tf_err & PF_WRITE) ? "write" : "read",
			(tf->tf_err & PF_PRESENT) ? "a protected" : "a not-present", read_cr2());
	else
		kprintf("trap: %s (vector %u) in %s mode\n", name, tf->tf_vector, mode);
	dump_registers(tf);
	panic_frame(func != NULL ? func : "?", tf->tf_eip, tf->tf_ebp,
		    "unhandled %s in %s mode", name, mode);
}

static void
interrupt(int irq)
{
	if (irq == 0) {
		clock_tick();
		if (proc_ptr != NULL && !iskernelp(proc_ptr) &&
		    !RTS_ISSET(proc_ptr, RTS_SLOT_FREE))
			proc_tick(proc_ptr);
	} else if (irq != 2) {
		irq_dispatch(irq);
	}
	pic_eoi(irq);
}

/* The signal a CPU exception raises for the process that caused it. */
static int
exception_signal(uint32_t vector)
{
	switch (vector) {
	case 0: case 4: case 5: case 16: case 19:
		return SIGFPE;
	case 1: case 3:
		return SIGTRAP;
	case 6: case 7:
		return SIGILL;
	case 17:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

/*
 * A page fault in a process goes to VM as a message the kernel sends on the process's
 * behalf (IPC status flag IPC_FLG_MSG_FROM_KERNEL): the process is held with RTS_PAGEFAULT
 * until VM resolves the fault (sys_vmctl VMCTL_CLEAR_PAGEFAULT) or kills it.  Without a VM
 * (or for VM itself) the fault is a SIGSEGV.  Returns 1 if VM got the fault.
 */
static int
pagefault_to_vm(struct proc *p)
{
	struct proc *vm = proc_addr(VM_PROC_NR);
	message m;

	if (p->p_nr == VM_PROC_NR || RTS_ISSET(vm, RTS_SLOT_FREE) ||
	    !(priv(vm)->s_flags & VM_SYS_PROC))
		return 0;
	memset(&m, 0, sizeof(m));
	m.m_type = VM_PAGEFAULT;
	m.m_vm_pagefault.endpt = p->p_endpoint;
	m.m_vm_pagefault.addr = read_cr2();
	m.m_vm_pagefault.err = p->p_reg.tf_err;
	m.m_vm_pagefault.eip = p->p_reg.tf_eip;
	return send_from_kernel(p, vm, &m, RTS_PAGEFAULT) == OK;
}

static void
user_exception(struct proc *p)
{
	struct trapframe *tf = &p->p_reg;
	char why[96];

	if (tf->tf_vector == 14 && pagefault_to_vm(p))
		return;
	if (tf->tf_vector == 14)
		ksnprintf(why, sizeof(why), "page fault (%s 0x%08x) at eip 0x%08x",
			  (tf->tf_err & PF_WRITE) ? "write" : "read", read_cr2(), tf->tf_eip);
	else
		ksnprintf(why, sizeof(why), "%s (vector %u) at eip 0x%08x",
			  exception_names[tf->tf_vector], tf->tf_vector, tf->tf_eip);
	cause_sig(p, exception_signal(tf->tf_vector), why);
}

/* An IPC trap of p: the call, or a request to VM for a page it needs (vmreq.c). */
static void
ipc_trap(struct proc *p)
{
	struct trapframe *tf = &p->p_reg;
	int r;

	copy_fault.cf_proc = NULL;
	r = do_ipc(p, (int)tf->tf_eax, (endpoint_t)tf->tf_ecx, tf->tf_ebx);
	if (r != -EFAULT) {		/* the common case: no memory request */
		if (p->p_vmreq_target != NONE)
			vmreq_done(p);
		tf->tf_eax = (uint32_t)r;
	} else if (!vmreq_restart(p, r)) {
		tf->tf_eax = (uint32_t)r;
	}
}

/*
 * A trap from process p (its registers are in p->p_reg); leaves by switch_to_user().  When
 * the IPC fast path ran the call and p is still the process to run (always, when the call
 * was refused: p was the process to run when it trapped), it returns to p at once: its page directory, TSS stack and FPU state are as switch_to_user() left them when
 * p last entered user mode (nothing else runs in between), and the fast path never runs
 * for a traced call.
 */
void
user_trap(struct proc *p)
{
	struct trapframe *tf = &p->p_reg;
	uint32_t v = tf->tf_vector;
	int r;

	if (v == IPC_VECTOR || v == SYSENTER_VECTOR) {
		if (!(p->p_misc_flags & MF_SC_ANY)) {
			if ((r = ipc_fastpath(p)) == 0)
				ipc_trap(p);
			else if (r < 0 ||	/* IPC_FAST_REFUSED, the one negative answer */
				 (p->p_rts_flags == 0 && pick_proc() == p))
				restore_user_context(p);	/* see below */
		}
		else if (!sc_trace_enter(p)) {
			ipc_trap(p);	/* a traced call (sctrace.c) */
			sc_trace_ran(p);
		}
	} else if (v == KERN_CALL_VECTOR) {
		copy_fault.cf_proc = NULL;
		if ((r = kernel_call(p, tf->tf_eax)) != -EDONTREPLY)	/* restarts itself */
			tf->tf_eax = (uint32_t)r;
	} else if (v >= IRQ0_VECTOR && v < IRQ0_VECTOR + 8) {
		interrupt((int)(v - IRQ0_VECTOR));
	} else if (v >= IRQ8_VECTOR && v < IRQ8_VECTOR + 8) {
		interrupt((int)(v - IRQ8_VECTOR + 8));
	} else if (v == 7 && fpu_nm_trap(p)) {
		;		/* its first FPU instruction since a switch (fpu.c) */
	} else if (v < 32) {
		user_exception(p);
	} else {
		cause_sig(p, SIGSEGV, "unexpected trap vector");
	}
	switch_to_user();
}

void
trap(struct trapframe *tf)
{
	uint32_t v = tf->tf_vector;

	if (v < 32)
		exception(tf);
	if (v >= IRQ0_VECTOR && v < IRQ0_VECTOR + 8)
		interrupt((int)(v - IRQ0_VECTOR));
	else if (v >= IRQ8_VECTOR && v < IRQ8_VECTOR + 8)
		interrupt((int)(v - IRQ8_VECTOR + 8));
	else
		panic("unexpected trap vector %u", v);
}
