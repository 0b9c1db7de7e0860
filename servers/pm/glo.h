/*
 * glo.h - PM's process table (struct mproc, handouts/pm.md, "struct mproc") and its globals.
 *
 * mproc[] is indexed like the kernel's process table: a process's entry is the slot of its
 * endpoint.  An entry is IN_USE from boot (every process the kernel started) or fork until
 * the parent has collected its exit status; between exit and that collection it is a ZOMBIE
 * (the kernel slot is already free, the pid and the status are kept).  WAITING marks a
 * parent blocked in waitpid: PM owes it an answer.
 *
 * When a VFS runs, an exit has two halves: exit_proc() makes the entry a ZOMBIE at once
 * (the parent may collect it) and marks it EXITING until VFS answers VFS_PM_EXIT; only then
 * are the memory and the kernel slot freed (exit_restart()) and, if the parent has already
 * collected the status, the entry released.  VFS_CALL marks a process whose request to VFS
 * is outstanding (at most one per process); signals for it wait in mp_sigpending until the
 * answer is in.  DEFERRED marks a request kept in mp_deferred until VFS has answered
 * VFS_PM_INIT (or, on a dead entry, a VFS_PM_EXIT not yet sent for the same reason).
 *
 * Signals: per signal a struct sigaction (mp_sigact), and the sets mp_ignore (SIG_IGN),
 * mp_catch (a handler), mp_sigmask (blocked) and mp_sigpending (arrived while blocked or
 * during a VFS call, or caught and not yet delivered: sigdeliver.c).  A set is two
 * 32-bit words, signal s being bit s % 32 of word s / 32 (as sigset_t in <signal.h>).
 *
 * Tracing (trace.c): a traced process has mp_tracer; every signal to it but SIGKILL is
 * held in mp_sigtrace for the tracer, which learns of it through waitpid.
 */
#ifndef PM_GLO_H
#define PM_GLO_H

#include <limits.h>
#include <stdint.h>
#include <minnow/endpoint.h>
#include <minnow/ipc.h>
#include <minnow/safecopies.h>
#include <minnow/signum.h>
#include <signal.h>
#include <sys/time.h>

/** The pid of init (and of orphans' parent). */
#define INIT_PID        1
/** The first pid handed out (pids wrap around below PID_MAX). */
#define PID_FIRST       2
/** One past the largest pid. */
#define PID_MAX         30000
/** Process slots only root's forks may take (rlimit.c, nproc_check): root can still log in
 *  and kill an ordinary user's fork bomb when the table is otherwise full. */
#define ROOT_SLOTS      4

/* mp_flags */
#define IN_USE          0x01    /**< the entry holds a process (or its zombie) */
#define ZOMBIE          0x02    /**< exited; waiting for its parent to collect it */
#define WAITING         0x04    /**< blocked in waitpid: PM has not answered yet */
#define SYS_PROCESS     0x08    /**< a service RS started (PM_SRV_FORK, service.c): RS is
                                     its signal manager; no zombie when it ends */
#define PM_ITSELF       0x10    /**< PM's own entry */
#define ADOPTED         0x20    /**< an orphan PM adopted for a missing init: ppid 1 */
#define VFS_CALL        0x40    /**< a request to VFS is outstanding (mp_vfs_req) */
#define EXITING         0x80    /**< dead; VFS has not yet answered VFS_PM_EXIT */
#define DEFERRED        0x100   /**< waits for VFS_PM_INIT_REPLY: mp_deferred (live) or the
                                     VFS_PM_EXIT (EXITING) */
#define SRV_KILLED      0x200   /**< ended by PM_SRV_KILL: RS (mp_fork_parent) is answered
                                     when its memory and slot are free (exit_restart) */

/** Is rmp a live process (not a zombie, not being cleaned up)? */
#define SIG_STOPPING    0x400   /**< a handler waits: the stop is delayed until the process's
                                     send is through (SIGSNDELAY, sigdeliver.c) */
