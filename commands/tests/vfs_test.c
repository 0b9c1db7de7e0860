/*
 * vfs_test.c - VFS seen from a user process: files of the root image, creating, renaming
 * and removing names, directories, descriptors, pipes, devices and the errors of each
 * (minnow/vfs.h; handouts/vfs.md).
 *
 * Grader: grader/tests/vfs.py boots VM, RS, DS, the memory driver with the root image,
 * MFS, PFS, VFS, PM and this program as a user process.  The file calls are made here with
 * a local sendrec wrapper per call (v_open, v_read, ...), so the test does not depend on
 * libc's wrappers.  Cases that need fork (fd inheritance, EPIPE with SIGPIPE) also need
 * PM's side of the PM <-> VFS protocol.  The DONE line comes last.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include <minnow/vfs.h>
#include <minnow/vm.h>
#include "testlib.h"

#define BAD_ADDR 0xF0001000u    /* kernel space: every copy from or to it fails */

/* ---- the file calls, one sendrec each (result: value or negated errno) ---------------- */
static int
vcall(int type, mess_vfs *v)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_vfs = *v;
	if ((r = ipc_sendrec(VFS_PROC_NR, &m)) != OK)
		return r;
	*v = m.m_vfs;
	return m.m_type;
}

static int
path_call(int type, const char *path, int flags, int mode)
{
	mess_vfs v = { .name = (uint32_t)path, .name_len = strlen(path) + 1, .flags = flags,
		       .mode = mode };

	return vcall(type, &v);
}

static int v_open(const char *p, int flags, int mode) { return path_call(VFS_OPEN, p, flags, mode); }
static int v_unlink(const char *p) { return path_call(VFS_UNLINK, p, 0, 0); }
static int v_rmdir(const char *p) { return path_call(VFS_RMDIR, p, 0, 0); }
static int v_mkdir(const char *p, int mode) { return path_call(VFS_MKDIR, p, 0, mode); }
static int v_chdir(const char *p) { return path_call(VFS_CHDIR, p, 0, 0); }
static int v_access(const char *p, int mode) { return path_call(VFS_ACCESS, p, 0, mode); }

static int
fd_call(int type, int fd, void *buf, uint32_t len)
{
	mess_vfs v = { .fd = fd, .buf = (uint32_t)buf, .len = len };

	return vcall(type, &v);
}

static int v_read(int fd, void *b, uint32_t n) { return fd_call(VFS_READ, fd, b, n); }
static int v_write(int fd, const void *b, uint32_t n) { return fd_call(VFS_WRITE, fd, (void *)b, n); }
static int v_close(int fd) { return fd_call(VFS_CLOSE, fd, NULL, 0); }
static int v_dup(int fd) { return fd_call(VFS_DUP, fd, NULL, 0); }
static int v_fstat(int fd, struct stat *st) { return fd_call(VFS_FSTAT, fd, st, sizeof(*st)); }
static int v_getdents(int fd, void *b, uint32_t n) { return fd_call(VFS_GETDENTS, fd, b, n); }

static int
v_stat(const char *p, struct stat *st)
{
	mess_vfs v = { .name = (uint32_t)p, .name_len = strlen(p) + 1, .buf = (uint32_t)st,
		       .len = sizeof(*st) };

	return vcall(VFS_STAT, &v);
}

static int
v_dup2(int fd, int fd2)
{
	mess_vfs v = { .fd = fd, .fd2 = fd2 };

	return vcall(VFS_DUP2, &v);
}

static int
v_fcntl(int fd, int cmd, int arg)
{
	mess_vfs v = { .fd = fd, .flags = cmd, .mode = arg };

	return vcall(VFS_FCNTL, &v);
}

static int
v_lseek(int fd, int off, int whence)
{
	mess_vfs v = { .fd = fd, .offset_lo = (uint32_t)off, .offset_hi = off < 0 ? -1 : 0,
		       .mode = whence };
	int r = vcall(VFS_LSEEK, &v);

	return r < 0 ? r : (int)v.offset_lo;
}

static int
v_pipe2(int fds[2], int flags)
{
	mess_vfs v = { .flags = flags };
	int r = vcall(VFS_PIPE2, &v);

	fds[0] = v.fd, fds[1] = v.fd2;
	return r;
}

static int
v_rename(const char *a, const char *b)
{
	mess_vfs v = { .name = (uint32_t)a, .name_len = strlen(a) + 1, .name2 = (uint32_t)b,
		       .name2_len = strlen(b) + 1 };

	return vcall(VFS_RENAME, &v);
}

static int
v_getcwd(char *buf, uint32_t len)
{
	mess_vfs v = { .buf = (uint32_t)buf, .len = len };

	return vcall(VFS_GETCWD, &v);
}

