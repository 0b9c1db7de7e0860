/*
 * update_self.c - RS_UPDATE of RS itself: `service update self -label rs` (or a new RS
 * program: `service update /service/rs -label rs`) (minnow/rs.h; handouts/rs.md,
 * "Updating RS and VM").
 *
 * An ordinary update has RS outside it, driving every step; here the updater is the thing
 * updated, so the two RSes hand over between themselves and VM does the swap:
 *   1. the old RS (in RS's slot) checks it is quiet (no service starting, stopping,
 *      restarting or being updated, no `service` waiting for another answer: else EBUSY),
 *      makes the new RS with PM (held, rs_spawn) and gives it RS's own privileges, with PM
 *      as its signal manager for now (if it dies, PM ends it and the old RS learns it);
 *   2. it lets the new RS run and sends it RS_INIT(SEF_INIT_LU) with the address of its
 *      state descriptor (struct lu_desc), and waits for the answer in the same sendrec;
 *   3. the new RS (SEF: a root system process not in RS's slot waits for RS_INIT like any
 *      service) copies the old RS's service table, public table and system.conf out of the
 *      old image (rs_lu_init: the descriptor says where and how big each is; a different
 *      layout is refused), grants its public table again under the same grant id, and
 *      answers OK with RS_LU_MAGIC (so a program that is not RS cannot be taken for one);
 *   4. the old RS answers with a sendrec, so that it is parked (receiving) the moment the
 *      new RS goes on; the new RS asks VM to swap it into RS's slot (vm_update(RS_PROC_NR,
 *      itself): VM allows this one request from a root system process and answers it
 *      under RS's endpoint).  The new code now runs as RS, with RS's pid and the requests
 *      queued for RS; it becomes its own signal manager, ends the old code through PM and
 *      answers the waiting `service` OK (update_self_finish).
 * Rollback: the new RS whose init fails (ERESTART) or that does not answer as RS (a
 * program that is not RS: ENOEXEC) is ended; one that dies before the swap (EDEADEPT) was
 * ended by PM; one whose swap fails tells the old RS, which ends it.  In each case the old RS never
 * stopped being RS: it goes on serving with its own state.  Not implemented: a time limit
 * on the new RS's init (one that never answers leaves RS waiting: RS blocks on its
 * successor by design), and a rollback after the swap (from then on the new RS is RS).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define RS_LU_MAGIC     0x52534c55      /* "RSLU": the new RS took the state */
#define RS_PROGRAM      "/service/rs"   /* `service update self -label rs` */

/* Where the old RS's state is, as the new RS reads it (the same sizes, or no update). */
struct lu_desc {
	uint32_t magic;                 /* RS_LU_MAGIC */
	uint32_t nr;                    /* RS_NR_PUB */
	uint32_t rproc_size;            /* sizeof(struct rproc) */
	uint32_t pub_size;              /* sizeof(struct rprocpub) */
	uint32_t sysconf_size;          /* sizeof(struct sysconf) */
	vir_bytes rproc;                /* rproc[] in the old RS */
	vir_bytes pub;                  /* rprocpub[] */
	vir_bytes sysconf;              /* rs_sysconf */
	cp_grant_id_t gid;              /* the public table's grant id */
	endpoint_t caller;              /* the `service` process waiting for the answer */
};

static struct lu_desc desc;             /* the old RS's (the new RS reads it) */
static endpoint_t lu_caller = NONE;     /* the new RS: whom to answer after the swap */

/* Is RS between requests, with nothing of its own in flight? */
static int
quiet(void)
{
	const int busy = RS_EXITING | RS_INITIALIZING | RS_RESTARTING | RS_UPDATING;
	int i;

	if (!boot_done || rs_shutting_down)
		return 0;
	for (i = 0; i < RS_NR_PUB; i++)
		if ((rproc[i].r_flags & RS_IN_USE) &&
		    ((rproc[i].r_flags & busy) || rproc[i].r_caller != NONE ||
		     rproc[i].r_dead_ep != NONE))
			return 0;
	return 1;
}

