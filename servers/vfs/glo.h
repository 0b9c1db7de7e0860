/*
 * glo.h - VFS's tables: fproc, filp, vnode, vmnt and dmap (handouts/vfs.md, "The tables").
 *
 *  fproc[NR_PROCS]  one per process slot: its open files (fd -> filp), root and working
 *                   directory (vnodes, plus the canonical path of the working directory,
 *                   which getcwd returns), ids, umask, session and controlling terminal,
 *                   and the call it is suspended in (a driver's answer, a pipe, select).
 *                   PM announces processes (VFS_PM_INIT/FORK); a process PM never announced
 *                   (a service, a test program booted before PM tells VFS about it) gets an
 *                   fproc on its first call: root and cwd "/", no open files, uid 0.
 *  filp[NR_FILPS]   open-file descriptions shared by dup and fork: vnode, position, O_*
 *                   flags, how many fds point at it.
 *  vnode[NR_VNODES] VFS's copy of an inode some process uses: which file server and device
 *                   it lives on, its inode number, the attributes the last FS reply gave,
 *                   how many VFS references and how many FS references (given back with
 *                   REQ_PUTNODE when the last VFS reference goes), the vmnt mounted on it,
 *                   and for pipes the reader/writer counts and FIFO positions (a named
 *                   FIFO's vnode is on its own FS and names the PFS node with its bytes).
 *  vmnt[NR_MNTS]    mounted file systems: FS endpoint, device, root vnode, the vnode it
 *                   covers, names for getvfsstat.
 *  dmap[NR_DEVICES] major -> driver label and endpoint (endpoints learnt from DS).
 *  sdmap (socket.c) domain -> socket driver label and endpoint (VFS_MAPSOCKET).
 */
#ifndef VFS_GLO_H
#define VFS_GLO_H

#include <stdint.h>
#include <limits.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <minnow/ipc.h>

#define NR_FILPS        128
#define NR_VNODES       256
/** Filps only root's opens may take (filedes.c, new_filp): a user who fills the table gets
 *  ENFILE, and root can still open files. */
#define FILP_ROOT_RESERVE 8
#define NR_MNTS         8
#define NR_DEVICES      32
#define LABEL_MAX       16

/** A handler's result: the caller stays suspended and is answered later. */
#define SUSPEND         (-EDONTREPLY)

/* Boot majors (MINIX's numbers). */
#define MEMORY_MAJOR    1
#define AT_WINI_MAJOR   3               /**< the ATA disk driver (c0) */
#define TTY_MAJOR       4
#define CTTY_MAJOR      5               /**< /dev/tty: the controlling terminal */
#define LOG_MAJOR       15
#define IMGRD_DEV       makedev(MEMORY_MAJOR, 6)

struct vmnt;

/** VFS's copy of an inode in use. */
struct vnode {
	int v_ref;                      /**< VFS references (0: slot free) */
	int v_fs_count;                 /**< references the FS gave us */
	struct vmnt *v_vmnt;            /**< the FS it lives on */
	endpoint_t v_fs_e;              /**< that FS's endpoint */
	dev_t v_dev;                    /**< that FS's device */
	ino_t v_ino;                    /**< inode number */
	mode_t v_mode;                  /**< type and permission bits */
	off_t v_size;                   /**< size (pipes: bytes held) */
	uid_t v_uid;                    /**< owner */
	gid_t v_gid;                    /**< group */
	dev_t v_rdev;                   /**< a special file's device */
	uint32_t v_nlinks;              /**< link count */
	struct vmnt *v_mountedhere;     /**< a file system mounted on this directory */
	int v_readers;                  /**< pipes: open read filps */
	int v_writers;                  /**< pipes: open write filps */
	uint64_t v_rpos;                /**< pipes: where the next read starts in PFS */
	uint64_t v_wpos;                /**< pipes: where the next write goes in PFS */
	struct vnode *v_pipe;           /**< a named FIFO while open: the PFS node holding its
	                                     bytes (fifo.c) */
	struct pipe_buf *v_pbuf;        /**< pipes: VFS's buffer holding the bytes (NULL: they
	                                     are in PFS, if any; pipe.c) */
	uint32_t v_tmarks;              /**< PFS pipes: FS_MARK_* since the last REQ_STAT or
	                                     REQ_UTIME (times its bytes in VFS marked) */
};