static int
v_select(int nfds, fd_set sets[3], int timeout_ms)
{
	mess_vfs v = { .fd = nfds, .buf = (uint32_t)sets, .len = 3 * sizeof(fd_set),
		       .mode = timeout_ms };

	return vcall(VFS_SELECT, &v);
}

static int
v_mount(const char *special, const char *dir, const char *label)
{
	mess_vfs v = { .name = (uint32_t)special, .name_len = strlen(special) + 1,
		       .name2 = (uint32_t)dir, .name2_len = strlen(dir) + 1,
		       .buf = (uint32_t)label, .len = strlen(label) + 1 };

	return vcall(VFS_MOUNT, &v);
}

static int
v_truncate(const char *p, int size)
{
	mess_vfs v = { .name = (uint32_t)p, .name_len = strlen(p) + 1, .offset_lo = size };

	return vcall(VFS_TRUNCATE, &v);
}

static int
v_link(const char *a, const char *b)
{
	mess_vfs v = { .name = (uint32_t)a, .name_len = strlen(a) + 1, .name2 = (uint32_t)b,
		       .name2_len = strlen(b) + 1 };

	return vcall(VFS_LINK, &v);
}

/* mount and umount: the errors (the only block device with a file system is in use). */
static void
test_mount(void)
{
	test_expect("vfs_mount_not_blk", v_mount("/etc/rc", "/tmp", "mfs"), -EINVAL);
	test_expect("vfs_mount_bad_label", v_mount("/dev/imgrd", "/tmp", "nosuchfs"), -EINVAL);
	test_expect("vfs_mount_enotdir", v_mount("/dev/imgrd", "/etc/rc", "mfs"), -ENOTDIR);
	test_expect("vfs_mount_busy_dev", v_mount("/dev/imgrd", "/tmp", "mfs"), -EBUSY);
	test_expect("vfs_mount_busy_root", v_mount("/dev/imgrd", "/", "mfs"), -EBUSY);
	test_expect("vfs_umount_root_ebusy", path_call(VFS_UMOUNT, "/", 0, 0), -EBUSY);
	test_expect("vfs_umount_einval", path_call(VFS_UMOUNT, "/tmp", 0, 0), -EINVAL);
}

/* umask, chmod, link, truncate, ioctl on a file; permissions after setuid. */
static void
test_attrs(void)
{
	struct stat st = { 0 };
	int fd, status = 0;
	pid_t pid;

	test_expect("vfs_umask", path_call(VFS_UMASK, "/", 0, 077), 022);
	fd = v_open("/tmp/m", O_CREAT | O_RDWR, 0666);
	test_check("vfs_umask_applied", fd >= 0 && v_fstat(fd, &st) == OK &&
		   (st.st_mode & 0777) == 0600, "mode 0%o", st.st_mode);
	path_call(VFS_UMASK, "/", 0, 022);
	test_expect("vfs_ioctl_enotty", fd_call(VFS_IOCTL, fd, NULL, 0), -ENOTTY);
	v_write(fd, "0123456789", 10);
	v_close(fd);
	test_expect("vfs_chmod", path_call(VFS_CHMOD, "/tmp/m", 0, 0604), OK);
	test_check("vfs_chmod_stat", v_stat("/tmp/m", &st) == OK && (st.st_mode & 0777) == 0604,
		   "mode 0%o", st.st_mode);
	test_expect("vfs_truncate", v_truncate("/tmp/m", 4), OK);
	test_check("vfs_truncate_size", v_stat("/tmp/m", &st) == OK && st.st_size == 4,
		   "size %d", (int)st.st_size);
	test_expect("vfs_truncate_dir", v_truncate("/tmp", 0), -EISDIR);
	test_expect("vfs_link", v_link("/tmp/m", "/tmp/m2"), OK);
	test_check("vfs_link_nlink", v_stat("/tmp/m", &st) == OK && st.st_nlink == 2,
		   "nlink %d", (int)st.st_nlink);
	test_expect("vfs_link_eexist", v_link("/tmp/m", "/tmp/m2"), -EEXIST);
	test_expect("vfs_link_dir_eperm", v_link("/tmp", "/tmp/t2"), -EPERM);
	v_unlink("/tmp/m2");
	fflush(NULL);
	if ((pid = fork()) == 0) {
		int e1, e2, e3, e4;

		setgid(100);
		setuid(100);
		e1 = v_open("/etc/rc", O_WRONLY, 0);		/* 0644, root's */
		e2 = v_open("/tmp/m", O_RDONLY, 0);		/* 0604: others may read */
		e3 = path_call(VFS_CHMOD, "/tmp/m", 0, 0777);	/* not the owner */
		e4 = v_mkdir("/etc/x", 0755);			/* /etc is 0755 */
		_exit(e1 == -EACCES && e2 >= 0 && e3 == -EPERM && e4 == -EACCES ? 0 :
		      e1 != -EACCES ? 1 : e2 < 0 ? 2 : e3 != -EPERM ? 3 : 4);
	}
	waitpid(pid, &status, 0);
	test_check("vfs_permissions_setuid", WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "check %d failed", WEXITSTATUS(status));
	v_unlink("/tmp/m");
}

