/**
 * @file driver.h
 * @brief libdriver (lib/libdriver): the receive loop, dispatch and replies of character and
 *        block drivers, and the "driver up" announcement.
 *
 * A driver fills a struct chardriver and/or a struct blockdriver with its entry points,
 * calls sef_startup() (its init callback calls driver_announce()), then driver_task(), which
 * never returns: it receives with driver_receive(), hands CDEV_* requests (minnow/cdev.h) to
 * the character table and BDEV_* requests (minnow/bdev.h) to the block table, notifications
 * (known by the IPC status word, never by m_type) and other messages not sent with SENDREC
 * to the character table's @c cdr_other entry (the block table's @c bdr_other when there is
 * no character table), and sends the reply.  A SENDREC of any other type is answered
 * -ENOSYS.
 *
 * Who may call.  driver_receive() first refuses a request from a process that may not use
 * the protocol (lib/libdriver/callers.c): CDEV_* only from VFS, BDEV_* from VFS and the root
 * file server MFS, and from the processes whose DS labels the driver's argument
 * `callers=LABEL[,LABEL...]` names.  A refused sender waiting in SENDREC is answered EPERM
 * (CDEV_REPLY, BDEV_REPLY, or m_type -EPERM); any other refused message is dropped
 * (handouts/drivers.md, "Who may call a driver").
 *
 * Replies.  An entry point returns what the reply's status should be (bytes, OK or a negated
 * error) and the library replies at once: with SENDNB if the request came by SENDREC (the
 * caller waits in its receive), else with asynsend3(AMF_NOREPLY), so a driver never blocks on
 * its caller.  A character entry point that cannot finish now returns -EDONTREPLY, keeps the
 * caller's endpoint and id, and later calls chardriver_reply_task() (which always uses
 * asynsend3).  Entry points left NULL answer ENXIO for open and EIO for the others, except
 * close (OK) and ioctl (ENOTTY).
 *
 * Restarts.  driver_receive() refuses (status EIO) every request but OPEN for a minor that
 * this driver instance has not seen opened since it started: such a request was meant for a
 * crashed predecessor (MINIX 3.1's filter, answered rather than ignored so the caller is
 * never left waiting; handouts/drivers.md, "Restarts: the open-minor filter").  Its users
 * do the rest when the new instance announces itself: VFS makes the descriptors opened
 * before stale (EIO) for a character driver and opens the block specials again for a block
 * driver, and a file server opens its minor again (handouts/vfs.md, "Driver restarts";
 * handouts/drivers.md, "Restarting a block driver").
 *
 * The "up" convention (chosen here): driver_announce() publishes the u32 DS_DRIVER_UP under
 * "drv.chr.<label>" and/or "drv.blk.<label>" (MINIX 3.3's keys; @c label is the driver's DS
 * label as RS registered it) with DSF_OVERWRITE, after sys_statectl(SYS_STATE_CLEAR_IPC_REFS)
 * so that processes still blocked on a dead predecessor wake up with EDEADSRCDST.  VFS
 * subscribes to "drv\.[bc][hl][kr]\..*" (servers/vfs/device.c) to learn that a driver is
 * (again) up: every announcement, with the old endpoint or a new one, is a new instance
 * to VFS.  A fresh start and a restart announce; a live update does not (the new version
 * serves the old version's descriptors).
 *
 * Live update and restart defaults (lib/libdriver/lu.c): driver_setcb_defaults() gives a
 * driver SEF init callbacks that announce it (fresh start, restart: the restart also says
 * so on the console) or take over the open-minor table its old version saved with
 * driver_state_save() (live update), so that requests for minors the old version opened
 * are served, not refused (handouts/hello.md, "State hand-over").
 */
#ifndef MINNOW_DRIVER_H
#define MINNOW_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/bdev.h>
#include <minnow/cdev.h>
#include <minnow/endpoint.h>
#include <minnow/ipc.h>
#include <minnow/sef.h>

/** Highest minor number the open-minor filter tracks (requests above it are never filtered). */
#define DRIVER_MAX_MINOR        255

/** driver_announce(): publish "drv.chr.<label>". */
#define DRIVER_CHR              0x01
/** driver_announce(): publish "drv.blk.<label>". */
#define DRIVER_BLK              0x02

/** A character driver's entry points (any may be NULL; see the file comment). */
struct chardriver {
	/** Open @p minor with @p access (CDEV_R_BIT...) for @p user: OK or an error. */
	int (*cdr_open)(devminor_t minor, int access, endpoint_t user);
	/** Close @p minor: OK or an error. */
	int (*cdr_close)(devminor_t minor);
	/** Read @p size bytes at @p pos into @p endpt's grant @p grant: bytes or an error
	 *  (-EDONTREPLY: the reply comes later, see chardriver_reply_task()). */
	int (*cdr_read)(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant,
			size_t size, int flags, cdev_id_t id);
	/** Write @p size bytes at @p pos from @p endpt's grant @p grant: bytes or an error. */
	int (*cdr_write)(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant,
			 size_t size, int flags, cdev_id_t id);
	/** ioctl @p request with @p endpt's grant @p grant, on behalf of @p user. */
	int (*cdr_ioctl)(devminor_t minor, int request, endpoint_t endpt, cp_grant_id_t grant,
			 int flags, endpoint_t user, cdev_id_t id);
	/** Cancel the suspended request @p id of @p endpt: the status of the cancelled request
	 *  (typically -EINTR), which becomes the one reply it gets. */
	int (*cdr_cancel)(devminor_t minor, endpoint_t endpt, cdev_id_t id);
	/** Select: the subset of @p ops (CDEV_OP_*) ready now (CDEV_NOTIFY: remember to send
	 *  CDEV_SEL2_REPLY later). */
	int (*cdr_select)(devminor_t minor, int ops, endpoint_t endpt);
	/** Any other message (notifications, other protocols); no reply is sent for it. */
	void (*cdr_other)(message *m, int ipc_status);
};

