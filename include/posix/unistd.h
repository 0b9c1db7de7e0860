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
/** 1 if the caller's ids come from a set-user-id or set-group-id exec, or changed (setuid
 *  and friends) since its last exec; else 0.  Fork keeps it; exec of an ordinary program
 *  with equal real and effective ids clears it (BSD; handouts/pm.md, "Set-user-id
 *  programs"). */
int issetugid(void);
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

/** execv() with the arguments listed after @p arg0 (a NULL pointer ends them). */
int execl(const char *path, const char *arg0, ...);
/** execve() with the arguments listed after @p arg0, then a NULL, then the environment
 *  (char *const envp[]). */
int execle(const char *path, const char *arg0, ...);
/** execvp() with the arguments listed after @p arg0 (a NULL pointer ends them). */
int execlp(const char *file, const char *arg0, ...);

/* The POSIX version and options this system claims (what sysconf() also reports). */
#define _POSIX_VERSION          200809L /**< POSIX.1-2008 interfaces (in part) */
#define _POSIX2_VERSION         200809L /**< POSIX.2 utilities (in part) */
#define _POSIX_JOB_CONTROL      1       /**< job control: setpgid, SIGTSTP, tcsetpgrp */
#define _POSIX_SAVED_IDS        1       /**< saved set-user-id */
#define _POSIX_CHOWN_RESTRICTED 1       /**< only root gives files away */
#define _POSIX_NO_TRUNC         1       /**< long names are ENAMETOOLONG, never cut */
#define _POSIX_VDISABLE         '\0'    /**< disables a terminal special character */

/* sysconf() names. */
#define _SC_ARG_MAX             0       /**< ARG_MAX */
#define _SC_CHILD_MAX           1       /**< processes per user (CHILD_MAX) */
#define _SC_CLK_TCK             2       /**< clock ticks per second (times()) */
#define _SC_NGROUPS_MAX         3       /**< supplementary groups (NGROUPS_MAX) */
#define _SC_OPEN_MAX            4       /**< OPEN_MAX */
#define _SC_JOB_CONTROL         5       /**< _POSIX_JOB_CONTROL */
#define _SC_SAVED_IDS           6       /**< _POSIX_SAVED_IDS */
#define _SC_VERSION             7       /**< _POSIX_VERSION */
#define _SC_PAGESIZE            8       /**< the page size (4096) */
#define _SC_PAGE_SIZE           _SC_PAGESIZE /**< the same */
#define _SC_LINE_MAX            9       /**< LINE_MAX */
#define _SC_HOST_NAME_MAX       10      /**< HOST_NAME_MAX */
#define _SC_LOGIN_NAME_MAX      11      /**< LOGIN_NAME_MAX */
#define _SC_TTY_NAME_MAX        12      /**< TTY_NAME_MAX */
#define _SC_NPROCESSORS_CONF    13      /**< processors (1) */
#define _SC_NPROCESSORS_ONLN    14      /**< processors on line (1) */
#define _SC_PHYS_PAGES          15      /**< pages of memory (-1: not known to libc) */
#define _SC_STREAM_MAX          17      /**< streams per process (OPEN_MAX) */
#define _SC_TZNAME_MAX          18      /**< time zone name (-1: no limit: only UTC) */
#define _SC_2_VERSION           19      /**< _POSIX2_VERSION */
#define _SC_RE_DUP_MAX          20      /**< RE_DUP_MAX */
#define _SC_EXPR_NEST_MAX       21      /**< EXPR_NEST_MAX */

/* pathconf() names. */
#define _PC_LINK_MAX            0       /**< links to a file (LINK_MAX) */
#define _PC_MAX_CANON           1       /**< terminal canonical line (MAX_CANON) */
#define _PC_MAX_INPUT           2       /**< terminal input queue (MAX_INPUT) */
#define _PC_NAME_MAX            3       /**< a name in the directory (NAME_MAX) */
#define _PC_PATH_MAX            4       /**< a path from the directory (PATH_MAX) */
#define _PC_PIPE_BUF            5       /**< atomic pipe write (PIPE_BUF) */
#define _PC_CHOWN_RESTRICTED    6       /**< _POSIX_CHOWN_RESTRICTED */
#define _PC_NO_TRUNC            7       /**< _POSIX_NO_TRUNC */
#define _PC_VDISABLE            8       /**< _POSIX_VDISABLE */
#define _PC_SYMLINK_MAX         9       /**< a symbolic link's target (-1: only PATH_MAX) */
#define _PC_FILESIZEBITS        10      /**< bits of a file size (32) */

/** The value of system limit or option @p name (_SC_*): the value, or -1 (errno EINVAL
 *  for an unknown name, unchanged for "no limit"). */
