/*
 * posix_sys.c - system-level conformance: /test/posix_sys root|user, run by
 * grader/tests/posix_files.py as root and as user 100.  Work files live under
 * /tmp/psys.<uid>; every case prints PASS or FAIL (the rule and the errno), and a DONE line
 * ends the run.
 *
 * Cases: abort() and a failing assert() end a child killed by SIGABRT, also when a handler
 * returns or SIGABRT is ignored or blocked, and a handler runs first (handouts/libc.md,
 * "abort"); times(): a loop of read()s of /dev/zero gets system time, a compute loop gets
 * user time and nearly no system time, a waited child's times land in tms_cutime and
 * tms_cstime (handouts/pm.md, "Process times"); the *at calls: a relative path from a
 * directory fd (also after chdir), EBADF, ENOTDIR, EINVAL, and each call's flags
 * (handouts/vfs.md, "Paths relative to a directory"); supplementary groups: setgroups,
 * getgroups, fork and exec keep them, initgroups and the group permission bits
 * (handouts/pm.md, "Supplementary groups"); read-only mounts: root remounts /home with
 * MNT_RDONLY, statvfs says ST_RDONLY, every modifying call is EROFS, reading works, and
 * /home is mounted read-write again (handouts/vfs.md, "Read-only mounts").
 */
#include <assert.h>
#include <grp.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/times.h>
#include <sys/wait.h>
#include "posixfile.h"
#include "testlib.h"

static int as_root;

