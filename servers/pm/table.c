/*
 * table.c - PM's call vector: message type (offset from PM_BASE) -> handler.
 *
 * A hole (no handler) is answered ENOSYS by main.c.
 */
#include <minnow/pm.h>
#include "proto.h"

#define CALL(c) [(c) - PM_BASE]

const pm_call_t pm_call_vec[PM_NR_CALLS] = {
	CALL(PM_EXIT)    = do_exit,             /* _exit(2) */
	CALL(PM_FORK)    = do_fork,             /* fork(2) */
	CALL(PM_WAITPID) = do_waitpid,          /* waitpid(2), wait(2) */
	CALL(PM_GETPID)  = do_getpid,           /* getpid(2), getppid(2) */
	CALL(PM_GETUID)  = do_getuid,           /* getuid(2), geteuid(2) */
	CALL(PM_GETGID)  = do_getgid,           /* getgid(2), getegid(2) */
	CALL(PM_SETUID)  = do_setuid,           /* setuid(2) */
	CALL(PM_SETGID)  = do_setgid,           /* setgid(2) */
	CALL(PM_SETSID)  = do_setsid,           /* setsid(2) */
	CALL(PM_GETPGRP) = do_getpgrp,          /* getpgrp(2) */
	CALL(PM_SETPGID) = do_setpgid,          /* setpgid(2) */
	CALL(PM_KILL)    = do_kill,             /* kill(2) */
	CALL(PM_REBOOT)  = do_reboot,           /* reboot(2) */
	CALL(PM_EXEC)    = do_exec,             /* execve(2) */
	CALL(PM_SIGACTION) = do_sigaction,      /* sigaction(2), signal(3) */
	CALL(PM_SIGPROCMASK) = do_sigprocmask,  /* sigprocmask(2) */
	CALL(PM_GETSYSINFO) = do_getsysinfo,    /* getsysinfo: ps, sysinfo */
	CALL(PM_GETTIMEOFDAY) = do_gettimeofday, /* gettimeofday(2), time(3) */
};
