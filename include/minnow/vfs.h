/**
 * @file vfs.h
 * @brief The virtual file system's protocols: the file calls of user processes (VFS_*),
 * and the PM <-> VFS protocol (VFS_PM_*) that keeps VFS's process table in step with PM's.
 *
 * **File calls.**  Every request is a SENDREC of one mess_vfs to VFS_PROC_NR.  Buffers and
 * path names are addresses in the caller's own memory (VFS copies with sys_vircopy, or makes
 * a magic grant so that a driver or file server copies straight to the caller); a path is
 * passed with its length including the terminating NUL (PATH_MAX at most, else
 * ENAMETOOLONG).  The reply carries the result in m_type: OK, a non-negative value (a file
 * descriptor, a byte count), or a negated errno; out fields are named "out" below.  A call
 * that must wait (a read from a terminal or an empty pipe, select, a driver that answers
 * later) is answered when it completes; if PM tells VFS the caller got a signal
 * (VFS_PM_UNPAUSE) the call is answered with -EINTR.
 *
 * **PM <-> VFS** (handouts/pm.md, "The PM <-> VFS protocol").  PM sends its requests with
 * asynsend and AMF_NOREPLY, so they can never be taken for the answer of a SENDREC VFS is
 * waiting in; PM never waits for VFS.  VFS answers each request with a plain send of the
 * matching VFS_PM_*_REPLY naming the process in @c endpt; PM keeps at most one request
 * outstanding per process.  At start-up PM sends one VFS_PM_INIT per boot process it knows
 * (servers, drivers, init), then one with @c endpt = NONE; VFS answers only that last one.
 * (Every process PM knows is announced, PM itself with pid 0 and VFS included; until that
 * answer PM sends VFS nothing else.)
 *
 * Numbers: file calls from VFS_BASE (0xA00), PM <-> VFS from VFS_PM_BASE (0xB00); both
 * ranges are in minnow/com.h's table.
 */
#ifndef MINNOW_VFS_H
#define MINNOW_VFS_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>

/* ---- file calls (user -> VFS) ----------------------------------------------------------
 * Field use: "path" = (name, name_len); "buf" = (buf, len).  A relative path of OPEN, STAT,
 * LSTAT, ACCESS, MKDIR, MKNOD, UNLINK, RMDIR, LINK, RENAME, SYMLINK (path2), READLINK,
 * CHMOD, CHOWN and UTIMENS may start at a directory fd (dirfd, VFS_AT_DIRFD: the *at calls).
 */
#define VFS_READ        (VFS_BASE + 0)  /**< read(fd, buf, len): bytes read (0 = end of file) */
#define VFS_WRITE       (VFS_BASE + 1)  /**< write(fd, buf, len): bytes written */
#define VFS_LSEEK       (VFS_BASE + 2)  /**< lseek(fd, offset, whence): out offset */
#define VFS_OPEN        (VFS_BASE + 3)  /**< open(path, flags, mode): the new fd */
#define VFS_CLOSE       (VFS_BASE + 4)  /**< close(fd) */
#define VFS_PIPE2       (VFS_BASE + 5)  /**< pipe2(flags): out fd (read end), fd2 (write end) */
#define VFS_STAT        (VFS_BASE + 6)  /**< stat(path, buf = struct stat) */
#define VFS_FSTAT       (VFS_BASE + 7)  /**< fstat(fd, buf = struct stat) */
#define VFS_DUP         (VFS_BASE + 8)  /**< dup(fd): the lowest free fd */
#define VFS_DUP2        (VFS_BASE + 9)  /**< dup2(fd, fd2): fd2 */
#define VFS_FCNTL       (VFS_BASE + 10) /**< fcntl(fd, flags = F_* command, mode = argument) */
#define VFS_IOCTL       (VFS_BASE + 11) /**< ioctl(fd, flags = request, buf = argument) */
#define VFS_ACCESS      (VFS_BASE + 12) /**< access(path, mode = R_OK|W_OK|X_OK|F_OK,
                                             flags = AT_EACCESS: the effective ids) */
