/**
 * @file trap.h
 * @brief The trap frame: what entry.S saves on the kernel stack for every interrupt/exception.
 */
#ifndef MINNOW_I386_TRAP_H
#define MINNOW_I386_TRAP_H

#include <stdint.h>

/** Registers saved by entry.S (pushal, segments) and by the CPU, lowest address first. */
struct trapframe {
	uint32_t tf_edi;        /**< pushal: EDI */
	uint32_t tf_esi;        /**< pushal: ESI */
	uint32_t tf_ebp;        /**< pushal: EBP */
	uint32_t tf_oesp;       /**< pushal: ESP before pushal (ignored) */
	uint32_t tf_ebx;        /**< pushal: EBX */
	uint32_t tf_edx;        /**< pushal: EDX */
	uint32_t tf_ecx;        /**< pushal: ECX */
	uint32_t tf_eax;        /**< pushal: EAX */
	uint32_t tf_gs;         /**< GS */
	uint32_t tf_fs;         /**< FS */
	uint32_t tf_es;         /**< ES */
	uint32_t tf_ds;         /**< DS */
	uint32_t tf_vector;     /**< vector number (pushed by the stub) */
	uint32_t tf_err;        /**< error code (CPU's, or 0 pushed by the stub) */
	uint32_t tf_eip;        /**< CPU: EIP at the trap */
	uint32_t tf_cs;         /**< CPU: CS at the trap (its low 2 bits are the ring) */
	uint32_t tf_eflags;     /**< CPU: EFLAGS */
	uint32_t tf_esp;        /**< CPU: user ESP (only for traps from ring 3) */
	uint32_t tf_ss;         /**< CPU: user SS (only for traps from ring 3) */
};

/** Handle the interrupt or exception that entry.S saved in @p tf (called from alltraps). */
void trap(struct trapframe *tf);

#endif
