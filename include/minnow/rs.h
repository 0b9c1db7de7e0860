/**
 * @file rs.h
 * @brief The RS protocol (0x700 range): requests to the reincarnation server, the SEF init
 * handshake every service makes with RS, and RS's public service table.
 *
 * Numbers follow MINIX 3.3: the requests of the `service` command are RS_RQ_BASE + 0 .. 9,
 * the messages a service sends RS are RS_INIT (+20) and RS_LU_PREPARE (+21).  A signal
 * manager forwards a non-lethal signal to a service as SIGS_SIGNAL_RECEIVED (+40).
 *
 * **Who may ask what.**  RS_GETSYSINFO and RS_LOOKUP only read, and anyone may send them,
 * user processes included (the kernel lets user processes send to RS: handouts/ipc.md,
 * "Privileges"; RS answers with a non-blocking send).  Every other request changes the service
 * tree: RS answers EPERM unless the caller is a system service or a process whose
 * effective uid is 0 (RS asks PM: PM_GETEPINFO).
 *
 * **RS_RESTART** (label) restarts a service that is dead now (waiting out its back-off, or
 * for its recovery script, which is who sends it): OK once the restart is under way,
 * EBUSY if the service is not dead, ESRCH for an unknown label.  **RS_CLONE** (label) makes
 * a standby replica of a running service, kept for its next restart (as `-p` does): OK,
 * EEXIST if it has one, EBUSY if it is not running (handouts/rs.md, "Crash recovery").
 *
 * **RS_UP** (mess_rs_req: addr, len = a struct rs_start in the caller's memory) starts the
 * program at `path` as a new system service (handouts/rs.md, "Starting and stopping
 * services").  RS answers only when the service's SEF init has answered: OK with its
 * endpoint and pid, or the error: EINVAL (a bad rs_start, or a privileges entry that is
 * not its label's, has errors or is out of range), EBUSY (the label is taken), ENOENT /
 * EACCES / ENOEXEC (the program), ENOMEM / EAGAIN (no slot), or the init callback's own
 * error (the service is then ended and its slot freed).
 * **RS_DOWN** (label) stops a service RS started: SIGTERM through SEF, SIGKILL if it has
 * not exited after about two seconds; answered OK once it is gone.  ESRCH for an unknown
 * label, EPERM for a boot service (the core of the system), EBUSY if it is starting or
 * already stopping.  **RS_LOOKUP** (label): OK with the endpoint and pid, or ESRCH.
 * A `dev_major` in RS_UP's rs_start (the `-dev` node's major, which `service` found with
 * stat) makes RS map that major to the label in VFS (VFS_MAPDRIVER) once the init has
 * answered: EBUSY if another service RS started or a running driver has that major.
 * **RS_REFRESH** (label) stops a service as RS_DOWN does and restarts it at once, without
 * back-off, from a replica under the same endpoint and pid (SEF_INIT_RESTART); answered
 * with the endpoint and pid once the new instance's init answered, or with its init's
 * error.  ESRCH, EPERM (boot service) and
 * EBUSY (starting, stopping, restarting, or the system is shutting down) as for RS_DOWN.
 * **RS_EDIT** (addr, len = a struct rs_start naming a running service by its label)
 * replaces its privileges at once (sys_privctl UPDATE_SYS from `conf`; irq/io/mem are
 * added, not taken away) and the path, arguments and period its next restart uses.
 * EINVAL for a bad rs_start or entry, ESRCH, EPERM (boot service), EBUSY (not running).
 * **RS_SHUTDOWN** (no field): the system goes down; from now on no service is restarted
 * (every slot gets RSI_NORESTART, back-offs waiting are cancelled), and RS_REFRESH is
 * EBUSY.  `poweroff` sends it before reboot().
 *
 * **RS_UPDATE** (mess_rs_req: addr, len = a struct rs_start whose label names the service
 * and whose path is the new program, "" for the running one (`service update self`); args
 * "" keeps the old arguments; its conf is ignored: the new version gets the old one's
 * privileges; lu_state, lu_maxtime) replaces a running service by a new version that keeps
 * its endpoint, pid and state (handouts/rs.md, "Live update").  RS answers once the update
 * is over: OK (the new version runs), EINTR (the service was not ready within maxtime: the
 * update is cancelled, the old version goes on), ERESTART (the new version's init failed:
 * rolled back), EDEADEPT (the new version died in its init or just after it: rolled
 * back), EDEADSRCDST (the old version died while preparing: an ordinary crash), or before
 * anything started: ESRCH (unknown label), EPERM (a boot service: not implemented,
 * updating them), EBUSY (another update runs, or the service is starting, stopping or
 * restarting), EINVAL (a state or maxtime out of range, a bad path), ENOENT /
 * EACCES / ENOEXEC (the program), or the old version's own refusal of the state (EINVAL
 * from its state-isvalid callback, or its state-save callback's error).
 * **RS_LU_PREPARE** (mess_rs_lu) goes from RS to the service with asynsend3 (RS never
 * blocks on a service): `state` is the state to reach (SEF_LU_STATE_*), 0 cancels.  The
 * service's SEF answers with `sendrec` of RS_LU_PREPARE whose `result` is OK once it is in
 * that state and has saved its state (the old version then stays parked in that call), or
 * an error; a reply from RS (ERESTART after a rollback, an error for a cancelled update)
 * lets the old version go on serving.
 *
 * **RS_GETSYSINFO** (mess_rs_sysinfo) copies RS's service table into the caller's buffer
 * as rows of struct rs_svcinfo, one per service in use: as many whole rows as fit in `len`
 * bytes (none if it is smaller than a row, which is how a caller learns `total`).  The
 * reply's m_type is the number of rows copied, or -EINVAL (row_size is not
 * sizeof(struct rs_svcinfo): the caller was built against another layout) or -EFAULT
 * (RS cannot write the buffer).  The user-level call is getsysinfo_rs() (minnow/sysinfo.h).
 *
 * **Init handshake** (handouts/rs.md, "The boot of services", "SEF: the service's side").
 * RS sends a service RS_INIT with the mess_rs_init layout: the kind of start
 * (SEF_INIT_FRESH, SEF_INIT_LU, SEF_INIT_RESTART), the grant id of RS's public table
 * (struct rprocpub[RS_NR_PUB], readable by ANY), the service's own endpoint and its
 * previous instance's endpoint (NONE for a fresh start).  The service's SEF runs the
 * matching init callback and answers with `sendrec` of an RS_INIT message whose `result` is
 * the callback's return value; RS's reply (OK) lets it go on.
 */
