/*
 * glo.h - PM's process table (struct mproc, minix-design.md section 12.2) and its globals.
 *
 * mproc[] is indexed like the kernel's process table: a process's entry is the slot of its
 * endpoint.  An entry is IN_USE from boot (every process the kernel started) or fork until
 * the parent has collected its exit status; between exit and that collection it is a ZOMBIE
 * (the kernel slot is already free, the pid and the status are kept).  WAITING marks a
 * parent blocked in waitpid: PM owes it an answer.
 */
#ifndef PM_GLO_H
#define PM_GLO_H

#include <stdint.h>
#include <minnow/endpoint.h>
#include <minnow/ipc.h>
#include <minnow/signum.h>

/** The pid of init (and of orphans' parent). */
#define INIT_PID        1
/** The first pid handed out (pids wrap around below PID_MAX). */
#define PID_FIRST       2
/** One past the largest pid. */
#define PID_MAX         30000

/* mp_flags */
#define IN_USE          0x01    /**< the entry holds a process (or its zombie) */
#define ZOMBIE          0x02    /**< exited; waiting for its parent to collect it */
#define WAITING         0x04    /**< blocked in waitpid: PM has not answered yet */
#define SYS_PROCESS     0x08    /**< a system process (RS is its signal manager) */
#define PM_ITSELF       0x10    /**< PM's own entry */
#define ADOPTED         0x20    /**< an orphan PM adopted for a missing init: ppid 1 */

/** One process. */
struct mproc {
	int mp_flags;                   /**< IN_USE, ZOMBIE, WAITING, ... */
	int mp_pid;                     /**< process id */
	int mp_parent;                  /**< index of the parent's entry */
	endpoint_t mp_endpoint;         /**< kernel endpoint (stale once ZOMBIE) */
	int mp_exitstatus;              /**< ZOMBIE: the wait status word */
	int mp_wpid;                    /**< WAITING: the waitpid pid argument */
	int mp_procgrp;                 /**< process group id */
	int mp_session;                 /**< session id */
	uint32_t mp_realuid;            /**< real user id */
	uint32_t mp_effuid;             /**< effective user id */
	uint32_t mp_realgid;            /**< real group id */
	uint32_t mp_effgid;             /**< effective group id */
	uint32_t mp_sigmask[2];         /**< blocked signals (sigprocmask: later) */
	uint32_t mp_sigignore[2];       /**< ignored signals (sigaction: later) */
	char mp_name[16];               /**< program name, for messages */
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

#endif