/** A block driver's entry points (any may be NULL; see the file comment). */
struct blockdriver {
	/** Open @p minor with @p access (BDEV_R_BIT...): OK or an error. */
	int (*bdr_open)(devminor_t minor, int access);
	/** Close @p minor: OK or an error. */
	int (*bdr_close)(devminor_t minor);
	/** Read (@p do_write 0) or write @p size bytes at @p pos through @p endpt's grant
	 *  @p grant: bytes transferred or an error. */
	int (*bdr_transfer)(devminor_t minor, int do_write, uint64_t pos, endpoint_t endpt,
			    cp_grant_id_t grant, size_t size, int flags);
	/** ioctl @p request with @p endpt's grant @p grant, on behalf of @p user. */
	int (*bdr_ioctl)(devminor_t minor, int request, endpoint_t endpt, cp_grant_id_t grant,
			 endpoint_t user);
	/** Any other message; no reply is sent for it. */
	void (*bdr_other)(message *m, int ipc_status);
};

/** Receive the next message for the driver (SEF's sef_receive_status()), applying the
 *  open-minor filter: a request refused by it is answered (EIO) here and not returned.
 *  OK or a negated IPC error. */
int driver_receive(endpoint_t src, message *m, int *status);
/** Is @p endpt's DS label @p also (when not NULL) or one that the driver's `callers=`
 *  argument names?  The verdict is remembered per endpoint, so a process passes the same
 *  @p also every time (libnetdriver: "inet"). */
int driver_label_caller(endpoint_t endpt, const char *also);
/** Publish the driver's "up" keys (@p types: DRIVER_CHR and/or DRIVER_BLK) after clearing
 *  the IPC references to the caller, and forget every opened minor.  Call it from the fresh
 *  and restart init callbacks, never from a live-update init: to VFS every announcement is a
 *  new instance whose predecessor's descriptors are stale.  OK or a negated error from DS
 *  or the kernel. */
int driver_announce(int types);
/** Remember that this instance answered OPEN of @p minor with OK (libdriver does it for
 *  every successful OPEN; minors outside 0..DRIVER_MAX_MINOR are ignored). */
void driver_mark_open(devminor_t minor);
/** Has this instance seen @p minor opened (the open-minor filter's table)?  Minors outside
 *  0..DRIVER_MAX_MINOR always count as open. */
int driver_minor_open(devminor_t minor);
/** A restart that keeps the dead instance's state (a boot driver such as tty: its users'
 *  descriptors stay valid): copy the open-minor table of the instance that died out of
 *  its frozen image (sef_copy_state; SEF has cleared the IPC references to the dead
 *  instance), without announcing (VFS sees no new instance; handouts/rs.md, "Boot services").  Call
 *  it from a restart init instead of driver_announce(), after copying the driver's own
 *  state the same way.  OK, or a negated error (-ENOENT: no frozen image). */
int driver_restart_keep(const sef_init_info_t *info);
/** Live update, old version: publish the open-minor table in DS (private memory entry
 *  "<label>.drv.open") for the new version.  OK or a negated DS error. */
int driver_state_save(void);
/** Live update, new version: take back the table driver_state_save() published and delete
 *  the entry.  OK, -ESRCH if nothing was saved, or another negated DS error. */
int driver_state_restore(void);
/** Default SEF fresh-init callback: driver_announce() with the types given to
 *  driver_setcb_defaults(). */
int driver_init_default(int type, sef_init_info_t *info);
/** Default SEF live-update init callback: driver_state_restore(). */
int driver_init_lu_default(int type, sef_init_info_t *info);
/** Default SEF restart init callback: driver_announce() and "<label>: restarted" on the
 *  console. */
int driver_init_restart_default(int type, sef_init_info_t *info);
/** Register the three default init callbacks and the live-update state-save callback
 *  (driver_state_save()) with SEF, announcing @p types (DRIVER_CHR and/or DRIVER_BLK).
 *  Call before sef_startup(); a driver may then override any of them with
 *  sef_setcb_init_*() and sef_setcb_lu_*(). */
void driver_setcb_defaults(int types);
/** The main loop: receive and handle messages with the two tables (either may be NULL)
 *  forever. */
void driver_task(const struct chardriver *cdp, const struct blockdriver *bdp) __attribute__((noreturn));
/** Handle one character request @p m received with @p ipc_status, and reply. */
void chardriver_process(const struct chardriver *cdp, message *m, int ipc_status);
/** Handle one block request @p m received with @p ipc_status, and reply. */
void blockdriver_process(const struct blockdriver *bdp, message *m, int ipc_status);
/** The user process on whose behalf the character request being handled is made (the
 *  request's @c user: for permission and job-control decisions only), or NONE (none is
 *  being handled, or a CLOSE or CANCEL). */
endpoint_t chardriver_user(void);
/** Send the late CDEV_REPLY with @p status for request @p id to @p endpt (a request whose
 *  entry point returned -EDONTREPLY).  OK or the asynsend3() error. */
int chardriver_reply_task(endpoint_t endpt, cdev_id_t id, int status);
/** Send CDEV_SEL2_REPLY: @p ops of @p minor became ready, to @p endpt. */
int chardriver_reply_select(endpoint_t endpt, devminor_t minor, int ops);

#endif /* MINNOW_DRIVER_H */
