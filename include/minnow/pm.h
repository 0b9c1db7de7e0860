/**
 * @file pm.h
 * @brief The process manager's protocol: process creation and ending, waiting, identities,
 * process groups and sessions, kill (handouts/pm.md).
 *
 * Every request is a SENDREC to PM_PROC_NR with one mess_pm; the reply carries the result in
 * m_type (OK, a non-negative value, or a negated errno) and the out fields below.  PM never
 * blocks on a caller: it answers with a non-blocking send, and it may answer late (waitpid
 * without WNOHANG is answered when a child ends) or never (PM_EXIT; a forked child gets its
 * first answer, 0, from PM_FORK's reply to the parent's request, which it inherited).
 *
 * Numbers: PM_BASE (0x900) + n; the range is in minnow/com.h's table.
 *
 * Wait status words follow the POSIX macros of <sys/wait.h>: exit status e is (e & 0xFF)
 * << 8, death by signal s is s (low 7 bits).
 */
#ifndef MINNOW_PM_H
#define MINNOW_PM_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>

#define PM_EXIT         (PM_BASE + 1)   /**< _exit(status): never answered */
#define PM_FORK         (PM_BASE + 2)   /**< fork(): parent gets the child's pid, child 0 */
#define PM_WAITPID      (PM_BASE + 3)   /**< waitpid(pid, &status, options) */
#define PM_GETPID       (PM_BASE + 4)   /**< getpid() and getppid() */
#define PM_GETUID       (PM_BASE + 5)   /**< getuid() and geteuid() */
#define PM_GETGID       (PM_BASE + 6)   /**< getgid() and getegid() */
#define PM_SETUID       (PM_BASE + 7)   /**< setuid(uid): root sets real, effective and
                                             saved uid; others only the effective one,
                                             to the real or saved uid (else EPERM) */
#define PM_SETGID       (PM_BASE + 8)   /**< setgid(gid) */
#define PM_SETSID       (PM_BASE + 9)   /**< setsid(): the new session (and group) id */
#define PM_GETPGRP      (PM_BASE + 10)  /**< getpgrp() */
#define PM_SETPGID      (PM_BASE + 11)  /**< setpgid(pid, pgid) */
#define PM_KILL         (PM_BASE + 12)  /**< kill(pid, sig) */
#define PM_REBOOT       (PM_BASE + 13)  /**< reboot(how): root only, through sys_abort */
#define PM_EXEC         (PM_BASE + 14)  /**< execve(addr = path, len = its length with NUL,
                                             addr2 = argument frame, len2 = its size; see
                                             minnow/vfs.h): answered only if it fails */
#define PM_SIGACTION    (PM_BASE + 15)  /**< sigaction(sig, addr = new struct sigaction or 0,
                                             addr2 = where the old one goes or 0, len =
                                             libc's return trampoline for handlers) */
#define PM_SIGPROCMASK  (PM_BASE + 16)  /**< sigprocmask(how, addr = new sigset_t or 0,
                                             addr2 = where the old mask goes or 0) */
#define PM_GETSYSINFO   (PM_BASE + 17)  /**< how = SI_*, addr = buffer, len = its size:
                                             bytes copied: as many whole rows as fit */
#define PM_GETTIMEOFDAY (PM_BASE + 18)  /**< addr = struct timeval to fill */
#define PM_SRV_FORK     (PM_BASE + 19)  /**< RS only: a new process, RS's child, held
                                             (RTS_NO_PRIV) until RS gives it privileges;
                                             out pid, endpt.  Its first answer never comes:
                                             PM_SRV_EXEC gives it a program */
#define PM_SRV_EXEC     (PM_BASE + 20)  /**< RS only: endpt = RS's srv_fork child, addr/len
                                             = path, addr2/len2 = argument frame, both
                                             addresses in the child (a copy of RS's memory
                                             at the fork); answered OK once the program is
                                             loaded, or the exec's error (the child lives) */
#define PM_SRV_KILL     (PM_BASE + 21)  /**< RS only: endpt = one of RS's srv_fork children:
                                             PM ends it (VFS closes its files, VM frees its
                                             memory, the kernel its slot); no zombie stays */
