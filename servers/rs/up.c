/*
 * up.c - RS_UP: RS starts a service from a file (minnow/rs.h; handouts/rs.md, "Starting and
 * stopping services").
 *
 * do_up() reads the caller's struct rs_start (sys_vircopy: a user process cannot make
 * grants), checks it (EINVAL), including its privileges: the system.conf entry of its
 * label, which the `service` command parsed (check_conf: the entry's label, no errors,
 * every count and string within bounds; the basic kernel calls are added), takes a slot
 * under a label nobody has and a -dev major no other service has (EBUSY), and creates the
 * process with PM, blocking on PM only (a core server that never blocks on RS):
 *   1. the program's path and its argument frame (the layout of minnow/vfs.h: argc, argv
 *      offsets, 0, no environment, 0, the strings) are written into RS's own buffers;
 *   2. PM_SRV_FORK: PM makes a child of RS (a copy of RS's memory, so the buffers are in
 *      the child at the same addresses), VFS learns of it (VFS_PM_SRV_FORK), and the kernel
 *      holds it (RTS_NO_PRIV: the child of a system process);
 *   3. PM_SRV_EXEC: VFS loads the program into the child, reading path and frame from the
 *      child's copy (ENOENT, EACCES, ENOEXEC reach the caller; the child is then ended
 *      with PM_SRV_KILL);
 *   4. rs_set_privileges(): sys_privctl(SET_SYS) from one struct rs_privs, made from the
 *      entry as for a boot service (rs_conf_spec in boot.c, rs_conf_targets in ipc.c:
 *      its kernel calls, its ipc line resolved to the services running now), RS as its
 *      signal manager whatever sigmgr says (RS must learn of its death), its irq/io/mem
 *      (grant_resources), the others' masks so that its partners may answer it
 *      (rs_sync_ipc, ipc.c), then SYS_PRIV_ALLOW lets it run;
 *   5. the label goes into DS (the init may look itself up: libdriver does), RS_INIT
 *      (SEF_INIT_FRESH) with asynsend3, and the request stays unanswered.
 * The slot keeps the struct rs_start: rs_start_instance() runs steps 1-5 again for a
 * reset (restart.c), and rs_make_copy() steps 1-4 for a replica (restart.c, replica.c).
 * When the init answer comes (init.c hands it to up_init_answered()), RS maps the
 * service's -dev major and its system.conf socket domain in VFS (dev.c) and answers the caller OK with the endpoint and pid;
 * a failed init (or a major VFS refuses) ends the service, its label leaves DS, its slot
 * is freed, and the caller gets the init's error (or VFS's) (a failed restart init is
 * restart.c's: tried again after a back-off).  A service that dies
 * during its init is handled by the signal manager (down.c service_gone: EDEADEPT).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define UP_MAX_ARGS     16
#define UP_FRAME_MAX    (4 * (UP_MAX_ARGS + 4) + RS_PATH_LEN + RS_ARGS_LEN)

/* The exec's path and frame: written before PM_SRV_FORK, read by VFS in the child. */
static char up_path[RS_PATH_LEN];
static uint32_t up_frame[UP_FRAME_MAX / 4];

/* A SENDREC to PM: its answer, or the IPC error. */
static int
pm_request(int type, message *m)
{
	int r;

	m->m_type = type;
	if ((r = ipc_sendrec(PM_PROC_NR, m)) != OK)
		return r;
	return m->m_type;
}

/* End ep, one of the services RS started (PM_SRV_KILL). */
int
pm_srv_kill(endpoint_t ep)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_pm.endpt = ep;
	if ((r = pm_request(PM_SRV_KILL, &m)) != OK)
		printf("rs: PM cannot end endpoint %d: %s\n", ep, rs_errname(r));
	return r;
}

/* Is s NUL-terminated within n bytes? */
static int
terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

/* A label: 1..15 letters, digits, '_' or '-'. */
static int
good_label(const char *l)
{
	size_t i, n = strlen(l);

	for (i = 0; i < n; i++)
		if (!((l[i] >= 'a' && l[i] <= 'z') || (l[i] >= 'A' && l[i] <= 'Z') ||
		      (l[i] >= '0' && l[i] <= '9') || l[i] == '_' || l[i] == '-'))
			return 0;
	return n > 0 && n < RS_MAX_LABEL_LEN;
}

/* Are the n labels of list NUL-terminated and n within 0..max? */
static int
good_names(const char (*list)[SC_LABEL_LEN], int n, int max)
{
	int i;

	if (n < 0 || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!terminated(list[i], SC_LABEL_LEN))
			return 0;
	return 1;
}