#define VFS_CHDIR       (VFS_BASE + 13) /**< chdir(path) */
#define VFS_FCHDIR      (VFS_BASE + 14) /**< fchdir(fd) */
#define VFS_GETCWD      (VFS_BASE + 15) /**< getcwd(buf, len): the path's length with NUL */
#define VFS_MKDIR       (VFS_BASE + 16) /**< mkdir(path, mode) */
#define VFS_RMDIR       (VFS_BASE + 17) /**< rmdir(path) */
#define VFS_UNLINK      (VFS_BASE + 18) /**< unlink(path) */
#define VFS_LINK        (VFS_BASE + 19) /**< link(path = existing, path2 = new name, flags =
                                             AT_SYMLINK_FOLLOW: follow a link path) */
#define VFS_RENAME      (VFS_BASE + 20) /**< rename(path = old, path2 = new) */
#define VFS_MKNOD       (VFS_BASE + 21) /**< mknod(path, mode, dev) */
#define VFS_GETDENTS    (VFS_BASE + 22) /**< getdents(fd, buf, len): bytes of struct dirent */
#define VFS_SELECT      (VFS_BASE + 23) /**< select(nfds = fd, buf = 3 fd_sets in, out;
                                             timeout_ms (-1: none)): ready count */
#define VFS_TRUNCATE    (VFS_BASE + 24) /**< truncate(path, offset) */
#define VFS_FTRUNCATE   (VFS_BASE + 25) /**< ftruncate(fd, offset) */
#define VFS_CHMOD       (VFS_BASE + 26) /**< chmod(path, mode, flags = AT_SYMLINK_NOFOLLOW:
                                             a link is EOPNOTSUPP) */
#define VFS_CHOWN       (VFS_BASE + 27) /**< chown(path, owner = offset_lo, group = offset_hi,
                                             flags = AT_SYMLINK_NOFOLLOW: the link) */
#define VFS_UMASK       (VFS_BASE + 28) /**< umask(mode): the old mask */
#define VFS_SYNC        (VFS_BASE + 29) /**< sync() */
#define VFS_STATVFS     (VFS_BASE + 30) /**< statvfs(path, buf = struct statvfs) */
#define VFS_GETVFSSTAT  (VFS_BASE + 31) /**< getvfsstat(buf, len): number of mounts, each a
                                             struct statvfs with the names filled in */
#define VFS_MOUNT       (VFS_BASE + 32) /**< mount(path = special, path2 = directory,
                                             buf = FS label, flags = MNT_*) */
#define VFS_UMOUNT      (VFS_BASE + 33) /**< umount(path = directory) */
#define VFS_MAPDRIVER   (VFS_BASE + 34) /**< RS only: mapdriver(path = label, fd = major) */
#define VFS_LSTAT       (VFS_BASE + 35) /**< lstat(path, buf): stat of a symbolic link itself */
#define VFS_READLINK    (VFS_BASE + 36) /**< readlink(path, buf, len): bytes of the target
                                             (no NUL; cut at len); not a link: EINVAL */
#define VFS_SYMLINK     (VFS_BASE + 37) /**< symlink(path = target, path2 = the new link) */
#define VFS_UTIMENS     (VFS_BASE + 38) /**< utimensat(path, buf = struct timespec[2]
                                             or 0 for now, flags = AT_SYMLINK_NOFOLLOW) */
#define VFS_FUTIMENS    (VFS_BASE + 39) /**< futimens(fd, buf = struct timespec[2] or 0) */
#define VFS_PREAD       (VFS_BASE + 44) /**< pread(fd, buf, len, offset): the filp's position
                                             stays (pipes, FIFOs, character specials:
                                             ESPIPE) */
#define VFS_PWRITE      (VFS_BASE + 45) /**< pwrite(fd, buf, len, offset) (O_APPEND ignored) */
#define VFS_CHROOT      (VFS_BASE + 54) /**< chroot(path): root only (EPERM) */
#define VFS_FCHMOD      (VFS_BASE + 55) /**< fchmod(fd, mode): chmod's rules, of fd's file */
#define VFS_FCHOWN      (VFS_BASE + 56) /**< fchown(fd, owner = offset_lo, group = offset_hi) */
#define VFS_FSIZE       (VFS_BASE + 57) /**< getrlimit/setrlimit(RLIMIT_FSIZE): flags =
                                             VFS_FSIZE_SET with offset_lo = the soft limit,
                                             offset_hi = the hard one (bytes); out both;
                                             flags 0: only read them */