#define PM_GETEPINFO    (PM_BASE + 22)  /**< anyone: endpt -> pid (the answer), out eid =
                                             its effective uid, pgid = its process group,
                                             options = PM_EP_* (the terminal's job
                                             control); ESRCH if endpt is no process */
#define PM_SIGRETURN    (PM_BASE + 23)  /**< the trampoline's sigreturn(addr = the struct
                                             sigcontext of the frame): never answered, the
                                             interrupted code goes on (EFAULT, EINVAL: it
                                             dies of SIGSEGV) */
#define PM_SIGPENDING   (PM_BASE + 24)  /**< sigpending(addr = where the set goes) */
#define PM_SIGSUSPEND   (PM_BASE + 25)  /**< sigsuspend(addr = the mask to wait with):
                                             answered EINTR after a handler ran */
#define PM_ITIMER       (PM_BASE + 26)  /**< setitimer(how = ITIMER_REAL, addr = new struct
                                             itimerval or 0, addr2 = where the old one
                                             goes or 0); getitimer, alarm */
#define PM_PTRACE       (PM_BASE + 27)  /**< ptrace(how = T_* request, pid, addr, len = data;
                                             minnow/ptrace.h): out len = the word a T_GET*
                                             read */
#define PM_GETRLIMIT    (PM_BASE + 28)  /**< getrlimit(how = the resource): out len = the
                                             soft limit, len2 = the hard one */
#define PM_SETRLIMIT    (PM_BASE + 29)  /**< setrlimit(how = the resource, len = the soft
                                             limit, len2 = the hard one) */
#define PM_SETEUID      (PM_BASE + 30)  /**< seteuid(id): root, or id the real or saved uid */
#define PM_SETEGID      (PM_BASE + 31)  /**< setegid(id): root, or id the real or saved gid */
#define PM_TIMES        (PM_BASE + 36)  /**< times(addr = struct pm_times to fill): the
                                             caller's and its waited-for children's CPU
                                             ticks, the ticks since boot and the rate;
                                             getrusage(how = RUSAGE_SELF or _CHILDREN,
                                             addr2 = struct rusage to fill instead) */
#define PM_GETGROUPS    (PM_BASE + 37)  /**< getgroups(addr = gid_t array, len = its entries):
                                             the number of supplementary groups (len 0:
                                             only the number; fewer than it: EINVAL) */
#define PM_SETGROUPS    (PM_BASE + 38)  /**< setgroups(addr = gid_t array, len = entries):
                                             root only (EPERM); past NGROUPS_MAX EINVAL */
#define PM_SETTIME      (PM_BASE + 40)  /**< root sets the clock: how = PM_TIME_SET (addr =
                                             a struct timespec: the time of day) or
                                             PM_TIME_ADJUST (addr = a struct timeval: a
                                             step to add); EPERM, EINVAL, EFAULT */
#define PM_ISSETUGID    (PM_BASE + 41)  /**< issetugid(): 1 if the caller's ids come from a
                                             set-user-id or set-group-id exec or a change
                                             since its last exec (handouts/pm.md,
                                             "Set-user-id programs"), else 0 */
#define PM_NR_CALLS     42              /**< one past the last call's offset */

/** PM_SETTIME how: set the time of day to a struct timespec. */
#define PM_TIME_SET     0
/** PM_SETTIME how: add a struct timeval (either sign) to the time of day. */
#define PM_TIME_ADJUST  1

/** PM_GETSYSINFO: PM's process table, one struct pm_procinfo per process in use. */
#define SI_PROC_TAB     1
/** PM_GETSYSINFO: the kernel's process table, one struct proc_info (minnow/kcall.h) per
 *  slot in use, kernel tasks included. */
#define SI_KPROC_TAB    2
/** PM_GETSYSINFO: the kernel's privilege table: one struct pm_privinfo per process that
 *  owns a system privilege structure, then one for the users' shared one (endpoint NONE,
 *  name "users"); its pv_ipc_to says whom each may send to (`sysinfo -i`). */
#define SI_PRIV_TAB     3
/** PM_GETSYSINFO: the kernel command line, the boot parameters (key=value words; rows of one
 *  byte, the text and its '\0', cut to the buffer): `sysenv`. */