/* A process that exits or is killed lets go of its fds and of the call it waited in. */
static void
test_exit_cleanup(void)
{
	fd_set none[3];
	char c = 0;
	int p[2], status = 0;
	pid_t pid;

	if (v_pipe2(p, 0) != OK)
		return;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		v_read(p[0], &c, 1);	/* waits: the parent writes only after killing it */
		_exit(7);
	}
	memset(none, 0, sizeof(none));
	v_select(0, none, 200);		/* let the child block in its read */
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	test_check("vfs_kill_blocked_reader", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
		   "status 0x%x", status);
	v_write(p[1], "z", 1);
	test_check("vfs_exit_cancels_read", v_read(p[0], &c, 1) == 1 && c == 'z',
		   "the dead reader took the byte");
	fflush(NULL);
	if ((pid = fork()) == 0)
		_exit(0);		/* exits holding both ends */
	v_close(p[1]);
	waitpid(pid, &status, 0);
	test_expect("vfs_exit_closes_fds", v_read(p[0], &c, 1), 0);
	v_close(p[0]);
}

/* More pipes, files and forks than VFS has filps (128) and vnodes (256): none may leak. */
static void
test_no_leaks(void)
{
	char name[32];
	int i, p[2], fd, status, r = OK;
	pid_t pid;

	for (i = 0; i < 150 && r == OK; i++) {
		snprintf(name, sizeof(name), "/tmp/leak%d", i);
		if ((r = v_pipe2(p, 0)) != OK)
			break;
		fflush(NULL);
		if ((pid = fork()) == 0)
			_exit(0);		/* exits holding both ends */
		if ((fd = v_open(name, O_CREAT | O_EXCL | O_WRONLY, 0644)) < 0)
			r = fd;
		v_close(fd);
		v_close(p[0]);
		v_close(p[1]);
		if (v_unlink(name) != OK && r == OK)
			r = -EIO;
		waitpid(pid, &status, 0);
	}
	test_check("vfs_no_leaks", r == OK, "round %d: %s", i, test_errname(r));
}

/* ---- exec ---------------------------------------------------------------------------- */
extern const char vfs_child_image[], vfs_child_end[];
static uint32_t frame[64];

/* PM_EXEC with a frame of flen bytes: returns only on failure. */
static int
exec_raw(const char *path, uint32_t flen)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = PM_EXEC;
	m.m_pm.addr = (uint32_t)path;
	m.m_pm.len = strlen(path) + 1;
	m.m_pm.addr2 = (uint32_t)frame;
	m.m_pm.len2 = flen;
	if ((r = ipc_sendrec(PM_PROC_NR, &m)) != OK)
		return r;
	return m.m_type;
}

/* The frame of minnow/vfs.h for {"vfs_child", "one", "two"}, {"VFSX=yes"}: its size. */
static uint32_t
build_frame(void)
{
	static const char *strs[] = { "vfs_child", "one", "two", "VFSX=yes" };
	uint32_t off = 7 * 4, i, slot[] = { 1, 2, 3, 5 };

	memset(frame, 0, sizeof(frame));
	frame[0] = 3;
	for (i = 0; i < 4; i++) {
		frame[slot[i]] = off;
		strcpy((char *)frame + off, strs[i]);
		off += strlen(strs[i]) + 1;
	}
	return (off + 3) & ~3u;
}

/* The frame for {"vfs_child", "segv"}, no environment: its size. */
static uint32_t
build_segv_frame(void)
{
	memset(frame, 0, sizeof(frame));
	frame[0] = 2;
	frame[1] = 5 * 4;
	frame[2] = 5 * 4 + 10;
	strcpy((char *)frame + 20, "vfs_child");
	strcpy((char *)frame + 30, "segv");
	return 36;
}

static int
write_file(const char *path, const void *data, uint32_t len, int mode)
{
	int fd = v_open(path, O_CREAT | O_WRONLY | O_TRUNC, mode), n;

	if (fd < 0)
		return fd;
	n = v_write(fd, data, len);
	v_close(fd);
	return n == (int)len ? OK : -EIO;
}

