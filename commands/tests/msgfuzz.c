/*
 * msgfuzz.c - /test/msgfuzz: the message fuzzer (handouts/hardening.md, "Message fuzzer").
 *
 * Usage: msgfuzz SEED COUNT [WORKERS [HANG_SECONDS [FIRST]]]
 * Run it as an ordinary user (it refuses root: a root process may reboot or kill anything).
 * It sends COUNT messages, numbered FIRST .. FIRST+COUNT-1 (FIRST 0 by default),
 * from WORKERS (4) forked worker processes.  Message k is made from SEED and k alone
 * (gen(): a random generator seeded by mix(SEED, k)), so whichever worker sends it, the same
 * SEED and k make the same message (up to the sender's own pid and addresses):
 * `msgfuzz SEED 1 1 10 k` replays message k alone, and WORKERS 0 prints the messages
 * instead of sending them.  Each
 * message is one of:
 *   - mutated-valid: a real request type of PM, VFS, VM, DS or RS (minnow/pm.h, vfs.h,
 *     vm.h, ds.h, rs.h) with plausible fields (the worker's own buffers, paths, small fds,
 *     its pid, lengths that fit), then one field set to a bad value: 0, -1, INT_MIN,
 *     INT_MAX, huge counts, NULL, kernel addresses (0xF0000000 and up), unmapped or
 *     misaligned addresses, other processes' endpoints, random grant ids;
 *   - random: a random type (in the server's range or anywhere) with random fields, to
 *     PM, VFS, VM, DS or RS;
 *   - elsewhere: a message to an endpoint a user may not reach (tty, the memory driver,
 *     MFS, PFS, log, init, the kernel's tasks, SELF, ANY, NONE, made-up endpoints), which
 *     the kernel must refuse (ECALLDENIED and friends);
 *   - a kernel call (any number, random fields and grant ids), or an IPC trap other than
 *     SENDREC (SEND, NOTIFY, SENDNB, SENDA, RECEIVE): a user process has neither.
 *
 * The workers.  Each has its own process group, /dev/null as stdin, stdout and stderr, and
 * a scratch directory (/tmp/msgfuzz.<pid>, removed at the end) as its working directory.  It
 * reports every message (its number and answer) as a record on a pipe kept at fd REPORT_FD,
 * and never sends a message that would touch the campaign itself: its fields never name the
 * report pipe, the parent, the shell above it or another worker (a kill, a ptrace), and a
 * stop signal becomes 0.  A periodic SIGALRM (every 100 ms, re-armed after every signal
 * request) ends any call that blocks legitimately (a read of an empty pipe, a pause) with
 * EINTR.  A worker that dies of its own message (PM_EXIT, exec, a bad sigreturn or break,
 * a signal) is counted and replaced: the new worker goes on after the message that killed
 * it.  A fork request's child leaves at once; the worker reaps it.
 *
 * Hangs.  A worker that reports nothing for HANG_SECONDS (10) is stuck in a SENDREC that
 * no signal ends: a server kept the request and will never answer.  The parent prints
 * "msgfuzz: HANG ..." with the seed and the message's number, type and destination, kills
 * the worker and goes on with the next message; after MAX_HANGS (5) hangs it stops the
 * campaign (sent is then less than the count).  A message may scribble over the worker's
 * own memory (a read with a huge count into its buffer); a worker that finds the facts its
 * messages are made from changed (a checksum) stops and a fresh one goes on
 * (self_corrupted), so a message is never made from bad facts.
 *
 * Output: "msgfuzz: seed S count N workers W ...", a line per hang, per death (the first
 * 20) and per message a forbidden endpoint answered (REACHED), then the summary lines
 *   msgfuzz: sent=N count=N ok=.. errors=.. denied=.. elsewhere=.. elsewhere_reached=..
 *            kcalls=.. kcalls_denied=.. traps=.. traps_denied=.. internal_errnos=..
 *            hangs=.. deaths=.. forks=.. respawns=.. self_corrupted=..
 *   msgfuzz errnos: EPERM=.. EINVAL=.. ...   (every error answer, by name)
 * and "DONE msgfuzz".  sent counts every message number once: answered, or the one a worker
 * was in when it died or hung.  denied: ECALLDENIED answers; elsewhere_reached: messages
 * to an endpoint a user may not reach that the kernel let through; internal_errnos:
 * answers carrying a server's pseudo-code (EDONTREPLY and up).  The exit status is 0 when
 * no worker hung, no forbidden endpoint was reached, every kernel call and trap was
 * refused and no internal errno came back; 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/ipcstub.h>
#include <minnow/ptrace.h>
#include "testlib.h"

#define REPORT_FD       29      /* the workers' end of the report pipe */
#define MAX_WORKERS     16
#define MAX_ERRNO       400
#define INTERNAL_ERRNO  200     /* EDONTREPLY and up: never a user's answer */
#define DATA_SIZE       8192    /* the workers' data buffer */
#define SHOWN           20      /* deaths and hangs printed one by one */
#define MAX_HANGS       5       /* the campaign stops after so many */