/** An open file: shared by the fds dup and fork make. */
struct filp {
	int f_count;                    /**< fds pointing here (0: free) */
	struct vnode *f_vno;            /**< the file */
	off_t f_pos;                    /**< position */
	int f_flags;                    /**< O_* given at open (access mode, APPEND, NONBLOCK) */
	int f_sel_ready;                /**< character special: CDEV_OP_* the driver reported */
	dev_t f_dev;                    /**< device special: the device it talks to (/dev/tty:
	                                     the controlling terminal) */
	endpoint_t f_drv_e;             /**< device special: its driver when opened */
	unsigned f_drv_gen;             /**< device special: dmap's d_gen when opened (another
	                                     one now, after a driver-up: stale, EIO) */
	char f_path[PATH_MAX];          /**< a directory: its canonical path (for fchdir) */
	int32_t f_sock;                 /**< a socket: the driver's socket id (-1: not yet) */
	int f_sdom;                     /**< a socket: its domain's socket map entry
	                                     (socket.c; f_drv_e and f_drv_gen: that entry's
	                                     driver and generation when it was made) */
};

/** A mounted file system. */
struct vmnt {
	int m_inuse;                    /**< slot in use */
	endpoint_t m_fs_e;              /**< the file server */
	dev_t m_dev;                    /**< its device */
	int m_flags;                    /**< MNT_RDONLY */
	struct vnode *m_root;           /**< root of the mounted tree */
	struct vnode *m_covered;        /**< the directory it is mounted on (NULL: "/") */
	char m_label[LABEL_MAX];        /**< FS label ("mfs", "pfs") */
	char m_on[64];                  /**< where (path) */
	char m_from[64];                /**< what ("/dev/imgrd", "none") */
};

/* fproc.fp_blocked */
#define FP_NOT_BLOCKED  0
#define FP_BLOCKED_PIPE 1               /**< read/write on a pipe: retried on change */
#define FP_BLOCKED_CDEV 2               /**< waits for CDEV_REPLY fp_cdev_id */
#define FP_BLOCKED_SEL  3               /**< in select */
#define FP_BLOCKED_DRV  4               /**< a file server's block driver is down: the call
                                             is run again when a block driver comes up */
#define FP_BLOCKED_FIFO 5               /**< open of a named FIFO waits for the other side */
#define FP_BLOCKED_LOCK 6               /**< fcntl F_SETLKW waits for a lock (lock.c) */
#define FP_BLOCKED_SDEV 7               /**< waits for a socket driver's answer fp_cdev_id
                                             (socket.c) */
#define FP_BLOCKED_KINDS 8              /**< FP_NOT_BLOCKED .. FP_BLOCKED_SDEV */

