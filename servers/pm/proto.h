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

/* table.c */
extern const pm_call_t pm_call_vec[PM_NR_CALLS];

/* utility.c */
int pm_init(int type, sef_init_info_t *info);
struct mproc *mproc_of(endpoint_t ep);
struct mproc *find_pid(int pid);
int get_free_pid(void);

/* forkexit.c */
int do_fork(message *m);
int do_exit(message *m);
int do_waitpid(message *m);
void exit_proc(struct mproc *rmp, int status);

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
int check_sig(int pid, int sig);

/* misc.c */
int do_reboot(message *m);

#endif