/* The first line of the file path, newline removed (a static buffer; "" if none). */
static const char *
first_file_line(const char *path)
{
	static char line[128];
	FILE *f = fopen(path, "r");

	line[0] = '\0';
	if (f != NULL && fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	if (f != NULL)
		fclose(f);
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* close(fd) if it is one. */
static void
close_if(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* ---- abort ---- */

static int handler_fd = -1;     /* the write end of the pipe a handler reports on */

static void abort_handler(int sig) { (void)sig; write(handler_fd, "h", 1); }

/* The child of each abort case: what to do with SIGABRT first (0 nothing, 1 a returning
 * handler that writes "h" on handler_fd, 2 SIG_IGN, 3 blocked, 4 assert). */
static int
abort_child(void *arg)
{
	int how = (int)(long)arg;
	sigset_t set;

	if (how == 1)
		signal(SIGABRT, abort_handler);
	if (how == 2)
		signal(SIGABRT, SIG_IGN);
	if (how == 3) {
		sigemptyset(&set);
		sigaddset(&set, SIGABRT);
		sigprocmask(SIG_BLOCK, &set, NULL);
	}
	if (how == 4) {		/* the assertion's message goes to the file "assert" */
		dup2(open(px_path("assert"), O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
		assert(how == 5);
	}
	abort();
	return 1;
}

static void
case_abort(void)
{
	static const char *names[] = { "sys_abort_default", "sys_abort_handler_returns",
				       "sys_abort_ignored", "sys_abort_blocked", "sys_abort_assert" };
	int p[2], fd;
	char c = 0, msg[128] = "";

	for (long how = 0; how < 5; how++)
		if (how != 1)
			px_child(names[how], px_fork(abort_child, (void *)how), 1000 + SIGABRT);
	fd = open(px_path("assert"), O_RDONLY);
	test_check("sys_abort_assert_message", fd >= 0 && read(fd, msg, sizeof(msg) - 1) > 0 &&
		   strstr(msg, "how == 5") != NULL && strstr(msg, "posix_sys.c") != NULL,
		   "a failed assert must print the expression and the file on stderr (got \"%s\")",
		   msg);
	close(fd);
	unlink(px_path("assert"));
	if (!test_ok("sys_abort_handler_runs", pipe(p), "pipe"))
		return;
	handler_fd = p[1];
	px_child(names[1], px_fork(abort_child, (void *)1L), 1000 + SIGABRT);
	close(p[1]);
	test_check("sys_abort_handler_runs", read(p[0], &c, 1) == 1 && c == 'h',
		   "the SIGABRT handler must run before abort() ends the process");
	close(p[0]);
}

/* ---- times ---- */

/* Real milliseconds on the monotonic clock. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static volatile unsigned long sink;

/* Compute for ms milliseconds of real time, looking at the clock (a system call) only
 * every few million additions. */
static void
compute(int ms)
{
	long long end = now_ms() + ms;

	while (now_ms() < end)
		for (int i = 0; i < 4000000; i++)
			sink += (unsigned long)i;
}

/* read() /dev/zero for ms milliseconds of real time: 1 if every read worked. */
static int
read_zero(int ms)
{
	char buf[64];
	long long end = now_ms() + ms;
	int fd = open("/dev/zero", O_RDONLY), ok = fd >= 0;

	while (ok && now_ms() < end)
		for (int i = 0; ok && i < 20; i++)
			ok = read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf);
	close(fd);
	return ok;
}

static int
times_child(void *arg)
{
	(void)arg;
	compute(150);
	return read_zero(250) ? 0 : 1;
}

static void
case_times(void)
{
	struct tms t0, t1;
	clock_t c0, c1;
	long du, ds;

	times(&t0);
	test_check("sys_times_read_ok", read_zero(400), "read of /dev/zero failed");
	times(&t1);
	ds = (long)(t1.tms_stime - t0.tms_stime);
	du = (long)(t1.tms_utime - t0.tms_utime);
	test_check("sys_times_stime_syscalls", ds > 0 && ds > du,
		   "400 ms of read(/dev/zero) must be mostly system time (utime +%ld, stime +%ld)",
		   du, ds);
	times(&t0);
	c0 = clock();
	compute(400);
	c1 = clock();
	times(&t1);
	du = (long)(t1.tms_utime - t0.tms_utime);
	ds = (long)(t1.tms_stime - t0.tms_stime);
	test_check("sys_times_compute_utime", du > 0 && du >= 8 * ds,
		   "400 ms of computing must be user time, >= 8 times the system time "
		   "(utime +%ld, stime +%ld)", du, ds);
	/* clock() and times() are two reads: a tick between c0 and t0, or c1 and t1, makes
	 * them differ by one (seen on a loaded host) */
	test_check("sys_times_clock", c1 > c0 && labs((long)((c1 - c0) / (CLOCKS_PER_SEC /
		   sysconf(_SC_CLK_TCK))) - (du + ds)) <= 1,
		   "clock() must grow by the user plus system ticks, give or take the one tick "
		   "between the two reads (%ld, ticks %ld)", (long)(c1 - c0), du + ds);
	times(&t0);
	px_child("sys_times_child_exit", px_fork(times_child, NULL), 0);
	times(&t1);
	test_check("sys_times_cutime_cstime", t1.tms_cutime > t0.tms_cutime &&
		   t1.tms_cstime > t0.tms_cstime,
		   "a waited child's user and system time must land in tms_cutime and "
		   "tms_cstime (cutime +%ld, cstime +%ld)",
		   (long)(t1.tms_cutime - t0.tms_cutime), (long)(t1.tms_cstime - t0.tms_cstime));
}

/* ---- the *at family ---- */

/* An errno check that accepts either of two numbers (where POSIX and practice differ). */
static void
errno_either(const char *name, int r, int e1, int e2)
{
	if (r == -1 && (errno == e1 || errno == e2))
		test_pass(name);
	else
		test_fail(name, "got %d (errno %d: %s), want -1 with errno %d or %d", r, errno,
			  strerror(errno), e1, e2);
}

/* The first bytes of the file name in the directory dfd ("" if it cannot be read). */
static const char *
read_at(int dfd, const char *name)
{
	static char buf[32];
	int fd = openat(dfd, name, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

/* Paths relative to a directory fd, also after the process changed its working
 * directory; an absolute path ignores the fd; getcwd through an fd opened with openat. */
static void
at_lookup(int dfd, const char *dir)
{
	char cwd[PATH_MAX], want[PATH_MAX];
	int fd, sub = -1;

	fd = openat(dfd, "f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	test_check("sys_at_openat_create", fd >= 0 && write(fd, "at", 2) == 2,
		   "openat(dfd, \"f\", O_CREAT) must make the file in the directory (errno %d)",
		   errno);
	close(fd);
	test_check("sys_at_openat_in_dir", access(px_path("at/f"), F_OK) == 0,
		   "the file openat made must be in the directory of dfd");
	test_check("sys_at_after_chdir", chdir("/") == 0 && strcmp(read_at(dfd, "f"), "at") == 0,
		   "after chdir(\"/\") a relative path must still start at dfd");
	fd = openat(12345, "/etc/passwd", O_RDONLY);
	test_check("sys_at_absolute_ignores_fd", fd >= 0, "an absolute path must ignore a bad "
		   "fd (errno %d)", errno);
	close(fd);
	test_check("sys_at_mkdirat", mkdirat(dfd, "sub", 0755) == 0 &&
		   (sub = openat(dfd, "sub", O_RDONLY | O_DIRECTORY)) >= 0,
		   "mkdirat and openat(O_DIRECTORY) of the new directory (errno %d)", errno);
	snprintf(want, sizeof(want), "%s/sub", dir);
	test_check("sys_at_fchdir_getcwd", fchdir(sub) == 0 && getcwd(cwd, sizeof(cwd)) != NULL &&
		   strcmp(cwd, want) == 0, "fchdir to a directory opened with openat, then "
		   "getcwd must give \"%s\" (got \"%s\")", want, cwd);
	test_check("sys_at_dotdot", strcmp(read_at(sub, "../f"), "at") == 0,
		   "\"../f\" from a directory fd must reach its parent's file");
	chdir("/");
	close(sub);
}

/* EBADF and ENOTDIR for a relative path with a bad dirfd; EINVAL for unknown flags. */
static void
at_errors(int dfd)
{
	struct stat st;
	int ffd = openat(dfd, "f", O_RDONLY), closed = dup(dfd);

	close(closed);
	px_errno("sys_at_ebadf_open", openat(closed, "f", O_RDONLY), EBADF);
	px_errno("sys_at_ebadf_negative", fstatat(-5, "f", &st, 0), EBADF);
	px_errno("sys_at_ebadf_mkdir", mkdirat(closed, "x", 0755), EBADF);
	px_errno("sys_at_enotdir_open", openat(ffd, "f", O_RDONLY), ENOTDIR);
	px_errno("sys_at_enotdir_unlink", unlinkat(ffd, "f", 0), ENOTDIR);
	px_errno("sys_at_enotdir_rename", renameat(dfd, "f", ffd, "g"), ENOTDIR);
	px_errno("sys_at_fstatat_einval", fstatat(dfd, "f", &st, 0x4000), EINVAL);
	px_errno("sys_at_unlinkat_einval", unlinkat(dfd, "f", AT_SYMLINK_NOFOLLOW), EINVAL);
	px_errno("sys_at_faccessat_einval", faccessat(dfd, "f", R_OK, 0x4000), EINVAL);
	px_errno("sys_at_fchmodat_einval", fchmodat(dfd, "f", 0644, AT_REMOVEDIR), EINVAL);
	px_errno("sys_at_linkat_einval", linkat(dfd, "f", dfd, "g", AT_REMOVEDIR), EINVAL);
	px_errno("sys_at_enoent", fstatat(dfd, "nothing", &st, 0), ENOENT);
	close(ffd);
}

/* unlinkat, renameat, linkat, symlinkat, readlinkat, fstatat's AT_SYMLINK_NOFOLLOW. */
static void
at_names(int dfd, int dfd2)
{
	struct stat st, lst;
	char buf[16] = "";
	ssize_t n;

	test_check("sys_at_renameat", renameat(dfd, "f", dfd2, "g") == 0 &&
		   strcmp(read_at(dfd2, "g"), "at") == 0 && faccessat(dfd, "f", F_OK, 0) == -1,
		   "renameat between two directory fds must move the name (errno %d)", errno);
	test_check("sys_at_linkat", linkat(dfd2, "g", dfd, "h", 0) == 0 &&
		   fstatat(dfd, "h", &st, 0) == 0 && st.st_nlink == 2,
		   "linkat must add a second name (errno %d)", errno);
	test_check("sys_at_symlinkat", symlinkat("h", dfd, "l") == 0 &&
		   (n = readlinkat(dfd, "l", buf, sizeof(buf))) == 1 && buf[0] == 'h',
		   "symlinkat then readlinkat must give the target \"h\" (errno %d)", errno);
	test_check("sys_at_fstatat_nofollow", fstatat(dfd, "l", &lst, AT_SYMLINK_NOFOLLOW) == 0 &&
		   S_ISLNK(lst.st_mode) && fstatat(dfd, "l", &st, 0) == 0 && S_ISREG(st.st_mode),
		   "fstatat must follow the link, and not with AT_SYMLINK_NOFOLLOW");
	test_check("sys_at_linkat_nofollow", linkat(dfd, "l", dfd, "l2", 0) == 0 &&
		   fstatat(dfd, "l2", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode),
		   "linkat without AT_SYMLINK_FOLLOW must link the symbolic link itself "
		   "(errno %d)", errno);
	test_check("sys_at_linkat_follow", linkat(dfd, "l", dfd, "l3", AT_SYMLINK_FOLLOW) == 0 &&
		   fstatat(dfd, "l3", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		   st.st_nlink == 3, "linkat with AT_SYMLINK_FOLLOW must link the target");
	test_check("sys_at_mkfifoat", mkfifoat(dfd, "p", 0600) == 0 &&
		   fstatat(dfd, "p", &st, 0) == 0 && S_ISFIFO(st.st_mode),
		   "mkfifoat must make a FIFO in the directory (errno %d)", errno);
	test_check("sys_at_mknodat", mknodat(dfd, "p2", S_IFIFO | 0600, 0) == 0 &&
		   fstatat(dfd, "p2", &st, 0) == 0 && S_ISFIFO(st.st_mode),
		   "mknodat(S_IFIFO) must make a FIFO in the directory (errno %d)", errno);
	errno_either("sys_at_unlinkat_dir", unlinkat(dfd, "sub", 0), EPERM, EISDIR);
	px_errno("sys_at_removedir_file", unlinkat(dfd, "h", AT_REMOVEDIR), ENOTDIR);
	test_check("sys_at_unlinkat", unlinkat(dfd, "p", 0) == 0 && unlinkat(dfd, "p2", 0) == 0 &&
		   unlinkat(dfd, "l2", 0) == 0 && unlinkat(dfd, "l3", 0) == 0 &&
		   unlinkat(dfd2, "g", 0) == 0 && faccessat(dfd2, "g", F_OK, 0) == -1,
		   "unlinkat must remove the names (errno %d)", errno);
	test_check("sys_at_removedir", unlinkat(dfd, "sub", AT_REMOVEDIR) == 0 &&
		   fstatat(dfd, "sub", &st, 0) == -1 && errno == ENOENT,
		   "unlinkat(AT_REMOVEDIR) must remove the directory (errno %d)", errno);
}

/* Root with effective uid 100: faccessat checks the real ids, AT_EACCESS the effective. */
static int
eaccess_child(void *arg)
{
	int dfd = *(int *)arg;

	if (seteuid(100) != 0)
		return 1;
	if (faccessat(dfd, "h", W_OK, 0) != 0)
		return 2;		/* the real root may write */
	if (faccessat(dfd, "h", W_OK, AT_EACCESS) != -1 || errno != EACCES)
		return 3;		/* uid 100 may not (the file is root's, 0600) */
	return 0;
}

/* fchmodat, fchownat, faccessat (AT_EACCESS), utimensat with a directory fd. */
static void
at_attributes(int dfd)
{
	struct timespec ts[2] = { { 1000, 0 }, { 2000, 0 } };
	struct stat st;

	test_check("sys_at_fchmodat", fchmodat(dfd, "h", 0600, 0) == 0 &&
		   fstatat(dfd, "h", &st, 0) == 0 && (st.st_mode & 0777) == 0600,
		   "fchmodat must set the mode (errno %d)", errno);
	px_errno("sys_at_fchmodat_link_eopnotsupp", fchmodat(dfd, "l", 0600,
		 AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
	test_check("sys_at_utimensat", utimensat(dfd, "h", ts, 0) == 0 &&
		   fstatat(dfd, "h", &st, 0) == 0 && st.st_mtime == 2000 && st.st_atime == 1000,
		   "utimensat with a directory fd must set the times (errno %d)", errno);
	test_check("sys_at_faccessat", faccessat(dfd, "h", R_OK | W_OK, 0) == 0,
		   "faccessat: the owner may read and write (errno %d)", errno);
	if (as_root) {
		px_child("sys_at_faccessat_eaccess", px_fork(eaccess_child, &dfd), 0);
		test_check("sys_at_fchownat", fchownat(dfd, "h", 100, 7, 0) == 0 &&
			   fstatat(dfd, "h", &st, 0) == 0 && st.st_uid == 100 && st.st_gid == 7,
			   "root's fchownat must set owner and group (errno %d)", errno);
		test_check("sys_at_fchownat_nofollow", fchownat(dfd, "l", 100, 7,
			   AT_SYMLINK_NOFOLLOW) == 0 && fstatat(dfd, "l", &st,
			   AT_SYMLINK_NOFOLLOW) == 0 && st.st_uid == 100,
			   "fchownat(AT_SYMLINK_NOFOLLOW) must change the link itself (errno %d)",
			   errno);
		fchownat(dfd, "h", 0, 0, 0);
	} else {
		px_errno("sys_at_fchownat_eperm", fchownat(dfd, "h", 0, -1, 0), EPERM);
	}
	px_errno("sys_at_utimensat_ebadf", utimensat(99, "h", ts, 0), EBADF);
}

static void
case_at(void)
{
	char dir[PATH_MAX], dir2[PATH_MAX];
	int dfd, dfd2;

	snprintf(dir, sizeof(dir), "%s", px_path("at"));
	snprintf(dir2, sizeof(dir2), "%s", px_path("at2"));
	if (!test_ok("sys_at_setup", mkdir(dir, 0755), "mkdir") ||
	    !test_ok("sys_at_setup", mkdir(dir2, 0755), "mkdir") ||
	    !test_ok("sys_at_setup", dfd = open(dir, O_RDONLY | O_DIRECTORY), "open") ||
	    !test_ok("sys_at_setup", dfd2 = open(dir2, O_RDONLY | O_DIRECTORY), "open"))
		return;
	at_lookup(dfd, dir);
	at_errors(dfd);
	at_names(dfd, dfd2);
	at_attributes(dfd);
	unlinkat(dfd, "h", 0);
	unlinkat(dfd, "l", 0);
	close(dfd);
	close(dfd2);
	rmdir(dir);
	rmdir(dir2);
}

/* ---- supplementary groups ---- */

/* Root's child: setgroups, getgroups, the EINVAL cases, fork and exec keep the list. */
static int
groups_child(void *arg)
{
	gid_t set[2] = { 10, 20 }, got[NGROUPS_MAX + 1];
	int fd;
	pid_t pid;

	(void)arg;
	if (setgroups(2, set) != 0)
		return 1;
	if (getgroups(0, NULL) != 2 || getgroups(2, got) != 2 || got[0] != 10 || got[1] != 20)
		return 2;
	if (getgroups(1, got) != -1 || errno != EINVAL)
		return 3;		/* too small a list */
	if (setgroups(NGROUPS_MAX + 1, got) != -1 || errno != EINVAL)
		return 4;
	if ((pid = fork()) == 0)
		_exit(getgroups(NGROUPS_MAX, got) == 2 && got[0] == 10 && got[1] == 20 ? 0 : 1);
	if (px_wait(pid) != 0)
		return 5;		/* fork copies the list */
	fd = open(px_path("id.out"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 1) != 1)
		return 6;
	execl("/bin/id", "id", (char *)NULL);	/* exec keeps it: id prints it */
	return 7;
}

/* Root's child that becomes ast with initgroups: the group bits of a file of group staff
 * apply, of group root not; chown to a supplementary group; setgroups EPERM. */
static int
initgroups_child(void *arg)
{
	gid_t got[NGROUPS_MAX];
	int n, fd, has10 = 0, has100 = 0;

	(void)arg;
	if (initgroups("ast", 100) != 0 || setgid(100) != 0 || setuid(100) != 0)
		return 1;
	n = getgroups(NGROUPS_MAX, got);
	for (int i = 0; i < n; i++)
		has10 |= got[i] == 10, has100 |= got[i] == 100;
	if (n != 2 || !has10 || !has100)
		return 2;		/* ast's groups: users (its own) and staff */
	if ((fd = open(px_path("grp/staff"), O_RDONLY)) < 0)
		return 3;		/* root:staff 0640: staff may read */
	close(fd);
	if (access(px_path("grp/staff"), R_OK) != 0)
		return 4;
	if (open(px_path("grp/root"), O_RDONLY) != -1 || errno != EACCES)
		return 5;		/* root:root 0640: ast may not */
	if ((fd = open(px_path("grp/mine"), O_WRONLY | O_CREAT, 0644)) < 0)
		return 6;
	close(fd);
	if (chown(px_path("grp/mine"), -1, 10) != 0)
		return 7;		/* the owner may give it one of its groups */
	if (chown(px_path("grp/mine"), -1, 1) != -1 || errno != EPERM)
		return 8;		/* but not another */
	if (setgroups(0, NULL) != -1 || errno != EPERM)
		return 9;
	return 0;
}

static void
case_groups(void)
{
	gid_t got[NGROUPS_MAX], one = 10;
	int n = getgroups(0, NULL);
	char line[128] = "";

	test_check("sys_groups_ngroups_max", NGROUPS_MAX >= 8 &&
		   sysconf(_SC_NGROUPS_MAX) == NGROUPS_MAX, "NGROUPS_MAX (%d) must be at least 8 "
		   "and sysconf's (%ld)", NGROUPS_MAX, sysconf(_SC_NGROUPS_MAX));
	test_check("sys_groups_count", n >= 0 && getgroups(NGROUPS_MAX, got) == n,
		   "getgroups(0, NULL) must count the groups getgroups lists (%d)", n);
	if (!as_root) {
		px_errno("sys_groups_setgroups_eperm", setgroups(1, &one), EPERM);
		px_errno("sys_groups_initgroups_eperm", initgroups("ast", 100), EPERM);
		return;
	}
	px_child("sys_groups_set_get", px_fork(groups_child, NULL), 0);
	snprintf(line, sizeof(line), "%s", first_file_line(px_path("id.out")));
	test_check("sys_groups_exec_id", strstr(line, " groups=0(root),10(staff),20") != NULL,
		   "exec keeps the groups; id prints them (got \"%s\")", line);
	unlink(px_path("id.out"));
	mkdir(px_path("grp"), 0777);
	chmod(px_path("grp"), 0777);
	close_if(px_file(px_path("grp/staff"), 1));
	close_if(px_file(px_path("grp/root"), 1));
	chown(px_path("grp/staff"), 0, 10);
	chmod(px_path("grp/staff"), 0640);
	chmod(px_path("grp/root"), 0640);
	px_child("sys_groups_initgroups_access", px_fork(initgroups_child, NULL), 0);
	unlink(px_path("grp/staff"));
	unlink(px_path("grp/root"));
	unlink(px_path("grp/mine"));
	rmdir(px_path("grp"));
}

/* ---- read-only mounts ---- */

#define RO_SPECIAL      "/dev/c0d0p0"   /* /etc/rc mounts it on /home */
#define RO_DIR          "/home"
#define RO_LABEL        "mfs_home"
#define RO_WORK         RO_DIR "/psys.ro"

/* Every modifying call on the read-only /home is EROFS; reading works. */
static void
ro_refusals(void)
{
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	char buf[8] = "";
	int fd = open(RO_WORK "/f", O_RDONLY);

	test_check("sys_ro_read", fd >= 0 && read(fd, buf, sizeof(buf)) == 2 &&
		   memcmp(buf, "ro", 2) == 0, "a file of a read-only mount must be readable "
		   "(errno %d)", errno);
	close(fd);
	px_errno("sys_ro_open_write", open(RO_WORK "/f", O_WRONLY), EROFS);
	px_errno("sys_ro_open_trunc", open(RO_WORK "/f", O_RDONLY | O_TRUNC), EROFS);
	px_errno("sys_ro_create", open(RO_WORK "/new", O_WRONLY | O_CREAT, 0644), EROFS);
	px_errno("sys_ro_mkdir", mkdir(RO_WORK "/newdir", 0755), EROFS);
	px_errno("sys_ro_mkfifo", mkfifo(RO_WORK "/fifo", 0600), EROFS);
	px_errno("sys_ro_unlink", unlink(RO_WORK "/f"), EROFS);
	px_errno("sys_ro_rmdir", rmdir(RO_WORK "/d"), EROFS);
	px_errno("sys_ro_rename", rename(RO_WORK "/f", RO_WORK "/g"), EROFS);
	px_errno("sys_ro_link", link(RO_WORK "/f", RO_WORK "/g"), EROFS);
	px_errno("sys_ro_symlink", symlink("f", RO_WORK "/l"), EROFS);
	px_errno("sys_ro_chmod", chmod(RO_WORK "/f", 0600), EROFS);
	px_errno("sys_ro_chown", chown(RO_WORK "/f", 100, 100), EROFS);
	px_errno("sys_ro_utimensat", utimensat(AT_FDCWD, RO_WORK "/f", ts, 0), EROFS);
	px_errno("sys_ro_truncate", truncate(RO_WORK "/f", 0), EROFS);
	px_errno("sys_ro_access_w", access(RO_WORK "/f", W_OK), EROFS);
	test_check("sys_ro_access_r", access(RO_WORK "/f", R_OK) == 0,
		   "access(R_OK) on a read-only mount must succeed (errno %d)", errno);
}

/* Root remounts /home read-only, checks statvfs's ST_RDONLY and the refusals, and mounts
 * it read-write again. */
static void
case_rdonly(void)
{
	struct statvfs sv;
	struct stat st;
	int fd;

	test_check("sys_ro_root_rw", statvfs("/", &sv) == 0 && !(sv.f_flag & ST_RDONLY),
		   "the root file system is read-write: no ST_RDONLY (errno %d)", errno);
	if (!as_root) {
		px_errno("sys_ro_user_mount_eperm", mount(RO_SPECIAL, RO_DIR, RO_LABEL,
			 MNT_RDONLY), EPERM);
		return;
	}
	mkdir(RO_WORK, 0755);
	mkdir(RO_WORK "/d", 0755);
	fd = open(RO_WORK "/f", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (!test_ok("sys_ro_setup", fd, "create " RO_WORK "/f") ||
	    !test_ok("sys_ro_setup", (int)write(fd, "ro", 2), "write"))
		return;
	close(fd);
	if (!test_ok("sys_ro_umount", umount(RO_DIR), "umount " RO_DIR) ||
	    !test_ok("sys_ro_mount", mount(RO_SPECIAL, RO_DIR, RO_LABEL, MNT_RDONLY),
		     "mount -r"))
		return;
	test_check("sys_ro_statvfs", statvfs(RO_WORK, &sv) == 0 && (sv.f_flag & ST_RDONLY),
		   "statvfs of a read-only mount must have ST_RDONLY (errno %d)", errno);
	ro_refusals();
	/* ".." of a directory just below the mount's root names the root (MFS inode 1): each
	 * lookup gives VFS one more file-server reference to it, which VFS must give back
	 * before REQ_UNMOUNT, or MFS counts them and refuses (EBUSY) */
	test_check("sys_ro_dotdot_root", stat(RO_WORK "/..", &st) == 0 && st.st_ino == 1 &&
		   stat(RO_WORK "/d/../..", &st) == 0 && st.st_ino == 1,
		   "stat of " RO_WORK "/.. must name the root of " RO_DIR " (inode 1, errno %d)",
		   errno);
	test_check("sys_ro_remount_rw", umount(RO_DIR) == 0 &&
		   mount(RO_SPECIAL, RO_DIR, RO_LABEL, 0) == 0 && statvfs(RO_WORK, &sv) == 0 &&
		   !(sv.f_flag & ST_RDONLY), "umount and mount read-write again: no ST_RDONLY "
		   "(errno %d)", errno);
	test_check("sys_ro_writable_again", unlink(RO_WORK "/f") == 0 &&
		   rmdir(RO_WORK "/d") == 0 && rmdir(RO_WORK) == 0,
		   "the remounted file system must be writable again (errno %d)", errno);
}

int
main(int argc, char **argv)
{
	as_root = px_start("posix_sys", "psys", argc, argv);
	mkdir(px_dir(), 0755);
	case_abort();
	case_times();
	case_at();
	case_groups();
	case_rdonly();
	rmdir(px_dir());
	return test_done();
}
