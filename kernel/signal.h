/**
 * @file kernel/signal.h
 * @brief Signals the kernel raises, and the end of a process (kernel/signal.c).
 */
#ifndef MINNOW_KERNEL_SIGNAL_H
#define MINNOW_KERNEL_SIGNAL_H

struct proc;

/** Raise signal @p sig for @p p (its manager gets it; with none, the kernel kills p and
 *  prints @p why). */
void cause_sig(struct proc *p, int sig, const char *why);
/** End a process: clear its IPC references and interrupt hooks, free its privileges and
 *  its slot. */
void proc_exit(struct proc *p);

#endif /* MINNOW_KERNEL_SIGNAL_H */