long sysconf(int name);
/** The value of file limit @p name (_PC_*) for @p path: the value, or -1 with errno
 *  (EINVAL: unknown name; the errors of stat()). */
long pathconf(const char *path, int name);
/** pathconf() for the open file @p fd (EBADF). */
long fpathconf(int fd, int name);
/** The host name ("minnow") in @p name of @p len bytes: 0, or -1 (ENAMETOOLONG). */
int gethostname(char *name, size_t len);

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
/** Read up to @p len bytes at offset @p off, the position of @p fd unchanged (a pipe or
 *  terminal: ESPIPE). */
ssize_t pread(int fd, void *buf, size_t len, off_t off);
/** Write @p len bytes at offset @p off, the position of @p fd unchanged (O_APPEND ignored). */
ssize_t pwrite(int fd, const void *buf, size_t len, off_t off);
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
/** Make the directory @p path the process's root ("/" of its absolute paths; ".." stops
 *  there); inherited by fork and exec.  Root only (EPERM); ENOTDIR, ENOENT, EACCES. */
int chroot(const char *path);
/** The working directory's path in @p buf (@p size bytes): @p buf, or NULL with errno. */
char *getcwd(char *buf, size_t size);
/** Remove the empty directory @p path. */
int rmdir(const char *path);
/** Remove the name @p path. */
int unlink(const char *path);
/** A new name @p new for the file @p old. */
int link(const char *old, const char *new);
/** A symbolic link @p path whose target is the text @p target. */
int symlink(const char *target, const char *path);
/** The target of the symbolic link @p path in @p buf (at most @p len bytes, no NUL added):
 *  its length, or -1 with errno (EINVAL: not a link). */
ssize_t readlink(const char *path, char *buf, size_t len);
/** Cut or extend the file @p path to @p length bytes. */
int truncate(const char *path, off_t length);
/** Cut or extend the open file @p fd to @p length bytes. */
int ftruncate(int fd, off_t length);
/** The caller's supplementary groups into @p list (@p size entries; 0: only count them):
 *  their number, or -1 with errno (EINVAL: @p size is too small). */
int getgroups(int size, gid_t list[]);
/** Set the supplementary groups (root only; see grp.h). */
int setgroups(size_t size, const gid_t *list);
/** The supplementary groups of @p user from /etc/group plus @p group (see grp.h). */
int initgroups(const char *user, gid_t group);
/** Change the owner and group of @p path. */
int chown(const char *path, uid_t owner, gid_t group);
/** chown() of a symbolic link itself. */
int lchown(const char *path, uid_t owner, gid_t group);
/** access() relative to the directory @p fd (AT_FDCWD: the working directory); @p flags
 *  AT_EACCESS checks with the effective ids instead of the real ones. */
int faccessat(int fd, const char *path, int mode, int flags);
/** unlink() relative to the directory @p fd; with AT_REMOVEDIR in @p flags, rmdir(). */
int unlinkat(int fd, const char *path, int flags);
/** link() with each path relative to its directory fd; without AT_SYMLINK_FOLLOW in
 *  @p flags a symbolic link @p old is linked itself (link() follows it). */
int linkat(int fd1, const char *old, int fd2, const char *new, int flags);
/** symlink() with @p path relative to the directory @p fd. */
int symlinkat(const char *target, int fd, const char *path);
/** readlink() relative to the directory @p fd. */
ssize_t readlinkat(int fd, const char *path, char *buf, size_t len);
/** chown() relative to the directory @p fd; AT_SYMLINK_NOFOLLOW: the link itself. */
int fchownat(int fd, const char *path, uid_t owner, gid_t group, int flags);
/** chown() of the file open as @p fd (chown's rules; -1 keeps an id); EBADF if @p fd is
 *  not open. */
int fchown(int fd, uid_t owner, gid_t group);
/** Write every file system's dirty blocks back. */
void sync(void);
/** Is @p fd a terminal?  1, or 0 with errno (ENOTTY, EBADF). */
int isatty(int fd);
/** The path of the terminal open on @p fd (its entry in /dev), in a static buffer; NULL
 *  with errno (EBADF, ENOTTY) if @p fd is no terminal. */
char *ttyname(int fd);
/** ttyname() into @p buf of @p size bytes: 0, or the error number (EBADF, ENOTTY, ERANGE);
 *  errno is not changed. */
int ttyname_r(int fd, char *buf, size_t size);
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
/** Sleep @p seconds (select with a timeout): 0, or the seconds left if a signal ended
 *  the sleep. */
unsigned int sleep(unsigned int seconds);
/** SIGALRM in @p seconds (0: cancel); the seconds the previous alarm still had. */
unsigned int alarm(unsigned int seconds);
/** Sleep @p usec microseconds; 0 or -1 (EINTR). */
int usleep(useconds_t usec);

#endif /* _LIBC_UNISTD_H_ */
