/*
 * setjmp.S - setjmp, longjmp, _setjmp, _longjmp, sigsetjmp, siglongjmp for i386 (cdecl).
 *
 * The buffer (include/posix/setjmp.h): words 0..5 = EBX, ESI, EDI, EBP, the caller's ESP
 * after the return (the stack pointer at entry + 4) and the return address.  longjmp
 * restores them, sets EAX to its value (1 if 0) and jumps to the return address, so the
 * setjmp call returns a second time.  sigsetjmp also keeps word 6 = savemask and, if it is
 * non-zero, words 7..8 = the signal mask then (sigprocmask(SIG_BLOCK, NULL, &env[7]));
 * siglongjmp sets that mask again (sigprocmask(SIG_SETMASK, &env[7], NULL)) before it
 * jumps.  setjmp and longjmp are sigsetjmp(env, 1) and siglongjmp, as in BSD and MINIX
 * (POSIX leaves it open); _setjmp and _longjmp touch no mask.  The registers are saved before any call, so the call may use them freely.
 */
#define SIG_BLOCK       0
#define SIG_SETMASK     2

	.text

/* Save the registers into the buffer whose address is in EDX (from 4(%esp)). */
.macro SAVE_REGS
	movl 4(%esp), %edx
	movl %ebx, 0(%edx)
	movl %esi, 4(%edx)
	movl %edi, 8(%edx)
	movl %ebp, 12(%edx)
	leal 4(%esp), %ecx
	movl %ecx, 16(%edx)
	movl (%esp), %ecx
	movl %ecx, 20(%edx)
.endm

/* _setjmp: the registers only; word 6 = 0 (a longjmp to it restores no mask). */
	.globl _setjmp
	.type _setjmp, @function
_setjmp:
	SAVE_REGS
	movl $0, 24(%edx)
	xorl %eax, %eax
	ret
	.size _setjmp, . - _setjmp

/* _longjmp: the registers only (the tail of longjmp and siglongjmp). */
	.globl _longjmp
	.type _longjmp, @function
_longjmp:
	movl 4(%esp), %edx              /* env */
	movl 8(%esp), %eax              /* val */
	testl %eax, %eax
	jnz 1f
	incl %eax                       /* longjmp(env, 0) returns 1 */
1:	movl 0(%edx), %ebx
	movl 4(%edx), %esi
	movl 8(%edx), %edi
	movl 12(%edx), %ebp
	movl 16(%edx), %esp
	jmp *20(%edx)
	.size _longjmp, . - _longjmp

/* setjmp is sigsetjmp(env, 1): the mask too, as in BSD and MINIX. */
	.globl setjmp, sigsetjmp
	.type setjmp, @function
	.type sigsetjmp, @function
setjmp:
	SAVE_REGS
	movl $1, %eax
	jmp 2f
sigsetjmp:
	SAVE_REGS
	movl 8(%esp), %eax              /* savemask */
2:	movl %eax, 24(%edx)
	testl %eax, %eax
	jz 1f
	leal 28(%edx), %ecx
	pushl %ecx                      /* oset = &env[7] */
	pushl $0                        /* set = NULL */
	pushl $SIG_BLOCK
	call sigprocmask
	addl $12, %esp
1:	xorl %eax, %eax
	ret
	.size sigsetjmp, . - sigsetjmp

/* longjmp and siglongjmp: the saved mask back (if word 6 says there is one), then the
 * registers. */
	.globl longjmp, siglongjmp
	.type longjmp, @function
	.type siglongjmp, @function
longjmp:
siglongjmp:
	movl 4(%esp), %edx              /* env */
	cmpl $0, 24(%edx)
	je 1f
	leal 28(%edx), %ecx
	pushl $0                        /* oset = NULL */
	pushl %ecx                      /* set = &env[7] */
	pushl $SIG_SETMASK
	call sigprocmask
	addl $12, %esp
1:	jmp _longjmp                    /* env and val are still at 4(%esp) and 8(%esp) */
	.size siglongjmp, . - siglongjmp

	.section .note.GNU-stack, "", @progbits