/* What a message is (gen()). */
enum kind { K_MUTATED, K_RANDOM, K_ELSEWHERE, K_KCALL, K_TRAP };
/* A record on the report pipe. */
enum rec_kind { REC_MSG = 1, REC_FINISHED = 2, REC_CORRUPT = 3 };
#define REC_KCALL       0x100   /* flags in rec.kind: a kernel call */
#define REC_TRAP        0x200   /* another IPC trap */
#define REC_FORK        0x400   /* a fork request made a child */
#define REC_ELSEWHERE   0x800   /* to an endpoint a user may not reach */
struct rec {
	uint16_t worker;
	uint16_t kind;
	uint32_t msgno;
	int32_t result;         /* the IPC result if not OK, else the answer's m_type */
	int32_t pad;
};

/* One message, as gen() makes it. */
struct fmsg {
	enum kind kind;
	endpoint_t dst;         /* SENDREC's destination (K_TRAP: the trap's) */
	int call;               /* K_KCALL: the call number; K_TRAP: the trap */
	message m;
};

/* ---- the campaign's facts, set by the parent before it forks --------------------------- */
static uint32_t seed;
static endpoint_t elsewhere[24];                /* endpoints a user may not reach */
static int n_elsewhere;
static char data[DATA_SIZE] __attribute__((aligned(4096)));
static pid_t my_pid;
static uid_t my_uid;
static uint32_t facts_sum;      /* the worker's checksum of the facts above (intact()) */
static uint32_t last_mmap;      /* the address of this worker's last VM_MMAP, for MUNMAP */

static const char *const paths[] = {
	"f0", "f1", "sub", "sub/f2", ".", "..", "/tmp", "/", "/dev/null", "/bin/true",
	"/etc/passwd", "/nonexistent/x", "", "f0/x", "/dev/hello", "/bin",
};

/* ---- the random generator: splitmix32-ish, one state per message ---------------------- */
static uint32_t rng;

static uint32_t
mix(uint32_t a, uint32_t b)
{
	uint32_t z = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u) * 0x85EBCA77u;

	z = (z ^ (z >> 16)) * 0x7FEB352Du;
	z = (z ^ (z >> 15)) * 0x846CA68Bu;
	return z ^ (z >> 16);
}

static uint32_t
rnd(void)
{
	rng = mix(rng, 0x632BE5ABu);
	return rng;
}

static uint32_t
pick(uint32_t n)
{
	return rnd() % n;
}

/* ---- the request types, by server ------------------------------------------------------ */
static const int pm_types[] = {
	PM_EXIT, PM_FORK, PM_WAITPID, PM_GETPID, PM_GETUID, PM_GETGID, PM_SETUID, PM_SETGID,
	PM_SETSID, PM_GETPGRP, PM_SETPGID, PM_KILL, PM_REBOOT, PM_EXEC, PM_SIGACTION,
	PM_SIGPROCMASK, PM_GETSYSINFO, PM_GETTIMEOFDAY, PM_SRV_FORK, PM_SRV_EXEC, PM_SRV_KILL,
	PM_GETEPINFO, PM_SIGRETURN, PM_SIGPENDING, PM_SIGSUSPEND, PM_ITIMER, PM_PTRACE,
	PM_GETRLIMIT, PM_SETRLIMIT, PM_SETEUID, PM_SETEGID, PM_TIMES, PM_GETGROUPS,
	PM_SETGROUPS,
};
static const int vfs_types[] = {
	VFS_READ, VFS_WRITE, VFS_LSEEK, VFS_OPEN, VFS_CLOSE, VFS_PIPE2, VFS_STAT, VFS_FSTAT,
	VFS_DUP, VFS_DUP2, VFS_FCNTL, VFS_IOCTL, VFS_ACCESS, VFS_CHDIR, VFS_FCHDIR, VFS_GETCWD,
	VFS_MKDIR, VFS_RMDIR, VFS_UNLINK, VFS_LINK, VFS_RENAME, VFS_MKNOD, VFS_GETDENTS,
	VFS_SELECT, VFS_TRUNCATE, VFS_FTRUNCATE, VFS_CHMOD, VFS_CHOWN, VFS_UMASK, VFS_SYNC,
	VFS_STATVFS, VFS_GETVFSSTAT, VFS_MOUNT, VFS_UMOUNT, VFS_MAPDRIVER, VFS_LSTAT,
	VFS_READLINK, VFS_SYMLINK, VFS_UTIMENS, VFS_FUTIMENS, VFS_PREAD, VFS_PWRITE,
	VFS_CHROOT, VFS_FCHMOD, VFS_FCHOWN,
};
static const int vm_types[] = {
	VM_EXIT, VM_FORK, VM_BRK, VM_MMAP, VM_MAP_PHYS, VM_MUNMAP, VM_EXEC_NEWMEM, VM_EXEC_MAP,
	VM_EXEC_DONE, VM_INFO, VM_RS_UPDATE, VM_RS_MAKEVM, VM_RS_PIN, VM_REGION, VM_SAFEMAP,
	VM_SAFEREVMAP, VM_SAFEUNMAP, VM_STACK_LIMIT, VM_SANITY, VM_PAGEFAULT,
};
static const int ds_types[] = {
	DS_PUBLISH, DS_RETRIEVE, DS_SUBSCRIBE, DS_CHECK, DS_DELETE, DS_SNAPSHOT,
	DS_RETRIEVE_LABEL, DS_GETSYSINFO,
};
static const int rs_types[] = {
	RS_UP, RS_DOWN, RS_REFRESH, RS_RESTART, RS_SHUTDOWN, RS_UPDATE, RS_CLONE, RS_EDIT,
	RS_LOOKUP, RS_GETSYSINFO, RS_INIT, RS_LU_PREPARE, SIGS_SIGNAL_RECEIVED,
};
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The servers a user may reach, with their types and the base of their range. */
static const struct server {
	const char *name;
	endpoint_t ep;
	const int *types;
	int ntypes;
	int base;
} servers[] = {
	{ "pm", PM_PROC_NR, pm_types, N(pm_types), PM_BASE },
	{ "vfs", VFS_PROC_NR, vfs_types, N(vfs_types), VFS_BASE },
	{ "vm", VM_PROC_NR, vm_types, N(vm_types), VM_RQ_BASE },
	{ "ds", DS_PROC_NR, ds_types, N(ds_types), DS_RQ_BASE },
	{ "rs", RS_PROC_NR, rs_types, N(rs_types), RS_RQ_BASE },
};

