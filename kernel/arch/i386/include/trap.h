/**
 * @file trap.h
 * @brief The trap frame: what entry.S saves on the kernel stack for every interrupt/exception.
 */
#ifndef MINNOW_I386_TRAP_H
#define MINNOW_I386_TRAP_H

/** Offset of tf_cs in struct trapframe, for entry.S. */
#define TF_CS 60

#ifndef __ASSEMBLER__
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

/** Handle a trap taken in kernel mode (interrupts during idle, kernel faults): @p tf is on the kernel stack. */
void trap(struct trapframe *tf);

_Static_assert(__builtin_offsetof(struct trapframe, tf_cs) == TF_CS, "TF_CS");
#endif /* !__ASSEMBLER__ */

#endif