/* Steps 2 and 4 with the new RS at ep.  Returns only if the update failed (the error);
 * once the swap is done the old code stays parked here until the new RS ends it. */
static int
hand_over(endpoint_t ep)
{
	message m;
	int r;

	if ((r = sys_privctl(ep, SYS_PRIV_ALLOW, NULL)) != OK)
		return r;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_INIT;
	m.m_rs_init.type = SEF_INIT_LU;
	m.m_rs_init.rproctab_gid = rproctab_gid;
	m.m_rs_init.endpoint = RS_PROC_NR;
	m.m_rs_init.old_endpoint = RS_PROC_NR;
	m.m_rs_init.image_endpoint = RS_PROC_NR;
	m.m_rs_init.state = (uint32_t)&desc;
	if ((r = ipc_sendrec(ep, &m)) != OK)
		return r == -EDEADSRCDST ? -EDEADEPT : r;	/* it died: PM ended it */
	if (m.m_type != RS_INIT || m.m_rs_init.state != RS_LU_MAGIC)
		return -ENOEXEC;			/* the program is not RS */
	if (m.m_rs_init.result != OK) {
		printf("rs: the new RS's init failed: %s\n", rs_errname(m.m_rs_init.result));
		return -ERESTART;
	}
	memset(&m, 0, sizeof(m));
	m.m_type = OK;
	if ((r = ipc_sendrec(ep, &m)) != OK)
		return r == -EDEADSRCDST ? -EDEADEPT : r;
	return m.m_type < 0 ? m.m_type : -EINVAL;	/* its swap failed */
}

int
update_self(message *m, const struct rs_start *req)
{
	const char *path = req->path[0] != '\0' ? req->path : RS_PROGRAM;
	endpoint_t ep;
	int pid, r;

	if (!memchr(req->path, '\0', sizeof(req->path)) || (path[0] != '/') ||
	    !memchr(req->args, '\0', sizeof(req->args)))
		return -EINVAL;
	if (!quiet())
		return -EBUSY;
	if ((r = rs_spawn(path, req->args, &ep, &pid)) != OK)
		return r;
	if ((r = rs_copy_privileges(rs_self, ep, PM_PROC_NR)) != OK) {
		pm_srv_kill(ep);
		return r;
	}
	desc = (struct lu_desc){ RS_LU_MAGIC, RS_NR_PUB, sizeof(struct rproc),
		sizeof(struct rprocpub), sizeof(struct sysconf), (vir_bytes)rproc,
		(vir_bytes)rprocpub, (vir_bytes)&rs_sysconf, rproctab_gid, m->m_source };
	printf("rs: updating rs to %s (pid %d)\n", path, pid);
	r = hand_over(ep);
	if (r != -EDEADEPT)
		pm_srv_kill(ep);
	printf("rs: update of rs rolled back: %s; the old RS goes on\n", rs_errname(r));
	return r;
}

/* ---- the new RS ------------------------------------------------------------------------ */

/* Copy len bytes at addr in the old RS (ep) to buf. */
static int
copy_old(endpoint_t ep, vir_bytes addr, void *buf, size_t len)
{
	return sys_vircopy(ep, addr, SELF, (vir_bytes)buf, len, 0);
}

/* Point the copied table's pointers into this RS (the old RS's were in d). */
static int
fix_pointers(const struct lu_desc *d)
{
	vir_bytes conf, sc = d->sysconf, rp0 = d->rproc;
	int i;

	for (i = 0; i < RS_NR_PUB; i++) {
		rproc[i].r_pub = &rprocpub[i];
		conf = (vir_bytes)rproc[i].r_conf;
		if (conf == 0)
			continue;
		if (conf >= sc && conf < sc + sizeof(struct sysconf))
			rproc[i].r_conf = (const struct sc_service *)
				((char *)&rs_sysconf + (conf - sc));
		else if (conf >= rp0 && conf < rp0 + sizeof(rproc))
			rproc[i].r_conf = (const struct sc_service *)
				((char *)rproc + (conf - rp0));
		else
			return -EINVAL;
	}
	return OK;
}

