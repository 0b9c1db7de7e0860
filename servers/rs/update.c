/*
 * update.c - RS_UPDATE: live update of a service, and every way it is rolled back
 * (minnow/rs.h; handouts/rs.md, "Live update").
 *
 * One update at a time (struct update upd); RS never blocks on either version, only on PM
 * and VM (core servers).  The phases:
 *   1. do_update() checks the request (ESRCH, EPERM for boot services, EBUSY, EINVAL),
 *      creates the new version with PM and VFS from the program path (or the running one's:
 *      `service update self`) and gives it the old version's privileges, without letting it
 *      run (rs_create_held, up.c: it is held by RTS_NO_PRIV), then sends the old version
 *      RS_LU_PREPARE(state) with asynsend3 and arms the alarm for `maxtime`; the request is
 *      repeated at each alarm period, so that SEF checks again even when no other message
 *      wakes the service.
 *   2. The old version's SEF answers with `sendrec` of RS_LU_PREPARE (do_lu_prepare).  A
 *      refusal cancels the update.  OK means it is in the state and has saved it: the old
 *      version is now parked in that call, and update_swap(old, new) (vm_update: VM and
 *      the kernel) swaps the two processes, so the new code runs under the old endpoint
 *      (with the old pid, its clients queued) and the old code sits in the other slot.
 *      RS lets the new code run (SYS_PRIV_ALLOW) and sends it RS_INIT(SEF_INIT_LU).
 *   3. Its init answer (update_init_answered, from init.c): OK lets it run, and RS pings
 *      it (a notification its SEF answers from its receive loop).  RS keeps the old code
 *      parked (COMMIT) until the answer shows the new version reached its loop
 *      (update_pong, from main.c), or for at most COMMIT_PERIODS alarm periods if its
 *      ping callback never answers; then RS ends the old code through PM (its slot, its
 *      memory) and answers `service` OK.
 * Rollbacks:
 *   - the old version is not ready within maxtime (update_alarm, PREPARE): RS cancels the
 *     prepare (RS_LU_PREPARE(0)), ends the unused new process and answers EINTR; the old
 *     version never stopped serving;
 *   - the new version's init fails: vm_update swaps the processes back, the old version
 *     gets ERESTART as the answer of its parked call and serves on with its state, the
 *     failed code is ended, `service` gets ERESTART;
 *   - the new version dies in its init or during COMMIT (update_signal, from signal.c):
 *     the same swap back, `service` gets EDEADEPT.
 * The old version dying while it prepares ends the update (EDEADSRCDST) and is an ordinary
 * crash (restart.c).  RS itself is updated by update_self.c; VM goes through these same
 * steps with the differences update_core.c lists; any other boot service RS does not
 * restart is EPERM (rs_restartable, rproc.c; handouts/rs.md, "Boot services").  Not
 * implemented: a time limit on the new version's init, and new privileges with the update
 * (the request's conf is ignored).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define COMMIT_PERIODS  2       /* alarm periods RS waits for the new version's ping answer */

enum upd_phase { UPD_NONE, UPD_PREPARE, UPD_INIT, UPD_COMMIT };

static void commit(void);

/* The update in progress. */
static struct update {
	enum upd_phase phase;
	struct rproc *rp;               /* the service (its slot keeps the old endpoint) */
	endpoint_t old_ep;              /* the service's endpoint (after the swap: new code) */
	endpoint_t new_ep;              /* the new process's (after the swap: the old code) */
	int state;                      /* SEF_LU_STATE_* asked for */
	int periods;                    /* alarm periods left in PREPARE or COMMIT */
	endpoint_t caller;              /* the waiting `service` process */
	struct rs_start start;          /* the service's rs_start with the new program */
} upd;

/* Check the request req about rp and note it in upd (state, periods, start): OK or EINVAL. */
static int
read_request(const message *m, const struct rproc *rp, const struct rs_start *req)
{
	uint32_t t = m->m_rs_req.lu_maxtime;
	int state = m->m_rs_req.lu_state;

	if (state == SEF_LU_STATE_NULL)
		state = SEF_LU_STATE_WORK_FREE;
	if (state < SEF_LU_STATE_WORK_FREE || state > SEF_LU_STATE_MAX ||
	    t > LU_MAXTIME_MAX)
		return -EINVAL;
	if (!memchr(req->path, '\0', sizeof(req->path)) ||
	    !memchr(req->args, '\0', sizeof(req->args)) ||
	    (req->path[0] != '\0' && req->path[0] != '/'))
		return -EINVAL;
	upd.state = state;
	upd.periods = ((t != 0 ? t : LU_MAXTIME_DEFAULT) + RS_ALARM_MS - 1) / RS_ALARM_MS;
	upd.start = rp->r_start;			/* label, conf, dev, flags stay */
	if (req->path[0] != '\0')
		strlcpy(upd.start.path, req->path, sizeof(upd.start.path));
	if (req->args[0] != '\0')
		strlcpy(upd.start.args, req->args, sizeof(upd.start.args));
	return OK;
}