#define SI_CMDLINE      4

/** One row of PM_GETSYSINFO(SI_PRIV_TAB). */
struct pm_privinfo {
	endpoint_t endpt;       /**< the owner (NONE: every user process) */
	char name[16];          /**< its process name ("users" for the shared row) */
	struct priv_info priv;  /**< the kernel's summary of it (GET_PRIV) */
};

/** One row of PM's process table as PM_GETSYSINFO(SI_PROC_TAB) reports it. */
struct pm_procinfo {
	int32_t pid;            /**< process id */
	int32_t ppid;           /**< parent's pid */
	int32_t pgrp;           /**< process group */
	int32_t sid;            /**< session */
	endpoint_t endpt;       /**< endpoint */
	uint32_t uid;           /**< effective uid */
	uint32_t flags;         /**< PM's mp_flags (IN_USE, ZOMBIE, WAITING, ...) */
	char name[16];          /**< program name */
};

/** waitpid option: answer 0 at once instead of waiting for a running child. */
#define PM_WNOHANG      1
/** waitpid option: also answer for a child that stopped (once per stop). */
#define PM_WUNTRACED    2
/** waitpid option: also answer for a stopped child that was continued (once; status
 *  0xFFFF). */
#define PM_WCONTINUED   8

/** PM_GETEPINFO out options: the process ignores or blocks SIGTTIN. */
#define PM_EP_TTIN_OFF  1
/** PM_GETEPINFO out options: the process ignores or blocks SIGTTOU. */
#define PM_EP_TTOU_OFF  2

/** PM_TIMES: what times() reports, in clock ticks (@c hz per second). */
struct pm_times {
	uint32_t utime;         /**< the caller's ticks in user mode */
	uint32_t stime;         /**< ticks the kernel spent for it */
	uint32_t cutime;        /**< utime + cutime of its children waited for */
	uint32_t cstime;        /**< stime + cstime of its children waited for */
	uint32_t ticks;         /**< ticks since boot */
	uint32_t hz;            /**< the clock rate: ticks per second */
	uint32_t maxrss;        /**< the caller's largest resident size PM saw, in KiB */
	uint32_t cmaxrss;       /**< the largest maxrss of its children waited for, in KiB */
};

/** Payload of every PM request and reply. */
typedef struct {
	int32_t pid;            /**< WAITPID, KILL, SETPGID: the target (0, -1, -pgrp as in
	                             POSIX); out FORK, WAITPID, GETPID, SETSID, GETPGRP: a pid */
	int32_t ppid;           /**< out GETPID: the parent's pid */
	int32_t status;         /**< EXIT: the exit status; out WAITPID: the wait status word */
	int32_t options;        /**< WAITPID: PM_WNOHANG */
	int32_t sig;            /**< KILL: the signal (0: only check that the target exists) */
	int32_t pgid;           /**< SETPGID: the group (0: the target's pid) */
	uint32_t id;            /**< SETUID, SETGID: the new id; out GETUID, GETGID: the real id */
	uint32_t eid;           /**< out GETUID, GETGID: the effective id */
	int32_t how;            /**< REBOOT: RBT_* of sys_abort; SIGPROCMASK: SIG_BLOCK...;
	                             GETSYSINFO: SI_*; ITIMER: the timer */
	uint32_t addr;          /**< EXEC, SIGACTION, SIGPROCMASK, GETSYSINFO, GETTIMEOFDAY,
	                             SETTIME: an address in the caller's memory; WAITPID:
	                             where the reaped child's struct rusage goes, or 0 */
	uint32_t len;           /**< EXEC, GETSYSINFO: bytes at addr */
	uint32_t addr2;         /**< EXEC, SIGACTION, SIGPROCMASK: a second address */
	uint32_t len2;          /**< EXEC: bytes at addr2 */
	endpoint_t endpt;       /**< SRV_EXEC, SRV_KILL, GETEPINFO: the process; out SRV_FORK:
	                             the child's endpoint */
} mess_pm;

_Static_assert(sizeof(mess_pm) == 56, "layout size");

#endif /* MINNOW_PM_H */