/* Sockets (handouts/sockets.md): the call goes to the socket driver of the socket's domain
 * (minnow/sdev.h); a descriptor that is no socket is ENOTSOCK. */
#define VFS_SOCKET      (VFS_BASE + 58) /**< socket(mode = domain, flags = type | SOCK_NONBLOCK
                                             | SOCK_CLOEXEC, offset_lo = protocol): the new
                                             fd (a domain without a driver: EAFNOSUPPORT) */
#define VFS_BIND        (VFS_BASE + 59) /**< bind(fd, buf = address, len) */
#define VFS_CONNECT     (VFS_BASE + 60) /**< connect(fd, buf = address, len) */
#define VFS_LISTEN      (VFS_BASE + 61) /**< listen(fd, mode = backlog) */
#define VFS_ACCEPT      (VFS_BASE + 62) /**< accept4(fd, buf = room for the address (0: none),
                                             len, flags = SOCK_NONBLOCK | SOCK_CLOEXEC): the
                                             new fd; out offset_lo = the address's length */
#define VFS_SENDTO      (VFS_BASE + 63) /**< sendto(fd, buf, len, flags = MSG_*, name =
                                             address (0: connected), name_len): bytes */
#define VFS_RECVFROM    (VFS_BASE + 64) /**< recvfrom(fd, buf, len, flags = MSG_*, name = room
                                             (0: none), name_len): bytes; out offset_lo =
                                             the address's length, offset_hi = MSG_TRUNC */
#define VFS_SETSOCKOPT  (VFS_BASE + 65) /**< setsockopt(fd, mode = level, flags = name, buf,
                                             len) */
#define VFS_GETSOCKOPT  (VFS_BASE + 66) /**< getsockopt(fd, mode = level, flags = name, buf,
                                             len = room): out offset_lo = the length */
#define VFS_GETSOCKNAME (VFS_BASE + 67) /**< getsockname(fd, buf = room, len): out offset_lo =
                                             the address's length */
#define VFS_GETPEERNAME (VFS_BASE + 68) /**< getpeername(fd, buf = room, len): the same */
#define VFS_SHUTDOWN    (VFS_BASE + 69) /**< shutdown(fd, mode = SHUT_RD/WR/RDWR) */
#define VFS_MAPSOCKET   (VFS_BASE + 70) /**< RS only: mapsocket(path = label, fd = domain) */
#define VFS_NR_CALLS    71              /**< one past the last call's offset */

/** VFS_FSIZE flags: set the limits (else only read them). */
#define VFS_FSIZE_SET   0x01

/** Payload of every file call and its reply. */
typedef struct {
	int32_t fd;             /**< the file descriptor; SELECT: nfds; MAPDRIVER: major;
	                             out PIPE2: the read end */
	int32_t fd2;            /**< DUP2: the new fd; out PIPE2: the write end */
	uint32_t name;          /**< address of the (first) path name */
	uint32_t name_len;      /**< its length including the NUL */
	uint32_t name2;         /**< LINK, RENAME, MOUNT: address of the second path name */
	uint32_t name2_len;     /**< its length including the NUL */
	uint32_t buf;           /**< address of the data buffer / struct / fd_sets */
	uint32_t len;           /**< its size in bytes */
	int32_t flags;          /**< OPEN: O_*; FCNTL: F_* command; IOCTL: request; MOUNT: MNT_* */
	int32_t mode;           /**< OPEN, MKDIR, MKNOD, CHMOD, UMASK: mode bits; ACCESS: R_OK...;
	                             LSEEK: whence; FCNTL: the argument; SELECT: timeout in ms */
	uint32_t offset_lo;     /**< LSEEK, TRUNCATE, PREAD, PWRITE: offset (low word); MKNOD: dev;
	                             CHOWN: owner; out LSEEK: the new offset (low word) */
	int32_t offset_hi;      /**< LSEEK, TRUNCATE: offset (high word); CHOWN: group;
	                             out LSEEK: high word */
	int16_t dirfd;          /**< with VFS_AT_DIRFD in at: a relative name starts at this
	                             directory fd (openat, fstatat, ...) */
	int16_t dirfd2;         /**< with VFS_AT_DIRFD2 in at: a relative name2 starts here */
	uint32_t at;            /**< VFS_AT_DIRFD, VFS_AT_DIRFD2; 0: relative names start at
	                             the working directory */
} mess_vfs;

