/**
 * @file unistd.h
 * @brief POSIX system interface (the part Minnow's libc has so far).
 */
#ifndef _LIBC_UNISTD_H_
#define _LIBC_UNISTD_H_

#include <stdint.h>
#include <sys/types.h>

/** Set the program break to @p addr (through VM).  0, or -1 with errno (ENOMEM, EINVAL). */
int brk(void *addr);
/** Move the break by @p increment bytes; the old break, or (void *)-1 with errno ENOMEM. */
void *sbrk(intptr_t increment);

/* Processes, through PM (minnow/pm.h).  Failures return -1 with errno set; ENOSYS when no
 * PM runs. */
/** Create a copy of the calling process: the child's pid to the parent, 0 to the child. */
pid_t fork(void);
/* _exit() is declared in stdlib.h. */
void _exit(int status) __attribute__((noreturn));
/** The caller's process id. */
pid_t getpid(void);
/** The parent's process id (1 for an orphan). */
pid_t getppid(void);
/** The real user id. */
uid_t getuid(void);
/** The effective user id. */
uid_t geteuid(void);
/** The real group id. */
gid_t getgid(void);
/** The effective group id. */
gid_t getegid(void);
/** Set the user ids (root: both; others: the effective one back to the real, else EPERM). */
int setuid(uid_t uid);
/** Set the group ids (same rule as setuid). */
int setgid(gid_t gid);
/** Start a new session and group led by the caller: its id, or -1 (EPERM: a group leader). */
pid_t setsid(void);
/** The caller's process group. */
pid_t getpgrp(void);
/** Put process @p pid (0: the caller) into group @p pgid (0: its own pid). */
int setpgid(pid_t pid, pid_t pgid);

/** Replace the program with the one at @p path, with arguments @p argv and environment
 *  @p envp (NULL-terminated).  Returns only on failure: -1 with errno (E2BIG, ENAMETOOLONG,
 *  ENOENT, ENOEXEC, EACCES, ENOMEM, EFAULT; ENOSYS without PM or VFS). */
int execve(const char *path, char *const argv[], char *const envp[]);
/** execve() with the current environment. */
int execv(const char *path, char *const argv[]);
/** execv() of @p file searched in the directories of PATH (default "/bin") unless it
 *  contains a '/'. */
int execvp(const char *file, char *const argv[]);

/** Halt, power off or panic the system (RBT_* of minnow/kcall.h); root only.  Returns
 *  only on failure: -1 with errno (EPERM, ENOSYS without PM). */
int reboot(int how);

#endif /* _LIBC_UNISTD_H_ */