#ifndef MINNOW_RS_H
#define MINNOW_RS_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>
#include <minnow/sysconf.h>

/* ---- message types --------------------------------------------------------------------- */
#define RS_UP           (RS_RQ_BASE + 0)        /**< start a service from a file (root;
						     mess_rs_req, struct rs_start) */
#define RS_DOWN         (RS_RQ_BASE + 1)        /**< stop a service (root; mess_rs_req) */
#define RS_REFRESH      (RS_RQ_BASE + 2)        /**< stop a service and restart it at once
						     (root; mess_rs_req) */
#define RS_RESTART      (RS_RQ_BASE + 3)        /**< restart a dead service now (root;
						     mess_rs_req; EBUSY unless it is dead) */
#define RS_SHUTDOWN     (RS_RQ_BASE + 4)        /**< the system goes down: restart nothing
						     (root; no field) */
#define RS_UPDATE       (RS_RQ_BASE + 5)        /**< live update (root; mess_rs_req,
						     struct rs_start) */
#define RS_CLONE        (RS_RQ_BASE + 6)        /**< keep a standby replica (root;
						     mess_rs_req; EEXIST if it has one) */
#define RS_EDIT         (RS_RQ_BASE + 7)        /**< change a running service's privileges,
						     arguments, period (root; mess_rs_req,
						     struct rs_start) */
#define RS_LOOKUP       (RS_RQ_BASE + 8)        /**< label to endpoint (anyone; mess_rs_req) */
#define RS_GETSYSINFO   (RS_RQ_BASE + 9)        /**< copy RS's service table out (anyone;
						     mess_rs_sysinfo, struct rs_svcinfo) */
#define RS_INIT         (RS_RQ_BASE + 20)       /**< init request (RS) and answer (service) */
#define RS_LU_PREPARE   (RS_RQ_BASE + 21)       /**< live-update prepare: RS to the service
						     (asynchronous) and its answer (mess_rs_lu) */
/** A signal manager tells a service about a non-lethal signal (mess_sigs). */
#define SIGS_SIGNAL_RECEIVED (RS_RQ_BASE + 40)

#define RS_PATH_LEN     64      /**< struct rs_start: the path's size, NUL included */
#define RS_ARGS_LEN     128     /**< struct rs_start: the arguments' size, NUL included */
#define RS_DEV_LEN      32      /**< struct rs_start: the device node's size, NUL included */

/* ---- SEF init types -------------------------------------------------------------------- */
#define SEF_INIT_FRESH          0       /**< a brand-new instance */
#define SEF_INIT_LU             1       /**< the new version of a live update */
#define SEF_INIT_RESTART        2       /**< a restarted instance: RS swapped a replica
					     in, so old_endpoint is its own endpoint; after
					     a reset (new endpoint) the dead one's */

