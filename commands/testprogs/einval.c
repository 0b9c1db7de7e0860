/*
 * einval - the EINVAL audit of the servers a user process reaches (handouts/hardening.md,
 * "Boundary answers"; grader/tests/hardening.py): every request field that can be out of
 * range, set just out of it, must get its exact errno, not an answer for a value it does
 * not have, not a hang, not a crash.
 *
 * Usage: /test/einval     (as root, and as an ordinary user: the cases are the same)
 *
 * The cases, grouped by server: PM (signal numbers 0, -1, NSIG and 1000, SIGKILL and SIGSTOP
 * for sigaction, sigprocmask's how, waitpid's options, a process group of INT_MIN for kill
 * and waitpid, setpgid's group, resource numbers and a soft limit over the hard one,
 * interval timers' which and microseconds, getgroups' count, a GETSYSINFO table nobody
 * has), VFS (descriptors negative, past OPEN_MAX, INT_MIN, closed; fcntl commands and
 * F_DUPFD bounds; pipe2's flags; access's mode; record locks' whence and type; lseek's
 * whence and a negative offset; pread's offset; negative truncation lengths; ESPIPE on a
 * pipe; select's count, negative and past FD_SETSIZE, and a timeout of a million
 * microseconds; a getdents buffer too small; readlink of a non-link and with no room;
 * getcwd with no room; a node type mknod does not make; nanoseconds out of range; a read
 * count past SSIZE_MAX and name lengths of 0 and past PATH_MAX, sent raw), RS (a row size
 * that is not RS's, a label nobody has), DS (key lengths 0, -1 and huge, a row size that
 * is not DS's), VM (a mapping of 0 bytes and of 4 GiB, an unmap of a range that is no
 * mapping), and for each server a type it does not serve (ENOSYS).  Most go through libc,
 * as a program makes them; where libc has no call for the request, or would check the
 * field itself, the request is sent raw (ipc_sendrec, the answer in m_type).
 *
 * One line per case, "einval: <case> ok" or "einval: <case> FAILED: got <errno>, want
 * <errno>", then "DONE einval N passed, M failed".  Exit status 0 if every case passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <minnow/com.h>
#include <minnow/ds.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>
#include <minnow/vm.h>

#define FILE_PATH       "/tmp/einval.f"
#define LINK_PATH       "/tmp/einval.l"
#define CLOSED_FD       (OPEN_MAX - 2)  /* never opened here */

/* The errno of a libc call: 0 if it succeeded (r not -1), else errno. */
#define E(call)         ((call) == -1 ? errno : 0)

static int ok, failed;

/* Case name: got must be want. */
static void
expect(const char *name, int got, int want)
{
	if (got == want) {
		printf("einval: %s ok\n", name);
		ok++;
		return;
	}
	printf("einval: %s FAILED: got %d (%s), want %d (%s)\n", name, got,
	       got ? strerror(got) : "success", want, strerror(want));
	failed++;
}

/* Send *m to ep raw: the errno of the answer (0 for a non-negative m_type), or of the IPC. */
static int
raw(endpoint_t ep, message *m)
{
	int r = ipc_sendrec(ep, m);

	if (r != OK)
		return r < 0 ? -r : r;
	return m->m_type < 0 ? -m->m_type : 0;
}

/* A request of type with all fields 0, sent raw to ep. */
static int
raw_type(endpoint_t ep, int type)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	return raw(ep, &m);
}

static void
pm_signals(void)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&set);
	expect("pm_kill_sig_negative", E(kill(getpid(), -1)), EINVAL);
	expect("pm_kill_sig_nsig", E(kill(getpid(), NSIG)), EINVAL);
	expect("pm_kill_sig_huge", E(kill(getpid(), 1000)), EINVAL);
	expect("pm_kill_no_such_pid", E(kill(INT_MAX, 0)), ESRCH);
	expect("pm_kill_group_int_min", E(kill(INT_MIN, 0)), ESRCH);
	expect("pm_sigaction_zero", E(sigaction(0, &sa, NULL)), EINVAL);
	expect("pm_sigaction_nsig", E(sigaction(NSIG, &sa, NULL)), EINVAL);
	expect("pm_sigaction_negative", E(sigaction(-1, &sa, NULL)), EINVAL);
	expect("pm_sigaction_sigkill", E(sigaction(SIGKILL, &sa, NULL)), EINVAL);
	expect("pm_sigaction_sigstop", E(sigaction(SIGSTOP, &sa, NULL)), EINVAL);
	expect("pm_sigprocmask_how", E(sigprocmask(99, &set, NULL)), EINVAL);
	expect("pm_sigprocmask_how_negative", E(sigprocmask(-1, &set, NULL)), EINVAL);
}