#define SIG_STOPPED     0x800   /**< stopped by PM to get a signal frame (sigdeliver.c) */
#define SIGSUSPENDED    0x1000  /**< blocked in sigsuspend: PM has not answered yet */
#define SIG_RESTORE     0x2000  /**< a sigsuspend was interrupted: the next frame restores
                                     mp_sigsave, the mask from before the call */
#define JOB_STOPPED     0x4000  /**< stopped by a stop signal until SIGCONT (stop.c) */
#define STOP_PENDING    0x8000  /**< a stop waits for the process's send (SIGSNDELAY) */
#define STOP_REPORTED   0x10000 /**< this stop was reported by a waitpid(WUNTRACED) */
#define TRACE_STOPPED   0x20000 /**< stopped for its tracer (trace.c) */
#define TRACE_EXIT      0x40000 /**< ended by T_EXIT: its tracer (mp_fork_parent) is answered
                                     when the exit is complete (exit_restart) */
#define CONTINUED       0x80000 /**< continued from a stop; not yet reported by a
                                     waitpid(WCONTINUED) (stop.c) */
#define TRACE_SYSMGR    0x100000 /**< a system process root traces: PM is its signal
                                     manager instead of RS meanwhile (trace.c) */
#define SUGID           0x200000 /**< issetugid(): its ids came from a set-id exec or
                                     changed since its last exec (getset.c); fork keeps it */
/** The flags of signal delivery and stops, which neither a child nor a dead process
 *  keeps. */
#define SIG_FLAGS       (SIG_STOPPING | SIG_STOPPED | SIGSUSPENDED | SIG_RESTORE | \
			 JOB_STOPPED | STOP_PENDING | STOP_REPORTED | TRACE_STOPPED | CONTINUED)
#define MP_LIVE(rmp)    (((rmp)->mp_flags & (IN_USE | ZOMBIE | EXITING)) == IN_USE)
/** Is rmp collected by its parent but still waiting for VFS (invisible to everyone)? */
#define MP_REAPED(rmp)  (((rmp)->mp_flags & (IN_USE | ZOMBIE | EXITING)) == (IN_USE | EXITING))

#define NR_ITIMERS 3    /**< ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF (alarm.c) */