/* fork, exec vfs_child in the child (fd 5 kept, fd 6 close-on-exec): its wait status. */
static int
run_child(void)
{
	int status = -1, fd;
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		fd = v_open("/etc/rc", O_RDONLY, 0);
		v_dup2(fd, 5);
		v_dup2(fd, 6);
		v_fcntl(6, F_SETFD, FD_CLOEXEC);
		exec_raw("/tmp/vfs_child", build_frame());
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void
test_exec(void)
{
	uint32_t flen = build_frame(), before, after;
	int status, i;
	pid_t pid;

	if (!test_check("vfs_exec_write_program", write_file("/tmp/vfs_child", vfs_child_image,
			vfs_child_end - vfs_child_image, 0755) == OK, "cannot write it"))
		return;
	write_file("/tmp/bad", "this is not an ELF file at all", 30, 0755);
	write_file("/tmp/trunc", vfs_child_image, 300, 0755);
	test_expect("vfs_exec_enoent", exec_raw("/tmp/none", flen), -ENOENT);
	test_expect("vfs_exec_eacces_noexec", exec_raw("/etc/rc", flen), -EACCES);
	test_expect("vfs_exec_eacces_dir", exec_raw("/tmp", flen), -EACCES);
	test_expect("vfs_exec_enoexec", exec_raw("/tmp/bad", flen), -ENOEXEC);
	test_expect("vfs_exec_truncated", exec_raw("/tmp/trunc", flen), -ENOEXEC);
	test_expect("vfs_exec_e2big", exec_raw("/tmp/vfs_child", ARG_MAX + 4), -E2BIG);
	frame[1] = 4000;
	test_expect("vfs_exec_bad_frame", exec_raw("/tmp/vfs_child", flen), -EINVAL);
	status = run_child();
	test_check("vfs_exec_runs", WIFEXITED(status) && WEXITSTATUS(status) == 42,
		   "child status 0x%x", status);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		exec_raw("/tmp/vfs_child", build_segv_frame());
		_exit(99);
	}
	waitpid(pid, &status, 0);
	test_check("vfs_exec_text_readonly", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "status 0x%x", status);
	before = test_free_pages();
	for (i = 0; i < 3; i++)
		run_child();
	after = test_free_pages();
	test_check("vfs_exec_pages_back", before != 0 && after == before,
		   "%u pages free before, %u after", before, after);
	v_unlink("/tmp/vfs_child");
	v_unlink("/tmp/bad");
	v_unlink("/tmp/trunc");
}

/* ---- cases ---------------------------------------------------------------------------- */
static void
test_root_file(void)
{
	static char buf[8192], again[64];
	struct stat st = { 0 };
	int fd, n, total = 0;

	fd = v_open("/etc/rc", O_RDONLY, 0);
	if (!test_check("vfs_open_rc", fd >= 0, "open /etc/rc: %s", test_errname(fd)))
		return;
	while ((n = v_read(fd, buf + total, 100)) > 0)
		total += n;
	test_check("vfs_read_rc", n == 0 && total > 0 && strncmp(buf, "# /etc/rc", 9) == 0,
		   "read %d then %d: %.12s", total, n, buf);
	test_check("vfs_fstat_rc", v_fstat(fd, &st) == OK && S_ISREG(st.st_mode) &&
		   st.st_size == total, "size %d, read %d", (int)st.st_size, total);
	test_expect("vfs_lseek_end", v_lseek(fd, 0, 2), total);
	test_expect("vfs_lseek_set", v_lseek(fd, 2, 0), 2);
	n = v_read(fd, again, 7);
	test_check("vfs_read_after_lseek", n == 7 && memcmp(again, buf + 2, 7) == 0,
		   "got %d", n);
	test_expect("vfs_lseek_negative", v_lseek(fd, -100, 1), -EINVAL);
	test_expect("vfs_read_efault", v_read(fd, (void *)BAD_ADDR, 10), -EFAULT);
	test_expect("vfs_write_rdonly_ebadf", v_write(fd, "x", 1), -EBADF);
	test_expect("vfs_close", v_close(fd), OK);
	test_expect("vfs_close_ebadf", v_close(fd), -EBADF);
	test_expect("vfs_read_ebadf", v_read(31, buf, 1), -EBADF);
	test_expect("vfs_read_ebadf_range", v_read(-1, buf, 1), -EBADF);
}

