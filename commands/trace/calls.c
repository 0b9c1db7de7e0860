/*
 * calls.c - the tables of the trace command's decoder (commands/trace/decode.c): the
 * calls of PM (minnow/pm.h), VFS (minnow/vfs.h) and VM (minnow/vm.h) with the letters
 * that say how each argument is shown, the other protocols' ranges (minnow/com.h), whose
 * requests are shown by number, and the names of errno values, open flags, fcntl
 * commands, ptrace requests and IPC primitives.
 *
 * Argument letters, PM (fields of mess_pm): P pid, G pgid, s exit status, O waitpid
 * options, S signal, i id, h how, a addr, l len, A addr2, L len2, e endpt, x the path of
 * an exec (addr, len), V the arguments in an exec's frame (addr2, len2), T a ptrace
 * request (how), D ptrace's data (len).
 * VFS (fields of mess_vfs): f fd, g fd2, p path (name, name_len), q second path (name2,
 * name2_len), b buf, l len, o open flags (and the mode with O_CREAT), m mode (octal),
 * a access mode, w whence, c fcntl command, i ioctl request, d mode in decimal (fcntl's
 * argument, select's timeout), W the data written (buf, len), R the data read (buf, the
 * result), O offset (offset_lo, offset_hi), u offset_lo, U offset_hi, n flags (hex).
 * VM (minnow/vm.h): B the break asked for (mess_vm_proc addr; 0: just ask), a addr,
 * l len, p prot (mess_vm_mmap).
 * Results (decode.c, put_result): d decimal, x hex, o octal, ? never answered, p pid,
 * u id and effective id, w pid and wait status, F the two fds of pipe2, l the offset of
 * lseek, e exec (0 when the new program runs), b the break (VM_BRK), m the address
 * mapped (VM_MMAP).
 *
 * The names come from the system's headers (errno.h, fcntl.h), so the host test, built
 * with the host's headers, gets the host's numbers for the same names.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <minnow/ptrace.h>
#include <minnow/vm.h>
#include "trace.h"

static const struct calldesc pm_calls[] = {
	{ PM_EXIT, "exit", "s", '?' },
	{ PM_FORK, "fork", "", 'd' },
	{ PM_WAITPID, "waitpid", "PO", 'w' },
	{ PM_GETPID, "getpid", "", 'p' },
	{ PM_GETUID, "getuid", "", 'u' },
	{ PM_GETGID, "getgid", "", 'u' },
	{ PM_SETUID, "setuid", "i", 'd' },
	{ PM_SETGID, "setgid", "i", 'd' },
	{ PM_SETSID, "setsid", "", 'd' },
	{ PM_GETPGRP, "getpgrp", "", 'd' },
	{ PM_SETPGID, "setpgid", "PG", 'd' },
	{ PM_KILL, "kill", "PS", 'd' },
	{ PM_REBOOT, "reboot", "h", 'd' },
	{ PM_EXEC, "exec", "xV", 'e' },
	{ PM_SIGACTION, "sigaction", "SaA", 'd' },
	{ PM_SIGPROCMASK, "sigprocmask", "haA", 'd' },
	{ PM_GETSYSINFO, "getsysinfo", "hal", 'd' },
	{ PM_GETTIMEOFDAY, "gettimeofday", "a", 'd' },
	{ PM_SRV_FORK, "srv_fork", "", 'd' },
	{ PM_SRV_EXEC, "srv_exec", "exAL", 'd' },
	{ PM_SRV_KILL, "srv_kill", "e", 'd' },
	{ PM_GETEPINFO, "getepinfo", "e", 'd' },
	{ PM_SIGRETURN, "sigreturn", "a", '?' },
	{ PM_SIGPENDING, "sigpending", "a", 'd' },
	{ PM_SIGSUSPEND, "sigsuspend", "a", 'd' },
	{ PM_ITIMER, "itimer", "haA", 'd' },
	{ PM_PTRACE, "ptrace", "TPaD", 'x' },
	{ 0, NULL, NULL, 0 }
};

static const struct calldesc vfs_calls[] = {
	{ VFS_READ, "read", "fRl", 'd' },
	{ VFS_WRITE, "write", "fWl", 'd' },
	{ VFS_LSEEK, "lseek", "fOw", 'l' },
	{ VFS_OPEN, "open", "po", 'd' },
	{ VFS_CLOSE, "close", "f", 'd' },
	{ VFS_PIPE2, "pipe2", "n", 'F' },
	{ VFS_STAT, "stat", "pb", 'd' },
	{ VFS_FSTAT, "fstat", "fb", 'd' },
	{ VFS_DUP, "dup", "f", 'd' },
	{ VFS_DUP2, "dup2", "fg", 'd' },
	{ VFS_FCNTL, "fcntl", "fcd", 'd' },
	{ VFS_IOCTL, "ioctl", "fib", 'd' },
	{ VFS_ACCESS, "access", "pa", 'd' },
	{ VFS_CHDIR, "chdir", "p", 'd' },
	{ VFS_FCHDIR, "fchdir", "f", 'd' },
	{ VFS_GETCWD, "getcwd", "bl", 'd' },
	{ VFS_MKDIR, "mkdir", "pm", 'd' },
	{ VFS_RMDIR, "rmdir", "p", 'd' },
	{ VFS_UNLINK, "unlink", "p", 'd' },
	{ VFS_LINK, "link", "pq", 'd' },
	{ VFS_RENAME, "rename", "pq", 'd' },
	{ VFS_MKNOD, "mknod", "pmu", 'd' },
	{ VFS_GETDENTS, "getdents", "fbl", 'd' },
	{ VFS_SELECT, "select", "fbd", 'd' },
	{ VFS_TRUNCATE, "truncate", "pO", 'd' },
	{ VFS_FTRUNCATE, "ftruncate", "fO", 'd' },
	{ VFS_CHMOD, "chmod", "pm", 'd' },
	{ VFS_CHOWN, "chown", "puU", 'd' },
	{ VFS_UMASK, "umask", "m", 'o' },
	{ VFS_SYNC, "sync", "", 'd' },
	{ VFS_STATVFS, "statvfs", "pb", 'd' },
	{ VFS_GETVFSSTAT, "getvfsstat", "bl", 'd' },
	{ VFS_MOUNT, "mount", "pqbn", 'd' },
	{ VFS_UMOUNT, "umount", "p", 'd' },
	{ VFS_MAPDRIVER, "mapdriver", "pf", 'd' },
	{ VFS_LSTAT, "lstat", "pb", 'd' },
	{ VFS_READLINK, "readlink", "pbl", 'd' },
	{ VFS_SYMLINK, "symlink", "pq", 'd' },
	{ VFS_UTIMENS, "utimensat", "pbn", 'd' },
	{ VFS_FUTIMENS, "futimens", "fb", 'd' },
	{ 0, NULL, NULL, 0 }
};

static const struct calldesc vm_calls[] = {
	{ VM_BRK, "brk", "B", 'b' },
	{ VM_MMAP, "mmap", "lp", 'm' },
	{ VM_MUNMAP, "munmap", "al", 'd' },
	{ VM_INFO, "vm_info", "", 'd' },
	{ 0, NULL, NULL, 0 }
};

/* The ranges of minnow/com.h a user program may send to, and the rest by name. */
const struct protodesc trace_protos[] = {
	{ PM_BASE, PM_BASE + 0x100, "PM", pm_calls },
	{ VFS_BASE, VFS_BASE + 0x100, "VFS", vfs_calls },
	{ KERNEL_CALL, KERNEL_CALL + 0x100, "SYS", NULL },
	{ RS_RQ_BASE, RS_RQ_BASE + 0x100, "RS", NULL },
	{ DS_RQ_BASE, DS_RQ_BASE + 0x100, "DS", NULL },
	{ VM_RQ_BASE, VM_RQ_BASE + 0x100, "VM", vm_calls },
	{ CDEV_RQ_BASE, CDEV_RQ_BASE + 0x100, "CDEV", NULL },
	{ BDEV_RQ_BASE, BDEV_RQ_BASE + 0x100, "BDEV", NULL },
	{ VFS_PM_BASE, VFS_PM_BASE + 0x100, "VFS_PM", NULL },
	{ FS_BASE, FS_BASE + 0x100, "REQ", NULL },
	{ NOTIFY_BASE, NOTIFY_BASE + 0x100, "NOTIFY", NULL },
	{ TEST_RQ_BASE, TEST_RQ_BASE + 0x100, "TEST", NULL },
	{ 0, 0, NULL, NULL }
};