/* PM_GETSYSINFO with a table nobody has. */
static void
pm_raw(void)
{
	static char buf[256];
	message m = { .m_type = PM_GETSYSINFO,
		      .m_pm = { .how = 99, .addr = (uint32_t)buf, .len = sizeof(buf) } };

	expect("pm_getsysinfo_table", raw(PM_PROC_NR, &m), EINVAL);
}

static void
pm_processes(void)
{
	struct rlimit rl = { 10, 5 };
	struct itimerval it;
	gid_t groups[4];
	int st;

	memset(&it, 0, sizeof(it));
	expect("pm_waitpid_options", E(waitpid(-1, &st, 0x4000)), EINVAL);
	expect("pm_waitpid_no_child", E(waitpid(-1, &st, WNOHANG)), ECHILD);
	expect("pm_waitpid_group_int_min", E(waitpid(INT_MIN, &st, WNOHANG)), ECHILD);
	expect("pm_setpgid_negative_pgid", E(setpgid(0, -1)), EINVAL);
	expect("pm_setpgid_no_such_pid", E(setpgid(INT_MAX, 0)), ESRCH);
	expect("pm_getrlimit_resource", E(getrlimit(99, &rl)), EINVAL);
	expect("pm_getrlimit_negative", E(getrlimit(-1, &rl)), EINVAL);
	rl.rlim_cur = 10, rl.rlim_max = 5;
	expect("pm_setrlimit_cur_over_max", E(setrlimit(RLIMIT_CORE, &rl)), EINVAL);
	rl.rlim_cur = rl.rlim_max = 0;
	expect("pm_setrlimit_resource", E(setrlimit(99, &rl)), EINVAL);
	expect("pm_setitimer_which", E(setitimer(99, &it, NULL)), EINVAL);
	it.it_value.tv_usec = 1000000;
	expect("pm_setitimer_usec", E(setitimer(ITIMER_REAL, &it, NULL)), EINVAL);
	it.it_value.tv_usec = -1;
	expect("pm_setitimer_usec_negative", E(setitimer(ITIMER_REAL, &it, NULL)), EINVAL);
	expect("pm_getgroups_negative", E(getgroups(-1, groups)), EINVAL);
	expect("pm_unknown_type", raw_type(PM_PROC_NR, PM_BASE + 0xff), ENOSYS);
	pm_raw();
}

/* Descriptors: negative, past OPEN_MAX, closed. */
static void
vfs_descriptors(int fd)
{
	struct flock fl;
	int p[2];
	char c;

	memset(&fl, 0, sizeof(fl));
	expect("vfs_read_fd_negative", E(read(-1, &c, 1)), EBADF);
	expect("vfs_read_fd_open_max", E(read(OPEN_MAX, &c, 1)), EBADF);
	expect("vfs_read_fd_int_min", E(read(INT_MIN, &c, 1)), EBADF);
	expect("vfs_write_fd_closed", E(write(CLOSED_FD, &c, 1)), EBADF);
	expect("vfs_close_fd_negative", E(close(-1)), EBADF);
	expect("vfs_dup2_to_negative", E(dup2(fd, -1)), EBADF);
	expect("vfs_dup2_to_open_max", E(dup2(fd, OPEN_MAX)), EBADF);
	expect("vfs_fcntl_cmd", E(fcntl(fd, 1000)), EINVAL);
	expect("vfs_fcntl_dupfd_negative", E(fcntl(fd, F_DUPFD, -1)), EINVAL);
	expect("vfs_fcntl_dupfd_open_max", E(fcntl(fd, F_DUPFD, OPEN_MAX)), EINVAL);
	expect("vfs_fchdir_file", E(fchdir(fd)), ENOTDIR);
	expect("vfs_openat_dirfd_negative", E(openat(-5, "einval.rel", O_RDONLY)), EBADF);
	expect("vfs_ioctl_file", E(ioctl(fd, TCGETS, &c)), ENOTTY);
	expect("vfs_dup_fd_negative", E(dup(-1)), EBADF);
	expect("vfs_pipe2_flags", E(pipe2(p, 0x40000000)), EINVAL);
	expect("vfs_access_mode", E(access(FILE_PATH, 0x100)), EINVAL);
	fl.l_type = F_RDLCK, fl.l_whence = 5;
	expect("vfs_lock_whence", E(fcntl(fd, F_SETLK, &fl)), EINVAL);
	fl.l_type = 9, fl.l_whence = SEEK_SET;
	expect("vfs_lock_type", E(fcntl(fd, F_SETLK, &fl)), EINVAL);
}

