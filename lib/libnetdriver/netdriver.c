/*
 * netdriver.c - libnetdriver's start-up and loop: the DL_ protocol's server side for every
 * network driver (include/minnow/netdriver.h is the interface and its rules;
 * handouts/netdriver.md, "libnetdriver").
 *
 * Start-up (SEF): a fresh start, a restart and the new version of a live update all announce
 * the instance in DS (`drv.net.<label>` = DS_DRIVER_UP) and forget the card: a client hears
 * of every new instance through DS and configures it again, so the library holds no state
 * worth handing over.  A restarted instance resets its card at once (ndr_init, then
 * ndr_stop): the dead one may have left it receiving into pages VM has taken back.  SIGTERM
 * stops the card and exits; an old version about to be replaced by a live update stops its
 * card in the state-save step.
 *
 * The loop: a notification from HARDWARE goes to ndr_intr with its bitmap, one from CLOCK
 * is the watchdog (ndr_alarm, then the alarm again, one second later); the other
 * notifications and non-DL_ messages go to ndr_other (a SENDREC among them is answered
 * ENOSYS).  A DL_ request passes the caller check (lib/libdriver/callers.c: the DS label
 * "inet" or one named by `callers=`; others are answered EPERM if they wait in SENDREC,
 * else dropped), then the gate: until the first DL_CONF of this instance every other DL_
 * request is dropped unanswered.  Requests: DL_CONF here, DL_WRITEV_S and DL_READV_S in
 * request.c, DL_GETSTAT_S here.  Replies go by SENDNB to a caller in SENDREC, else by
 * asynsend (AMF_NOREPLY): the driver never blocks on a client.
 *
 * Entry points: netdriver_task(), netdriver_announce(), netdriver_instance().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/driver.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/netdriver.h>
#include <minnow/rs.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "netdriver_priv.h"

extern char **__libc_argv;      /* main's argv (lib/libc/exit.c, set by crt0.S) */

const struct netdriver *ndr_table;      /* the driver's card code */
static int ndr_conf_seen;                     /* a DL_CONF came since this instance announced */
int ndr_card;                           /* ndr_init's result: OK, an error, or 1: not tried */
static uint32_t ndr_hz;                 /* clock ticks per second: the watchdog's period */

unsigned int
netdriver_instance(void)
{
	char **av = __libc_argv;

	for (; av != NULL && *av != NULL; av++)
		if (strncmp(*av, "instance=", 9) == 0)
			return (unsigned int)strtoul(*av + 9, NULL, 10);
	return 0;
}

int
netdriver_announce(void)
{
	char label[DS_MAX_KEYLEN - 10], key[DS_MAX_KEYLEN];
	int r;

	ndr_conf_seen = 0;
	if ((r = sys_statectl(SYS_STATE_CLEAR_IPC_REFS)) != OK)
		return r;
	if ((r = ds_retrieve_label_name(label, sizeof(label), sef_self())) != OK)
		return r;
	snprintf(key, sizeof(key), "drv.net.%s", label);
	return ds_publish_u32(key, DS_DRIVER_UP, DSF_OVERWRITE);
}

/* Send reply m to dst: SENDNB if it waits in SENDREC, else asynsend. */
void
ndr_reply(endpoint_t dst, message *m, int ipc_status)
{
	int r;

	if (IPC_STATUS_CALL(ipc_status) == SENDREC)
		r = ipc_sendnb(dst, m);
	else
		r = asynsend3(dst, m, AMF_NOREPLY);
	if (r != OK)
		printf("%s: reply %d to %d failed (%d)\n", ndr_table->ndr_name, m->m_type, dst, r);
}

/* Start (or stop) the one-second watchdog. */
static void
set_watchdog(int on)
{
	if (ndr_hz == 0) {
		int hz = 0;

		sys_getinfo(GET_HZ, NONE, NULL, 0, &hz);
		ndr_hz = hz > 0 ? (uint32_t)hz : 100;
	}
	sys_setalarm(on ? ndr_hz : 0, 0, NULL);
}

/* DL_CONF: the first one of the instance probes the card (once, while that fails: every
 * time), every one sets the mode and forgets a stored write or read (a client that
 * configures starts afresh); DL_CONF_REPLY with the MAC or the error. */
static void
do_conf(message *m, int ipc_status)
{
	static uint8_t mac[ETH_ADDR_LEN];
	unsigned int mode = (unsigned int)m->m_dl.mode;
	message reply;

	memset(&reply, 0, sizeof(reply));
	reply.m_type = DL_CONF_REPLY;
	ndr_conf_seen = 1;
	ndr_forget_stored();            /* the client starts afresh */
	if (mode & ~DL_MODE_MASK) {
		reply.m_dl.status = -EINVAL;
	} else {
		if (ndr_card != OK) {
			ndr_card = ndr_table->ndr_init(netdriver_instance(), mac);
			if (ndr_card == OK)
				set_watchdog(1);
		}
		reply.m_dl.status = ndr_card;
		if (ndr_card == OK) {
			ndr_table->ndr_mode(mode);
			memcpy(reply.m_dl.hwaddr, mac, ETH_ADDR_LEN);
		}
	}
	ndr_reply(m->m_source, &reply, ipc_status);
}