/** What VFS knows about one process. */
struct fproc {
	int fp_inuse;                   /**< slot in use */
	endpoint_t fp_endpoint;         /**< the process */
	int fp_pid;                     /**< its pid (0: PM did not say) */
	struct filp *fp_filp[OPEN_MAX]; /**< fd -> open file (NULL: free) */
	uint32_t fp_cloexec;            /**< bit per fd: FD_CLOEXEC */
	struct vnode *fp_rd;            /**< root directory */
	struct vnode *fp_wd;            /**< working directory */
	char fp_cwd[PATH_MAX];          /**< canonical path of fp_wd */
	struct vnode *fp_at;            /**< the running call's walks: where a relative path
	                                     starts (a directory fd's vnode, set by fetch_path;
	                                     NULL: fp_wd).  No reference: the fd holds one */
	const char *fp_at_path;         /**< fp_at's canonical path (its filp's f_path) */
	uid_t fp_uid;                   /**< effective uid */
	uid_t fp_ruid;                  /**< real uid */
	gid_t fp_gid;                   /**< effective gid */
	gid_t fp_rgid;                  /**< real gid */
	int fp_ngroups;                 /**< supplementary groups in fp_groups */
	gid_t fp_groups[NGROUPS_MAX];   /**< the supplementary groups (PM's, VFS_PM_SETGID) */
	mode_t fp_umask;                /**< file creation mask */
	uint32_t fp_fsize_cur;          /**< RLIMIT_FSIZE soft limit, bytes (read.c; fork and
	                                     exec keep it; RLIM_INFINITY: none) */
	uint32_t fp_fsize_max;          /**< RLIMIT_FSIZE hard limit */
	int fp_sesldr;                  /**< session leader */
	dev_t fp_tty;                   /**< controlling terminal (0: none) */
	int fp_blocked;                 /**< FP_BLOCKED_* */
	message fp_msg;                 /**< the suspended call as it came */
	uint32_t fp_done;               /**< pipe write: bytes already written */
	struct vnode *fp_pipe;          /**< the pipe it waits on */
	cdev_id_t fp_cdev_id;           /**< the driver request it waits for */
	endpoint_t fp_cdev_e;           /**< that driver */
	int fp_cdev_op;                 /**< CDEV_OPEN, _READ, _WRITE, _IOCTL; SDEV_* */
	int fp_sdev_fd;                 /**< SDEV_SOCKET, SDEV_ACCEPT: the new fd */
	int32_t fp_sdev_sock;           /**< the socket the request is about */
	uint32_t fp_sdev_len;           /**< its data buffer's size */
	uint32_t fp_sdev_room;          /**< its address's length or room */
	cp_grant_id_t fp_addr_grant;    /**< the magic grant of the address */
	int fp_cdev_fd;                 /**< CDEV_OPEN: the fd being opened */
	devminor_t fp_cdev_minor;       /**< the minor it was sent to */
	cp_grant_id_t fp_grant;         /**< the magic grant the driver uses */
	int fp_cancelled;               /**< CDEV_CANCEL sent */
	int fp_pm_unpause;              /**< PM's VFS_PM_UNPAUSE waits for this call's answer */
	int fp_cdev_major;              /**< the major it was sent to */
	unsigned fp_cdev_gen;           /**< that major's d_gen when it was sent */
	int fp_drv_tries;               /**< FP_BLOCKED_DRV: times the call was run again */
	fd_set fp_sel_in[3];            /**< select: the sets asked for */
	int fp_sel_nfds;                /**< select: fds 0 .. nfds-1 asked about */
	uint32_t fp_sel_deadline;       /**< uptime tick (0: none) */
	int fp_sel_pending;             /**< CDEV_SELECTs not answered yet */
	int fp_sel_poll;                /**< timeout 0 */
};

/** A major device's driver. */
struct dmap {
	char d_label[LABEL_MAX];        /**< driver label ("" = none) */
	endpoint_t d_endpt;             /**< NONE until the driver is up */
	int d_blk;                      /**< it published drv.blk.\<label\>: it answers BDEV_* */
	unsigned d_gen;                 /**< driver-up events seen for its label: an open file
	                                     or a call of an older generation is stale */
};

extern struct fproc fproc[NR_PROCS];     /**< by process slot */
extern struct filp filp[NR_FILPS];       /**< open files */
extern struct vnode vnode[NR_VNODES];    /**< inodes in use */
extern struct vmnt vmnt[NR_MNTS];        /**< mounted file systems */
extern struct dmap dmap[NR_DEVICES];     /**< by major device number */
extern struct vnode *root_vnode;        /**< "/" (NULL: no root file system) */
extern struct vmnt *pipe_vmnt;          /**< PFS (NULL: no pipes) */
extern int nr_blocked[FP_BLOCKED_KINDS]; /**< processes waiting, by FP_BLOCKED_* (fproc.c) */

/** Set fp's fp_blocked to how, keeping nr_blocked[] true: every change goes through here,
 *  so pipe_changed() and select_recheck() look only while someone waits, and only as far
 *  as the last waiter. */
static inline void
set_blocked(struct fproc *fp, int how)
{
	nr_blocked[fp->fp_blocked]--;
	nr_blocked[how]++;
	fp->fp_blocked = how;
}

#endif