/* ---- field values ------------------------------------------------------------------ */
/* A bad value for one field: a boundary, a bad pointer, a huge count, an endpoint that is
 * not the caller's, a random grant id. */
static uint32_t
bad_value(void)
{
	static const uint32_t fixed[] = {
		0, 0xFFFFFFFFu, 1, 0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFEu, 0x10000000u,
		0x40000000u, 4096, 4097, 0xF0000000u, 0xF0001000u, 0xFFFFF000u, 0xC0000000u,
		0x00001000u, 0x50000000u, 0xBFFFFFFCu, 0x7FFFF000u,
	};
	switch (pick(6)) {
	case 0: case 1:
		return fixed[pick(N(fixed))];
	case 2:         /* our buffer's last byte, or misaligned */
		return (uint32_t)data + (pick(2) ? DATA_SIZE - 1 : 1 + pick(7));
	case 3:         /* another process's endpoint */
		return pick(2) ? (uint32_t)elsewhere[pick(n_elsewhere)] :
			(uint32_t)MAKE_ENDPOINT(pick(4), pick(NR_PROCS));
	case 4:         /* a grant id, small or not */
		return pick(2) ? pick(64) : rnd();
	default:
		return rnd();
	}
}

static uint32_t
a_path(uint32_t *len)
{
	const char *p = paths[pick(N(paths))];

	*len = strlen(p) + 1;
	return (uint32_t)p;
}

/* Plausible PM fields (mess_pm, minnow/pm.h) for type. */
static void
pm_fields(message *m, int type)
{
	static const int sigs[] = { 0, SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD, SIGCONT, SIGHUP };

	m->m_pm.pid = pick(2) ? my_pid : (int)pick(3) - 1;
	m->m_pm.status = pick(256);
	m->m_pm.options = pick(2) ? PM_WNOHANG : 0;
	m->m_pm.sig = sigs[pick(N(sigs))];
	m->m_pm.id = m->m_pm.eid = pick(2) ? my_uid : 0;
	m->m_pm.how = pick(4);
	m->m_pm.addr = (uint32_t)data + 64 * pick(8);
	m->m_pm.len = 4 * pick(33);
	m->m_pm.addr2 = (uint32_t)data + 4096;
	m->m_pm.len2 = 4 * pick(33);
	m->m_pm.endpt = pick(2) ? PM_PROC_NR : elsewhere[pick(n_elsewhere)];
	if (type == PM_EXEC)
		m->m_pm.addr = a_path(&m->m_pm.len);
}

/* Plausible VFS fields (mess_vfs, minnow/vfs.h). */
static void
vfs_fields(message *m)
{
	static const int flags[] = { O_RDONLY, O_WRONLY | O_CREAT, O_RDWR | O_CREAT | O_TRUNC,
				     O_RDONLY | O_NONBLOCK, O_WRONLY | O_APPEND, 1, 2, 3 };

	m->m_vfs.fd = pick(8);
	m->m_vfs.fd2 = pick(8);
	m->m_vfs.name = a_path(&m->m_vfs.name_len);
	m->m_vfs.name2 = a_path(&m->m_vfs.name2_len);
	m->m_vfs.buf = (uint32_t)data + 512 * pick(8);
	m->m_vfs.len = pick(2) ? pick(512) : 4096;
	m->m_vfs.flags = flags[pick(N(flags))];
	m->m_vfs.mode = pick(2) ? 0644 : pick(8);
	m->m_vfs.offset_lo = pick(2) ? 0 : pick(8192);
	m->m_vfs.offset_hi = 0;
	m->m_vfs.dirfd = pick(6);
	m->m_vfs.dirfd2 = pick(6);
	m->m_vfs.at = pick(4) == 0 ? pick(4) : 0;
}

