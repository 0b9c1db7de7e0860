/*
 * proto.h - PM's functions, by file.
 */
#ifndef PM_PROTO_H
#define PM_PROTO_H

#include <minnow/ipc.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/pm.h>
#include <minnow/vfs.h>
#include "glo.h"

/** A request handler (for the caller in `mp`): the answer for m_type, or SUSPEND (answered
 *  later or never). */
typedef int (*pm_handler_t)(message *m);
/** A handler's result meaning "no answer now" (minnow/srv.h). */
#define SUSPEND         (-EDONTREPLY)

/** One row of PM's call table (table.c): the fields of every server's rows (minnow/srv.h),
 *  and whether the call must wait for VFS's start-up. */
struct pm_call {
	const char *name;               /**< the message type's name */
	srv_caller_t may_call;          /**< who may send it */
	pm_handler_t handler;           /**< what handles it */
	int needs_vfs;                  /**< kept (DEFERRED) until VFS answered VFS_PM_INIT */
};

/* main.c */
void reply(struct mproc *rmp, int result, message *m);

/* table.c */
int pm_dispatch(message *m, int status);
void run_deferred(void);

/* utility.c */
int pm_init(int type, sef_init_info_t *info);
struct mproc *mproc_of_slow(endpoint_t ep);
struct mproc *mproc_live(endpoint_t ep);

/** The live entry of endpoint @p ep (adopting a process started behind PM's back), or
 *  NULL.  A live entry's own endpoint (every call's caller) is found inline; the rest,
 *  the checks of @p ep included, in mproc_of_slow().  (No live entry holds ANY, NONE,
 *  SELF or a negative endpoint, so the inline test needs no check of its own.) */
static inline struct mproc *
mproc_of(endpoint_t ep)
{
	unsigned slot = ENDPOINT_SLOT(ep);

	if (slot < NR_PROCS && mproc[slot].mp_endpoint == ep && MP_LIVE(&mproc[slot]))
		return &mproc[slot];
	return mproc_of_slow(ep);
}

struct mproc *find_pid(int pid);
int get_free_pid(void);

/* forkexit.c */
int do_fork(message *m);
int do_exit(message *m);
int do_waitpid(message *m);
int wait_matches(const struct mproc *pp, const struct mproc *rmp, int wpid);
void exit_proc(struct mproc *rmp, int status);
void exit_tell_vfs(struct mproc *rmp);
void exit_restart(struct mproc *rmp);
void fork_restart(struct mproc *cp, int status);
struct mproc *fork_child(int *r);
int is_system(endpoint_t ep);
void zombify(struct mproc *rmp);

/* exec.c */
int do_exec(message *m);
void exec_restart(struct mproc *rmp, const message *m);
int exec_start(struct mproc *rmp, const mess_pm *x);
int exec_finish(struct mproc *rmp, const mess_vfs_pm *x);

/* core.c */
int dumps_core(int sig);
int dump_core(struct mproc *rmp, int sig);
void core_restart(struct mproc *rmp, int status);

/* rlimit.c */
int do_getrlimit(message *m);
int do_setrlimit(message *m);
int nproc_check(const struct mproc *rmp);

/* trace.c */
void trace_signal(struct mproc *rmp, int sig);
void trace_check(struct mproc *rmp);
int trace_held(const struct mproc *rmp);
void trace_detach(struct mproc *cp, int sig);
int trace_sys_take(struct mproc *cp);
void trace_sys_give_back(struct mproc *cp);
void trace_post(struct mproc *cp, int sig);
void trace_sys_forward(struct mproc *rmp, int sig);
int trace_waitpid(struct mproc *cp, message *m);
int trace_zombie(struct mproc *rmp);
void trace_tracer_exit(struct mproc *rmp);
void trace_fork(struct mproc *cp, int started);
int trace_exec(struct mproc *rmp, int done);
void trace_exit_answer(struct mproc *rmp);

/* ptrace.c */
int do_ptrace(message *m);

/* service.c */
int do_srv_fork(message *m);
int do_srv_exec(message *m);
int do_srv_kill(message *m);
int do_getepinfo(message *m);
void srv_fork_answer(struct mproc *cp);
void srv_exec_answer(struct mproc *rmp, const message *m);
void srv_kill_answer(struct mproc *rmp);

/* vfs.c */
int tell_vfs(struct mproc *rmp, int rq, message *m);
int tell_vfs_noproc(int rq, endpoint_t ep);
void vfs_init_start(void);
void vfs_reply(message *m);

/* getset.c */
int do_getpid(message *m);
int do_getuid(message *m);
int do_getgid(message *m);
int do_setid(message *m);
int do_getgroups(message *m);
int do_setgroups(message *m);
int do_setsid(message *m);
int do_getpgrp(message *m);
int do_setpgid(message *m);

/* signal.c */
int do_kill(message *m);
int pm_signal_manager(endpoint_t target, int signo);
/* sig_proc flags: the kernel reported it; the tracer passed it on (not held again). */
#define SIGF_KERNEL     1
#define SIGF_TRACER     2
int sig_proc(struct mproc *rmp, int sig, int ksig);
int check_pending(struct mproc *rmp);

/** Is no signal of @p rmp pending and @p rmp not stopped by one (check_pending()'s common
 *  case, after nearly every call)? */
static inline int
sig_none_pending(const struct mproc *rmp)
{
	return rmp->mp_sigpending.__bits[0] == 0 && rmp->mp_sigpending.__bits[1] == 0 &&
	       !(rmp->mp_flags & SIG_STOPPED);
}

int sig_is_off(const struct mproc *rmp, int sig);
void sig_exec_reset(struct mproc *rmp);
int do_sigaction(message *m);
int do_sigprocmask(message *m);
int do_sigpending(message *m);
/* alarm.c */
int do_itimer(message *m);
void alarm_clear(struct mproc *rmp);
void pm_notify(const message *m);
/* stop.c */
int is_stop_signal(int sig);
void stop_proc(struct mproc *rmp, int sig);
void stop_delay_over(struct mproc *rmp);
void continue_proc(struct mproc *rmp);
int stopped_child(struct mproc *cp, message *m, int opts);
/* sigdeliver.c */
extern struct mproc *pm_caller;
void sig_deliver(struct mproc *rmp);
void sig_delay_over(struct mproc *rmp);
void pm_after(void);
int do_sigreturn(message *m);
int do_sigsuspend(message *m);

/* misc.c */
int do_reboot(message *m);
void reboot_restart(void);
int do_getsysinfo(message *m);

/* time.c */
void time_init(void);
int do_gettimeofday(message *m);
int do_times(message *m);
void times_exit(struct mproc *rmp);
void times_reaped(struct mproc *rmp);
int times_put_rusage(struct mproc *rmp, uint32_t addr);
int do_settime(message *m);
int do_issetugid(message *m);
uint32_t pm_hz(void);

#endif
