/*
 * service.c - service: start, stop, restart, edit and look up system services, and list
 * them (RS's requests, minnow/rs.h; handouts/rs.md, "Starting and stopping services" and
 * "Refresh, edit, run and shutdown").
 *
 *   service up PATH [-args "A B"] [-label L] [-period TICKS] [-dev NODE] [-config FILE]
 *              [-script FILE] [-n] [-b] [-p]
 *                          RS_UP: start the program PATH as a service; prints its label,
 *                          endpoint and pid once its init has succeeded.  Its privileges
 *                          are the entry of its label in /etc/system.conf (or FILE; no
 *                          such entry: the entry of PATH's file name, so instances
 *                          e1000_0 and e1000_1 of /service/e1000 share `service e1000`),
 *                          parsed here with the shared parser (lib/libsys/sysconf.c) and
 *                          sent in struct rs_start; RS checks them.  No entry: ENOENT,
 *                          nothing sent; an entry with errors: each error as FILE:LINE,
 *                          nothing sent.  -dev NODE: NODE is stat'ed here (a device
 *                          special, else EINVAL) and its major sent: RS maps it to the
 *                          label in VFS (EBUSY if another driver has it).  RS restarts
 *                          the service when it dies or misses two heartbeats (-period: in
 *                          clock ticks), unless -n (RS_START_NORESTART); -b: no back-off
 *                          (RS_START_NOBACKOFF); -p: RS keeps a standby replica
 *                          (RS_START_REPLICA); -script FILE: on a death RS runs `sh FILE
 *                          LABEL REASON RESTARTS` instead of restarting it
 *   service run PATH [...] the same options: RS_UP with RS_START_NORESTART, a program
 *                          run once as a service: never restarted, its exit frees its slot
 *   service down LABEL     RS_DOWN: stop it (SIGTERM, then SIGKILL)
 *   service refresh LABEL  RS_REFRESH: stop it and restart it at once (its restart init
 *                          runs); prints the new endpoint and pid
 *   service edit PATH [-args "A B"] [-label L] [-period TICKS] [-config FILE]
 *                          RS_EDIT: the running service L (default: PATH's file name) gets
 *                          the privileges of its entry now, PATH, the arguments and the
 *                          period at its next restart (-dev and -n cannot be edited)
 *   service shutdown       RS_SHUTDOWN: from now on RS restarts no service (poweroff
 *                          sends it too)
 *   service lookup LABEL   RS_LOOKUP: print its endpoint and pid
 *   service restart LABEL  RS_RESTART: restart a dead service now (its recovery script
 *                          calls it; EBUSY if it is not dead)
 *   service clone LABEL    RS_CLONE: RS keeps a standby replica of it (EEXIST: it has one)
 *   service [status]       RS_GETSYSINFO: label, endpoint, pid, restarts, period, flags
 *   service update PATH|self -label L [-state N] [-maxtime MS] [-args "A B"]
 *                          RS_UPDATE: live update of L to the program PATH (self: the
 *                          program it runs now), keeping its endpoint, pid and state
 *                          (handouts/rs.md, "Live update"); -state is the state it must
 *                          reach first (1 work-free, the default; 2 request-free;
 *                          3 protocol-free; 4..15 its own), -maxtime the milliseconds it
 *                          has to get there (default 2000, at most 20000)
 *                          not implemented: RS answers ENOSYS, reported as such
 * Each request is one SENDREC to RS.  Every error is a plain message on stderr and exit
 * status 1 (2 for a usage error).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>
#include <minnow/sysconf.h>
#include <minnow/sysinfo.h>

#define SYSTEM_CONF     "/etc/system.conf"
#define CONF_MAX        16384   /* the largest file read (RS's limit for its boot copy) */

static const char *cmd = "";
static const char *config = SYSTEM_CONF;

