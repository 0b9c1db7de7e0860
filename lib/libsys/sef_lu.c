/*
 * sef_lu.c - SEF's live-update state machine: the old version's side of `service update`
 * (minnow/sef.h, minnow/rs.h; handouts/rs.md, "Live update").
 *
 * RS asks a service to prepare with RS_LU_PREPARE(state), sent asynchronously (RS never
 * blocks on a service).  SEF intercepts it in the receive loop (sef_intercept_lu):
 *   - state 0 cancels a prepare still pending (RS gave up: the maxtime ran out);
 *   - a state the service does not know (the state-isvalid callback says no) is refused
 *     at once: RS_LU_PREPARE(EINVAL) goes back to RS;
 *   - any other state is remembered.
 * Each time the service comes back to receive (sef_lu_check, at the top of
 * sef_receive_status) it is between two requests; SEF asks the prepare callback whether it
 * is in the remembered state now (never while messages it sent with asynsend3 wait in its
 * SENDA table: that table is in the old version's memory, and the swap would lose them; RS
 * repeats its request at each alarm period, so the check runs again even if nothing else
 * arrives).  When it is, SEF calls the state-save callback and tells
 * RS with a `sendrec` of RS_LU_PREPARE(result).  With result OK the old version is parked
 * inside that call: RS swaps the new version in (vm_update) and the old code never runs
 * again unless RS rolls the update back, answering ERESTART (or an error when the update
 * was cancelled meanwhile); then the call returns, the pending state is forgotten and the
 * service goes on serving with its state as it was.  A save that failed is sent as the
 * result and RS cancels the update.
 *
 * Defaults: prepare says ready for every standard state (a service that handles one
 * request at a time is work-free, request-free and protocol-free between two requests;
 * a driver with sessions sets its own), isvalid accepts the standard states
 * (SEF_LU_STATE_WORK_FREE .. SEF_LU_STATE_PROTOCOL_FREE) and refuses custom ones, save does
 * nothing.  The new version's side is its SEF_INIT_LU init callback (sef_init.c).
 *
 * Entry points: sef_setcb_lu_*, the default callbacks, sef_intercept_lu, sef_lu_check and
 * sef_lu_pending (sef.c's receive loop), sef_lu_reset (a new version that copied its predecessor's memory
 * whole, VM, forgets the prepare it copied).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "sef_priv.h"

static sef_cb_lu_prepare_t cb_prepare = sef_cb_lu_prepare_always_ready;
static sef_cb_lu_state_isvalid_t cb_isvalid = sef_cb_lu_state_isvalid_standard;
static sef_cb_lu_state_save_t cb_save = sef_cb_lu_state_save_null;

/* The state RS asked for and the service has not reached yet (SEF_LU_STATE_NULL: none). */
static int lu_state = SEF_LU_STATE_NULL;
/* The state to prepare again: telling RS would have deadlocked (ELOCKED; tell_rs). */
static int lu_retry = SEF_LU_STATE_NULL;

void
sef_lu_reset(void)
{
	lu_state = lu_retry = SEF_LU_STATE_NULL;
}

void
sef_setcb_lu_prepare(sef_cb_lu_prepare_t cb)
{
	cb_prepare = cb != NULL ? cb : sef_cb_lu_prepare_always_ready;
}

void
sef_setcb_lu_state_isvalid(sef_cb_lu_state_isvalid_t cb)
{
	cb_isvalid = cb != NULL ? cb : sef_cb_lu_state_isvalid_standard;
}

void
sef_setcb_lu_state_save(sef_cb_lu_state_save_t cb)
{
	cb_save = cb != NULL ? cb : sef_cb_lu_state_save_null;
}

int
sef_cb_lu_prepare_always_ready(int state)
{
	(void)state;
	return OK;
}

int
sef_cb_lu_state_isvalid_standard(int state)
{
	return state >= SEF_LU_STATE_WORK_FREE && state <= SEF_LU_STATE_PROTOCOL_FREE;
}

int
sef_cb_lu_state_save_null(int state)
{
	(void)state;
	return OK;
}

/* Tell RS the outcome of the prepare (OK: ready and saved) and wait for its answer, which
 * comes only if the old version is to go on (a rollback or a cancel).  Returns it.  If RS
 * itself waits for this service (VM, serving a page fault of RS's), the call is ELOCKED:
 * the prepare is done again at the next receive, once the service has served RS. */
static int
tell_rs(int result)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_LU_PREPARE;
	m.m_rs_lu.state = lu_state;
	m.m_rs_lu.result = result;
	if ((r = ipc_sendrec(sef_rs, &m)) == -ELOCKED)
		lu_retry = lu_state;	/* RS waits for us (VM: RS's page fault): after it */
	if (r != OK)
		return r;
	return m.m_type;
}

int
sef_intercept_lu(message *m, int status)
{
	int state;

	if (m->m_type != RS_LU_PREPARE || (status & IPC_FLG_MSG_FROM_KERNEL) ||
	    sef_rs == NONE || m->m_source != sef_rs || sef_rs == sef_self_endpoint)
		return 0;
	state = m->m_rs_lu.state;
	/* LAB(sef-lu) BEGIN: a prepare request: cancel, refuse an unknown state, or remember it */
	if (state == SEF_LU_STATE_NULL) {
		lu_state = SEF_LU_STATE_NULL;		/* RS cancelled the update */
		return 1;
	}
	if (!cb_isvalid(state)) {
		lu_state = state;
		tell_rs(-EINVAL);			/* RS answers: the update is off */
		lu_state = SEF_LU_STATE_NULL;
		return 1;
	}
	lu_state = state;			/* reached at a later receive (sef_lu_check) */
	/* LAB(sef-lu) STUB */
	//~ (void)state, (void)tell_rs;	/* tell_rs() is given: use it */
	//~ panic("LAB(sef-lu): sef_intercept_lu() does not handle RS_LU_PREPARE");
	/* LAB(sef-lu) END */
	return 1;
}

int
sef_lu_pending(void)
{
	return lu_state != SEF_LU_STATE_NULL || lu_retry != SEF_LU_STATE_NULL;
}

void
sef_lu_check(void)
{
	int r;

	if (lu_retry != SEF_LU_STATE_NULL && lu_state == SEF_LU_STATE_NULL)
		lu_state = lu_retry;		/* tell_rs met a deadlock: again */
	lu_retry = SEF_LU_STATE_NULL;
	if (lu_state == SEF_LU_STATE_NULL || asynsend_pending() > 0)
		return;		/* replies still queued in our SENDA table: not yet */
	/* LAB(sef-lu) BEGIN: ready in the requested state? save it, tell RS, stay parked */
	if (cb_prepare(lu_state) != OK)
		return;				/* not yet: try again at the next receive */
	r = cb_save(lu_state);
	tell_rs(r);		/* OK: parked until RS rolls back; an error: RS cancels */
	lu_state = SEF_LU_STATE_NULL;		/* still running: serve on with the state */
	/* LAB(sef-lu) STUB */
	//~ (void)r;
	//~ panic("LAB(sef-lu): sef_lu_check() does not prepare for the update");
	/* LAB(sef-lu) END */
}
