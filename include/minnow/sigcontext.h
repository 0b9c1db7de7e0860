/**
 * @file sigcontext.h
 * @brief Signal delivery to a process's handler: what sys_sigsend puts on its stack.
 *
 * PM decides that a process must run a signal handler and calls sys_sigsend(endpt, &sigmsg).
 * The kernel saves the process's registers in a struct sigcontext, pushes a struct sigframe
 * on the process's stack and restarts it at the handler, called as
 * handler(signo, code, scp) with the return address sm_sigreturn: libc's trampoline, which
 * asks PM to return from the signal; PM calls sys_sigreturn(endpt, scp) and the kernel
 * restores the saved registers (checked: a handler cannot raise its privilege by editing
 * the context, since the segment registers and the privileged flags are forced).
 *
 * The FPU state is saved too (sc_fpu, the FXSAVE layout): the handler starts with a fresh
 * FPU (FNINIT's state, every exception masked), so floating point in a handler cannot disturb
 * the interrupted computation, and sigreturn puts sc_fpu back (a handler may edit it, e.g.
 * mask the exception that raised SIGFPE).  handouts/kernel-calls.md, "Floating point".
 */
#ifndef MINNOW_SIGCONTEXT_H
#define MINNOW_SIGCONTEXT_H

#include <stdint.h>

/** sc_magic of a context the kernel wrote. */
#define SC_MAGIC 0x53494743

/** The registers and signal mask saved when a handler starts. */
struct sigcontext {
	uint32_t sc_gs;         /**< GS */
	uint32_t sc_fs;         /**< FS */
	uint32_t sc_es;         /**< ES */
	uint32_t sc_ds;         /**< DS */
	uint32_t sc_edi;        /**< EDI */
	uint32_t sc_esi;        /**< ESI */
	uint32_t sc_ebp;        /**< EBP */
	uint32_t sc_ebx;        /**< EBX */
	uint32_t sc_edx;        /**< EDX */
	uint32_t sc_ecx;        /**< ECX */
	uint32_t sc_eax;        /**< EAX */
	uint32_t sc_eip;        /**< EIP: where it was */
	uint32_t sc_cs;         /**< CS */
	uint32_t sc_eflags;     /**< EFLAGS */
	uint32_t sc_esp;        /**< ESP */
	uint32_t sc_ss;         /**< SS */
	uint32_t sc_mask[2];                            /**< the signal mask to restore */
	uint32_t sc_magic;                              /**< SC_MAGIC */
	uint32_t sc_fpu_valid;  /**< 1: sc_fpu holds the FPU state; 0: it had none */
	uint32_t sc_pad[3];     /**< (keeps sc_fpu 16-byte aligned within the struct) */
	uint8_t sc_fpu[512];    /**< the x87/SSE state, in FXSAVE layout (MXCSR at 24) */
};

/** sys_sigsend's argument, from PM. */
struct sigmsg {
	int sm_signo;                   /**< the signal */
	uint32_t sm_mask[2];            /**< the mask to restore afterwards */
	uint32_t sm_sighandler;         /**< the handler's address */
	uint32_t sm_sigreturn;          /**< libc's return trampoline */
	uint32_t sm_stkptr;             /**< stack to use (0: the current one) */
};

/** What sys_sigsend pushes: the handler's return address and arguments, then the context. */
struct sigframe {
	uint32_t sf_retadr;             /**< sm_sigreturn */
	int sf_signo;                   /**< handler's first argument */
	int sf_code;                    /**< second argument (0) */
	uint32_t sf_scp;                /**< third argument: &sf_sc, in the process */
	struct sigcontext sf_sc;        /**< the saved context */
};

#endif /* MINNOW_SIGCONTEXT_H */