static void
test_stat_and_lookup(void)
{
	static char longname[80], longpath[PATH_MAX + 10];
	struct stat st = { 0 };
	int fd;

	test_check("vfs_stat_root", v_stat("/", &st) == OK && S_ISDIR(st.st_mode),
		   "mode 0%o", st.st_mode);
	test_check("vfs_stat_dotdot", v_stat("/etc/../etc/./rc", &st) == OK &&
		   S_ISREG(st.st_mode), "not the file");
	test_check("vfs_stat_root_dotdot", v_stat("/..", &st) == OK && S_ISDIR(st.st_mode),
		   "not /");
	test_check("vfs_stat_dev_null", v_stat("/dev/null", &st) == OK && S_ISCHR(st.st_mode) &&
		   st.st_rdev == makedev(1, 3), "mode 0%o rdev 0x%x", st.st_mode, st.st_rdev);
	test_expect("vfs_stat_enoent", v_stat("/no/such", &st), -ENOENT);
	test_expect("vfs_open_enoent", v_open("/etc/nothing", O_RDONLY, 0), -ENOENT);
	test_expect("vfs_open_enotdir", v_open("/etc/rc/x", O_RDONLY, 0), -ENOTDIR);
	test_expect("vfs_open_trailing_slash", v_open("/etc/rc/", O_RDONLY, 0), -ENOTDIR);
	test_expect("vfs_open_dir_write_eisdir", v_open("/etc", O_WRONLY, 0), -EISDIR);
	test_expect("vfs_open_o_directory", v_open("/etc/rc", O_RDONLY | O_DIRECTORY, 0),
		    -ENOTDIR);
	memset(longname, 'a', 70);
	longname[0] = '/';
	test_expect("vfs_open_enametoolong", v_open(longname, O_RDONLY, 0), -ENAMETOOLONG);
	memset(longpath, 'b', sizeof(longpath) - 1);
	test_expect("vfs_path_enametoolong", v_open(longpath, O_RDONLY, 0), -ENAMETOOLONG);
	{
		mess_vfs v = { .name = BAD_ADDR, .name_len = 10, .flags = O_RDONLY };

		test_expect("vfs_open_efault", vcall(VFS_OPEN, &v), -EFAULT);
	}
	test_expect("vfs_stat_efault", v_stat("/etc/rc", (struct stat *)BAD_ADDR), -EFAULT);
	test_expect("vfs_access_rc", v_access("/etc/rc", 4), OK);
	test_expect("vfs_access_x_root", v_access("/etc/rc", 1), -EACCES);
	fd = v_open("/etc", O_RDONLY, 0);
	test_expect("vfs_read_dir_eisdir", v_read(fd, longname, 10), -EISDIR);
	v_close(fd);
}

static void
test_create(void)
{
	char buf[32];
	struct stat st = { 0 };
	int fd, n;

	fd = v_open("/tmp/a", O_CREAT | O_EXCL | O_RDWR, 0644);
	if (!test_check("vfs_create", fd >= 0, "%s", test_errname(fd)))
		return;
	test_expect("vfs_write_file", v_write(fd, "hello, vfs", 10), 10);
	test_expect("vfs_create_excl_eexist", v_open("/tmp/a", O_CREAT | O_EXCL | O_RDWR, 0644),
		    -EEXIST);
	v_close(fd);
	fd = v_open("/tmp/a", O_RDONLY, 0);
	n = v_read(fd, buf, sizeof(buf));
	test_check("vfs_read_back", n == 10 && memcmp(buf, "hello, vfs", 10) == 0, "got %d", n);
	v_close(fd);
	fd = v_open("/tmp/a", O_WRONLY | O_APPEND, 0);
	v_write(fd, "!", 1);
	v_close(fd);
	test_check("vfs_append", v_stat("/tmp/a", &st) == OK && st.st_size == 11,
		   "size %d", (int)st.st_size);
	test_expect("vfs_rename", v_rename("/tmp/a", "/tmp/b"), OK);
	test_expect("vfs_rename_old_gone", v_stat("/tmp/a", &st), -ENOENT);
	fd = v_open("/tmp/b", O_RDWR | O_TRUNC, 0);
	test_check("vfs_trunc", fd >= 0 && v_fstat(fd, &st) == OK && st.st_size == 0,
		   "fd %d size %d", fd, (int)st.st_size);
	v_close(fd);
	test_expect("vfs_unlink", v_unlink("/tmp/b"), OK);
	test_expect("vfs_unlink_gone", v_stat("/tmp/b", &st), -ENOENT);
	test_expect("vfs_unlink_enoent", v_unlink("/tmp/b"), -ENOENT);
	test_expect("vfs_unlink_dir_eperm", v_unlink("/tmp"), -EPERM);
}

/* Does a getdents buffer of n bytes hold name? */
static int
has_name(const char *buf, int n, const char *name)
{
	int off = 0;

	while (off < n) {
		const struct dirent *d = (const struct dirent *)(buf + off);

		if (d->d_reclen == 0)
			return 0;
		if (strcmp(d->d_name, name) == 0)
			return 1;
		off += d->d_reclen;
	}
	return 0;
}

