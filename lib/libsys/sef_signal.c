/*
 * sef_signal.c - SEF's signal events (minnow/sef.h; handouts/rs.md, "SEF: the service's
 * side", "Signals of services").
 *
 * Three ways a signal reaches a service:
 *  - a notification from SYSTEM carrying SIGKSIG: the service is a signal manager and some
 *    process it manages has kernel signals.  SEF loops on sys_getksig() until it answers
 *    NONE, calls the signal-manager callback for each signal of each process, and releases
 *    the process with sys_endksig() unless the callback said it is gone;
 *  - a notification from SYSTEM carrying SIGKSIGSM: the service manages itself (RS, VM) and
 *    the notification's map holds its own signals: the signal handler runs for each;
 *  - a SIGS_SIGNAL_RECEIVED message from its manager (RS): the signal handler runs.
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "sef_priv.h"

static sef_cb_signal_handler_t cb_handler = sef_cb_signal_handler_null;
static sef_cb_signal_manager_t cb_manager;

void
sef_setcb_signal_handler(sef_cb_signal_handler_t cb)
{
	cb_handler = cb != NULL ? cb : sef_cb_signal_handler_null;
}

void
sef_setcb_signal_manager(sef_cb_signal_manager_t cb)
{
	cb_manager = cb;
}

void
sef_cb_signal_handler_null(int signo)
{
	(void)signo;
}

void
sef_cb_signal_handler_term(int signo)
{
	if (signo == SIGTERM)
		sef_exit(0);
}

static int
sig_in(const uint32_t map[2], int sig)
{
	return (map[sig / 32] >> (sig % 32)) & 1u;
}

/* The manager loop: every managed process with kernel signals. */
static void
process_managed(void)
{
	uint32_t map[2];
	endpoint_t ep;
	int r, sig, gone;

	for (;;) {
		if ((r = sys_getksig(&ep, map)) != OK)
			panic("sef: sys_getksig failed: %d", r);
		if (ep == NONE)
			return;
		for (gone = 0, sig = 1; sig < NSIG && !gone; sig++) {
			if (!sig_in(map, sig) || cb_manager == NULL)
				continue;
			r = cb_manager(ep, sig);
			gone = (r == -EDEADEPT || r == -EDEADSRCDST);
		}
		if (!gone && (r = sys_endksig(ep)) != OK)
			printf("sef: sys_endksig(%d) failed: %d\n", ep, r);
	}
}

/* Own signals of a self-managed process, from the notification's map. */
static void
process_own(const uint32_t map[2])
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (sig_in(map, sig) && sig != SIGKSIGSM && sig != SIGKSIG)
			cb_handler(sig);
}

int
sef_intercept_signal(message *m, int status)
{
	uint32_t map[2];

	if (m->m_type == SIGS_SIGNAL_RECEIVED && !(status & IPC_FLG_MSG_FROM_KERNEL) &&
	    m->m_source == sef_rs && sef_rs != NONE) {
		cb_handler(m->m_sigs.signo);
		return 1;
	}
	if (m->m_type != NOTIFY_MESSAGE || m->m_source != SYSTEM)
		return 0;
	map[0] = m->m_notify.map;
	map[1] = m->m_notify.map_hi;
	if (!sig_in(map, SIGKSIG) && !sig_in(map, SIGKSIGSM))
		return 0;
	if (sig_in(map, SIGKSIGSM))
		process_own(map);
	if (sig_in(map, SIGKSIG))
		process_managed();
	return 1;
}
