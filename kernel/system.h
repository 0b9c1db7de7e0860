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

int do_abort(struct proc *caller, message *m);          /**< SYS_ABORT: system/do_abort.c */
int do_clear(struct proc *caller, message *m);          /**< SYS_CLEAR: system/do_clear.c */
int do_devio(struct proc *caller, message *m);          /**< SYS_DEVIO: system/do_devio.c */
int do_diagctl(struct proc *caller, message *m);        /**< SYS_DIAGCTL: system/do_diagctl.c */
int do_endksig(struct proc *caller, message *m);        /**< SYS_ENDKSIG: system/do_endksig.c */
int do_exec(struct proc *caller, message *m);           /**< SYS_EXEC: system/do_exec.c */
int do_exit(struct proc *caller, message *m);           /**< SYS_EXIT: system/do_exit.c */
int do_fork(struct proc *caller, message *m);           /**< SYS_FORK: system/do_fork.c */
int do_getinfo(struct proc *caller, message *m);        /**< SYS_GETINFO: system/do_getinfo.c */
int do_getksig(struct proc *caller, message *m);        /**< SYS_GETKSIG: system/do_getksig.c */
int do_irqctl(struct proc *caller, message *m);         /**< SYS_IRQCTL: system/do_irqctl.c */
int do_kill(struct proc *caller, message *m);           /**< SYS_KILL: system/do_kill.c */
int do_physcopy(struct proc *caller, message *m);       /**< SYS_PHYSCOPY: system/do_copy.c */
int do_privctl(struct proc *caller, message *m);        /**< SYS_PRIVCTL: system/do_privctl.c */
int do_runctl(struct proc *caller, message *m);         /**< SYS_RUNCTL: system/do_runctl.c */
int do_safecopy_from(struct proc *caller, message *m);  /**< SYS_SAFECOPYFROM: system/do_safecopy.c */
int do_safecopy_to(struct proc *caller, message *m);    /**< SYS_SAFECOPYTO: system/do_safecopy.c */
int do_safememset(struct proc *caller, message *m);     /**< SYS_SAFEMEMSET: system/do_safememset.c */
int do_safemap(struct proc *caller, message *m);        /**< SYS_SAFEMAP: system/do_safemap.c */
int do_saferevmap(struct proc *caller, message *m);     /**< SYS_SAFEREVMAP: system/do_safemap.c */
int do_safeunmap(struct proc *caller, message *m);      /**< SYS_SAFEUNMAP: system/do_safemap.c */
int do_sdevio(struct proc *caller, message *m);         /**< SYS_SDEVIO: system/do_devio.c */
int do_sigreturn(struct proc *caller, message *m);      /**< SYS_SIGRETURN: system/do_sigreturn.c */
int do_sigsend(struct proc *caller, message *m);        /**< SYS_SIGSEND: system/do_sigsend.c */
int do_setalarm(struct proc *caller, message *m);       /**< SYS_SETALARM: system/do_setalarm.c */
int do_setgrant(struct proc *caller, message *m);       /**< SYS_SETGRANT: system/do_setgrant.c */
int do_statectl(struct proc *caller, message *m);       /**< SYS_STATECTL: system/do_statectl.c */
int do_times(struct proc *caller, message *m);          /**< SYS_TIMES: system/do_times.c */
int do_trace(struct proc *caller, message *m);          /**< SYS_TRACE: system/do_trace.c */
int do_umap(struct proc *caller, message *m);           /**< SYS_UMAP: system/do_umap.c */
int do_update(struct proc *caller, message *m);         /**< SYS_UPDATE: system/do_update.c */
int do_vircopy(struct proc *caller, message *m);        /**< SYS_VIRCOPY: system/do_copy.c */
int do_vmctl(struct proc *caller, message *m);          /**< SYS_VMCTL: system/do_vmctl.c */
int do_vsafecopy(struct proc *caller, message *m);      /**< SYS_VSAFECOPY: system/do_vsafecopy.c */

#endif /* MINNOW_SYSTEM_H */