/* Read the old RS's state as its descriptor says; EINVAL for another layout. */
static int
take_state(endpoint_t old, vir_bytes where, struct lu_desc *d)
{
	int r;

	if ((r = copy_old(old, where, d, sizeof(*d))) != OK)
		return r;
	if (d->magic != RS_LU_MAGIC || d->nr != RS_NR_PUB ||
	    d->rproc_size != sizeof(struct rproc) || d->pub_size != sizeof(struct rprocpub) ||
	    d->sysconf_size != sizeof(struct sysconf)) {
		printf("rs: the old RS's state has another layout\n");
		return -EINVAL;
	}
	if ((r = copy_old(old, d->rproc, rproc, sizeof(rproc))) != OK ||
	    (r = copy_old(old, d->pub, rprocpub, sizeof(rprocpub))) != OK ||
	    (r = copy_old(old, d->sysconf, &rs_sysconf, sizeof(rs_sysconf))) != OK)
		return r;
	return fix_pointers(d);
}

int
rs_lu_init(int type, sef_init_info_t *info)
{
	struct lu_desc d;
	int r;

	(void)type;
	if (info->state == 0 || info->image_endpoint == NONE)
		return -EINVAL;
	if ((r = take_state(info->image_endpoint, info->state, &d)) != OK ||
	    (r = sys_getkinfo(&rs_kinfo)) != OK)
		return r;
	boot_pending = 0;
	boot_started = boot_done = 1;
	rs_self = RS_PROC_NR;
	rproctab_gid = cpf_grant_direct(ANY, (vir_bytes)rprocpub, sizeof(rprocpub), CPF_READ);
	if (rproctab_gid != d.gid) {
		printf("rs: cannot grant the public table under id %d\n", d.gid);
		return -EINVAL;
	}
	lu_caller = d.caller;
	return rs_variant_lu_init();	/* OK, but for the rollback tests' programs */
}

int
rs_lu_response(message *m)
{
	int r;

	m->m_rs_init.state = RS_LU_MAGIC;	/* "I am RS and I have the state" */
	r = ipc_sendrec(sef_rs_endpoint(), m);
	return r != OK ? r : m->m_type;
}

/* The new RS's swap failed: tell the old RS (parked in its sendrec), which ends us. */
static void
swap_failed(int r)
{
	message m;

	printf("rs: the new RS cannot take RS's slot: %s\n", rs_errname(r));
	memset(&m, 0, sizeof(m));
	m.m_type = r;
	ipc_send(RS_PROC_NR, &m);
	for (;;)
		ipc_receive(RS_PROC_NR, &m, NULL);	/* until PM ends us */
}

void
update_self_finish(void)
{
	endpoint_t old = sef_self(), self = RS_PROC_NR;
	struct rproc *rp = rs_by_endpoint(RS_PROC_NR);
	message m;
	int r;

	if (lu_caller == NONE)
		return;				/* a fresh boot */
	if ((r = vm_update(RS_PROC_NR, old)) != OK)
		swap_failed(r);
	if ((r = sef_swapped_in()) != OK ||
	    (r = sys_privctl(RS_PROC_NR, SYS_PRIV_SET_SIGMGR, &self)) != OK)
		rs_fatal("rs: the new RS cannot settle in RS's slot: %s", rs_errname(r));
	pm_srv_kill(old);		/* the old code, now in the new RS's first slot */
	printf("rs: RS updated, endpoint %d, pid %d\n", RS_PROC_NR, rp != NULL ? rp->r_pid : -1);
	memset(&m, 0, sizeof(m));
	m.m_rs_req.endpoint = RS_PROC_NR;
	m.m_rs_req.pid = rp != NULL ? rp->r_pid : -1;
	srv_reply("rs", lu_caller, &m, OK);
	lu_caller = NONE;
}