/* DL_GETSTAT_S: the record into the client's grant; DL_STAT_REPLY. */
static void
do_getstat(message *m, int ipc_status)
{
	eth_stat_t stat;
	message reply;

	memset(&reply, 0, sizeof(reply));
	memset(&stat, 0, sizeof(stat));
	reply.m_type = DL_STAT_REPLY;
	if (ndr_card != OK) {
		reply.m_dl.status = -ENXIO;
	} else {
		ndr_table->ndr_stat(&stat);
		reply.m_dl.status = sys_safecopyto(m->m_source, m->m_dl.grant, 0,
						   (vir_bytes)&stat, sizeof(stat));
	}
	ndr_reply(m->m_source, &reply, ipc_status);
}

/* A DL_ request from a caller that passed the check. */
static void
do_request(message *m, int ipc_status)
{
	if (m->m_type == DL_CONF) {
		do_conf(m, ipc_status);
		return;
	}
	if (!ndr_conf_seen)
		return;		/* dropped: the client configures this instance first */
	switch (m->m_type) {
	case DL_GETSTAT_S:
		do_getstat(m, ipc_status);
		break;
	case DL_WRITEV_S:
		ndr_do_writev(m, ipc_status);
		break;
	default:
		ndr_do_readv(m, ipc_status);
		break;
	}
}

/* A notification: an interrupt, the watchdog, or something for the driver. */
static void
do_notify(message *m, int ipc_status)
{
	if (m->m_source == HARDWARE) {
		if (ndr_card == OK)
			ndr_table->ndr_intr(m->m_notify.map);
	} else if (m->m_source == CLOCK) {
		if (ndr_card != OK)
			return;
		if (ndr_table->ndr_alarm != NULL)
			ndr_table->ndr_alarm(m->m_notify.timestamp);
		set_watchdog(1);
	} else if (ndr_table->ndr_other != NULL) {
		ndr_table->ndr_other(m, ipc_status);
	}
}

/* A message that is neither a notification nor a DL_ request. */
static void
do_other(message *m, int ipc_status)
{
	message reply;

	if (IPC_STATUS_CALL(ipc_status) == SENDREC) {
		memset(&reply, 0, sizeof(reply));
		reply.m_type = -ENOSYS;
		ipc_sendnb(m->m_source, &reply);
	} else if (ndr_table->ndr_other != NULL) {
		ndr_table->ndr_other(m, ipc_status);
	}
}

/* The caller check of a DL_ request; a refused SENDREC is answered EPERM. */
static int
caller_ok(message *m, int ipc_status)
{
	message reply;

	if (driver_label_caller(m->m_source, "inet"))
		return 1;
	if (IPC_STATUS_CALL(ipc_status) == SENDREC) {
		memset(&reply, 0, sizeof(reply));
		reply.m_type = -EPERM;
		ipc_sendnb(m->m_source, &reply);
	}
	return 0;
}

/* Stop the card if it runs, and forget it. */
static void
stop_card(void)
{
	if (ndr_card == OK) {
		set_watchdog(0);
		ndr_table->ndr_stop();
	}
	ndr_card = 1;
	ndr_forget_stored();
}

/* SEF init, every kind: announce; a restart first resets the card the dead instance left. */
static int
init_any(int type, sef_init_info_t *info)
{
	uint8_t mac[ETH_ADDR_LEN];

	(void)info;
	ndr_card = 1;
	if (type == SEF_INIT_RESTART && ndr_table->ndr_init(netdriver_instance(), mac) == OK) {
		ndr_card = OK;
		stop_card();
	}
	return netdriver_announce();
}

static void
on_signal(int signo)
{
	if (signo != SIGTERM)
		return;
	stop_card();
	sef_exit(0);
}

/* The old version of a live update, about to be replaced: the card stops. */
static int
lu_state_save(int state)
{
	(void)state;
	stop_card();
	return OK;
}

void
netdriver_task(const struct netdriver *ndp)
{
	message m;
	int r, status;

	ndr_table = ndp;
	ndr_card = 1;
	sef_setcb_init_fresh(init_any);
	sef_setcb_init_restart(init_any);
	sef_setcb_init_lu(init_any);
	sef_setcb_lu_state_save(lu_state_save);
	sef_setcb_signal_handler(on_signal);
	sef_setcb_ping_reply(sef_cb_ping_reply_pong);
	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK) {
			if (r != -EINTR)
				printf("%s: receive failed (%d)\n", ndp->ndr_name, r);
			continue;
		}
		if (IPC_STATUS_CALL(status) == NOTIFY)
			do_notify(&m, status);
		else if (!IS_DL_RQ(m.m_type))
			do_other(&m, status);
		else if (caller_ok(&m, status))
			do_request(&m, status);
	}
}
