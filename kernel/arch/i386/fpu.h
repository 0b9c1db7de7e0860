/**
 * @file fpu.h
 * @brief Per-process x87/SSE state (fpu.c): saved and loaded on switches, CR0.TS for a
 * first use.
 *
 * See handouts/kernel-calls.md, "Floating point".
 */
#ifndef MINNOW_I386_FPU_H
#define MINNOW_I386_FPU_H

#include <stdint.h>
#include "../../proc.h"

/** Size of an FXSAVE area (the layout sigcontext.h's sc_fpu holds). */
#define FPU_AREA_SIZE 512

/** Boot: enable FXSAVE and SSE (CR4), native x87 errors (CR0.NE), trap on first use. */
void fpu_init(void);
/** The process whose FPU state is in the registers (NULL: none). */
extern struct proc *fpu_owner;
/** CR0.TS as the kernel last set it. */
extern int fpu_ts;
/** fpu_switch_to()'s work when there is some. */
void fpu_switch_slow(struct proc *p);

/** @p p is about to run: give it its FPU state, or set CR0.TS so its first use traps.
 *  The common case (a process without FPU state, TS already set) costs a few compares. */
static inline void
fpu_switch_to(struct proc *p)
{
	if (p != fpu_owner && fpu_ts && !(p->p_misc_flags & MF_FPU_USED))
		return;
	fpu_switch_slow(p);
}
/** A "device not available" trap (vector 7) from @p p: give it its state.  Returns 0 if
 *  the trap was not an FPU switch. */
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
