/*
 * boot.c - RS starts the boot services (handouts/rs.md, "The boot of services" and
 * "system.conf").
 *
 * The kernel made only VM and RS system processes and holds every other boot process with
 * RTS_NO_PRIV; RS's fresh init (run locally by SEF, since RS is the root system process)
 * brings them up:
 *   0. system.conf: the boot module named system.conf (type=data: the kernel made no
 *      process of it and VM left its pages alone) is copied in with sys_physcopy and parsed
 *      (lib/libsys/sysconf.c); each error is printed as "rs: system.conf:LINE: ...";
 *   1. a slot of the service table for every boot module, from the module's string
 *      (kinfo): label = the program name or label=NAME (made unique with _<slot>),
 *      sf=synch, sf=core, sf=restart (SF_SYNCH_BOOT, SF_CORE_SRV, SF_RESTART: properties
 *      of the image, not of the service).  An sf=restart service gets the rs_start a
 *      restart runs (/service/<program>: handouts/rs.md, "Boot services").  A module whose label has a system.conf entry is a system
 *      service; one without is a user process (init), which gets no DS label; one whose
 *      entry has errors is not started.  Then a read-only grant of the public table to ANY;
 *   2. privileges: sys_privctl(SET_SYS) with every trap, the entry's kernel calls and its
 *      signal manager (RS unless sigmgr says otherwise) for each system service, plus its
 *      irq/io/mem resources (resources.c), SET_USER for user processes, then (once every
 *      service has its privilege id) the IPC masks of the ipc lines (ipc.c);
 *   3. in module order: ALLOW, and for system services RS_INIT (SEF_INIT_FRESH) sent
 *      asynchronously; for an SF_SYNCH_BOOT service RS waits for its answer right away,
 *      serving everything else meanwhile.  VM already runs: it only gets RS_INIT;
 *   4. the other answers are collected in any order by the main loop (init.c); when the
 *      last one is in, boot ends: RS learns each boot process's pid from PM and pings
 *      every system service once (the answers are logged by main.c).
 * A boot service whose init fails makes RS panic (init.c).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/pm.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/sysconf.h>
#include "../../lib/libexec/libexec.h"
#include "glo.h"
#include "proto.h"

#define MAX_ARGS 16
#define CONF_MAX 16384          /* the largest system.conf RS reads */

struct sysconf rs_sysconf;
static char conf_text[CONF_MAX];

static const char *
basename_of(const char *path)
{
	const char *b = strrchr(path, '/');

	return b != NULL ? b + 1 : path;
}

/* sf=synch, sf=core, sf=restart (one module word each, or comma-separated) -> SF_* */
static uint32_t
parse_sys_flags(const char *list)
{
	uint32_t f = 0;

	if (strstr(list, "synch") != NULL)
		f |= SF_SYNCH_BOOT;
	if (strstr(list, "core") != NULL)
		f |= SF_CORE_SRV;
	if (strstr(list, "restart") != NULL)
		f |= SF_RESTART;
	return f;
}

/* Is name the label of a service other than rp? */
static int
label_taken(const struct rproc *rp, const char *name)
{
	const struct rproc *xp;

	for (xp = rproc; xp < rproc + RS_NR_PUB; xp++)
		if (xp != rp && (xp->r_flags & RS_IN_USE) && strcmp(xp->r_pub->label, name) == 0)
			return 1;
	return 0;
}

/* Give rp a label nobody else has: name, or name_<slot>. */
static void
set_label(struct rproc *rp, const char *name)
{
	if (!label_taken(rp, name))
		strlcpy(rp->r_pub->label, name, RS_MAX_LABEL_LEN);
	else
		snprintf(rp->r_pub->label, RS_MAX_LABEL_LEN, "%.10s_%d", name,
			 ENDPOINT_SLOT(rp->r_pub->endpoint));
}

/* A boot service marked sf=restart: what its restarts run, as RS_UP would have kept it:
 * /service/<program> (the same program, installed in the root image), no arguments, its
 * system.conf entry.  A core server or a user process is not restarted (reported). */
static void
set_restart_start(struct rproc *rp)
{
	struct rs_start *rs = &rp->r_start;

	if (!(rp->r_pub->sys_flags & SF_RESTART))
		return;
	if ((rp->r_pub->sys_flags & SF_CORE_SRV) || rp->r_conf == NULL) {
		printf("rs: %s: sf=restart ignored (a core server or a user process)\n",
		       rp->r_pub->label);
		rp->r_pub->sys_flags &= ~SF_RESTART;
		return;
	}
	memset(rs, 0, sizeof(*rs));
	snprintf(rs->path, sizeof(rs->path), "/service/%s", rp->r_pub->proc_name);
	strlcpy(rs->label, rp->r_pub->label, sizeof(rs->label));
	rs->conf = *rp->r_conf;
}