/* Plausible VM fields: mess_vm_mmap for the mapping calls, mess_vm_proc for BRK, words that
 * look like an endpoint, an address and a length for the rest. */
static void
vm_fields(message *m, int type)
{
	if (type == VM_BRK) {
		m->m_vm_proc.endpt = SELF;
		m->m_vm_proc.addr = pick(2) ? 0 : (uint32_t)sbrk(0) + 4096 * pick(4);
	} else if (type == VM_MMAP || type == VM_MAP_PHYS || type == VM_MUNMAP) {
		m->m_vm_mmap.addr = type == VM_MUNMAP ? last_mmap : 0;
		m->m_vm_mmap.len = 4096 * (1 + pick(16));
		m->m_vm_mmap.prot = pick(2) ? VM_PROT_WRITE : 0;
		m->m_vm_mmap.flags = pick(3) == 0 ? VM_MAP_CONTIG : 0;
		m->m_vm_mmap.phys = 0xA0000 + 4096 * pick(16);
	} else {
		m->m_u32.m_u32[0] = elsewhere[pick(n_elsewhere)];
		m->m_u32.m_u32[1] = (uint32_t)data;
		m->m_u32.m_u32[2] = 4096;
		m->m_u32.m_u32[3] = pick(4);
	}
}

/* Plausible DS fields (mess_ds; mess_ds_sysinfo for GETSYSINFO). */
static void
ds_fields(message *m, int type)
{
	if (type == DS_GETSYSINFO) {
		m->m_ds_sysinfo.addr = (uint32_t)data;
		m->m_ds_sysinfo.len = DATA_SIZE;
		m->m_ds_sysinfo.row_size = 16 * pick(8);
		return;
	}
	m->m_ds.key_grant = pick(16);
	m->m_ds.key_len = 2 + pick(16);
	m->m_ds.flags = pick(16);
	m->m_ds.value = rnd();
	m->m_ds.val_grant = pick(16);
	m->m_ds.val_len = 4 * pick(64);
	m->m_ds.owner = elsewhere[pick(n_elsewhere)];
}

/* Plausible RS fields (mess_rs_req). */
static void
rs_fields(message *m)
{
	static const char *const labels[] = { "pm", "vfs", "hello", "tty", "memory", "nope", "" };

	m->m_rs_req.addr = (uint32_t)data;
	m->m_rs_req.len = 4 * pick(128);
	strncpy(m->m_rs_req.label, labels[pick(N(labels))], sizeof(m->m_rs_req.label) - 1);
	m->m_rs_req.endpoint = elsewhere[pick(n_elsewhere)];
	m->m_rs_req.pid = my_pid;
	m->m_rs_req.lu_state = pick(4);
	m->m_rs_req.lu_maxtime = pick(3000);
}

/* Types that end the worker (exit, exec, sigreturn): sent a quarter as often. */
static int
ends_worker(int type)
{
	return type == PM_EXIT || type == PM_EXEC || type == PM_SIGRETURN;
}

/* A real request of a reachable server, then one field set to a bad value. */
static void
gen_mutated(struct fmsg *f)
{
	const struct server *s = &servers[pick(N(servers))];
	int type;

	do
		type = s->types[pick(s->ntypes)];
	while (ends_worker(type) && pick(4) != 0);
	f->dst = s->ep;
	f->m.m_type = type;
	if (s->ep == PM_PROC_NR)
		pm_fields(&f->m, type);
	else if (s->ep == VFS_PROC_NR)
		vfs_fields(&f->m);
	else if (s->ep == VM_PROC_NR)
		vm_fields(&f->m, type);
	else if (s->ep == DS_PROC_NR)
		ds_fields(&f->m, type);
	else
		rs_fields(&f->m);
	if (pick(8) != 0)       /* one in eight stays valid */
		f->m.m_u32.m_u32[pick(14)] = bad_value();
}

/* A random type with random fields. */
static void
gen_random(struct fmsg *f)
{
	const struct server *s = &servers[pick(N(servers))];
	int i;

	f->dst = s->ep;
	switch (pick(4)) {
	case 0: case 1:
		f->m.m_type = s->base + pick(0x100);
		break;
	case 2:
		f->m.m_type = pick(0x2000);
		break;
	default:
		f->m.m_type = (int)bad_value();
	}
	for (i = 0; i < 14; i++)
		f->m.m_u32.m_u32[i] = pick(2) ? rnd() : bad_value();
}

/* Message k of the campaign: the same for the same seed and k, whoever sends it. */
static void
gen(uint32_t k, struct fmsg *f)
{
	static const int traps[] = { SEND, RECEIVE, NOTIFY, SENDNB, SENDA };
	uint32_t what;

	rng = mix(seed, k);
	memset(f, 0, sizeof(*f));
	what = pick(100);
	if (what < 55) {
		f->kind = K_MUTATED;
		gen_mutated(f);
	} else if (what < 75) {
		f->kind = K_RANDOM;
		gen_random(f);
	} else if (what < 85) {
		f->kind = K_ELSEWHERE;
		gen_random(f);
		f->dst = elsewhere[pick(n_elsewhere)];
	} else if (what < 97) {
		f->kind = K_KCALL;
		gen_random(f);
		f->call = pick(8) == 0 ? (int)bad_value() : (int)pick(NR_SYS_CALLS + 8);
	} else {
		f->kind = K_TRAP;
		gen_random(f);
		f->call = traps[pick(N(traps))];
		f->dst = pick(2) ? servers[pick(N(servers))].ep : elsewhere[pick(n_elsewhere)];
	}
}