static int
usage(void)
{
	fprintf(stderr,
		"usage: service up|run PATH [-args ARGS] [-label LABEL] [-period TICKS] "
		"[-dev NODE]\n                      [-config FILE] [-script FILE] [-n] [-b] [-p]\n"
		"       service edit PATH [-args ARGS] [-label LABEL] [-period TICKS] "
		"[-config FILE]\n"
		"       service down|refresh|lookup|restart|clone LABEL\n"
		"       service shutdown\n"
		"       service update PATH|self -label LABEL [-state N] [-maxtime MS]\n"
		"                      [-args ARGS]\n"
		"       service [status]\n");
	return 2;
}

/* Send RS request type with m; the answer (m_type) or the IPC error. */
static int
rs_request(int type, message *m)
{
	int r;

	m->m_type = type;
	if ((r = ipc_sendrec(RS_PROC_NR, m)) != 0)
		return r;
	return m->m_type;
}

/* Report RS's error r about what; the exit status. */
static int
fail(const char *what, int r)
{
	const char *why = strerror(-r);

	switch (-r) {
	case EPERM:
		why = "permission denied (root only; boot services cannot be stopped, nor "
		      "restarted unless marked sf=restart)";
		break;
	case EBUSY:
		why = "busy (the label or device is taken, the service is starting, stopping, "
		      "restarting or being updated, or the system is shutting down)";
		break;
	case ESRCH:
		why = "no such service";
		break;
	case EINVAL:
		why = "invalid argument";
		break;
	case EEXIST:
		why = "it has a standby replica already (EEXIST)";
		break;
	case ENOSYS:
		why = "not implemented (ENOSYS)";
		break;
	case EDEADEPT:
		why = "the service died during its initialisation";
		break;
	}
	fprintf(stderr, "service: %s%s%s: %s\n", cmd, *what != '\0' ? " " : "", what, why);
	return 1;
}

/* Copy a string argument into dst (size n): 0, or -1 if it does not fit. */
static int
put(char *dst, size_t n, const char *src)
{
	if (strlen(src) >= n)
		return -1;
	strcpy(dst, src);
	return 0;
}

/* Parse up's arguments into *rs: 0, or -1 (a usage error). */
static int
parse_up(int argc, char **argv, struct rs_start *rs)
{
	int i;
	char *end;

	memset(rs, 0, sizeof(*rs));
	if (argc < 1 || put(rs->path, sizeof(rs->path), argv[0]) < 0)
		return -1;
	for (i = 1; i < argc; i += 2) {
		if (strcmp(argv[i], "-n") == 0 || strcmp(argv[i], "-b") == 0 ||
		    strcmp(argv[i], "-p") == 0) {
			rs->flags |= argv[i][1] == 'n' ? RS_START_NORESTART :
				     argv[i][1] == 'b' ? RS_START_NOBACKOFF : RS_START_REPLICA;
			i--;		/* no value */
			continue;
		}
		if (i + 1 == argc)
			break;
		if (strcmp(argv[i], "-args") == 0 && put(rs->args, sizeof(rs->args), argv[i + 1]) == 0)
			continue;
		if (strcmp(argv[i], "-label") == 0 && put(rs->label, sizeof(rs->label), argv[i + 1]) == 0)
			continue;
		if (strcmp(argv[i], "-dev") == 0 && put(rs->dev, sizeof(rs->dev), argv[i + 1]) == 0)
			continue;
		if (strcmp(argv[i], "-script") == 0 &&
		    put(rs->script, sizeof(rs->script), argv[i + 1]) == 0)
			continue;
		if (strcmp(argv[i], "-config") == 0) {
			config = argv[i + 1];
			continue;
		}
		if (strcmp(argv[i], "-period") == 0) {
			rs->period = (uint32_t)strtoul(argv[i + 1], &end, 10);
			if (*end == '\0' && argv[i + 1][0] != '\0')
				continue;
		}
		return -1;
	}
	return i == argc ? 0 : -1;
}

/* Print one parser report (FILE:LINE: what in service LABEL). */
static void
conf_report(const char *msg)
{
	fprintf(stderr, "service: %s\n", msg);
}

/* Read config and copy the entry of label (none: the entry of prog, the program's file
 * name, so that instances e1000_0 and e1000_1 share the entry e1000) into *conf: 0, or the
 * exit status (1) after reporting why not (the file cannot be read, no entry, an entry
 * with errors). */