/** RS_INIT, both ways. */
typedef struct {
	int type;                       /**< SEF_INIT_* (RS to service) */
	cp_grant_id_t rproctab_gid;     /**< grant of RS's public table (struct rprocpub[]) */
	endpoint_t endpoint;            /**< the service's own endpoint */
	endpoint_t old_endpoint;        /**< its previous instance (NONE: fresh start) */
	int result;                     /**< service to RS: the init callback's result */
	endpoint_t image_endpoint;      /**< where the previous instance's image still is
					     (its memory may be read: sef_copy_state): the
					     dead instance frozen for a restart from a replica,
					     the old version parked in a live update; NONE */
	uint32_t state;                 /**< RS updating itself: the address of the old
					     RS's state descriptor in image_endpoint (0) */
	uint8_t padding[28];            /**< unused */
} mess_rs_init;

/* ---- live-update states (RS_LU_PREPARE; sef_setcb_lu_prepare in minnow/sef.h) ---------- */
#define SEF_LU_STATE_NULL       0       /**< no update (RS_LU_PREPARE: cancel) */
#define SEF_LU_STATE_WORK_FREE  1       /**< between two requests (the default) */
#define SEF_LU_STATE_REQUEST_FREE 2     /**< no request of a client in progress */
#define SEF_LU_STATE_PROTOCOL_FREE 3    /**< no open session with any client (a driver: no
					     open descriptor) */
#define SEF_LU_STATE_CUSTOM     4       /**< first state the service itself defines */
#define SEF_LU_STATE_MAX        15      /**< last state RS accepts (EINVAL above) */

#define LU_MAXTIME_DEFAULT      2000    /**< RS_UPDATE's `maxtime` when 0 is given (ms) */
#define LU_MAXTIME_MAX          20000   /**< the largest `maxtime` (ms; EINVAL above) */

/** RS_LU_PREPARE, both ways. */
typedef struct {
	int state;                      /**< RS to service: SEF_LU_STATE_* (0: cancel) */
	int result;                     /**< service to RS: OK (ready, state saved) or error */
	uint8_t padding[48];            /**< unused */
} mess_rs_lu;

/** SIGS_SIGNAL_RECEIVED. */
typedef struct {
	int signo;                      /**< the signal number */
	uint8_t padding[52];            /**< unused */
} mess_sigs;

/** RS_GETSYSINFO, request and reply; the reply's m_type is the number of rows copied. */
typedef struct {
	uint32_t addr;                  /**< in: the buffer, an address in the caller's space */
	uint32_t len;                   /**< in: its size in bytes */
	uint32_t row_size;              /**< in: sizeof(struct rs_svcinfo) (else EINVAL) */
	uint32_t total;                 /**< out: services in the table (rows a buffer large
					     enough would get) */
	uint8_t padding[40];            /**< unused */
} mess_rs_sysinfo;

/** The service RS_UP starts, in the caller's memory (every string NUL-terminated). */
struct rs_start {
	char path[RS_PATH_LEN];         /**< the program, an absolute path */
	char label[16];                 /**< its label ("": the program's file name) */
	char args[RS_ARGS_LEN];         /**< its arguments, separated by spaces */
	char dev[RS_DEV_LEN];           /**< the device node it serves ("": none) */
	uint32_t dev_major;             /**< that node's major (`service` stats it; 0: none):
					     RS maps it to the label in VFS */
	uint32_t period;                /**< heartbeat period in clock ticks (0: none):
					     two periods without an answer to RS's ping
					     is a hang */
	struct sc_service conf;         /**< its privileges: the system.conf entry of its
					     label, parsed by the caller (`service` reads
					     /etc/system.conf or -config FILE); RS checks it
					     (EINVAL: another label, an entry with errors, a
					     count out of range) */
	uint32_t flags;                 /**< RS_START_* */
	char script[RS_PATH_LEN];       /**< recovery script ("": none): on a death RS runs
					     `sh script LABEL REASON RESTARTS` instead of
					     restarting */
};

/** struct rs_start flags: `service up -n` or `service run`, the service is not restarted
 *  when it dies (its exit frees its slot). */
#define RS_START_NORESTART      0x01
/** struct rs_start flags: `service up -b`, no back-off: every restart is at once. */
#define RS_START_NOBACKOFF      0x02
/** struct rs_start flags: `service up -p`, keep a standby replica for the next restart. */
#define RS_START_REPLICA        0x04

/** RS_UP, RS_DOWN, RS_REFRESH, RS_EDIT, RS_LOOKUP (and the unimplemented requests),
 *  request and reply. */