/* mess_vfs.at: which names are relative to a directory fd (handouts/vfs.md, "Paths
 * relative to a directory").  A relative name whose fd is not open is EBADF, one whose fd
 * is not a directory ENOTDIR; an absolute name ignores its fd. */
#define VFS_AT_DIRFD    0x01    /**< name is relative to dirfd */
#define VFS_AT_DIRFD2   0x02    /**< name2 is relative to dirfd2 */

_Static_assert(sizeof(mess_vfs) == 56, "layout size");

/** MOUNT flag: read-only. */
#define MNT_RDONLY      0x01

/* ---- PM <-> VFS ------------------------------------------------------------------------ */
#define VFS_PM_INIT         (VFS_PM_BASE + 0)   /**< a boot process: endpt, pid (NONE: done) */
#define VFS_PM_FORK         (VFS_PM_BASE + 1)   /**< endpt (child), parent, pid: copy fds, cwd */
#define VFS_PM_SRV_FORK     (VFS_PM_BASE + 2)   /**< like FORK, for a service RS starts */
#define VFS_PM_EXEC         (VFS_PM_BASE + 3)   /**< endpt, path, frame: load a program */
#define VFS_PM_EXIT         (VFS_PM_BASE + 4)   /**< endpt: close everything, cancel calls */
#define VFS_PM_SETUID       (VFS_PM_BASE + 5)   /**< endpt, euid, ruid */
#define VFS_PM_SETGID       (VFS_PM_BASE + 6)   /**< endpt, egid, rgid */
#define VFS_PM_SETSID       (VFS_PM_BASE + 7)   /**< endpt: a new session (no controlling tty) */
#define VFS_PM_UNPAUSE      (VFS_PM_BASE + 8)   /**< endpt got a signal: end its waiting call
                                                     with EINTR, then answer PM */
#define VFS_PM_REBOOT       (VFS_PM_BASE + 9)   /**< write everything back before power-off */
#define VFS_PM_DUMPCORE     (VFS_PM_BASE + 10)  /**< endpt (stopped), ruid = the signal, uid =
                                                     the size limit: write its core file
                                                     (servers/vfs/core.c) */
#define VFS_PM_NR           11                  /**< requests */
/** The reply to request @p rq (VFS_PM_*_REPLY). */
#define VFS_PM_REPLY(rq)    ((rq) + 0x80)
#define VFS_PM_INIT_REPLY   VFS_PM_REPLY(VFS_PM_INIT)   /**< all boot processes known */
#define VFS_PM_FORK_REPLY   VFS_PM_REPLY(VFS_PM_FORK)   /**< endpt, status */
#define VFS_PM_SRV_FORK_REPLY VFS_PM_REPLY(VFS_PM_SRV_FORK) /**< endpt, status */
#define VFS_PM_EXEC_REPLY   VFS_PM_REPLY(VFS_PM_EXEC)   /**< endpt, status, pc, sp */
#define VFS_PM_EXIT_REPLY   VFS_PM_REPLY(VFS_PM_EXIT)   /**< endpt */
#define VFS_PM_SETUID_REPLY VFS_PM_REPLY(VFS_PM_SETUID) /**< endpt */
#define VFS_PM_SETGID_REPLY VFS_PM_REPLY(VFS_PM_SETGID) /**< endpt */
#define VFS_PM_SETSID_REPLY VFS_PM_REPLY(VFS_PM_SETSID) /**< endpt */
#define VFS_PM_REBOOT_REPLY VFS_PM_REPLY(VFS_PM_REBOOT) /**< (no process) */
#define VFS_PM_UNPAUSE_REPLY VFS_PM_REPLY(VFS_PM_UNPAUSE) /**< endpt: in no call of VFS now */
#define VFS_PM_DUMPCORE_REPLY VFS_PM_REPLY(VFS_PM_DUMPCORE) /**< endpt, status: OK if written */
/** Is @p t a VFS_PM_*_REPLY? */
#define IS_VFS_PM_REPLY(t)  ((t) >= VFS_PM_REPLY(VFS_PM_BASE) && \
                             (t) < VFS_PM_REPLY(VFS_PM_BASE) + VFS_PM_NR)

