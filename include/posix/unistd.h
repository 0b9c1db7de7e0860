/**
 * @file unistd.h
 * @brief POSIX system interface (the part Minnow's libc implements).
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
/** Set the user ids: root (effective uid 0) sets the real, effective and saved set-user-id;
 *  anyone else only the effective one, to the real or the saved uid (else EPERM). */
int setuid(uid_t uid);
/** Set the group ids (the rule of setuid, on the real, effective and saved gid). */
int setgid(gid_t gid);
/** Set the effective user id only: root to any uid, others to the real or the saved one
 *  (else -1, EPERM).  A set-user-id program drops and regains its privilege with it. */
int seteuid(uid_t uid);
/** Set the effective group id only (the rule of seteuid, on the group ids). */
int setegid(gid_t gid);
/** The login name: Minnow keeps no login records, so the name of the real user id in
 *  /etc/passwd (static), or NULL with errno ENXIO if it has none (handouts/pm.md, "Users
 *  and su"). */
char *getlogin(void);
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

/* ---- Files, through VFS (minnow/vfs.h).  Failures return -1 with errno set; ENOSYS when
 * no VFS runs. ---- */
#define STDIN_FILENO    0       /**< standard input */
#define STDOUT_FILENO   1       /**< standard output */
#define STDERR_FILENO   2       /**< standard error */

#define SEEK_SET        0       /**< lseek: from the start */
#define SEEK_CUR        1       /**< lseek: from the current position */
#define SEEK_END        2       /**< lseek: from the end */

#define F_OK            0       /**< access: the file exists */
#define X_OK            1       /**< access: may execute / search */
#define W_OK            2       /**< access: may write */
#define R_OK            4       /**< access: may read */

/** Read up to @p len bytes into @p buf: the count (0 at end of file). */
ssize_t read(int fd, void *buf, size_t len);
/** Write @p len bytes from @p buf: the count written. */
ssize_t write(int fd, const void *buf, size_t len);
/** Close @p fd. */
int close(int fd);
/** Move the position of @p fd (SEEK_SET, SEEK_CUR, SEEK_END): the new position. */
off_t lseek(int fd, off_t offset, int whence);
/** A pipe: fds[0] the read end, fds[1] the write end. */
int pipe(int fds[2]);
/** pipe() with O_CLOEXEC / O_NONBLOCK in @p flags. */
int pipe2(int fds[2], int flags);
/** A copy of @p fd on the lowest free descriptor. */
int dup(int fd);
/** Make @p fd2 a copy of @p fd (closing @p fd2 first): @p fd2. */
int dup2(int fd, int fd2);
/** May the caller reach @p path with @p mode (F_OK or R_OK|W_OK|X_OK)? 0 or -1. */
int access(const char *path, int mode);
/** Change the working directory. */
int chdir(const char *path);
/** Change the working directory to the open directory @p fd. */
int fchdir(int fd);
/** The working directory's path in @p buf (@p size bytes): @p buf, or NULL with errno. */
char *getcwd(char *buf, size_t size);
/** Remove the empty directory @p path. */
int rmdir(const char *path);
/** Remove the name @p path. */
int unlink(const char *path);
/** A new name @p new for the file @p old. */
int link(const char *old, const char *new);
/** Cut or extend the file @p path to @p length bytes. */
int truncate(const char *path, off_t length);
/** Cut or extend the open file @p fd to @p length bytes. */
int ftruncate(int fd, off_t length);
/** Change the owner and group of @p path. */
int chown(const char *path, uid_t owner, gid_t group);
/** Write every file system's dirty blocks back. */
void sync(void);
/** Is @p fd a terminal?  1, or 0 with errno (ENOTTY, EBADF). */
int isatty(int fd);
/** The argument of the option getopt() just returned (or NULL). */
extern char *optarg;
/** Index in argv of the next word getopt() will look at (start: 1). */
extern int optind;
/** 0: getopt() prints no messages. */
extern int opterr;
/** The option letter getopt() just looked at. */
extern int optopt;
/** The next option letter of argv (letters in @p optstring, "x:" taking an argument), '?'
 *  for an unknown one or a missing argument, or -1 after the last option. */
int getopt(int argc, char *const argv[], const char *optstring);
/** Sleep @p seconds (select with a timeout); 0. */
unsigned int sleep(unsigned int seconds);
/** SIGALRM in @p seconds (0: cancel); the seconds the previous alarm still had. */
unsigned int alarm(unsigned int seconds);
/** Sleep @p usec microseconds; 0 or -1 (EINTR). */
int usleep(unsigned int usec);

#endif /* _LIBC_UNISTD_H_ */