static int
read_conf(const char *label, const char *prog, struct sc_service *conf)
{
	static char text[CONF_MAX];
	static struct sysconf sc;
	const struct sc_service *svc;
	ssize_t n;
	int fd;

	if ((fd = open(config, O_RDONLY)) < 0) {
		fprintf(stderr, "service: %s %s: cannot open %s: %s\n", cmd, label, config,
			strerror(errno));
		return 1;
	}
	n = read(fd, text, sizeof(text));
	close(fd);
	if (n < 0 || n == (ssize_t)sizeof(text)) {
		fprintf(stderr, "service: %s %s: cannot read %s: %s\n", cmd, label, config,
			n < 0 ? strerror(errno) : "too large");
		return 1;
	}
	sysconf_parse(text, (size_t)n, config, &sc, conf_report);
	if ((svc = sysconf_find(&sc, label)) == NULL && prog != NULL)
		svc = sysconf_find(&sc, prog);
	if (svc == NULL) {
		fprintf(stderr, "service: %s %s: no entry for %s in %s (ENOENT)\n", cmd, label,
			label, config);
		return 1;
	}
	if (svc->sc_bad) {
		fprintf(stderr, "service: %s %s: the entry of %s in %s has errors: not %s\n",
			cmd, label, label, config, strcmp(cmd, "edit") == 0 ? "changed" : "started");
		return 1;
	}
	*conf = *svc;
	strlcpy(conf->sc_label, label, sizeof(conf->sc_label));   /* RS checks it */
	return 0;
}

/* Could label name a system.conf entry (letters, digits, '_', '-')?  If not, RS refuses
 * the request (EINVAL) and no file is read. */
static int
entry_label(const char *l)
{
	if (*l == '\0')
		return 0;
	for (; *l != '\0'; l++)
		if (!((*l >= 'a' && *l <= 'z') || (*l >= 'A' && *l <= 'Z') ||
		      (*l >= '0' && *l <= '9') || *l == '_' || *l == '-'))
			return 0;
	return 1;
}

/* The label rs will run under: -label, else the program's file name (as RS decides). */
static const char *
label_of(const struct rs_start *rs)
{
	const char *base = strrchr(rs->path, '/');

	if (rs->label[0] != '\0')
		return rs->label;
	return base != NULL ? base + 1 : rs->path;
}

/* The major of the device node rs->dev into rs->dev_major: 0, or 1 after saying why not
 * (no such node, not a device special). */
static int
dev_major(struct rs_start *rs)
{
	struct stat st;

	if (rs->dev[0] == '\0')
		return 0;
	if (stat(rs->dev, &st) < 0) {
		fprintf(stderr, "service: %s %s: -dev %s: %s\n", cmd, rs->path, rs->dev,
			strerror(errno));
		return 1;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) {
		fprintf(stderr, "service: %s %s: -dev %s: not a device (EINVAL)\n", cmd, rs->path,
			rs->dev);
		return 1;
	}
	rs->dev_major = major(st.st_rdev);
	return 0;
}

/* up, run and edit: RS request type with the struct rs_start of argv. */
static int
do_start(int type, int argc, char **argv)
{
	struct rs_start rs;
	message m;
	int r;

	if (parse_up(argc, argv, &rs) < 0 ||
	    (type == RS_EDIT && (rs.dev[0] != '\0' || rs.flags != 0))) {
		fprintf(stderr, "service: %s: bad arguments\n", cmd);
		return usage();
	}
	if (strcmp(cmd, "run") == 0)
		rs.flags |= RS_START_NORESTART;
	if (rs.path[0] == '/' && strlen(label_of(&rs)) < sizeof(rs.label) &&
	    entry_label(label_of(&rs)) &&
	    read_conf(label_of(&rs), strrchr(rs.path, '/') + 1, &rs.conf) != 0)
		return 1;
	if (dev_major(&rs) != 0)
		return 1;
	memset(&m, 0, sizeof(m));
	m.m_rs_req.addr = (uint32_t)&rs;
	m.m_rs_req.len = sizeof(rs);
	if ((r = rs_request(type, &m)) < 0)
		return fail(rs.path, r);
	if (type == RS_EDIT)
		printf("service %s edited\n", label_of(&rs));
	else
		printf("service %s %s: endpoint %d, pid %d\n", label_of(&rs),
		       strcmp(cmd, "run") == 0 ? "running" : "up", (int)m.m_rs_req.endpoint,
		       (int)m.m_rs_req.pid);
	return 0;
}

