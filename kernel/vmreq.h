/**
 * @file kernel/vmreq.h
 * @brief Memory requests and forwarded kernel calls: the kernel asks VM (kernel/vmreq.c).
 *
 * A trap whose copy failed on a page VM has not made present yet is restarted once VM
 * brings the page in (vmreq_restart(), vmreq_done()); a kernel call that is VM's work (the
 * safemap calls) is forwarded to VM, which answers for it (vmreq_forward(),
 * vmreq_kcall_reply()).
 */
#ifndef MINNOW_KERNEL_VMREQ_H
#define MINNOW_KERNEL_VMREQ_H

#include <minnow/ipc.h>

struct proc;

/** After @p r came back from a trap of @p p: if it is EFAULT from a copy VM may fix, ask VM
 *  and return 1 (p re-executes the trap once VM answers); else 0. */
int vmreq_restart(struct proc *p, int r);
/** Make @p p execute its trap instruction again when it next runs. */
void vmreq_rewind(struct proc *p);
/** A trap of @p p finished for good: forget its memory request. */
void vmreq_done(struct proc *p);
/** Is VM there to take requests? */
int vmreq_vm_running(void);
/** Forward kernel call @p m (VM_SAFEMAP, ...) of @p caller to VM on the caller's behalf and
 *  hold the caller with RTS_VMREQUEST; returns -EDONTREPLY (VM answers with
 *  vmreq_kcall_reply()). */
int vmreq_forward(struct proc *caller, message *m);
/** VM finished the kernel call it was forwarded for @p p: give @p p @p result as the call's
 *  answer and let it run; OK, or -EINVAL if p was not waiting for one. */
int vmreq_kcall_reply(struct proc *p, int result);

#endif /* MINNOW_KERNEL_VMREQ_H */
