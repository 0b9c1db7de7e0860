/*
 * crt0.S - where every user program starts: _start, the ELF entry point.
 *
 * Protocol (minnow/vmlayout.h; boot loading and exec alike): the process starts at
 * _start with ESP pointing at argc, then argv[0..argc-1], a NULL, the environment strings'
 * pointers, a NULL, and the strings themselves above.  All other registers are zero.
 * _start records envp in `environ` and argv in `__libc_argv` (exit.c: err() names the
 * program with argv[0]), clears EBP (the end of the frame chain, for backtraces
 * and gdb), aligns the stack to 16 bytes as gcc expects, calls main(argc, argv, envp) and
 * passes its return value to exit().  The linker script puts _start at USER_TEXT_BASE.
 */
	.section .text.start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp                 /* outermost frame */
	movl (%esp), %eax               /* argc */
	leal 4(%esp), %ebx              /* argv */
	leal 8(%esp,%eax,4), %ecx       /* envp = &argv[argc + 1] */
	movl %ecx, environ
	movl %ebx, __libc_argv
	andl $-16, %esp                 /* 16-byte aligned at the call below */
	subl $4, %esp
	pushl %ecx
	pushl %ebx
	pushl %eax
	call main
	movl %eax, (%esp)
	call exit
1:	jmp 1b                          /* exit() does not return */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