static void
test_dirs(void)
{
	static char buf[2048];
	char cwd[PATH_MAX];
	int fd, n;

	test_expect("vfs_mkdir", v_mkdir("/tmp/d", 0755), OK);
	test_expect("vfs_mkdir_eexist", v_mkdir("/tmp/d", 0755), -EEXIST);
	fd = v_open("/tmp/d/f", O_CREAT | O_WRONLY, 0644);
	v_close(fd);
	test_expect("vfs_rmdir_enotempty", v_rmdir("/tmp/d"), -ENOTEMPTY);
	test_expect("vfs_rmdir_enotdir", v_rmdir("/tmp/d/f"), -ENOTDIR);
	fd = v_open("/tmp/d", O_RDONLY | O_DIRECTORY, 0);
	n = v_getdents(fd, buf, sizeof(buf));
	test_check("vfs_getdents", n > 0 && has_name(buf, n, ".") && has_name(buf, n, "..") &&
		   has_name(buf, n, "f"), "%d bytes", n);
	test_expect("vfs_getdents_end", v_getdents(fd, buf, sizeof(buf)), 0);
	v_close(fd);
	test_expect("vfs_getdents_enotdir", (fd = v_open("/etc/rc", O_RDONLY, 0),
		    n = v_getdents(fd, buf, sizeof(buf)), v_close(fd), n), -ENOTDIR);
	test_expect("vfs_chdir", v_chdir("/tmp/d"), OK);
	test_check("vfs_getcwd", v_getcwd(cwd, sizeof(cwd)) == 7 && strcmp(cwd, "/tmp/d") == 0,
		   "cwd %s", cwd);
	test_expect("vfs_relative_open", (fd = v_open("f", O_RDONLY, 0)) >= 0 ? OK : fd, OK);
	v_close(fd);
	test_expect("vfs_chdir_enotdir", v_chdir("f"), -ENOTDIR);
	test_expect("vfs_unlink_relative", v_unlink("./f"), OK);
	v_chdir("..");
	test_check("vfs_chdir_dotdot", v_getcwd(cwd, sizeof(cwd)) == 5 &&
		   strcmp(cwd, "/tmp") == 0, "cwd %s", cwd);
	test_expect("vfs_getcwd_erange", v_getcwd(cwd, 3), -ERANGE);
	fd = v_open("/etc", O_RDONLY | O_DIRECTORY, 0);
	test_check("vfs_fchdir", fd_call(VFS_FCHDIR, fd, NULL, 0) == OK &&
		   v_getcwd(cwd, sizeof(cwd)) == 5 && strcmp(cwd, "/etc") == 0 &&
		   v_access("rc", 0) == OK, "cwd %s", cwd);
	v_close(fd);
	v_chdir("/tmp");
	test_expect("vfs_rmdir", v_rmdir("d"), OK);
	test_expect("vfs_rmdir_gone", v_rmdir("d"), -ENOENT);
	v_chdir("/");
}

static void
test_fds(void)
{
	char buf[8];
	int fd, fd2, i, r, fds[OPEN_MAX + 1];

	fd = v_open("/etc/rc", O_RDONLY, 0);
	fd2 = v_dup(fd);
	test_check("vfs_dup", fd2 >= 0 && fd2 != fd, "dup %d", fd2);
	v_read(fd, buf, 4);
	test_expect("vfs_dup_shares_offset", v_lseek(fd2, 0, 1), 4);
	test_expect("vfs_dup2", v_dup2(fd, 20), 20);
	test_expect("vfs_dup2_ebadf", v_dup2(fd, OPEN_MAX), -EBADF);
	test_expect("vfs_fcntl_dupfd", v_fcntl(fd, F_DUPFD, 25), 25);
	test_expect("vfs_fcntl_getfd", v_fcntl(fd, F_GETFD, 0), 0);
	v_fcntl(fd, F_SETFD, FD_CLOEXEC);
	test_expect("vfs_fcntl_setfd", v_fcntl(fd, F_GETFD, 0), FD_CLOEXEC);
	test_expect("vfs_fcntl_getfl", v_fcntl(fd, F_GETFL, 0), O_RDONLY);
	test_expect("vfs_fcntl_einval", v_fcntl(fd, 99, 0), -EINVAL);
	test_expect("vfs_fcntl_ebadf", v_fcntl(30, F_GETFD, 0), -EBADF);
	v_close(fd), v_close(fd2), v_close(20), v_close(25);
	for (i = 0, r = 0; i <= OPEN_MAX && r >= 0; i++)
		r = fds[i] = v_open("/etc/rc", O_RDONLY, 0);
	test_expect("vfs_emfile", r, -EMFILE);
	while (--i >= 0)
		if (fds[i] >= 0)
			v_close(fds[i]);
}

