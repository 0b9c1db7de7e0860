/**
 * @file system.h
 * @brief The kernel-call handlers, one per file in kernel/system/.
 *
 * Each handler gets the calling process and its request message (already copied into the
 * kernel); it returns OK or a negated error, which the caller receives in m_type, and may
 * fill "out" fields of the message, which is copied back.  -EDONTREPLY sends nothing back.
 */
#ifndef MINNOW_SYSTEM_H
#define MINNOW_SYSTEM_H

#include <minnow/ipc.h>

struct proc;

/** A kernel-call handler. */
typedef int (*kcall_handler_t)(struct proc *caller, message *m);

int do_abort(struct proc *caller, message *m);          /**< SYS_ABORT: kernel/system/do_abort.c */
int do_diagctl(struct proc *caller, message *m);        /**< SYS_DIAGCTL: kernel/system/do_diagctl.c */
int do_exit(struct proc *caller, message *m);           /**< SYS_EXIT: kernel/system/do_exit.c */
int do_getinfo(struct proc *caller, message *m);        /**< SYS_GETINFO: kernel/system/do_getinfo.c */

#endif /* MINNOW_SYSTEM_H */