/* Report RS's error r about the update of label; the exit status (1). */
static int
update_failed(const char *label, int r)
{
	const char *why;

	switch (-r) {
	case EINTR:
		why = "not ready within maxtime (EINTR): update cancelled, the old version goes on";
		break;
	case ERESTART:
		why = "the new version's init failed (ERESTART): rolled back, the old version "
		      "goes on with its state";
		break;
	case EDEADEPT:
		why = "the new version died (EDEADEPT): rolled back, the old version goes on "
		      "with its state";
		break;
	case EDEADSRCDST:
		why = "the service died while preparing (EDEADSRCDST)";
		break;
	case EPERM:
		why = "permission denied (root only; of the boot services only those marked "
		      "sf=restart can be updated)";
		break;
	case EBUSY:
		why = "busy (another update runs, or the service is starting, stopping or "
		      "restarting)";
		break;
	case ENOENT:
		why = "no such program (ENOENT)";
		break;
	case ENOSYS:
		why = "not implemented (ENOSYS)";
		break;
	case ENOEXEC:
		why = "the new program is not that service (ENOEXEC): rolled back, the old "
		      "version goes on";
		break;
	default:
		return fail(label, r);
	}
	fprintf(stderr, "service: update %s: %s\n", label, why);
	return 1;
}

/* Parse update's arguments into *rs (label, path; "" for self) and *m: 0 or -1. */
static int
parse_update(int argc, char **argv, struct rs_start *rs, message *m)
{
	char *end;
	int i;

	memset(rs, 0, sizeof(*rs));
	if (argc < 1 || (strcmp(argv[0], "self") != 0 &&
			 put(rs->path, sizeof(rs->path), argv[0]) < 0))
		return -1;
	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-label") == 0 &&
		    put(rs->label, sizeof(rs->label), argv[i + 1]) == 0)
			continue;
		if (strcmp(argv[i], "-args") == 0 &&
		    put(rs->args, sizeof(rs->args), argv[i + 1]) == 0)
			continue;
		if (strcmp(argv[i], "-state") == 0)
			m->m_rs_req.lu_state = (int32_t)strtol(argv[i + 1], &end, 10);
		else if (strcmp(argv[i], "-maxtime") == 0)
			m->m_rs_req.lu_maxtime = (uint32_t)strtoul(argv[i + 1], &end, 10);
		else
			return -1;
		if (*end != '\0' || argv[i + 1][0] == '\0')
			return -1;
	}
	return i == argc && rs->label[0] != '\0' ? 0 : -1;
}

static int
do_update(int argc, char **argv)
{
	struct rs_start rs;
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	if (parse_update(argc, argv, &rs, &m) < 0) {
		fprintf(stderr, "service: update: bad arguments\n");
		return usage();
	}
	m.m_rs_req.addr = (uint32_t)&rs;
	m.m_rs_req.len = sizeof(rs);
	if ((r = rs_request(RS_UPDATE, &m)) < 0)
		return update_failed(rs.label, r);
	printf("service %s updated: endpoint %d, pid %d\n", rs.label, (int)m.m_rs_req.endpoint,
	       (int)m.m_rs_req.pid);
	return 0;
}

