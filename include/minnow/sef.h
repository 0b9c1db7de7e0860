/**
 * @file sef.h
 * @brief SEF, the System Event Framework: the receive loop of every service (lib/libsys/sef*.c).
 *
 * A service registers callbacks with the sef_setcb_* functions, calls sef_startup() and
 * then receives with sef_receive() / sef_receive_status() instead of ipc_receive().  SEF
 * consumes the control events RS and the kernel send a service, calls the matching
 * callback and never hands them to the service's own code:
 *
 * - **init** (RS_INIT, minnow/rs.h): sef_startup() blocks until RS's RS_INIT arrives
 *   (it receives from RS only: other messages wait for the service's loop, which is how
 *   the requests queued for the old version of a live update reach the new one; anything
 *   else from RS is dropped), runs the fresh, live-update or restart
 *   callback, and answers RS with the result (`sendrec`: RS's reply releases the service).
 *   RS itself (ROOT_SYS_PROC) runs its fresh callback locally; a new RS of RS's own live
 *   update (ROOT_SYS_PROC, but not yet at RS_PROC_NR) waits for RS_INIT from the old RS
 *   like any service, and calls sef_swapped_in() once VM has swapped it into RS's slot; VM
 *   returns at once and answers RS_INIT later from its receive loop.
 * - **ping**: a notification from RS calls the ping callback (default: notify RS back).
 * - **signals**: a notification from SYSTEM carrying SIGKSIG (the caller is a signal
 *   manager) runs the manager loop: sys_getksig() until NONE, the signal-manager callback
 *   for each signal, then sys_endksig() unless the callback says the process is gone
 *   (EDEADEPT / EDEADSRCDST).  SIGKSIGSM (self-managed: RS, VM) calls the signal handler
 *   for each own signal; a SIGS_SIGNAL_RECEIVED message from the caller's manager calls the
 *   signal handler with its number.
 * - **live update** (RS_LU_PREPARE, minnow/rs.h; lib/libsys/sef_lu.c): RS asks the old
 *   version to prepare for a state; SEF checks the state is valid (state-isvalid callback),
 *   and at each later receive asks the prepare callback whether the service is in that
 *   state; once it is, the state-save callback runs and SEF tells RS with a `sendrec`, in
 *   which the old version stays parked: RS swaps the new version in, or answers (a
 *   rollback or a cancel) and the old version goes on serving.
 *
 * Callback defaults (handouts/rs.md, "SEF: the service's side"): fresh and live-update init
 * do nothing, restart init answers ERESTART, the init response is a `sendrec` to RS, the
 * ping reply a `notify` to RS, signals are ignored and there is no signal manager; for live
 * update, every standard state is valid and always ready, and saving does nothing.
 */
#ifndef MINNOW_SEF_H
#define MINNOW_SEF_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/endpoint.h>
#include <minnow/ipc.h>
#include <minnow/rs.h>

/** Privilege flags as sys_whoami() reports them (kernel/priv.h): RS. */
#define SEF_ROOT_SYS_PROC       0x04
/** Privilege flags as sys_whoami() reports them (kernel/priv.h): VM. */
#define SEF_VM_SYS_PROC         0x08

/** What an init callback learns (from RS_INIT). */
typedef struct {
	cp_grant_id_t rproctab_gid;     /**< grant of RS's public table (struct rprocpub[]) */
	endpoint_t endpoint;            /**< the service's own endpoint */
	endpoint_t old_endpoint;        /**< its previous instance (NONE: fresh start) */
	endpoint_t rs_endpoint;         /**< RS (who sent RS_INIT) */
	endpoint_t image_endpoint;      /**< the previous instance's image, readable until
					     the init answers (sef_copy_state): the dead
					     instance frozen for a restart from a replica, the
					     old version of a live update; else NONE */
	vir_bytes state;                /**< RS updating itself: where the old RS keeps
					     its state descriptor (in image_endpoint); 0 */
} sef_init_info_t;