/* The service of label: OK, or ESRCH / EPERM / EBUSY. */
static int
target(const char *label, struct rproc **rpp)
{
	struct rproc *rp = rs_by_label(label);

	if (rp == NULL)
		return -ESRCH;
	if (!rs_restartable(rp) && !update_is_vm(rp))
		return -EPERM;		/* a boot service RS does not restart (rproc.c) */
	if (upd.phase != UPD_NONE || !(rp->r_flags & RS_ACTIVE) ||
	    (rp->r_flags & (RS_EXITING | RS_INITIALIZING | RS_RESTARTING)))
		return -EBUSY;
	*rpp = rp;
	return OK;
}

/* Create the new version, held (not running), with rp's privileges: OK or an error. */
static int
create_new(struct rproc *rp)
{
	struct rprocpub pub = *rp->r_pub;
	struct rproc tmp = *rp;
	int r;

	tmp.r_pub = &pub;
	tmp.r_start = upd.start;
	r = update_is_vm(rp) ? update_vm_create(&tmp) : rs_create_held(&tmp);
	if (r != OK)
		return r;
	upd.start = tmp.r_start;	/* VM's: the program and "lu" it chose */
	upd.new_ep = pub.endpoint;
	return OK;
}

/* Send the old version RS_LU_PREPARE(state); state 0 cancels. */
static int
send_prepare(int state)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_LU_PREPARE;
	m.m_rs_lu.state = state;
	return asynsend3(upd.old_ep, &m, AMF_NOREPLY);
}

int
do_update(message *m)
{
	static struct rs_start req;
	struct rproc *rp;
	int r;

	if (m->m_rs_req.len != sizeof(req))
		return -EINVAL;
	if (sys_vircopy(m->m_source, m->m_rs_req.addr, SELF, (vir_bytes)&req, sizeof(req), 0) != OK)
		return -EFAULT;
	if (!memchr(req.label, '\0', sizeof(req.label)))
		return -EINVAL;
	if ((rp = rs_by_label(req.label)) != NULL && rp->r_pub->endpoint == rs_self)
		return update_self(m, &req);	/* RS itself (update_self.c) */
	if ((r = target(req.label, &rp)) != OK || (r = read_request(m, rp, &req)) != OK)
		return r;
	upd.rp = rp;
	upd.old_ep = rp->r_pub->endpoint;
	if ((r = create_new(rp)) != OK)
		return r;
	if ((r = send_prepare(upd.state)) != OK) {
		pm_srv_kill(upd.new_ep);
		return r;
	}
	printf("rs: updating %s to %s (state %d)\n", rp->r_pub->label, upd.start.path, upd.state);
	upd.phase = UPD_PREPARE;
	upd.caller = m->m_source;
	rp->r_flags |= RS_UPDATING;
	rs_arm_alarm();
	return -EDONTREPLY;		/* answered when the update is over */
}

/* The update is over (result): answer `service`, forget it. */
static void
update_end(int result)
{
	struct rproc *rp = upd.rp;
	message m;

	rp->r_flags &= ~RS_UPDATING;
	upd.phase = UPD_NONE;
	memset(&m, 0, sizeof(m));
	m.m_rs_req.endpoint = rp->r_pub->endpoint;
	m.m_rs_req.pid = rp->r_pid;
	srv_reply("rs", upd.caller, &m, result);
}

/* Cancel in PREPARE: the new process never ran; the old version goes on. */
static void
cancel(int result)
{
	printf("rs: update of %s cancelled: %s\n", upd.rp->r_pub->label, rs_errname(result));
	pm_srv_kill(upd.new_ep);
	update_end(result);
}

/* After the swap: put the old code back under the old endpoint, answer it ERESTART (it
 * serves on with its state), end the new code, answer `service` with result. */