/* Fill a slot from boot module i. */
static void
add_boot_service(int i)
{
	const struct kinfo_module *mod = &rs_kinfo.mods[i];
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];
	const char *label = NULL;
	struct rproc *rp;
	int argc, a;

	memcpy(buf, mod->mod_name, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	if ((argc = libexec_split_words(buf, argv, MAX_ARGS)) == 0)
		return;
	if ((rp = rs_alloc()) == NULL)
		rs_fatal("rs: no free slot for boot service %s", argv[0]);
	rp->r_module = i;
	rp->r_flags |= RS_BOOT_SVC;
	rp->r_pub->endpoint = mod->mod_slot;	/* boot processes have generation 0 */
	strlcpy(rp->r_pub->proc_name, basename_of(argv[0]), RS_MAX_LABEL_LEN);
	for (a = 1; a < argc; a++) {
		if (strncmp(argv[a], "label=", 6) == 0)
			label = argv[a] + 6;
		else if (strncmp(argv[a], "sf=", 3) == 0)
			rp->r_pub->sys_flags |= parse_sys_flags(argv[a] + 3);
	}
	if (label == NULL)
		label = rp->r_pub->proc_name;
	rp->r_conf = sysconf_find(&rs_sysconf, label);
	rp->r_is_sys = rp->r_pub->endpoint == rs_self || mod->mod_slot == VM_PROC_NR ||
		       rp->r_conf != NULL;
	set_label(rp, label);
	set_restart_start(rp);
	if (rp->r_pub->endpoint == rs_self)
		rp->r_flags |= RS_ACTIVE;
	if (!rp->r_is_sys)
		rp->r_pub->in_use = 0;	/* a user process is not a service: not published */
}

/* Is module mod the system.conf data module? */
static int
is_sysconf_module(const struct kinfo_module *mod)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1];
	int argc, a;

	memcpy(buf, mod->mod_name, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	if (mod->mod_slot >= 0 || (argc = libexec_split_words(buf, argv, MAX_ARGS)) == 0 ||
	    strcmp(basename_of(argv[0]), "system.conf") != 0)
		return 0;
	for (a = 1; a < argc; a++)
		if (strcmp(argv[a], "type=data") == 0)
			return 1;
	return 0;
}

/* Print one parser report. */
static void
conf_report(const char *msg)
{
	printf("rs: %s\n", msg);
}

/* Step 0: read and parse system.conf (none: every boot process is a user process). */
static void
load_sysconf(void)
{
	const struct kinfo_module *mod;
	uint32_t i, len;
	int r;

	for (i = 0; i < rs_kinfo.mods_recorded; i++)
		if (is_sysconf_module(&rs_kinfo.mods[i]))
			break;
	if (i == rs_kinfo.mods_recorded) {
		printf("rs: no system.conf boot module: every boot process is a user process\n");
		return;
	}
	mod = &rs_kinfo.mods[i];
	len = mod->mod_end - mod->mod_start;
	if (len > CONF_MAX) {
		printf("rs: system.conf: %u bytes, only the first %d read\n", (unsigned)len,
		       CONF_MAX);
		len = CONF_MAX;
	}
	r = sys_physcopy(NONE, mod->mod_start, SELF, (vir_bytes)conf_text, len, 0);
	if (r != OK)
		rs_fatal("rs: cannot read system.conf: %s", rs_errname(r));
	sysconf_parse(conf_text, len, "system.conf", &rs_sysconf, conf_report);
}

/* Step 1: the table and its grant. */
static void
build_table(void)
{
	uint32_t i;

	for (i = 0; i < rs_kinfo.mods_recorded; i++)
		if (rs_kinfo.mods[i].mod_slot >= 0)
			add_boot_service(i);
	rproctab_gid = cpf_grant_direct(ANY, (vir_bytes)rprocpub, sizeof(rprocpub), CPF_READ);
	if (rproctab_gid == GRANT_INVALID)
		rs_fatal("rs: cannot grant the public service table");
}

/* The privileges of system service rp from its entry: every trap, the entry's kernel
 * calls, its signal manager (RS by default), whether users may call it ("users yes"); IPC
 * to everyone (rs_conf_targets(), ipc.c, narrows it).  Also for the services RS_UP starts
 * (up.c). */
void
rs_conf_spec(const struct rproc *rp, struct priv_spec *ps)
{
	const struct sc_service *conf = rp->r_conf;
	const struct rproc *mgr;

	memset(ps, 0, sizeof(*ps));
	ps->ps_flags = PI_PREEMPTIBLE | (conf->sc_users ? PI_USER_CALLABLE : 0);
	ps->ps_trap_mask = (1u << SEND) | (1u << RECEIVE) | (1u << SENDREC) | (1u << NOTIFY) |
			   (1u << SENDNB) | (1u << SENDA) | (1u << REPLYREC);
	ps->ps_k_call_mask[0] = conf->sc_k_calls[0];
	ps->ps_k_call_mask[1] = conf->sc_k_calls[1];
	ps->ps_sig_mgr = rs_self;
	if (conf->sc_sigmgr[0] != '\0') {
		if ((mgr = rs_by_name(conf->sc_sigmgr)) != NULL)
			ps->ps_sig_mgr = mgr->r_pub->endpoint;
		else
			printf("rs: %s: no signal manager %s, RS is\n", rp->r_pub->label,
			       conf->sc_sigmgr);
	}
	ps->ps_ipc_all = 1;
}