/** An init callback: @p type is SEF_INIT_*; returns OK or a negated error. */
typedef int (*sef_cb_init_t)(int type, sef_init_info_t *info);
/** Sends the init result @p m (RS_INIT) to RS; returns what RS answered. */
typedef int (*sef_cb_init_response_t)(message *m);
/** Answers a ping from @p source (RS). */
typedef void (*sef_cb_ping_reply_t)(endpoint_t source);
/** Handles signal @p signo sent to the service itself. */
typedef void (*sef_cb_signal_handler_t)(int signo);
/** A signal manager handles signal @p signo of process @p target; OK, or EDEADEPT /
 *  EDEADSRCDST (negated) if @p target is gone (then sys_endksig() is skipped). */
typedef int (*sef_cb_signal_manager_t)(endpoint_t target, int signo);
/** Live update: is the service in @p state (SEF_LU_STATE_*) now?  OK if ready, else
 *  -ENOTREADY (asked again at the next receive). */
typedef int (*sef_cb_lu_prepare_t)(int state);
/** Live update: does the service know @p state?  Nonzero if so (else RS gets EINVAL). */
typedef int (*sef_cb_lu_state_isvalid_t)(int state);
/** Live update: save the state for the new version (in DS, say); OK or a negated error
 *  (the update is then cancelled). */
typedef int (*sef_cb_lu_state_save_t)(int state);

/** Set the callback for a fresh start (NULL: sef_cb_init_null). */
void sef_setcb_init_fresh(sef_cb_init_t cb);
/** Set the callback for the new version of a live update (NULL: sef_cb_init_null). */
void sef_setcb_init_lu(sef_cb_init_t cb);
/** Set the callback for a restart (NULL: sef_cb_init_reset). */
void sef_setcb_init_restart(sef_cb_init_t cb);
/** Call before sef_startup() in a service whose restart keeps its dead predecessor's state
 *  (sef_copy_state): a restart under the same endpoint then keeps the requests the dead
 *  instance never took (queued senders, SENDA messages), which the new instance serves;
 *  only clients waiting for the dead instance's answers wake up with EDEADSRCDST
 *  (SYS_STATE_CLEAR_REPLIES).  Without it every IPC reference is cancelled. */
void sef_restart_keep_requests(void);
/** Set how the init result reaches RS (NULL: sef_cb_init_response_rs_reply). */
void sef_setcb_init_response(sef_cb_init_response_t cb);
/** Set the ping callback (NULL: pings are ignored, so RS will think the service hangs). */
void sef_setcb_ping_reply(sef_cb_ping_reply_t cb);
/** Set the handler of the service's own signals (NULL: ignore them). */
void sef_setcb_signal_handler(sef_cb_signal_handler_t cb);
/** Make the service a signal manager with this callback (NULL: signals of managed
 *  processes are acknowledged and otherwise ignored). */
void sef_setcb_signal_manager(sef_cb_signal_manager_t cb);

/** Set the live-update prepare callback (NULL: sef_cb_lu_prepare_always_ready). */
void sef_setcb_lu_prepare(sef_cb_lu_prepare_t cb);
/** Set the live-update state-isvalid callback (NULL: sef_cb_lu_state_isvalid_standard). */
void sef_setcb_lu_state_isvalid(sef_cb_lu_state_isvalid_t cb);
/** Set the live-update state-save callback (NULL: sef_cb_lu_state_save_null). */
void sef_setcb_lu_state_save(sef_cb_lu_state_save_t cb);

/** Prepare callback: ready at once, whatever the state (the service is between two
 *  requests whenever SEF asks). */
int sef_cb_lu_prepare_always_ready(int state);
/** State-isvalid callback: the standard states (work-free, request-free, protocol-free). */
int sef_cb_lu_state_isvalid_standard(int state);
/** State-save callback that saves nothing. */
int sef_cb_lu_state_save_null(int state);

/** Init callback that does nothing and succeeds. */
int sef_cb_init_null(int type, sef_init_info_t *info);
/** Init callback that refuses a restart: ERESTART (RS then starts a fresh instance). */
int sef_cb_init_reset(int type, sef_init_info_t *info);
/**
 * Copy [@p addr, @p addr + @p len) of the previous instance into the same addresses here
 * (a restart init keeping the dead instance's state; handouts/rs.md, "Boot services").
 * Only the same program has the same layout: call it for static data only (a pointer
 * copied this way still points into the dead instance's heap).
 * @return OK; -ENOENT if @p info names no frozen image (a reset, a fresh start); or the
 *         error of sys_vircopy.
 */
