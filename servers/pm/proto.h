/*
 * proto.h - PM's functions, by file.
 */
#ifndef PM_PROTO_H
#define PM_PROTO_H

#include <minnow/ipc.h>
#include <minnow/sef.h>
#include "glo.h"

/** A request handler: the answer for m_type, or SUSPEND (answered later or never). */
typedef int (*pm_call_t)(message *m);
/** A handler's result meaning "no answer now". */
#define SUSPEND         (-998)

/* main.c */
void reply(struct mproc *rmp, int result, message *m);
void run_deferred(void);

/* table.c */
extern const pm_call_t pm_call_vec[PM_NR_CALLS];

/* utility.c */
int pm_init(int type, sef_init_info_t *info);
struct mproc *mproc_of(endpoint_t ep);
struct mproc *mproc_live(endpoint_t ep);
struct mproc *find_pid(int pid);
int get_free_pid(void);

/* forkexit.c */
int do_fork(message *m);
int do_exit(message *m);
int do_waitpid(message *m);
void exit_proc(struct mproc *rmp, int status);
void exit_tell_vfs(struct mproc *rmp);
void exit_restart(struct mproc *rmp);
void fork_restart(struct mproc *cp, int status);

/* exec.c */
int do_exec(message *m);
void exec_restart(struct mproc *rmp, const message *m);

/* vfs.c */
int tell_vfs(struct mproc *rmp, int rq, message *m);
int tell_vfs_noproc(int rq, endpoint_t ep);
void vfs_init_start(void);
void vfs_reply(message *m);

/* getset.c */
int do_getpid(message *m);
int do_getuid(message *m);
int do_getgid(message *m);
int do_setuid(message *m);
int do_setgid(message *m);
int do_setsid(message *m);
int do_getpgrp(message *m);
int do_setpgid(message *m);

/* signal.c */
int do_kill(message *m);
int pm_signal_manager(endpoint_t target, int signo);
int sig_proc(struct mproc *rmp, int sig, int ksig);
int check_pending(struct mproc *rmp);
void sig_exec_reset(struct mproc *rmp);
int do_sigaction(message *m);
int do_sigprocmask(message *m);

/* misc.c */
int do_reboot(message *m);
void reboot_restart(void);
int do_getsysinfo(message *m);

/* time.c */
void time_init(void);
int do_gettimeofday(message *m);

#endif