static void
rollback(int result, const char *why)
{
	message m;
	int r;

	printf("rs: update of %s rolled back: %s\n", upd.rp->r_pub->label, why);
	if ((r = update_swap(upd.old_ep, upd.new_ep)) != OK)
		rs_fatal("rollback: cannot swap %s back: %s", upd.rp->r_pub->label, rs_errname(r));
	upd.rp->r_flags &= ~RS_INITIALIZING;
	upd.rp->r_old_endpoint = NONE;
	memset(&m, 0, sizeof(m));
	m.m_type = -ERESTART;
	ipc_sendnb(upd.old_ep, &m);	/* the parked RS_LU_PREPARE returns */
	pm_srv_kill(upd.new_ep);
	update_end(result);
}

/* RS_LU_PREPARE from the old version: it is ready (result OK) or refuses. */
int
do_lu_prepare(message *m)
{
	int result = m->m_rs_lu.result, r;

	if (upd.phase != UPD_PREPARE || m->m_source != upd.old_ep)
		return -EINTR;			/* no such update (any more): serve on */
	if (result != OK) {
		cancel(result < 0 ? result : -result);
		return -EINTR;
	}
	if ((r = update_swap(upd.old_ep, upd.new_ep)) != OK) {
		cancel(r);
		return r;
	}
	/* the new code is under old_ep, held; the old code parked under new_ep */
	upd.rp->r_old_endpoint = upd.new_ep;
	if ((r = sys_privctl(upd.old_ep, SYS_PRIV_ALLOW, NULL)) != OK ||
	    (r = send_init(upd.rp, SEF_INIT_LU)) != OK) {
		rollback(r, "the new version cannot be started");
		return -EDONTREPLY;
	}
	upd.phase = UPD_INIT;
	return -EDONTREPLY;		/* the old version stays parked */
}

int
update_init_answered(struct rproc *rp, int result, message *m)
{
	char why[48];

	if (result != OK) {
		snprintf(why, sizeof(why), "its init failed: %s", rs_errname(result));
		rollback(-ERESTART, why);
		return -EDONTREPLY;	/* the failed code waits for no answer: it is gone */
	}
	rp->r_flags &= ~RS_INITIALIZING;
	memset(m, 0, sizeof(*m));
	m->m_type = OK;
	ipc_sendnb(upd.old_ep, m);
	if (update_is_vm(rp)) {
		commit();		/* VM's state moves on with its first request */
		return -EDONTREPLY;
	}
	upd.phase = UPD_COMMIT;
	upd.periods = COMMIT_PERIODS;
	ipc_notify(upd.old_ep);		/* answered once it is in its receive loop */
	rs_arm_alarm();
	return -EDONTREPLY;
}

/* COMMIT is over: the new version survived; end the old code. */
static void
commit(void)
{
	struct rproc *rp = upd.rp;

	pm_srv_kill(upd.new_ep);
	if (update_is_vm(rp))
		update_vm_commit();
	rp->r_start = upd.start;
	if (!update_is_vm(rp))
		rp->r_conf = &rp->r_start.conf;
	rp->r_old_endpoint = NONE;
	printf("rs: service %s updated, endpoint %d, pid %d\n", rp->r_pub->label,
	       rp->r_pub->endpoint, rp->r_pid);
	update_end(OK);
}

int
update_pong(endpoint_t source)
{
	if (upd.phase != UPD_COMMIT || source != upd.old_ep)
		return 0;
	commit();
	return 1;
}

int
update_alarm(void)
{
	if (upd.phase != UPD_PREPARE && upd.phase != UPD_COMMIT)
		return 0;
	if (--upd.periods > 0) {
		if (upd.phase == UPD_PREPARE)
			send_prepare(upd.state);	/* SEF checks again (sef_lu.c) */
		return 1;
	}
	if (upd.phase == UPD_COMMIT) {
		commit();
		return 0;
	}
	send_prepare(SEF_LU_STATE_NULL);	/* the old version forgets the prepare */
	cancel(-EINTR);
	return 0;
}

int
update_signal(endpoint_t target, int signo)
{
	char why[40];

	if (upd.phase == UPD_NONE || target != upd.old_ep)
		return 0;
	if (upd.phase == UPD_PREPARE) {
		cancel(-EDEADSRCDST);		/* the old version died: an ordinary crash */
		return 0;
	}
	snprintf(why, sizeof(why), "the new version died (signal %d)", signo);
	rollback(-EDEADEPT, why);
	return 1;
}

int
rs_updating(const struct rproc *rp)
{
	return upd.phase != UPD_NONE && upd.rp == rp;
}