#define N(x) { x, #x }

/* errno names: the POSIX ones, then Minnow's own (IPC, services), where errno.h has them. */
const struct numname trace_errnos[] = {
	N(EPERM), N(ENOENT), N(ESRCH), N(EINTR), N(EIO), N(ENXIO), N(E2BIG), N(ENOEXEC),
	N(EBADF), N(ECHILD), N(EDEADLK), N(ENOMEM), N(EACCES), N(EFAULT), N(EBUSY),
	N(EEXIST), N(EXDEV), N(ENODEV), N(ENOTDIR), N(EISDIR), N(EINVAL), N(ENFILE),
	N(EMFILE), N(ENOTTY), N(EFBIG), N(ENOSPC), N(ESPIPE), N(EROFS), N(EMLINK), N(EPIPE),
	N(EDOM), N(ERANGE), N(EAGAIN), N(ELOOP), N(ENAMETOOLONG), N(ENOTEMPTY), N(ENOSYS),
#ifdef ELOCKED
	N(ELOCKED), N(EBADCALL), N(ECALLDENIED), N(EDEADSRCDST), N(ENOTREADY),
	N(EBADREQUEST), N(ETRAPDENIED), N(ERESTART), N(EDONTREPLY), N(EDEADEPT), N(EBADEPT),
#endif
	{ 0, NULL }
};

/* open flags beside the access mode (O_RDONLY, O_WRONLY, O_RDWR: decode.c). */
const struct numname trace_oflags[] = {
	N(O_CREAT), N(O_EXCL), N(O_NOCTTY), N(O_TRUNC), N(O_NONBLOCK), N(O_APPEND),
	N(O_DIRECTORY), N(O_CLOEXEC),
	{ 0, NULL }
};

const struct numname trace_fcntl_cmds[] = {
	N(F_DUPFD), N(F_GETFD), N(F_SETFD), N(F_GETFL), N(F_SETFL),
	{ 0, NULL }
};

const struct numname trace_ptrace_reqs[] = {
	N(T_STOP), N(T_OK), N(T_GETINS), N(T_GETDATA), N(T_GETUSER), N(T_SETINS),
	N(T_SETDATA), N(T_SETUSER), N(T_RESUME), N(T_EXIT), N(T_STEP), N(T_SYSCALL),
	N(T_ATTACH), N(T_DETACH), N(T_SETOPT), N(T_GETRANGE), N(T_SETRANGE),
	{ 0, NULL }
};

/* The IPC primitives other than SENDREC, as a line starts with them. */
const struct numname trace_ipc_calls[] = {
	{ SEND, "send" }, { RECEIVE, "receive" }, { SENDREC, "sendrec" },
	{ NOTIFY, "notify" }, { SENDNB, "sendnb" }, { MINIX_KERNINFO, "kerninfo" },
	{ REPLYREC, "replyrec" },
	{ SENDA, "senda" },
	{ 0, NULL }
};