/* Offsets, whence and lengths. */
static void
vfs_offsets(int fd, int pipefd)
{
	char c;

	expect("vfs_lseek_whence", E((int)lseek(fd, 0, 3)), EINVAL);
	expect("vfs_lseek_whence_negative", E((int)lseek(fd, 0, -1)), EINVAL);
	expect("vfs_lseek_negative", E((int)lseek(fd, -1, SEEK_SET)), EINVAL);
	expect("vfs_lseek_pipe", E((int)lseek(pipefd, 0, SEEK_SET)), ESPIPE);
	expect("vfs_pread_negative", E((int)pread(fd, &c, 1, -1)), EINVAL);
	expect("vfs_pread_pipe", E((int)pread(pipefd, &c, 1, 0)), ESPIPE);
	expect("vfs_ftruncate_negative", E(ftruncate(fd, -1)), EINVAL);
	expect("vfs_truncate_negative", E(truncate(FILE_PATH, -1)), EINVAL);
}

/* Raw file requests: a count past SSIZE_MAX, a name length of 0 and one past PATH_MAX. */
static void
vfs_raw(void)
{
	static char buf[16];
	message m = { .m_type = VFS_READ,
		      .m_vfs = { .fd = 0, .buf = (uint32_t)buf, .len = 0x80000000u } };

	expect("vfs_read_len_over_ssize_max", raw(VFS_PROC_NR, &m), EINVAL);
	m = (message){ .m_type = VFS_STAT, .m_vfs = { .name = (uint32_t)FILE_PATH,
						      .name_len = 0, .buf = (uint32_t)buf } };
	expect("vfs_stat_name_len_zero", raw(VFS_PROC_NR, &m), EINVAL);
	m.m_type = VFS_STAT;
	m.m_vfs.name_len = PATH_MAX + 1;
	expect("vfs_stat_name_len_over_path_max", raw(VFS_PROC_NR, &m), ENAMETOOLONG);
}

/* select, directories, links, node types, times. */
static void
vfs_shapes(void)
{
	struct timeval tv = { 0, 1000000 };
	struct timespec ts[2] = { { 0, 1000000000L }, { 0, 0 } };
	char buf[64];
	fd_set rd;
	int dfd;

	FD_ZERO(&rd);
	expect("vfs_select_nfds_negative", E(select(-1, &rd, NULL, NULL, &tv)), EINVAL);
	expect("vfs_select_nfds_over_fd_setsize", E(select(FD_SETSIZE + 1, &rd, NULL, NULL, &tv)),
	       EINVAL);
	expect("vfs_select_usec", E(select(1, &rd, NULL, NULL, &tv)), EINVAL);
	dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	expect("vfs_getdents_buffer_too_small", E(getdents(dfd, buf, 1)), EINVAL);
	close(dfd);
	expect("vfs_readlink_not_link", E((int)readlink(FILE_PATH, buf, sizeof(buf))), EINVAL);
	expect("vfs_readlink_len_zero", E((int)readlink(LINK_PATH, buf, 0)), EINVAL);
	expect("vfs_getcwd_size_zero", getcwd(buf, 0) == NULL ? errno : 0, EINVAL);
	expect("vfs_mknod_type", E(mknod("/tmp/einval.n", 0170000 | 0644, 0)), EINVAL);
	expect("vfs_utimens_nsec", E(utimensat(AT_FDCWD, FILE_PATH, ts, 0)), EINVAL);
	ts[0].tv_nsec = -5;
	expect("vfs_utimens_nsec_negative", E(utimensat(AT_FDCWD, FILE_PATH, ts, 0)), EINVAL);
	expect("vfs_unknown_type", raw_type(VFS_PROC_NR, VFS_BASE + 0xff), ENOSYS);
	vfs_raw();
}