/* ---- keeping the campaign alive ---------------------------------------------------- */
/* A checksum of the facts gen() uses.  A message may legitimately scribble over the
 * worker's own memory (a read of a big file into its buffer with a huge count runs past
 * it); a worker whose facts changed stops (REC_CORRUPT) and a fresh one goes on. */
static uint32_t
facts_checksum(void)
{
	uint32_t sum = mix(seed, n_elsewhere) ^ mix(my_pid, my_uid);
	int i;

	for (i = 0; i < N(elsewhere); i++)
		sum = mix(sum, elsewhere[i]);
	return sum;
}

/* May a kill, ptrace or setpgid name pid?  The worker itself, its group, 0, init, and
 * numbers no process has; never -1, the parent, the shell or another worker. */
static int
harmless_pid(int32_t pid)
{
	return pid == my_pid || pid == -my_pid || pid == 0 || pid == 1 || pid == INT_MIN ||
	       pid == INT_MAX || pid > 1000000 || pid < -1000000;
}

/* Never name the report pipe, the parent, the shell or another worker; never stop. */
static void
sanitize(struct fmsg *f)
{
	message *m = &f->m;

	if (f->kind == K_KCALL || f->kind == K_TRAP)
		return;
	if (f->dst == VFS_PROC_NR) {
		if (m->m_vfs.fd == REPORT_FD)
			m->m_vfs.fd = 3;
		if (m->m_vfs.fd2 == REPORT_FD)
			m->m_vfs.fd2 = 3;
		if (m->m_vfs.dirfd == REPORT_FD)
			m->m_vfs.dirfd = 3;
		if (m->m_vfs.dirfd2 == REPORT_FD)
			m->m_vfs.dirfd2 = 3;
	}
	if (f->dst != PM_PROC_NR)
		return;
	if ((m->m_type == PM_KILL || m->m_type == PM_PTRACE || m->m_type == PM_SETPGID) &&
	    !harmless_pid(m->m_pm.pid))
		m->m_pm.pid = my_pid;
	if (m->m_type == PM_SETPGID && m->m_pm.pgid != 0 && m->m_pm.pgid != my_pid)
		m->m_pm.pgid = 0;      /* never into the shell's group */
	if (m->m_type == PM_KILL && (m->m_pm.sig == SIGSTOP || m->m_pm.sig == SIGTSTP ||
				     m->m_pm.sig == SIGTTIN || m->m_pm.sig == SIGTTOU))
		m->m_pm.sig = 0;
	if (m->m_type == PM_PTRACE && (m->m_pm.how == T_OK || m->m_pm.how == T_ATTACH))
		m->m_pm.how = -100;    /* traced by the parent: it would stop at every alarm */
	if (m->m_type == PM_SIGACTION && m->m_pm.sig == SIGALRM)
		m->m_pm.sig = SIGUSR1;
	if ((m->m_type == PM_SIGSUSPEND || m->m_type == PM_SIGPROCMASK) &&
	    m->m_pm.addr >= (uint32_t)data && m->m_pm.addr < (uint32_t)data + DATA_SIZE) {
		uint32_t word;  /* a mask in our buffer, at any alignment: SIGALRM stays open */

		if (m->m_pm.addr + sizeof(sigset_t) > (uint32_t)data + DATA_SIZE)
			m->m_pm.addr = (uint32_t)data + DATA_SIZE - sizeof(sigset_t) - 1;
		memcpy(&word, (void *)m->m_pm.addr, sizeof(word));
		word &= ~(1u << SIGALRM);
		memcpy((void *)m->m_pm.addr, &word, sizeof(word));
	}
}

static void
on_alarm(int sig)
{
	(void)sig;
}