/* down, lookup and the unimplemented requests: one label. */
static int
do_label(int type, int argc, char **argv)
{
	message m;
	int r;

	if (argc != 1 || strlen(argv[0]) >= sizeof(m.m_rs_req.label))
		return usage();
	memset(&m, 0, sizeof(m));
	strcpy(m.m_rs_req.label, argv[0]);
	if ((r = rs_request(type, &m)) < 0)
		return fail(argv[0], r);
	if (type == RS_LOOKUP)
		printf("%s: endpoint %d, pid %d\n", argv[0], (int)m.m_rs_req.endpoint,
		       (int)m.m_rs_req.pid);
	else if (type == RS_DOWN)
		printf("service %s down\n", argv[0]);
	else if (type == RS_RESTART)
		printf("service %s restarting\n", argv[0]);
	else if (type == RS_CLONE)
		printf("service %s: standby replica ready\n", argv[0]);
	else if (type == RS_REFRESH)
		printf("service %s refreshed: endpoint %d, pid %d\n", argv[0],
		       (int)m.m_rs_req.endpoint, (int)m.m_rs_req.pid);
	return 0;
}

/* shutdown: no argument. */
static int
do_shutdown(int argc)
{
	message m;
	int r;

	if (argc != 0)
		return usage();
	memset(&m, 0, sizeof(m));
	if ((r = rs_request(RS_SHUTDOWN, &m)) < 0)
		return fail("", r);
	printf("service: shutdown: RS restarts no service from now on\n");
	return 0;
}

/* The flags of a row as words. */
static const char *
flag_words(uint32_t f)
{
	static char buf[112];

	snprintf(buf, sizeof(buf), "%s%s%s%s%s%s%s%s%s%s%s", f & RSI_BOOT ? "boot " : "",
		 f & RSI_SYSTEM ? "sys " : "user ", f & RSI_ACTIVE ? "active " : "",
		 f & RSI_INITIALIZING ? "init " : "", f & RSI_PINGED ? "pinged " : "",
		 f & RSI_RESTARTING ? "restarting " : "", f & RSI_NORESTART ? "norestart " : "",
		 f & RSI_EXITING ? "exiting " : "", f & RSI_REFRESHING ? "refreshing " : "",
		 f & RSI_UPDATING ? "updating " : "", f & RSI_REPLICA ? "replica " : "");
	return buf;
}

static int
do_status(void)
{
	static struct rs_svcinfo rows[64];
	unsigned total;
	int n, i;

	if ((n = getsysinfo_rs(rows, sizeof(rows), &total)) < 0)
		return fail("", -errno);
	printf("%-15s %8s %5s %8s %6s  %s\n", "LABEL", "ENDPOINT", "PID", "RESTARTS", "PERIOD",
	       "FLAGS");
	for (i = 0; i < n; i++) {
		printf("%-15s %8d ", rows[i].label, (int)rows[i].endpoint);
		if (rows[i].pid < 0)
			printf("%5s ", "-");
		else
			printf("%5d ", (int)rows[i].pid);
		printf("%8u %6u  %s\n", (unsigned)rows[i].restarts, (unsigned)rows[i].period,
		       flag_words(rows[i].flags));
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct { const char *name; int type; } later[] = {
		{ "restart", RS_RESTART }, { "clone", RS_CLONE },
	};
	unsigned i;

	if (argc < 2 || strcmp(argv[1], "status") == 0)
		return argc <= 2 ? do_status() : usage();
	cmd = argv[1];
	if (strcmp(cmd, "up") == 0 || strcmp(cmd, "run") == 0)
		return do_start(RS_UP, argc - 2, argv + 2);
	if (strcmp(cmd, "edit") == 0)
		return do_start(RS_EDIT, argc - 2, argv + 2);
	if (strcmp(cmd, "shutdown") == 0)
		return do_shutdown(argc - 2);
	if (strcmp(cmd, "down") == 0)
		return do_label(RS_DOWN, argc - 2, argv + 2);
	if (strcmp(cmd, "refresh") == 0)
		return do_label(RS_REFRESH, argc - 2, argv + 2);
	if (strcmp(cmd, "lookup") == 0)
		return do_label(RS_LOOKUP, argc - 2, argv + 2);
	if (strcmp(cmd, "update") == 0)
		return do_update(argc - 2, argv + 2);
	for (i = 0; i < sizeof(later) / sizeof(later[0]); i++)
		if (strcmp(cmd, later[i].name) == 0)
			return do_label(later[i].type, argc - 2, argv + 2);	/* some ENOSYS */
	fprintf(stderr, "service: unknown command %s\n", cmd);
	return usage();
}