static void
test_pipes(void)
{
	char buf[16];
	fd_set sets[3];
	int p[2], n;

	if (!test_check("vfs_pipe2", v_pipe2(p, 0) == OK && p[0] >= 0 && p[1] >= 0,
			"pipe2 failed"))
		return;
	test_expect("vfs_pipe_write", v_write(p[1], "abc", 3), 3);
	memset(sets, 0, sizeof(sets));
	FD_SET(p[0], &sets[0]);
	test_check("vfs_select_pipe_ready", v_select(p[0] + 1, sets, -1) == 1 &&
		   FD_ISSET(p[0], &sets[0]), "not readable");
	n = v_read(p[0], buf, sizeof(buf));
	test_check("vfs_pipe_read", n == 3 && memcmp(buf, "abc", 3) == 0, "got %d", n);
	test_expect("vfs_pipe_espipe", v_lseek(p[0], 0, 0), -ESPIPE);
	test_expect("vfs_pipe_read_wrong_end", v_read(p[1], buf, 1), -EBADF);
	memset(sets, 0, sizeof(sets));
	FD_SET(p[0], &sets[0]);
	test_expect("vfs_select_timeout", v_select(p[0] + 1, sets, 50), 0);
	v_fcntl(p[0], F_SETFL, O_NONBLOCK);
	test_expect("vfs_pipe_eagain", v_read(p[0], buf, 1), -EAGAIN);
	v_close(p[1]);
	test_expect("vfs_pipe_eof", v_read(p[0], buf, 1), 0);
	v_close(p[0]);
}

/* More pipes holding bytes than VFS has pipe buffers (8): the first ones keep their bytes
 * in VFS, the others in PFS; fstat's st_size counts either, every pipe reads back its own
 * bytes in order, and VFS's ring keeps them in order across its end. */
#define NPIPES 12

static int
hello_of(int i, char *want, size_t room)
{
	return snprintf(want, room, "pipe %d says hello", i);
}

static void
test_pipe_bufs(void)
{
	static char big[PIPE_BUF], back[PIPE_BUF];
	int p[NPIPES][2], i, n, sizes = 1, data = 1;
	struct stat st;
	char buf[64], want[64];

	for (i = 0; i < NPIPES; i++) {
		n = hello_of(i, want, sizeof(want));
		if (v_pipe2(p[i], 0) != OK || v_write(p[i][1], want, n) != n)
			break;
	}
	if (!test_check("vfs_pipe_many", i == NPIPES, "pipe or write %d failed", i))
		return;
	for (i = 0; i < NPIPES; i++)
		if (v_fstat(p[i][0], &st) != OK || !S_ISFIFO(st.st_mode) ||
		    st.st_size != hello_of(i, want, sizeof(want)))
			sizes = 0;
	test_check("vfs_pipe_fstat_size", sizes, "st_size is not the bytes in the pipe");
	for (i = NPIPES - 1; i >= 0; i--) {
		n = hello_of(i, want, sizeof(want));
		if (v_read(p[i][0], buf, 5) != 5 || v_write(p[i][1], "!", 1) != 1 ||
		    v_read(p[i][0], buf + 5, sizeof(buf) - 5) != n - 4 ||
		    memcmp(buf, want, n) != 0 || buf[n] != '!')
			data = 0;
	}
	test_check("vfs_pipe_many_data", data, "a pipe read back other bytes");
	for (i = 0; i < PIPE_BUF; i++)
		big[i] = (char)(i * 7 + 3);
	n = v_write(p[0][1], big, 3000) == 3000 && v_read(p[0][0], back, 2000) == 2000 &&
	    memcmp(back, big, 2000) == 0 && v_write(p[0][1], big + 1000, 3000) == 3000 &&
	    v_read(p[0][0], back, PIPE_BUF) == 4000 && memcmp(back, big + 2000, 1000) == 0 &&
	    memcmp(back + 1000, big + 1000, 3000) == 0;
	test_check("vfs_pipe_ring", n, "bytes lost or reordered across the ring's end");
	for (i = 0; i < NPIPES; i++) {
		v_close(p[i][0]);
		v_close(p[i][1]);
	}
}

static void
test_pipe_fork(void)
{
	char buf[16];
	int p[2], status = 0, n;
	pid_t pid;

	if (v_pipe2(p, 0) != OK)
		return;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		v_close(p[0]);
		v_write(p[1], "from child", 10);
		_exit(0);
	}
	v_close(p[1]);
	n = v_read(p[0], buf, sizeof(buf));
	test_check("vfs_pipe_fork", pid > 0 && n == 10 && memcmp(buf, "from child", 10) == 0,
		   "pid %d read %d", pid, n);
	waitpid(pid, &status, 0);
	v_close(p[0]);
	v_pipe2(p, 0);
	v_close(p[0]);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		n = v_write(p[1], "x", 1);
		printf("FAIL vfs_pipe_epipe: write gave %d and no SIGPIPE\n", n);
		fflush(NULL);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	test_check("vfs_pipe_epipe", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
		   "status 0x%x", status);
	v_close(p[1]);
}

