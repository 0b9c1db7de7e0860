/*
 * glo.h - RS's global state: the service table, public and private halves.
 */
#ifndef RS_GLO_H
#define RS_GLO_H

#include <minnow/kinfo.h>
#include <minnow/rs.h>
#include <minnow/safecopies.h>
#include <minnow/sysconf.h>

/* The period of RS's alarm (sys_setalarm), in milliseconds: stopping services and
 * restart back-offs count in these periods. */
#define RS_ALARM_MS     500

/* r_flags (handouts/rs.md, "Three views of one service") */
#define RS_IN_USE       0x001   /* the slot describes a service */
#define RS_EXITING      0x004   /* RS_DOWN or RS_REFRESH: SIGTERM sent, not gone yet */
#define RS_REFRESHING   0x008   /* RS_REFRESH: restart at once when gone (refresh.c) */
#define RS_INITIALIZING 0x040   /* RS_INIT sent, answer not yet in */
#define RS_ACTIVE       0x100   /* initialised and running */
#define RS_PINGED       0x1000  /* pinged, no answer yet */
#define RS_BOOT_SVC     0x2000  /* started from the boot image */
#define RS_LABEL_DS     0x4000  /* RS_UP published its label in DS (before its init) */
#define RS_RESTARTING   0x8000  /* died; being restarted or waiting out its back-off */
#define RS_UPDATING     0x10000 /* a live update of it is in progress (update.c) */
#define RS_NOPINGREPLY  0x20000 /* killed by RS: it missed two heartbeats (heartbeat.c) */

/** One service, RS's private view; r_pub is its public half (rprocpub[] at the same index). */
struct rproc {
	struct rprocpub *r_pub;         /**< the public half */
	int r_flags;                    /**< RS_* */
	int r_is_sys;                   /**< a system process (else a user process) */
	int r_module;                   /**< its boot module's index in kinfo */
	const struct sc_service *r_conf; /**< its system.conf entry (NULL: a user process);
					     for a service RS_UP started, the caller's copy */
	int r_pid;                      /**< its pid; -1 if unknown (boot processes) */
	uint32_t r_period;              /**< heartbeat period in ticks (`service up -period`;
					     0: not pinged; heartbeat.c) */
	char r_dev[RS_DEV_LEN];         /**< the device node it serves (`-dev`; its major is
					     r_start.dev_major, mapped in VFS: dev.c) */
	endpoint_t r_caller;            /**< the `service` process waiting for RS's answer to
					     its RS_UP, RS_DOWN or RS_REFRESH about this
					     service (NONE) */
	int r_down_ticks;               /**< RS_EXITING: alarm periods left before SIGKILL */
	int r_restarts;                 /**< times restarted (restart.c) */
	struct rs_start r_start;        /**< how RS_UP started it (a restart starts it again) */
	endpoint_t r_old_endpoint;      /**< the endpoint of the instance that died (NONE) */
	uint32_t r_start_ticks;         /**< uptime when its current instance was started */
	int r_backoff_exp;              /**< deaths in a row soon after a start: the back-off */
	int r_backoff;                  /**< RS_RESTARTING: alarm periods left before the restart
					     (0: none pending) */
	/* crash recovery with replicas, heartbeats, scripts (restart.c, replica.c,
	 * heartbeat.c, script.c) */
	endpoint_t r_dead_ep;           /**< the frozen image of the instance that died (its
					     own endpoint until the swap, then the replica's
					     slot), ended once the restart init answers OK;
					     NONE: no image held */
	endpoint_t r_replica_ep;        /**< a standby replica (`-p`, RS_CLONE): NONE if none */
	int r_replica_pid;              /**< its pid */
	char r_reason[16];              /**< why it died: "terminated" or "no-heartbeat" */
	uint32_t r_ping_ticks;          /**< uptime of RS's last ping */
	uint32_t r_alive_ticks;         /**< uptime of its last answer (or of its start) */
};

/** The privileges RS gives a service it starts (rs_set_privileges, up.c): the kernel's
 *  description, made from the service's system.conf entry (every service is a system
 *  process with RS as its signal manager). */
struct rs_privs {
	struct priv_spec spec;          /**< IPC traps, kernel calls, IPC targets */
};

/* The service table. */
extern struct rproc rproc[RS_NR_PUB];
/* Its public half, granted read-only to everyone (rproctab_gid). */
extern struct rprocpub rprocpub[RS_NR_PUB];
/* The grant of rprocpub, sent in every RS_INIT. */
extern cp_grant_id_t rproctab_gid;
/* RS's own endpoint. */
extern endpoint_t rs_self;
/* The boot information (the boot modules and their arguments). */
extern struct kinfo rs_kinfo;
/* RS_INIT answers still expected from boot services. */
extern int boot_pending;
/* The boot loop has sent every RS_INIT (boot can end when boot_pending reaches 0). */
extern int boot_started;
/* Boot has ended (the pings went out). */
extern int boot_done;
/* system.conf as read at boot from its data module (boot.c). */
extern struct sysconf rs_sysconf;
/* RS_SHUTDOWN came: no service is restarted any more (shutdown.c). */
extern int rs_shutting_down;

#endif