/* Check the entry the caller parsed for label: OK or EINVAL.  The caller is root, who
 * may grant any privilege; what is checked is that RS can use the entry safely. */
static int
check_conf(struct sc_service *c, const char *label)
{
	uint32_t basic[2];

	if (!terminated(c->sc_label, sizeof(c->sc_label)) || strcmp(c->sc_label, label) != 0 ||
	    c->sc_bad || c->sc_ipc < SC_IPC_UNSET || c->sc_ipc > SC_IPC_LIST ||
	    !good_names(c->sc_ipc_to, c->sc_nr_ipc, SC_MAX_NAMES) ||
	    !good_names(c->sc_control, c->sc_nr_control, SC_MAX_NAMES) ||
	    c->sc_nr_io < 0 || c->sc_nr_io > SC_MAX_RANGES ||
	    c->sc_nr_mem < 0 || c->sc_nr_mem > SC_MAX_RANGES ||
	    c->sc_nr_irq < 0 || c->sc_nr_irq > SC_MAX_IRQS ||
	    !terminated(c->sc_sigmgr, sizeof(c->sc_sigmgr)) ||
	    !terminated(c->sc_scheduler, sizeof(c->sc_scheduler)))
		return -EINVAL;
	sysconf_basic_calls(basic);
	c->sc_k_calls[0] |= basic[0];
	c->sc_k_calls[1] |= basic[1];
	return OK;
}

/* Copy the caller's rs_start into *rs and check it: OK, EINVAL or EFAULT (RS_UP, and
 * RS_EDIT: edit.c). */
int
rs_read_start(const message *m, struct rs_start *rs)
{
	const char *base;

	if (m->m_rs_req.len != sizeof(*rs))
		return -EINVAL;
	if (sys_vircopy(m->m_source, m->m_rs_req.addr, SELF, (vir_bytes)rs, sizeof(*rs), 0) != OK)
		return -EFAULT;
	if (!terminated(rs->path, sizeof(rs->path)) || !terminated(rs->label, sizeof(rs->label)) ||
	    !terminated(rs->args, sizeof(rs->args)) || !terminated(rs->dev, sizeof(rs->dev)) ||
	    !terminated(rs->script, sizeof(rs->script)))
		return -EINVAL;
	if (rs->path[0] != '/' || (base = strrchr(rs->path, '/'))[1] == '\0')
		return -EINVAL;
	if (rs->script[0] != '\0' && rs->script[0] != '/')
		return -EINVAL;		/* a recovery script is an absolute path too */
	if (rs->label[0] == '\0')
		strlcpy(rs->label, base + 1, sizeof(rs->label));
	if (!good_label(rs->label))
		return -EINVAL;
	return check_conf(&rs->conf, rs->label);
}

/* Build up_path and up_frame (argv[0] = path, then the words of args): the frame's size,
 * or EINVAL (too many arguments). */