static void
rs_cases(void)
{
	static struct rs_svcinfo rows[4];
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_GETSYSINFO;
	m.m_rs_sysinfo.addr = (uint32_t)rows;
	m.m_rs_sysinfo.len = sizeof(rows);
	m.m_rs_sysinfo.row_size = 1;
	expect("rs_getsysinfo_row_size", raw(RS_PROC_NR, &m), EINVAL);
	memset(&m, 0, sizeof(m));
	m.m_type = RS_LOOKUP;
	strcpy(m.m_rs_req.label, "no_such_label");
	expect("rs_lookup_unknown_label", raw(RS_PROC_NR, &m), ESRCH);
	expect("rs_unknown_type", raw_type(RS_PROC_NR, RS_RQ_BASE + 0xff), ENOSYS);
}

static void
ds_cases(void)
{
	static const int32_t lens[] = { 0, -1, 0x7fffffff };
	static const char *const names[] = { "ds_retrieve_key_len_zero",
					     "ds_retrieve_key_len_negative",
					     "ds_retrieve_key_len_huge" };
	message m;

	for (int i = 0; i < 3; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = DS_RETRIEVE;
		m.m_ds.key_len = lens[i];
		m.m_ds.flags = DSF_TYPE_U32;
		expect(names[i], raw(DS_PROC_NR, &m), EINVAL);
	}
	memset(&m, 0, sizeof(m));
	m.m_type = DS_GETSYSINFO;
	m.m_ds_sysinfo.row_size = 1;
	expect("ds_getsysinfo_row_size", raw(DS_PROC_NR, &m), EINVAL);
	expect("ds_unknown_type", raw_type(DS_PROC_NR, DS_RQ_BASE + 0xff), ENOSYS);
}

static void
vm_cases(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_MMAP;
	m.m_vm_mmap.len = 0;
	expect("vm_mmap_len_zero", raw(VM_PROC_NR, &m), EINVAL);
	m.m_type = VM_MMAP;
	m.m_vm_mmap.len = 0xFFFFFFFFu;
	expect("vm_mmap_len_huge", raw(VM_PROC_NR, &m), EINVAL);
	memset(&m, 0, sizeof(m));
	m.m_type = VM_MUNMAP;
	m.m_vm_mmap.addr = 0x1001;
	m.m_vm_mmap.len = 4096;
	expect("vm_munmap_not_a_mapping", raw(VM_PROC_NR, &m), EINVAL);
	/* VM_RQ_BASE + 0xff is VM_PAGEFAULT, the kernel's (EPERM): take a hole */
	expect("vm_unknown_type", raw_type(VM_PROC_NR, VM_RQ_BASE + 0x80), ENOSYS);
}

int
main(void)
{
	int fd, p[2];

	unlink(LINK_PATH);
	if ((fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644)) < 0 || pipe(p) != 0 ||
	    symlink(FILE_PATH, LINK_PATH) != 0) {
		printf("einval: setup FAILED: %s\n", strerror(errno));
		return 1;
	}
	pm_signals();
	pm_processes();
	vfs_descriptors(fd);
	vfs_offsets(fd, p[0]);
	vfs_shapes();
	rs_cases();
	ds_cases();
	vm_cases();
	close(fd);
	unlink(FILE_PATH);
	unlink(LINK_PATH);
	printf("DONE einval %d passed, %d failed\n", ok, failed);
	return failed ? 1 : 0;
}