typedef struct {
	uint32_t addr;                  /**< in UP, EDIT, UPDATE: the struct rs_start, in the
					     caller */
	uint32_t len;                   /**< in UP, EDIT, UPDATE: sizeof(struct rs_start) (else
					     EINVAL) */
	char label[16];                 /**< in DOWN, REFRESH, LOOKUP: the label,
					     NUL-terminated */
	endpoint_t endpoint;            /**< out UP, REFRESH, LOOKUP: the service's endpoint */
	int32_t pid;                    /**< out UP, REFRESH, LOOKUP: its pid (-1: a boot
					     process) */
	int32_t lu_state;               /**< in UPDATE: SEF_LU_STATE_* (0: work-free) */
	uint32_t lu_maxtime;            /**< in UPDATE: ms to get ready (0: 2000; <= 20000) */
	uint8_t padding[16];            /**< unused */
} mess_rs_req;

_Static_assert(sizeof(mess_rs_req) == 56, "layout size");
_Static_assert(sizeof(mess_rs_init) == 56, "layout size");
_Static_assert(sizeof(mess_rs_lu) == 56, "layout size");
_Static_assert(sizeof(mess_sigs) == 56, "layout size");
_Static_assert(sizeof(mess_rs_sysinfo) == 56, "layout size");

/* ---- the public service table ---------------------------------------------------------- */
/** Entries of RS's public table (one per possible system service). */
#define RS_NR_PUB               NR_SYS_PROCS
/** Size of a label and of a program name in the table, NUL included. */
#define RS_MAX_LABEL_LEN        16

/* sys_flags of a service (handouts/rs.md, "The boot of services"). */
#define SF_CORE_SRV     0x01    /**< cannot be brought down; its death is fatal */
#define SF_SYNCH_BOOT   0x02    /**< at boot, RS waits for its init before starting the next */
#define SF_NEED_COPY    0x04    /**< needs an in-memory copy of its binary */
#define SF_USE_COPY     0x08    /**< has one */
#define SF_NEED_REPL    0x10    /**< can only be restarted from a replica */
#define SF_USE_REPL     0x20    /**< keeps a replica */
#define SF_NO_BIN_EXP   0x40    /**< no binary exponential back-off */
#define SF_RESTART      0x80    /**< a boot service RS restarts when it dies, from its program
				     in /service (module word sf=restart); root may kill -9 it
				     (handouts/rs.md, "Boot services") */

/** One service as everyone may see it (RS's public table, read through the init grant). */
struct rprocpub {
	int in_use;                             /**< nonzero: the entry describes a service */
	uint32_t sys_flags;                     /**< SF_* */
	endpoint_t endpoint;                    /**< its endpoint */
	char label[RS_MAX_LABEL_LEN];           /**< its label (unique; DS's name for it) */
	char proc_name[RS_MAX_LABEL_LEN];       /**< its program name */
};

/* ---- RS_GETSYSINFO rows ----------------------------------------------------------------- */
/* flags of struct rs_svcinfo: how the service stands with RS. */
#define RSI_BOOT        0x01    /**< started from the boot image (not by `service up`) */
#define RSI_SYSTEM      0x02    /**< a system service (else a user process RS started, init) */
#define RSI_ACTIVE      0x04    /**< initialised and running */
#define RSI_INITIALIZING 0x08   /**< RS_INIT sent, its answer not in yet */
#define RSI_PINGED      0x10    /**< pinged by RS, no answer yet */
#define RSI_RESTARTING  0x20    /**< died; RS is restarting it (or waits out its back-off) */
#define RSI_NORESTART   0x40    /**< `service up -n`, `service run`, or after RS_SHUTDOWN:
				     not restarted when it dies */
#define RSI_EXITING     0x80    /**< RS_DOWN or RS_REFRESH: told to exit, not gone yet */
#define RSI_REFRESHING  0x100   /**< RS_REFRESH: restarted at once when it is gone */
#define RSI_UPDATING    0x200   /**< a live update of it is in progress */
#define RSI_REPLICA     0x400   /**< a standby replica is ready for its next restart */

/** One row of RS_GETSYSINFO: one service (or boot user process) of RS's table. */
struct rs_svcinfo {
	char label[RS_MAX_LABEL_LEN];           /**< its label (DS's name for it), NUL-ended */
	char proc_name[RS_MAX_LABEL_LEN];       /**< its program name, NUL-ended */
	endpoint_t endpoint;                    /**< its endpoint */
	int32_t pid;                            /**< its pid, or -1 if RS does not know it (boot
						     processes: PM numbered them, ask PM) */
	uint32_t flags;                         /**< RSI_* */
	uint32_t sys_flags;                     /**< SF_* */
	uint32_t period;                        /**< heartbeat period in clock ticks (0: none) */
	uint32_t restarts;                      /**< times RS has restarted it */
};

#endif /* MINNOW_RS_H */
