/**
 * @file fpu.h
 * @brief Per-process x87/SSE state (fpu.c): lazy switching with CR0.TS.
 *
 * See handouts/kernel-calls.md, "Floating point".
 */
#ifndef MINNOW_I386_FPU_H
#define MINNOW_I386_FPU_H

#include <stdint.h>

struct proc;

/** Size of an FXSAVE area (the layout sigcontext.h's sc_fpu holds). */
#define FPU_AREA_SIZE 512

/** Boot: enable FXSAVE and SSE (CR4), native x87 errors (CR0.NE), trap on first use. */
void fpu_init(void);
/** Set CR0.TS for @p p, about to run: clear only if its state is in the registers. */
void fpu_switch_to(struct proc *p);
/** A #NM from @p p: give it its state.  Returns 0 if the trap was not an FPU switch. */
int fpu_nm_trap(struct proc *p);
/** @p p has no FPU state any more (exec, exit, a signal handler's start). */
void fpu_proc_reset(struct proc *p);
/** Fork: @p child gets a copy of @p parent's state. */
void fpu_proc_copy(struct proc *child, struct proc *parent);
/** Copy @p p's FXSAVE image to @p buf (512 bytes).  Returns 0 if it has no state. */
int fpu_state_get(struct proc *p, uint8_t *buf);
/** Give @p p the FXSAVE image in @p buf (its MXCSR made safe to load). */
void fpu_state_set(struct proc *p, const uint8_t *buf);
/** Live update: exchange the FPU states of two slots. */
void fpu_proc_swap(struct proc *a, struct proc *b);

#endif /* MINNOW_I386_FPU_H */
