/*
 * driver.c - libdriver's receive loop: driver_receive() with the open-minor filter,
 * driver_announce() and driver_task() (handouts/drivers.md; the interface and the
 * rules are in include/minnow/driver.h).
 *
 * Before the filter, the caller check (callers.c): a request from a process that may not
 * speak the driver's protocols is refused.  Notifications are known by the IPC status
 * word (IPC_STATUS_CALL() == NOTIFY), never by m_type; a SENDREC whose type no table
 * serves is answered ENOSYS.
 *
 * The open-minor filter: a bitmap of the minors this instance has answered an OPEN for
 * with OK.  A restarted driver starts with it empty, so a READ, WRITE, IOCTL, CLOSE, CANCEL
 * or SELECT that a caller queued for the crashed predecessor is answered with EIO instead of
 * being served against state the new instance does not have.  driver_announce() empties it
 * too (a restart init announces).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "driver_priv.h"

uint32_t driver_open_table[(DRIVER_MAX_MINOR + 1) / 32];

void
driver_mark_open(devminor_t minor)
{
	if (minor >= 0 && minor <= DRIVER_MAX_MINOR)
		driver_open_table[minor / 32] |= 1u << (minor % 32);
}

int
driver_minor_open(devminor_t minor)
{
	if (minor < 0 || minor > DRIVER_MAX_MINOR)
		return 1;
	return (driver_open_table[minor / 32] >> (minor % 32)) & 1;
}

void
driver_send_reply(endpoint_t dst, message *m, int ipc_status)
{
	if (IPC_STATUS_CALL(ipc_status) == SENDREC)
		ipc_sendnb(dst, m);	/* the caller waits in its receive */
	else
		asynsend3(dst, m, AMF_NOREPLY);
}

/* A request for a minor not opened by this instance: answer EIO.  1 if refused. */
static int
filter_request(message *m, int ipc_status)
{
	message reply;

	memset(&reply, 0, sizeof(reply));
	if (IS_CDEV_RQ(m->m_type) && m->m_type != CDEV_OPEN && !driver_minor_open(m->m_cdev.minor)) {
		reply.m_type = m->m_type == CDEV_SELECT ? CDEV_SEL1_REPLY : CDEV_REPLY;
		reply.m_cdev_reply.status = -EIO;
		reply.m_cdev_reply.id = m->m_cdev.id;
		reply.m_cdev_reply.minor = m->m_cdev.minor;
	} else if (IS_BDEV_RQ(m->m_type) && m->m_type != BDEV_OPEN && !driver_minor_open(m->m_bdev.minor)) {
		reply.m_type = BDEV_REPLY;
		reply.m_bdev_reply.status = -EIO;
		reply.m_bdev_reply.id = m->m_bdev.id;
	} else {
		return 0;
	}
	driver_send_reply(m->m_source, &reply, ipc_status);
	return 1;
}

int
driver_receive(endpoint_t src, message *m, int *status)
{
	int r, st;

	for (;;) {
		if ((r = sef_receive_status(src, m, &st)) != OK)
			return r;
		if (status != NULL)
			*status = st;
		if (IPC_STATUS_CALL(st) == NOTIFY)
			return OK;	/* a notification, whatever its m_type says */
		if (!driver_caller_ok(m)) {
			driver_refuse(m, st);	/* callers.c: EPERM, or dropped */
			continue;
		}
		if (!filter_request(m, st))
			return OK;
	}
}

/* A message that is neither a notification nor a request of the driver's protocols: a
 * sender waiting in SENDREC is answered ENOSYS; anything else goes to the table's other
 * entry (unanswered). */
static void
other_message(const struct chardriver *cdp, const struct blockdriver *bdp, message *m,
	      int status)
{
	message reply;

	if (IPC_STATUS_CALL(status) == SENDREC) {
		memset(&reply, 0, sizeof(reply));
		reply.m_type = -ENOSYS;
		ipc_sendnb(m->m_source, &reply);
	} else if (cdp != NULL && cdp->cdr_other != NULL) {
		cdp->cdr_other(m, status);
	} else if (bdp != NULL && bdp->bdr_other != NULL) {
		bdp->bdr_other(m, status);
	}
}

/* Publish "drv.<kind>.<label>" = DS_DRIVER_UP. */
static int
publish_up(const char *kind, const char *label)
{
	char key[DS_MAX_KEYLEN];

	snprintf(key, sizeof(key), "drv.%s.%s", kind, label);
	return ds_publish_u32(key, DS_DRIVER_UP, DSF_OVERWRITE);
}

int
driver_announce(int types)
{
	char label[DS_MAX_KEYLEN - 10];
	int r;

	memset(driver_open_table, 0, sizeof(driver_open_table));
	if ((r = sys_statectl(SYS_STATE_CLEAR_IPC_REFS)) != OK)
		return r;
	if ((r = ds_retrieve_label_name(label, sizeof(label), sef_self())) != OK)
		return r;
	if ((types & DRIVER_CHR) && (r = publish_up("chr", label)) != OK)
		return r;
	if ((types & DRIVER_BLK) && (r = publish_up("blk", label)) != OK)
		return r;
	return OK;
}

void
driver_task(const struct chardriver *cdp, const struct blockdriver *bdp)
{
	message m;
	int r, status;

	for (;;) {
		if ((r = driver_receive(ANY, &m, &status)) != OK) {
			if (r != -EINTR)
				printf("driver_task: receive failed (%d)\n", r);
			continue;
		}
		if (IPC_STATUS_CALL(status) == NOTIFY) {
			if (cdp != NULL && cdp->cdr_other != NULL)
				cdp->cdr_other(&m, status);
			else if (bdp != NULL && bdp->bdr_other != NULL)
				bdp->bdr_other(&m, status);
		} else if (cdp != NULL && IS_CDEV_RQ(m.m_type)) {
			chardriver_process(cdp, &m, status);
		} else if (bdp != NULL && IS_BDEV_RQ(m.m_type)) {
			blockdriver_process(bdp, &m, status);
		} else {
			other_message(cdp, bdp, &m, status);
		}
	}
}