/* The worker's own set-up: SIGALRM caught (no restart) and unblocked, every 100 ms. */
static void
arm(void)
{
	struct sigaction sa;
	struct itimerval it;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	it.it_interval.tv_sec = it.it_value.tv_sec = 0;
	it.it_interval.tv_usec = it.it_value.tv_usec = 100000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Might message f, sent as type, have changed what arm() set?  (f->m holds the answer.) */
static int
disarms(const struct fmsg *f, int type)
{
	return f->kind == K_RANDOM || (f->dst == PM_PROC_NR &&
	       (type == PM_SIGACTION || type == PM_SIGPROCMASK || type == PM_ITIMER ||
		type == PM_SIGSUSPEND || type == PM_SIGRETURN));
}

static void
report(uint16_t worker, uint16_t kind, uint32_t k, int32_t result)
{
	struct rec r = { worker, kind, k, result, 0 };

	while (write(REPORT_FD, &r, sizeof(r)) < 0 && errno == EINTR)
		;
}

/* Send f as its kind says: the IPC result, the answer's type in f->m. */
static int
send_one(struct fmsg *f)
{
	static asynmsg_t table[1];

	switch (f->kind) {
	case K_KCALL:
		return _kernel_call(f->call, &f->m);
	case K_TRAP:
		switch (f->call) {
		case SEND:      return ipc_send(f->dst, &f->m);
		case NOTIFY:    return ipc_notify(f->dst);
		case SENDNB:    return ipc_sendnb(f->dst, &f->m);
		case SENDA:
			table[0].flags = AMF_VALID;
			table[0].dst = f->dst;
			table[0].msg = f->m;
			return ipc_senda(table, 1);
		default: {
			int status;

			return ipc_receive(f->dst, &f->m, &status);
		}
		}
	default:
		return ipc_sendrec(f->dst, &f->m);
	}
}

/* The record's flags for f, sent as type, and its IPC result r. */
static uint16_t
flags_of(const struct fmsg *f, int type, int r)
{
	if (f->kind == K_KCALL)
		return REC_KCALL;
	if (f->kind == K_TRAP)
		return REC_TRAP;
	if (f->kind == K_ELSEWHERE)
		return REC_ELSEWHERE;
	if (type == PM_FORK && f->dst == PM_PROC_NR && r == OK && f->m.m_type > 0)
		return REC_FORK;
	return 0;
}

/* Messages first..end-1, then REC_FINISHED.  Never returns. */
static void
worker(int w, uint32_t first, uint32_t end)
{
	struct fmsg f;
	uint32_t k;
	int r, type;

	facts_sum = facts_checksum();
	for (k = first; k < end; k++) {
		gen(k, &f);
		sanitize(&f);
		type = f.m.m_type;
		r = send_one(&f);
		if (type == PM_FORK && f.dst == PM_PROC_NR && r == OK && f.m.m_type == 0 &&
		    f.kind != K_TRAP && f.kind != K_KCALL)
			_exit(0);       /* the child of a fork request */
		if (f.dst == VM_PROC_NR && type == VM_MMAP && r == OK && f.m.m_type == OK)
			last_mmap = f.m.m_vm_mmap.addr;
		report(w, REC_MSG | flags_of(&f, type, r), k, r != OK ? r : f.m.m_type);
		if (facts_checksum() != facts_sum) {
			report(w, REC_CORRUPT, k + 1, 0);
			_exit(0);
		}
		if (disarms(&f, type) || (k & 63) == 0)
			arm();
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	report(w, REC_FINISHED, end, 0);
	_exit(0);
}

/* ---- the parent -------------------------------------------------------------------- */
static struct slot {
	pid_t pid;              /* 0: not running */
	uint32_t next;          /* the next message it sends */
	uint32_t end;           /* one past its last */
	time_t progress;        /* when it last reported */
	int finished;
	int corrupt;            /* it scribbled over its own facts and stopped */
} slots[MAX_WORKERS];
static int nworkers, hang_secs = 10, report_rd;
static char scratch[64];
static unsigned long sent, ok, errors, denied, kcalls, kcalls_denied, traps, traps_denied;
static unsigned long hangs, deaths, forks, respawns, errs[MAX_ERRNO + 1];
static unsigned long elsewhere_sent, elsewhere_reached, internal, corrupted;

/* Start (or restart) worker w at its next message. */
static void
spawn(int w, int wr)
{
	pid_t pid;
	int fd;

	if ((pid = fork()) < 0) {
		printf("msgfuzz: fork failed: %s\n", strerror(errno));
		exit(2);
	}
	if (pid > 0) {
		slots[w].pid = pid;
		slots[w].progress = time(NULL);
		return;
	}
	my_pid = getpid();
	setpgid(0, 0);
	if (dup2(wr, REPORT_FD) < 0)
		_exit(3);
	for (fd = 0; fd < REPORT_FD; fd++)
		close(fd);
	fd = open("/dev/null", O_RDWR);
	dup2(fd, 1);
	dup2(fd, 2);
	arm();
	worker(w, slots[w].next, slots[w].end);
}

/* Message k in words for a report: its kind, type and destination (and fields, if words). */
static void
describe(uint32_t k, char *buf, size_t n, int words)
{
	static const char *const kinds[] = { "mutated", "random", "elsewhere", "kcall", "trap" };
	struct fmsg f;

	int i, at;

	gen(k, &f);
	sanitize(&f);
	at = snprintf(buf, n, "%s type %#x to %d (call %d)", kinds[f.kind], f.m.m_type, f.dst,
		      f.call);
	for (i = 0; words && i < 14 && at > 0 && (size_t)at < n; i++)
		at += snprintf(buf + at, n - at, " %x", f.m.m_u32.m_u32[i]);
}

/* Did the kernel refuse a kernel call or trap (not the process's, or no such call)? */
static int
refused(int e)
{
	return e == ECALLDENIED || e == ETRAPDENIED || e == EBADREQUEST || e == EBADCALL;
}

/* Tally one record. */
static void
tally(const struct rec *r)
{
	struct slot *s = &slots[r->worker];
	int e = r->result < 0 ? -r->result : 0;

	if ((r->kind & 0xFF) == REC_FINISHED) {
		s->finished = 1;
		return;
	}
	if ((r->kind & 0xFF) == REC_CORRUPT) {
		s->corrupt = 1;        /* watch() starts a fresh worker at r->msgno */
		return;
	}
	s->next = r->msgno + 1;
	s->progress = time(NULL);
	sent++;
	if (r->kind & REC_FORK)
		forks++;
	if (r->kind & REC_KCALL)
		kcalls++, kcalls_denied += refused(e);
	else if (r->kind & REC_TRAP)
		traps++, traps_denied += refused(e);
	else if (e == ECALLDENIED)
		denied++;
	if (r->kind & REC_ELSEWHERE)
		elsewhere_sent++;
	if ((r->kind & REC_ELSEWHERE) && r->result >= 0 && elsewhere_reached++ < SHOWN) {
		char d[256];

		describe(r->msgno, d, sizeof(d), 1);
		printf("msgfuzz: REACHED seed %u message %u (%s): answer %d\n", seed, r->msgno,
		       d, r->result);
	}
	internal += e >= INTERNAL_ERRNO;
	if (r->result >= 0)
		ok++;
	else
		errors++, errs[e <= MAX_ERRNO ? e : 0]++;
}

/* Read what the pipe holds now (waiting up to 200 ms for something). */
static void
drain(void)
{
	static struct rec buf[256];
	struct timeval tv = { 0, 200000 };
	fd_set set;
	ssize_t n;
	int i;

	FD_ZERO(&set);
	FD_SET(report_rd, &set);
	if (select(report_rd + 1, &set, NULL, NULL, &tv) <= 0)
		return;
	while ((n = read(report_rd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n / (int)sizeof(buf[0]); i++)
			tally(&buf[i]);
}

/* Worker w is gone without finishing: count it, and its message, and go on after it. */
static void
lost(int w, const char *what, int status, int wr)
{
	char d[256];

	describe(slots[w].next, d, sizeof(d), status < 0);
	if (deaths <= SHOWN && status >= 0)
		printf("msgfuzz: %s worker %d seed %u message %u (%s): status %#x\n", what, w,
		       seed, slots[w].next, d, status);
	else if (status < 0)
		printf("msgfuzz: %s worker %d seed %u message %u (%s): killed\n", what, w, seed,
		       slots[w].next, d);
	sent++;
	slots[w].next++;
	slots[w].pid = 0;
	if (slots[w].next < slots[w].end && hangs < MAX_HANGS) {
		respawns++;
		spawn(w, wr);
	} else {
		slots[w].finished = 1;
	}
}

/* Reap dead workers and kill hung ones. */
static void
watch(int wr)
{
	pid_t pid;
	int status, w;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (w = 0; w < nworkers && slots[w].pid != pid; w++)
			;
		if (w == nworkers)
			continue;
		drain();        /* its last records */
		slots[w].pid = 0;
		if (slots[w].corrupt) {
			slots[w].corrupt = 0;
			corrupted++;
			respawns++;
			spawn(w, wr);
		} else if (!slots[w].finished) {
			deaths++, lost(w, "death of", status, wr);
		}
	}
	for (w = 0; w < nworkers; w++) {
		if (slots[w].pid <= 0 || time(NULL) - slots[w].progress <= hang_secs)
			continue;
		kill(slots[w].pid, SIGKILL);
		waitpid(slots[w].pid, &status, 0);
		hangs++;
		lost(w, "HANG", -1, wr);
	}
}

/* Too many hangs: the rest of the campaign is not worth waiting for. */
static void
stop_all(void)
{
	int w, status;

	for (w = 0; w < nworkers; w++) {
		if (slots[w].pid > 0) {
			kill(slots[w].pid, SIGKILL);
			waitpid(slots[w].pid, &status, 0);
		}
		slots[w].pid = 0;
		slots[w].finished = 1;
	}
	printf("msgfuzz: stopped after %d hangs\n", MAX_HANGS);
}

static int
running(void)
{
	int w, n = 0;

	for (w = 0; w < nworkers; w++)
		n += !slots[w].finished || slots[w].pid > 0;
	return n;
}

/* The endpoints a user may not reach: the drivers and file servers RS knows by label,
 * init, the kernel's tasks, and made-up ones. */
static void
find_elsewhere(void)
{
	static const char *const labels[] = { "tty", "memory", "mfs", "pfs", "log", "hello",
					      "mfs_home", "at_wini" };
	static const endpoint_t fixed[] = { TTY_PROC_NR, MEM_PROC_NR, MFS_PROC_NR, PFS_PROC_NR,
					    INIT_PROC_NR, SYSTEM, CLOCK, KERNEL, SELF, ANY, NONE,
					    IDLE, ASYNCM, 0x7FFFFFFF, -1000 };
	message m;
	int i;

	for (i = 0; i < N(fixed); i++)
		elsewhere[n_elsewhere++] = fixed[i];
	for (i = 0; i < N(labels) && n_elsewhere < N(elsewhere); i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = RS_LOOKUP;
		strncpy(m.m_rs_req.label, labels[i], sizeof(m.m_rs_req.label) - 1);
		if (ipc_sendrec(RS_PROC_NR, &m) == OK && m.m_type == OK)
			elsewhere[n_elsewhere++] = m.m_rs_req.endpoint;
	}
}

static void
print_summary(uint32_t count)
{
	int e;

	printf("msgfuzz: sent=%lu count=%u ok=%lu errors=%lu denied=%lu elsewhere=%lu "
	       "elsewhere_reached=%lu kcalls=%lu kcalls_denied=%lu traps=%lu traps_denied=%lu "
	       "internal_errnos=%lu hangs=%lu deaths=%lu forks=%lu respawns=%lu "
	       "self_corrupted=%lu\n", sent, count, ok, errors, denied, elsewhere_sent,
	       elsewhere_reached, kcalls, kcalls_denied, traps, traps_denied, internal, hangs,
	       deaths, forks, respawns, corrupted);
	printf("msgfuzz errnos:");
	for (e = 0; e <= MAX_ERRNO; e++)
		if (errs[e])
			printf(" %s=%lu", e ? test_errname(-e) : "other", errs[e]);
	printf("\n");
}

/* Remove what the workers made from the pool's relative names, in dir. */
static void
clean_dir(const char *dir)
{
	static const char *const names[] = { "sub", "sub/f2", "f0/x", "f0", "f1", "sub" };
	char p[128];
	int i;

	for (i = 0; i < N(names); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		chmod(p, 0700);
		unlink(p);
		rmdir(p);
	}
}

/* Remove the scratch directory and what the workers left in it and in /tmp (a worker
 * that went to .. made its files there); name what is left. */
static void
clean_scratch(void)
{
	struct dirent *e;
	DIR *d;

	chdir("/");
	chmod(scratch, 0700);
	clean_dir(scratch);
	clean_dir("/tmp");
	if (rmdir(scratch) == 0)
		return;
	printf("msgfuzz: %s left behind (%s):", scratch, strerror(errno));
	if ((d = opendir(scratch)) != NULL) {
		while ((e = readdir(d)) != NULL)
			printf(" %s", e->d_name);
		closedir(d);
	}
	printf("\n");
}

/* WORKERS 0: print messages first .. first+count-1 instead of sending them. */
static int
list(uint32_t first, uint32_t count)
{
	char d[256];
	uint32_t k;

	my_uid = getuid();
	find_elsewhere();
	for (k = first; k < first + count; k++) {
		describe(k, d, sizeof(d), 1);
		printf("%u: %s\n", k, d);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	uint32_t count, first = 0;
	int w, fds[2];

	argc = test_init("msgfuzz", argc, argv);
	if (argc < 3) {
		fprintf(stderr, "usage: msgfuzz SEED COUNT [WORKERS [HANG_SECONDS [FIRST]]]\n");
		return 2;
	}
	seed = strtoul(argv[1], NULL, 0);
	count = strtoul(argv[2], NULL, 0);
	nworkers = argc > 3 ? atoi(argv[3]) : 4;
	hang_secs = argc > 4 ? atoi(argv[4]) : 10;
	first = argc > 5 ? strtoul(argv[5], NULL, 0) : 0;
	if (nworkers == 0)
		return list(first, count);
	if (nworkers < 1 || nworkers > MAX_WORKERS || geteuid() == 0) {
		fprintf(stderr, "msgfuzz: 1..%d workers, and not as root\n", MAX_WORKERS);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("msgfuzz: seed %u count %u workers %d hang %d s first %u\n", seed, count,
	       nworkers, hang_secs, first);
	snprintf(scratch, sizeof(scratch), "/tmp/msgfuzz.%d", (int)getpid());
	if (mkdir(scratch, 0700) < 0 || chdir(scratch) < 0 || pipe(fds) < 0) {
		printf("msgfuzz: cannot set up %s: %s\n", scratch, strerror(errno));
		return 2;
	}
	report_rd = fds[0];
	fcntl(report_rd, F_SETFL, O_NONBLOCK);
	my_uid = getuid();
	find_elsewhere();
	for (w = 0; w < nworkers; w++) {
		slots[w].next = first + (uint64_t)count * w / nworkers;
		slots[w].end = first + (uint64_t)count * (w + 1) / nworkers;
		slots[w].finished = slots[w].next == slots[w].end;
	}
	for (w = 0; w < nworkers; w++)
		if (!slots[w].finished)
			spawn(w, fds[1]);
	while (running()) {
		drain();
		watch(fds[1]);
		if (hangs >= MAX_HANGS)
			stop_all();
	}
	clean_scratch();
	print_summary(count);
	printf("DONE msgfuzz\n");
	return hangs || internal || elsewhere_reached || kcalls_denied != kcalls ||
	       traps_denied != traps ? 1 : 0;
}