int sef_copy_state(const sef_init_info_t *info, void *addr, size_t len);
/**
 * Take the previous instance's whole data and bss, [__data_start, _end) of lib/user.ld,
 * byte for byte (a restart or update init of a service whose every table is static or in
 * its bss: MFS, VM).  Both must be the same program: a layout record (the end of the text,
 * the data's bounds) read at the same address in the image must match, else -EINVAL and
 * nothing was copied.  Afterwards every variable holds the previous instance's value; the
 * grant table is announced to the kernel again (cpf_reload()) and a copied live-update
 * prepare is forgotten (sef_lu_reset()).
 * @return OK; -ENOENT if @p info names no image; -EINVAL for another program; or the error
 *         of sys_vircopy.
 */
int sef_copy_image(const sef_init_info_t *info);
/** Init callback that panics. */
int sef_cb_init_crash(int type, sef_init_info_t *info);
/** Default init response: `sendrec` @p m to RS. */
int sef_cb_init_response_rs_reply(message *m);
/** Default ping reply: notify @p source back. */
void sef_cb_ping_reply_pong(endpoint_t source);
/** Signal handler that ignores everything. */
void sef_cb_signal_handler_null(int signo);
/** Signal handler that ends the service on SIGTERM (sef_exit). */
void sef_cb_signal_handler_term(int signo);

/** Start the service: learn who it is and do the init handshake (see the file comment). */
void sef_startup(void);
/** Receive the next message for the service from @p src (or ANY) into @p m, with the IPC
 *  status word in @p status (may be NULL), consuming SEF's own events.  OK, a negated IPC
 *  error, or -EINTR after sef_cancel(). */
int sef_receive_status(endpoint_t src, message *m, int *status);
/** Answer @p to (NONE: nobody) with the message in @p m by SENDNB, then
 *  sef_receive_status(ANY, @p m, @p status), in one REPLYREC trap when nothing must happen
 *  between the two (a live-update prepare RS asked for, a sef_cancel(): then the answer goes
 *  first on its own).  The answer's result goes to @p reply_r (OK, or why it was dropped:
 *  the caller was not waiting).  srv_loop() serves with it (handouts/ipc.md, "REPLYREC"). */
int sef_reply_receive(endpoint_t to, message *m, int *status, int *reply_r);
/** sef_receive_status() without the status word. */
int sef_receive(endpoint_t src, message *m);
/** Make the pending (or next) sef_receive return -EINTR once (from a signal handler). */
void sef_cancel(void);
/** End the service: sys_exit() (its signal manager cleans up).  Never returns. */
void sef_exit(int status) __attribute__((noreturn));
/** The service's own endpoint (valid after sef_startup). */
endpoint_t sef_self(void);
/** RS's endpoint as learnt from RS_INIT (NONE before it arrived). */
endpoint_t sef_rs_endpoint(void);
/** Wait for RS_INIT from RS only and run the init it asks for, as sef_startup() does for an
 *  ordinary service: the new VM of a live update of VM calls it after sef_startup() (which
 *  returns at once for VM), so that nothing queued for VM is served before its state is in. */
void sef_await_init(void);
/** Forget a pending live-update prepare: a new version that copied its predecessor's
 *  memory whole (VM) copied its prepare state too. */
void sef_lu_reset(void);
/** A new RS now runs in RS's slot (RS's own live update): learn the new endpoint again
 *  (sef_self() and sef_rs_endpoint() become RS_PROC_NR).  OK or sys_whoami's error. */
int sef_swapped_in(void);

/** Send @p m to @p dst without blocking, through the caller's SENDA table; @p flags are
 *  AMF_NOREPLY and/or AMF_NOTIFY*.  OK, -ENOSPC if all slots are still busy, or what SENDA
 *  said. */
int asynsend3(endpoint_t dst, message *m, int flags);
/** The messages asynsend3() queued that the kernel has not delivered yet. */
int asynsend_pending(void);

#endif /* MINNOW_SEF_H */