static int
build_frame(const char *path, const char *arguments)
{
	char args[RS_ARGS_LEN], *argv[UP_MAX_ARGS + 1], *save, *w;
	uint32_t argc = 0, off, i;

	strlcpy(up_path, path, sizeof(up_path));
	strlcpy(args, arguments, sizeof(args));
	argv[argc++] = up_path;
	for (w = strtok_r(args, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (argc == UP_MAX_ARGS)
			return -EINVAL;
		argv[argc++] = w;
	}
	memset(up_frame, 0, sizeof(up_frame));
	up_frame[0] = argc;
	off = 4 * (argc + 3);		/* argc, argv[], 0, (no envp), 0 */
	for (i = 0; i < argc; i++) {
		up_frame[1 + i] = off;
		strcpy((char *)up_frame + off, argv[i]);
		off += strlen(argv[i]) + 1;
	}
	return (int)((off + 3) & ~3u);
}

/* Steps 1-3: a process running path with the words of args, held until it is given
 * privileges (RTS_NO_PRIV): OK with its endpoint and pid, or an error (nothing left).
 * A service's instance, its replica (restart.c) and a recovery script (script.c). */
int
rs_spawn(const char *path, const char *args, endpoint_t *ep, int *pid)
{
	message m;
	int r, flen;

	if ((flen = build_frame(path, args)) < 0)
		return flen;
	memset(&m, 0, sizeof(m));
	if ((r = pm_request(PM_SRV_FORK, &m)) < 0)
		return r;
	*pid = m.m_pm.pid;
	*ep = m.m_pm.endpt;
	memset(&m, 0, sizeof(m));
	m.m_pm.endpt = *ep;
	m.m_pm.addr = (uint32_t)up_path;
	m.m_pm.len = strlen(up_path) + 1;
	m.m_pm.addr2 = (uint32_t)up_frame;
	m.m_pm.len2 = (uint32_t)flen;
	if ((r = pm_request(PM_SRV_EXEC, &m)) != OK)
		pm_srv_kill(*ep);
	return r;
}

/* Steps 1-3 for rp: its process, running the program of rp->r_start. */
static int
create_process(struct rproc *rp)
{
	sys_getuptime(&rp->r_start_ticks);
	return rs_spawn(rp->r_start.path, rp->r_start.args, &rp->r_pub->endpoint, &rp->r_pid);
}

/* rp's privileges from its entry (rp->r_conf), as a boot service's (boot.c). */
static void
conf_privs(const struct rproc *rp, struct rs_privs *pr)
{
	memset(pr, 0, sizeof(*pr));
	rs_conf_spec(rp, &pr->spec);
	rs_conf_targets(rp, &pr->spec);
}

/* Step 4: give rp (held with RTS_NO_PRIV) the privileges pr describes. */
int
rs_set_privileges(struct rproc *rp, const struct rs_privs *pr)
{
	struct priv_spec ps = pr->spec;

	ps.ps_sig_mgr = rs_self;	/* RS handles every service's signals */
	return sys_privctl(rp->r_pub->endpoint, SYS_PRIV_SET_SYS, &ps);
}

/* A replica of rp (restart.c, replica.c) or its new version (rs_create_held): steps 1-4
 * for a copy of its program with its privileges, not allowed to run: OK with its endpoint
 * and pid, or an error. */
int
rs_make_copy(struct rproc *rp, endpoint_t *ep, int *pid)
{
	struct rs_privs pr;
	int r;

	if ((r = rs_spawn(rp->r_start.path, rp->r_start.args, ep, pid)) != OK)
		return r;
	conf_privs(rp, &pr);
	pr.spec.ps_sig_mgr = rs_self;
	if ((r = sys_privctl(*ep, SYS_PRIV_SET_SYS, &pr.spec)) != OK) {
		pm_srv_kill(*ep);
		return r;
	}
	grant_resources_to(rp, *ep);
	return OK;
}

/* Answer rp's waiting `service` process with result (and rp's endpoint and pid). */
void
rs_answer(struct rproc *rp, int result)
{
	message m;

	if (rp->r_caller == NONE)
		return;
	memset(&m, 0, sizeof(m));
	m.m_rs_req.endpoint = rp->r_pub->endpoint;
	m.m_rs_req.pid = rp->r_pid;
	srv_reply("rs", rp->r_caller, &m, result);
	rp->r_caller = NONE;
}

/* Fill the new slot rp from rs. */
static void
fill_slot(struct rproc *rp, const struct rs_start *rs)
{
	const char *base = strrchr(rs->path, '/') + 1;

	rp->r_is_sys = 1;
	rp->r_pub->endpoint = NONE;
	rp->r_caller = NONE;
	strlcpy(rp->r_pub->label, rs->label, RS_MAX_LABEL_LEN);
	strlcpy(rp->r_pub->proc_name, base, RS_MAX_LABEL_LEN);
	strlcpy(rp->r_dev, rs->dev, sizeof(rp->r_dev));
	rp->r_period = heartbeat_period(rs->period);
	rp->r_start = *rs;
	rp->r_conf = &rp->r_start.conf;	/* kept for a restart, too */
}

/* Delete rp's label from DS if RS_UP published it (its init failed, or it is gone). */
void
up_unpublish(struct rproc *rp)
{
	int r;

	if (!(rp->r_flags & RS_LABEL_DS))
		return;
	rp->r_flags &= ~RS_LABEL_DS;
	if ((r = ds_delete_label(rp->r_pub->label)) != OK)
		printf("rs: cannot delete the label of %s from DS: %s\n", rp->r_pub->label,
		       rs_errname(r));
}

/* Publish rp's label in DS before its init, as for a boot service: its init may look
 * itself up (libdriver's driver_announce does). */
static int
up_publish(struct rproc *rp)
{
	int r;

	if ((r = ds_publish_label(rp->r_pub->label, rp->r_pub->endpoint, 0)) == OK)
		rp->r_flags |= RS_LABEL_DS;
	return r;
}

/* Steps 4 and 5 for rp, whose process runs its program: OK or an error (rp ended). */
static int
start_service(struct rproc *rp, int type)
{
	struct rs_privs pr;
	int r;

	conf_privs(rp, &pr);
	if ((r = rs_set_privileges(rp, &pr)) == OK) {
		grant_resources(rp);	/* a refused resource is reported, not fatal */
		rs_sync_ipc();		/* its partners may now answer it (ipc.c) */
		if ((r = sys_privctl(rp->r_pub->endpoint, SYS_PRIV_ALLOW, NULL)) == OK &&
		    (r = up_publish(rp)) == OK && (r = send_init(rp, type)) == OK)
			return OK;
	}
	up_unpublish(rp);
	printf("rs: cannot start %s: %s\n", rp->r_pub->label, rs_errname(r));
	pm_srv_kill(rp->r_pub->endpoint);
	return r;
}

/* Steps 1-4 for rp from rp->r_start, but the process is not let run (it stays held by
 * RTS_NO_PRIV): the new version of a live update (update.c), made like a replica.  OK, or
 * an error (no process left). */
int
rs_create_held(struct rproc *rp)
{
	sys_getuptime(&rp->r_start_ticks);
	return rs_make_copy(rp, &rp->r_pub->endpoint, &rp->r_pid);
}

/* Steps 1-5 for rp from rp->r_start: OK, or an error (no process left). */
int
rs_start_instance(struct rproc *rp, int type)
{
	int r;

	if ((r = create_process(rp)) == OK)
		r = start_service(rp, type);
	return r;
}

int
do_up(message *m)
{
	static struct rs_start rs;
	struct rproc *rp;
	int r;

	if ((r = rs_read_start(m, &rs)) != OK)
		return r;
	if (rs_by_label(rs.label) != NULL || (r = dev_check(&rs)) != OK)
		return -EBUSY;
	if ((rp = rs_alloc()) == NULL)
		return -EAGAIN;
	fill_slot(rp, &rs);
	if ((r = rs_start_instance(rp, SEF_INIT_FRESH)) != OK) {
		rs_cleanup(rp);
		return r;
	}
	rp->r_caller = m->m_source;
	return -EDONTREPLY;		/* answered when the init answer is in */
}

/* The answer to RS_INIT of rp, a service RS_UP started (init.c): result is its init's. */
int
up_init_answered(struct rproc *rp, int result, message *m)
{
	rp->r_flags &= ~RS_INITIALIZING;
	if (result != OK && (rp->r_flags & RS_RESTARTING)) {
		if (result != -ERESTART)	/* a reset answers with its fresh instance */
			rs_answer(rp, result < 0 ? result : -result);	/* a refresh's caller */
		restart_init_failed(rp, result);	/* restart.c: a reset, or later */
		return -EDONTREPLY;
	}
	if (result == OK && !(rp->r_flags & RS_RESTARTING) && (result = dev_map(rp)) != OK)
		printf("rs: service %s: VFS refused its -dev or socket domain: stopping it\n",
		       rp->r_pub->label);
	else if (result != OK)
		printf("rs: service %s failed its init: %s\n", rp->r_pub->label,
		       rs_errname(result));
	if (result != OK) {
		up_unpublish(rp);
		pm_srv_kill(rp->r_pub->endpoint);
		rs_answer(rp, result < 0 ? result : -result);
		rs_cleanup(rp);
		return -EDONTREPLY;	/* the service is gone: no answer */
	}
	if (rp->r_flags & RS_RESTARTING)
		dev_restarted(rp);	/* dev.c: a socket driver's old sockets end */
	rp->r_flags |= RS_ACTIVE;
	memset(m, 0, sizeof(*m));
	m->m_type = OK;
	ipc_sendnb(rp->r_pub->endpoint, m);
	restart_init_ok(rp);	/* restart.c, once the service runs (PM may wait on it through
				   VFS): the dead image ends, heartbeats, a standby replica */
	if (rp->r_flags & RS_RESTARTING)
		printf("rs: service %s restarted, endpoint %d, pid %d (restart %d)\n",
		       rp->r_pub->label, rp->r_pub->endpoint, rp->r_pid, rp->r_restarts);
	else
		printf("rs: service %s up, endpoint %d, pid %d\n", rp->r_pub->label,
		       rp->r_pub->endpoint, rp->r_pid);
	rp->r_flags &= ~RS_RESTARTING;
	rs_pci_publish_all(rp);	/* pci.c: the PCI server (re)started: every service's ACL */
	rs_answer(rp, OK);
	return -EDONTREPLY;
}