/** Payload of the PM <-> VFS messages. */
typedef struct {
	endpoint_t endpt;       /**< the process concerned (NONE ends VFS_PM_INIT) */
	endpoint_t parent;      /**< FORK, SRV_FORK: the parent */
	int32_t pid;            /**< INIT, FORK, SRV_FORK: the process's pid */
	uint32_t uid;           /**< SETUID: effective uid; SETGID: effective gid; DUMPCORE: the
	                             size limit in bytes; out EXEC with VFS_PM_EXF_SETUID: the
	                             new effective uid (the program file's owner) */
	uint32_t ruid;          /**< SETUID: real uid; SETGID: real gid; DUMPCORE: the signal */
	uint32_t path;          /**< EXEC: address of the program's path in endpt's memory */
	uint32_t path_len;      /**< EXEC: its length including the NUL */
	uint32_t frame;         /**< EXEC: address of the argument frame in endpt's memory
	                             (layout: see VFS_PM_EXEC in the handout and libc execve) */
	uint32_t frame_len;     /**< EXEC: its size in bytes (at most ARG_MAX, else E2BIG) */
	int32_t status;         /**< out: OK or a negated errno */
	uint32_t pc;            /**< out EXEC: the entry point */
	uint32_t sp;            /**< out EXEC: the initial stack pointer (at argc) */
	uint32_t flags;         /**< EXEC: VFS_PM_EXF_NOSUID in; VFS_PM_EXF_GONE, _SETUID,
	                             _SETGID out (for PM's exec_restart) */
	uint32_t gid;           /**< out EXEC with VFS_PM_EXF_SETGID: the new effective gid
	                             (the program file's group) */
} mess_vfs_pm;

/** VFS_PM_EXEC_REPLY flags: the exec failed after VM_EXEC_NEWMEM emptied the process, so
 *  there is no old image to return to; PM ends the process as if by SIGKILL.  Without it
 *  a failed exec leaves the caller untouched and its execve() returns the error. */
#define VFS_PM_EXF_GONE     0x01
/** VFS_PM_EXEC_REPLY flags: the program is set-user-id (S_ISUID): the effective uid is now
 *  the file's owner (in uid); VFS has changed its own copy already. */
#define VFS_PM_EXF_SETUID   0x02
/** VFS_PM_EXEC_REPLY flags: the program is set-group-id (S_ISGID): the effective gid is now
 *  the file's group (in gid). */
#define VFS_PM_EXF_SETGID   0x04
/** VFS_PM_EXEC request flag (PM): the process is traced; its ids must not change, so VFS
 *  ignores the program's S_ISUID and S_ISGID bits (handouts/pm.md, "Set-user-id
 *  programs"). */
#define VFS_PM_EXF_NOSUID   0x08

_Static_assert(sizeof(mess_vfs_pm) == 56, "layout size");

/*
 * The argument frame of exec.  libc's execve() builds it in the caller's memory, VFS copies
 * it to the top of the new stack and relocates it; the new program then finds exactly what
 * crt0 expects at its initial stack pointer:
 *
 *     offset 0            argc
 *     offset 4            argv[0] .. argv[argc-1], NULL
 *     then                envp[0] .. envp[n-1], NULL
 *     then                the strings, each NUL-terminated
 *
 * In the frame libc builds, every non-NULL pointer is an offset from the frame's start;
 * VFS adds the frame's final address to each.  The frame is at most ARG_MAX bytes (E2BIG);
 * its size is a multiple of 4.
 */

#endif /* MINNOW_VFS_H */
