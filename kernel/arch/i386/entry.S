/*
 * entry.S - the high kernel's entry points: high_entry and the trap vectors.
 *
 * high_entry is where head.S jumps once paging is on: it switches to the high boot stack and
 * calls kmain().  Every interrupt and exception enters through a vector stub below, which
 * pushes an error code (0 when the CPU pushes none) and the vector number, then alltraps saves
 * the segment and general registers as a struct trapframe (see trap.h).
 *
 * Where the frame lands depends on where the trap came from:
 *  - from a process (ring 3): the CPU switched to the stack in the TSS, which points just
 *    past proc_ptr->p_reg, so the whole frame is saved in the process's own struct proc.
 *    alltraps then moves to the kernel stack and calls user_trap(proc), which handles the
 *    trap and leaves through switch_to_user(): the kernel is not reentrant and keeps no
 *    kernel stack for a process;
 *  - from the kernel (ring 0: the idle loop, or a kernel bug): the frame is on the kernel
 *    stack and trap(tf) handles it there, then iret returns to the interrupted kernel code.
 * Both entries clear the direction flag (cld) before any C code runs: a process may enter
 * with DF set (its own `std`; a driver whose text a fault corrupted), the CPU keeps DF
 * across a trap and sysenter, and the compiler's string instructions (fast_memcpy's
 * `rep movsl`, memset's `rep stosl`) assume DF clear: with DF set they run backwards, and
 * a message copied to a process would be the kernel stack below the message instead,
 * written below the process's buffer (handouts/hardening.md, "Driver fault injection").
 * After a trap the process's own DF is in its saved EFLAGS and comes back with iret (after
 * sysenter it resumes with DF clear: the frame's EFLAGS is IF alone).
 * Vectors 32 (kernel call) and 33 (IPC) may be raised by user code; sysenter_entry is the
 * other way into IPC.  restore_user_context(p) is the way back to a process (iret).
 */
#include "mmu.h"
#include "trap.h"

	.text
	.globl high_entry
high_entry:
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp		/* the backtrace stops here */
	call	kmain
1:	cli
	hlt
	jmp	1b

/* A vector whose exception pushes no error code: push a zero to keep the frame uniform. */
#define TRAP_NOERR(n)			\
	.globl vector##n;		\
vector##n:				\
	pushl	$0;			\
	pushl	$n;			\
	jmp	alltraps

/* A vector whose exception pushes an error code. */
#define TRAP_ERR(n)			\
	.globl vector##n;		\
vector##n:				\
	pushl	$n;			\
	jmp	alltraps

TRAP_NOERR(0);  TRAP_NOERR(1);  TRAP_NOERR(2);  TRAP_NOERR(3)
TRAP_NOERR(4);  TRAP_NOERR(5);  TRAP_NOERR(6);  TRAP_NOERR(7)
TRAP_ERR(8);    TRAP_NOERR(9);  TRAP_ERR(10);   TRAP_ERR(11)
TRAP_ERR(12);   TRAP_ERR(13);   TRAP_ERR(14);   TRAP_NOERR(15)
TRAP_NOERR(16); TRAP_ERR(17);   TRAP_NOERR(18); TRAP_NOERR(19)
TRAP_NOERR(20); TRAP_ERR(21);   TRAP_NOERR(22); TRAP_NOERR(23)
TRAP_NOERR(24); TRAP_NOERR(25); TRAP_NOERR(26); TRAP_NOERR(27)
TRAP_NOERR(28); TRAP_ERR(29);   TRAP_ERR(30);   TRAP_NOERR(31)

/* Traps user code raises on purpose. */
TRAP_NOERR(32); TRAP_NOERR(33)

/* Hardware interrupts: master PIC at IRQ0_VECTOR (0x50), slave at IRQ8_VECTOR (0x70). */
TRAP_NOERR(80); TRAP_NOERR(81); TRAP_NOERR(82); TRAP_NOERR(83)
TRAP_NOERR(84); TRAP_NOERR(85); TRAP_NOERR(86); TRAP_NOERR(87)
TRAP_NOERR(112); TRAP_NOERR(113); TRAP_NOERR(114); TRAP_NOERR(115)
TRAP_NOERR(116); TRAP_NOERR(117); TRAP_NOERR(118); TRAP_NOERR(119)

alltraps:
	cld				/* C code assumes DF clear (see above) */
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movw	$SEL_KDATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	testl	$3, TF_CS(%esp)		/* did the trap come from ring 3? */
	jz	1f
	movl	%esp, %eax		/* = &proc_ptr->p_reg = proc_ptr */
	movl	$boot_stack_top, %esp	/* the kernel stack */
	xorl	%ebp, %ebp		/* backtraces stop here */
	pushl	%eax
	call	user_trap		/* never returns: leaves by switch_to_user() */
1:	pushl	%esp			/* struct trapframe * on the kernel stack */
	call	trap
	addl	$4, %esp
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* vector number and error code */
	iret

/*
 * sysenter_entry: IPC entered through the kernel information page's sysenter trampoline.
 * The CPU is in ring 0 with interrupts off; the user's registers are as the trampoline left
 * them: EAX call, EBX message, ESI endpoint, ECX its stack pointer, EDX where to resume.
 * Like the CPU does for `int $33`, build the trapframe straight in the running process's
 * p_reg (proc_reg_top is the TSS's esp0: just past it), with the endpoint moved to ECX,
 * then continue on the kernel stack in user_trap().
 */
	.globl sysenter_entry
sysenter_entry:
	cld				/* C code assumes DF clear (see above) */
	movl	proc_reg_top, %esp	/* build the frame in proc_ptr->p_reg */
	pushl	$SEL_UDATA		/* ss */
	pushl	%ecx			/* esp */
	pushl	$0x202			/* eflags: IF */
	pushl	$SEL_UCODE		/* cs */
	pushl	%edx			/* eip */
	pushl	$0			/* error code */
	pushl	$SYSENTER_VECTOR	/* vector: IPC, entered by sysenter */
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	movl	%esi, %ecx		/* the endpoint, where int $33 has it */
	pushal
	movw	$SEL_KDATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movl	%esp, %eax		/* = proc_ptr */
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp
	pushl	%eax
	call	user_trap		/* never returns */

/* void restore_user_context(struct proc *p): resume p from its saved registers. */
	.globl restore_user_context
restore_user_context:
	movl	4(%esp), %esp		/* the frame is p->p_reg, at the start of p */
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp
	iret

	.bss
	.align	16
	.globl boot_stack, boot_stack_top
boot_stack:
	.space	KSTACK_SIZE
boot_stack_top:

/* The vector stubs, in the order protect.c installs them. */
	.section .rodata
	.align	4
	.globl exception_vectors, irq_vectors, kernel_call_vector, ipc_vector
exception_vectors:
	.long vector0, vector1, vector2, vector3, vector4, vector5, vector6, vector7
	.long vector8, vector9, vector10, vector11, vector12, vector13, vector14, vector15
	.long vector16, vector17, vector18, vector19, vector20, vector21, vector22, vector23
	.long vector24, vector25, vector26, vector27, vector28, vector29, vector30, vector31
kernel_call_vector:
	.long vector32
ipc_vector:
	.long vector33
irq_vectors:
	.long vector80, vector81, vector82, vector83, vector84, vector85, vector86, vector87
	.long vector112, vector113, vector114, vector115, vector116, vector117, vector118, vector119