/** One process. */
struct mproc {
	int mp_flags;                   /**< IN_USE, ZOMBIE, WAITING, ... */
	int mp_pid;                     /**< process id */
	int mp_parent;                  /**< index of the parent's entry */
	endpoint_t mp_endpoint;         /**< kernel endpoint (stale once ZOMBIE) */
	int mp_exitstatus;              /**< ZOMBIE: the wait status word; VFS_CALL of
	                                     VFS_PM_DUMPCORE: the signal (core.c) */
	int mp_wpid;                    /**< WAITING: the waitpid pid argument */
	int mp_wopts;                   /**< WAITING: the waitpid options (PM_WUNTRACED,
	                                     PM_WCONTINUED) */
	int mp_stopsig;                 /**< JOB_STOPPED, STOP_PENDING: the stop signal */
	int mp_procgrp;                 /**< process group id */
	int mp_session;                 /**< session id */
	uint32_t mp_realuid;            /**< real user id */
	uint32_t mp_effuid;             /**< effective user id */
	uint32_t mp_realgid;            /**< real group id */
	uint32_t mp_effgid;             /**< effective group id */
	uint32_t mp_saveduid;           /**< saved set-user-id: the effective uid after the
	                                     last exec (getset.c) */
	uint32_t mp_savedgid;           /**< saved set-group-id */
	int mp_ngroups;                 /**< supplementary groups in mp_groups */
	uint32_t mp_groups[NGROUPS_MAX]; /**< the supplementary group ids (getset.c) */
	sigset_t mp_sigmask;            /**< blocked signals */
	sigset_t mp_ignore;             /**< signals whose action is SIG_IGN */
	sigset_t mp_catch;              /**< signals with a handler */
	sigset_t mp_sigpending;         /**< signals waiting: blocked, during a VFS call, or
	                                     caught and not yet delivered */
	sigset_t mp_sigsave;            /**< SIGSUSPENDED, SIG_RESTORE: the mask before the call */
	uint32_t mp_sigreturn;          /**< libc's return trampoline for handlers (sigaction) */
	uint32_t mp_alarm[NR_ITIMERS];  /**< each timer's expiry, a tick of its clock (0: none;
	                                     alarm.c) */
	uint32_t mp_interval[NR_ITIMERS]; /**< ticks each timer is set again for (0: once) */
	struct sigaction mp_sigact[NSIG];       /**< the action of each signal */
	struct mproc *mp_tracer;        /**< its tracer (ptrace), or NULL (trace.c) */
	int mp_trace_opts;              /**< the tracer's TO_* options */
	uint32_t mp_core_cur;           /**< RLIMIT_CORE soft limit: core file bytes (core.c) */
	uint32_t mp_core_max;           /**< RLIMIT_CORE hard limit */
	uint32_t mp_stack_cur;          /**< RLIMIT_STACK soft limit: stack bytes (rlimit.c;
	                                     VM enforces it) */
	uint32_t mp_stack_max;          /**< RLIMIT_STACK hard limit */
	uint32_t mp_nproc_cur;          /**< RLIMIT_NPROC soft limit: processes of the real
	                                     uid (rlimit.c, nproc_check) */
	uint32_t mp_nproc_max;          /**< RLIMIT_NPROC hard limit */
	sigset_t mp_sigtrace;           /**< signals held for the tracer, not yet reported */
	int mp_vfs_req;                 /**< VFS_CALL: the VFS_PM_* request outstanding */
	endpoint_t mp_fork_parent;      /**< VFS_CALL of a forked child: the parent to answer */
	int mp_vfs_result;              /**< VFS_CALL: the caller's answer once VFS is done */
	char mp_exec_name[16];          /**< VFS_CALL exec: the new program's name */
	message mp_deferred;            /**< DEFERRED: the request, replayed after VFS init */
	char mp_name[16];               /**< program name, for messages */
	uint32_t mp_utime;              /**< ZOMBIE: its user ticks at exit (time.c) */
	uint32_t mp_stime;              /**< ZOMBIE: its system ticks at exit */
	uint32_t mp_child_utime;        /**< user ticks of children waited for, theirs included */
	uint32_t mp_child_stime;        /**< system ticks of children waited for */
	uint32_t mp_maxrss;             /**< its largest resident size PM sampled, KiB (times.c) */
	uint32_t mp_child_maxrss;       /**< the largest mp_maxrss of children waited for */
	uint32_t mp_wrusage;            /**< WAITING: where wait4's struct rusage goes, or 0 */
};

/** The process table. */
extern struct mproc mproc[NR_PROCS];
/** PM's own entry; the parent of boot processes and, with no init, of orphans. */
extern struct mproc *pm_mp;
/** Init's entry (pid 1), or NULL if no init runs. */
extern struct mproc *init_mp;
/** The entry of the caller being served. */
extern struct mproc *mp;
/** Live (non-zombie) processes in the table. */
extern int procs_in_use;
/** RS, and the grant of its public table (from PM's RS_INIT): signal.c reads which boot
 *  services RS restarts (SF_RESTART). */
extern endpoint_t pm_rs_ep;
/** See pm_rs_ep; GRANT_INVALID before PM's init. */
extern cp_grant_id_t pm_rproctab_gid;

/** VFS's state as PM sees it. */
enum vfs_state {
	VFS_ABSENT,     /**< no VFS in this boot: PM works alone */
	VFS_STARTING,   /**< VFS_PM_INIT sent, not answered: calls needing VFS are deferred */
	VFS_READY       /**< VFS knows every process */
};
/** Does a VFS run, and is it ready? */
extern enum vfs_state vfs_state;

#endif