static void
test_devices(void)
{
	char buf[8] = "xxxxxxx";
	int fd;

	fd = v_open("/dev/null", O_RDWR, 0);
	if (test_check("vfs_open_dev_null", fd >= 0, "%s", test_errname(fd))) {
		test_expect("vfs_write_dev_null", v_write(fd, "abc", 3), 3);
		test_expect("vfs_read_dev_null", v_read(fd, buf, 3), 0);
		v_close(fd);
	}
	fd = v_open("/dev/zero", O_RDONLY, 0);
	test_check("vfs_read_dev_zero", fd >= 0 && v_read(fd, buf, 4) == 4 && buf[0] == 0 &&
		   buf[3] == 0 && buf[4] == 'x', "fd %d", fd);
	v_close(fd);
	test_expect("vfs_open_blk_enxio", v_open("/dev/ram", O_RDONLY, 0), -ENXIO);
	test_expect("vfs_open_no_driver_enxio", v_open("/dev/log", O_WRONLY, 0), -ENXIO);
}

static void
test_statvfs(void)
{
	struct statvfs sv[4];
	mess_vfs v = { .buf = (uint32_t)sv, .len = sizeof(sv) };
	int n = vcall(VFS_GETVFSSTAT, &v);

	test_check("vfs_getvfsstat", n >= 1 && strcmp(sv[0].f_mntonname, "/") == 0 &&
		   strcmp(sv[0].f_fstypename, "mfs") == 0, "%d mounts, %s", n, sv[0].f_mntonname);
	test_expect("vfs_mapdriver_eperm", path_call(VFS_MAPDRIVER, "tty", 0, 0), -EPERM);
	test_expect("vfs_unknown_call", path_call(VFS_BASE + 0x50, "/", 0, 0), -ENOSYS);
	{
		message m;

		memset(&m, 0, sizeof(m));
		m.m_type = VM_EXEC_NEWMEM;
		m.m_vm_exec.endpt = SELF;
		test_expect("vm_exec_newmem_eperm", ipc_sendrec(VM_PROC_NR, &m) == OK ?
			    m.m_type : -EIO, -EPERM);
	}
}

/*
 * With the argument "tty" (a boot with the tty driver; the grader types what the test asks
 * for after each READY line): the console through VFS.  A write; select with a timeout
 * and nothing typed (0); a typed line makes select say readable and read return it; a
 * child waiting in a read of the console is killed (VFS cancels its driver request) and
 * the next line still reaches the parent.
 */
static void
test_tty(void)
{
	fd_set sets[3];
	char buf[32];
	int fd = v_open("/dev/console", O_RDWR, 0), n, status = 0;
	pid_t pid;

	if (!test_check("vfs_tty_open", fd >= 0, "%s", test_errname(fd)))
		return;
	test_expect("vfs_tty_write", v_write(fd, "vfs-tty-out\n", 12), 12);
	memset(sets, 0, sizeof(sets));
	FD_SET(fd, &sets[0]);
	test_expect("vfs_tty_select_timeout", v_select(fd + 1, sets, 100), 0);
	printf("READY vfs_tty_read\n");
	fflush(NULL);
	memset(sets, 0, sizeof(sets));
	FD_SET(fd, &sets[0]);
	test_check("vfs_tty_select_ready", v_select(fd + 1, sets, 20000) == 1 &&
		   FD_ISSET(fd, &sets[0]), "not readable");
	n = v_read(fd, buf, sizeof(buf));
	test_check("vfs_tty_read", n == 4 && memcmp(buf, "abc\n", 4) == 0, "read %d", n);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		v_read(fd, buf, sizeof(buf));
		_exit(3);
	}
	memset(sets, 0, sizeof(sets));
	v_select(0, sets, 300);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	test_check("vfs_tty_kill_reader", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
		   "status 0x%x", status);
	printf("READY vfs_tty_after_cancel\n");
	fflush(NULL);
	n = v_read(fd, buf, sizeof(buf));
	test_check("vfs_tty_after_cancel", n == 4 && memcmp(buf, "xyz\n", 4) == 0,
		   "read %d", n);
	v_close(fd);
}

int
main(int argc, char **argv)
{
	argc = test_init("vfs_test", argc, argv);
	if (argc > 1 && strcmp(argv[1], "tty") == 0) {
		test_tty();
		return test_done();
	}
	test_root_file();
	test_stat_and_lookup();
	test_create();
	test_dirs();
	test_fds();
	test_pipes();
	test_pipe_bufs();
	test_devices();
	test_statvfs();
	test_pipe_fork();
	test_mount();
	test_attrs();
	test_exit_cleanup();
	test_no_leaks();
	test_exec();
	return test_done();
}