/* Step 2: privileges for everyone but RS and VM (who have theirs from the kernel). */
static void
set_privileges(void)
{
	struct priv_spec ps;
	struct rproc *rp;
	int r;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		endpoint_t ep = rp->r_pub != NULL ? rp->r_pub->endpoint : NONE;

		if (!(rp->r_flags & RS_IN_USE) || ep == rs_self || ep == VM_PROC_NR)
			continue;
		if (rp->r_conf != NULL && rp->r_conf->sc_bad) {
			printf("rs: service %s not started: its system.conf entry has errors\n",
			       rp->r_pub->label);
			rs_cleanup(rp);
			continue;
		}
		if (rp->r_is_sys)
			rs_conf_spec(rp, &ps);
		r = sys_privctl(ep, rp->r_is_sys ? SYS_PRIV_SET_SYS : SYS_PRIV_SET_USER,
				rp->r_is_sys ? &ps : NULL);
		if (r != OK) {
			printf("rs: no privileges for %s: %s\n", rp->r_pub->label, rs_errname(r));
			rs_cleanup(rp);
		} else if (rp->r_is_sys) {
			grant_resources(rp);
		}
	}
	rs_sync_ipc();		/* every service has its privilege id: the ipc lines (ipc.c) */
}

/* Serve messages until rp's init has been answered (SF_SYNCH_BOOT). */
static void
wait_for_init(struct rproc *rp)
{
	int r;

	while (rp->r_flags & RS_INITIALIZING)
		if ((r = srv_serve_one(&rs_ops)) != OK)
			rs_fatal("rs: receive failed: %s", rs_errname(r));
}

/* Step 3: let each boot service run, in module order. */
static void
start_services(void)
{
	struct rproc *rp;
	int r;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		endpoint_t ep = rp->r_pub != NULL ? rp->r_pub->endpoint : NONE;

		if (!(rp->r_flags & RS_IN_USE) || ep == rs_self)
			continue;
		if (ep != VM_PROC_NR && (r = sys_privctl(ep, SYS_PRIV_ALLOW, NULL)) != OK) {
			printf("rs: cannot start %s: %s\n", rp->r_pub->label, rs_errname(r));
			rs_cleanup(rp);
			continue;
		}
		if (!rp->r_is_sys) {
			rp->r_flags |= RS_ACTIVE;
			continue;
		}
		if (send_init(rp, SEF_INIT_FRESH) != OK)
			continue;
		boot_pending++;
		if (rp->r_pub->sys_flags & SF_SYNCH_BOOT)
			wait_for_init(rp);
	}
}

/* The pid PM gave each boot process (PM_GETEPINFO; PM never waits on RS): `service
 * status` shows it, and a restart keeps it. */
static void
learn_pids(void)
{
	struct rproc *rp, *pm = rs_by_name("pm");
	message m;

	if (pm == NULL || pm->r_pub->endpoint != PM_PROC_NR)
		return;		/* a boot without PM (tests): the pids stay unknown */
	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!(rp->r_flags & RS_IN_USE) || !(rp->r_flags & RS_BOOT_SVC))
			continue;
		memset(&m, 0, sizeof(m));
		m.m_type = PM_GETEPINFO;
		m.m_pm.endpt = rp->r_pub->endpoint;
		if (ipc_sendrec(PM_PROC_NR, &m) == OK && m.m_type >= 0)
			rp->r_pid = m.m_type;
	}
}

/* Step 4 (called as answers come in): when all are in, boot ends with a ping to each. */
void
boot_check_done(void)
{
	struct rproc *rp;
	int n = 0;

	if (!boot_started || boot_done || boot_pending > 0)
		return;
	boot_done = 1;
	learn_pids();
	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!(rp->r_flags & RS_ACTIVE) || !rp->r_is_sys || rp->r_pub->endpoint == rs_self)
			continue;
		rp->r_flags |= RS_PINGED;
		ipc_notify(rp->r_pub->endpoint);
		n++;
	}
	printf("rs: boot done, %d services initialised\n", n);
}

/* RS's fresh init: bring up the boot services. */
int
rs_boot(int type, sef_init_info_t *info)
{
	int r;

	(void)type;
	rs_self = info->endpoint;
	if ((r = sys_getkinfo(&rs_kinfo)) != OK)
		rs_fatal("rs: cannot get the boot information: %s", rs_errname(r));
	load_sysconf();
	build_table();
	set_privileges();
	start_services();
	boot_started = 1;
	boot_check_done();
	return OK;
}
