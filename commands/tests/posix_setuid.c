/*
 * posix_setuid.c - set-user-id and set-group-id programs, saved ids, the setuid family's
 * rules and access() with the real ids (handouts/pm.md, "Set-user-id programs").
 *
 * Run from the root shell (/test/posix_setuid) by grader/tests/posix_proc.py.  As root it
 * copies itself to /tmp/psu_uid (chmod 04755: set-user-id root) and /tmp/psu_gid (02755:
 * set-group-id root), makes /tmp/psu_secret (0600, root's) and starts children that become
 * user 100, group 100 (setgid, setuid) and exec a copy with one word saying what to check:
 *   "uid"    (set-user-id copy) real uid 100, effective 0; open() of the secret works with
 *            the effective id, access() says EACCES (the real one); seteuid(100) drops the
 *            privilege (open is EACCES), seteuid(5) is EPERM, a user process may not
 *            trace it meanwhile (T_ATTACH: EPERM, its saved uid is 0), seteuid(0) takes it
 *            back (the saved set-user-id); setuid(100) as root sets all three ids, after which
 *            seteuid(0) and setuid(0) are EPERM;
 *   "gid"    (set-group-id copy) real gid 100, effective 0; a user's setgid(100) changes
 *            only the effective gid, so setegid(0) (the saved one) still works; setgid(7)
 *            is EPERM;
 *   "traced" (the set-user-id copy, exec'd while traced: T_OK) the ids do not change.
 * Each exec'd copy prints its cases and exits with its number of failures.  Before that,
 * as root: chmod keeps S_ISUID and S_ISGID (stat shows them), and a user (100) may set
 * S_ISUID on a file of its own but setuid(0) and seteuid(0) are EPERM for it.
 * "posix_setuid suid-copy SRC DST" only copies SRC to DST with mode 04755 (the grader
 * makes a set-user-id id with it).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "testlib.h"

#define SELF_PATH    "/test/posix_setuid"
#define UIDPROG "/tmp/psu_uid"
#define GIDPROG "/tmp/psu_gid"
#define SECRET  "/tmp/psu_secret"
#define MINE    "/tmp/psu_mine"
#define USER    100

/* Copy file src to path with mode: 0, or -1. */
static int
copy_file(const char *src, const char *path, mode_t mode)
{
	static char buf[4096];
	int in = open(src, O_RDONLY), out, n, r = 0;

	unlink(path);
	if (in < 0 || (out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700)) < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			r = -1;
	close(in);
	close(out);
	return n < 0 || r < 0 ? -1 : chmod(path, mode);
}

/* Is errno e after a call that returned r (which should be -1)? */
static int
failed_with(int r, int e)
{
	return r == -1 && errno == e;
}

/* As "attach PID" (an exec'd copy: all ids 100): T_ATTACH to PID must be EPERM. */
static int
attach_check(pid_t pid)
{
	int status;

	if (ptrace(T_ATTACH, pid, 0, 0) == 0) {	/* wrong: let it go without its SIGSTOP */
		waitpid(pid, &status, 0);
		ptrace(T_DETACH, pid, 0, 0);
		return 1;
	}
	return errno == EPERM ? 0 : 2;
}

/* A child execs a plain copy that tries to trace the caller (the saved uid is still 0):
 * its status (0: EPERM). */
static int
attach_child(void)
{
	char pid[16], *argv[] = { SELF_PATH, "attach", pid, NULL };
	int status;
	pid_t child;

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if ((child = fork()) == 0) {
		execv(SELF_PATH, argv);
		_exit(3);
	}
	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The "uid" checks, in the set-user-id copy run by user 100. */
static void
check_uid(void)
{
	int fd;

	test_check("posix_setuid_exec_euid", getuid() == USER && geteuid() == 0,
		   "a set-user-id root program run by uid %d: ruid %u euid %u, want %d and 0",
		   USER, (unsigned)getuid(), (unsigned)geteuid(), USER);
	test_check("posix_setuid_exec_gid_unchanged", getgid() == USER && getegid() == USER,
		   "no S_ISGID: rgid %u egid %u, want %d", (unsigned)getgid(),
		   (unsigned)getegid(), USER);
	fd = open(SECRET, O_RDONLY);
	test_check("posix_setuid_open_effective", fd >= 0, "open of a 0600 root file with "
		   "euid 0: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	test_check("posix_setuid_access_real", failed_with(access(SECRET, R_OK), EACCES),
		   "access(R_OK) of a 0600 root file must use the real uid %d: want EACCES, "
		   "got %s", USER, strerror(errno));
	test_check("posix_setuid_seteuid_drop", seteuid(USER) == 0 && geteuid() == USER &&
		   failed_with(open(SECRET, O_RDONLY), EACCES), "seteuid(ruid) drops the "
		   "privilege: euid %u, open %s", (unsigned)geteuid(), strerror(errno));
	test_check("posix_setuid_seteuid_eperm", failed_with(seteuid(5), EPERM),
		   "seteuid(5) by euid %d (neither real nor saved): want EPERM, got %s", USER,
		   strerror(errno));
	test_check("posix_setuid_ptrace_saved", attach_child() == 0, "a user process (all "
		   "ids %d) attached to a set-user-id process whose saved uid is 0: want EPERM",
		   USER);
	test_check("posix_setuid_seteuid_saved", seteuid(0) == 0 && geteuid() == 0,
		   "seteuid(0) back to the saved set-user-id: %s", strerror(errno));
	test_check("posix_setuid_setuid_all", setuid(USER) == 0 && getuid() == USER &&
		   geteuid() == USER && failed_with(seteuid(0), EPERM) &&
		   failed_with(setuid(0), EPERM), "setuid(%d) with euid 0 sets the real, "
		   "effective and saved uid: then seteuid(0)/setuid(0) must be EPERM (%s)", USER,
		   strerror(errno));
}

/* The "gid" checks, in the set-group-id copy run by user 100, group 100. */
static void
check_gid(void)
{
	test_check("posix_setuid_exec_egid", getgid() == USER && getegid() == 0 &&
		   getuid() == USER && geteuid() == USER, "a set-group-id root program: rgid %u "
		   "egid %u ruid %u euid %u, want %d 0 %d %d", (unsigned)getgid(),
		   (unsigned)getegid(), (unsigned)getuid(), (unsigned)geteuid(), USER, USER, USER);
	test_check("posix_setuid_setgid_user", setgid(USER) == 0 && getegid() == USER &&
		   getgid() == USER, "a user's setgid(rgid): %s", strerror(errno));
	test_check("posix_setuid_setegid_saved", setegid(0) == 0 && getegid() == 0,
		   "setegid(0), the saved set-group-id a user's setgid left: %s",
		   strerror(errno));
	test_check("posix_setuid_setgid_eperm", failed_with(setgid(7), EPERM),
		   "setgid(7) by a user: want EPERM, got %s", strerror(errno));
}

/* As the exec'd copy: the checks of what; the number of failures. */
static int
exec_checks(const char *what)
{
	test_set_program(strcmp(what, "uid") == 0 ? "posix_setuid_uid" :
			 strcmp(what, "gid") == 0 ? "posix_setuid_gid" : "posix_setuid_traced");
	if (strcmp(what, "uid") == 0)
		check_uid();
	else if (strcmp(what, "gid") == 0)
		check_gid();
	else
		test_check("posix_setuid_traced_no_change", geteuid() == USER && getuid() == USER,
			   "a traced process's set-user-id exec changed its ids: ruid %u euid %u",
			   (unsigned)getuid(), (unsigned)geteuid());
	return test_done();
}

/* A child becomes user and group 100, optionally asks to be traced, and execs prog with
 * argument what; its exit status, or -1.  A traced child's exec stop is let go. */
static int
run_as_user(const char *prog, const char *what, int traced)
{
	char *argv[] = { (char *)prog, (char *)what, NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(USER) != 0 || setuid(USER) != 0)
			_exit(90);
		if (traced && ptrace(T_OK, 0, 0, 0) != 0)
			_exit(91);
		execv(prog, argv);
		_exit(92);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (traced && WIFSTOPPED(status)) {
		ptrace(T_DETACH, pid, 0, 0);
		if (waitpid(pid, &status, 0) != pid)
			return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 0x100 | status;
}

/* As user 100 in a child: chmod u+s of its own file works; setuid(0)/seteuid(0) EPERM. */
static void
user_rules(void)
{
	struct stat st;
	int fd;

	if (setgid(USER) != 0 || setuid(USER) != 0)
		_exit(10);
	unlink(MINE);
	if ((fd = open(MINE, O_WRONLY | O_CREAT, 0755)) < 0)
		_exit(11);
	close(fd);
	if (chmod(MINE, 04755) != 0 || stat(MINE, &st) != 0 || !(st.st_mode & S_ISUID))
		_exit(12);
	unlink(MINE);
	if (!failed_with(setuid(0), EPERM) || !failed_with(seteuid(0), EPERM))
		_exit(13);
	_exit(0);
}

static void
case_files(void)
{
	struct stat su, sg;
	int fd, st;
	pid_t pid;

	test_check("posix_setuid_chmod_keeps_bits", copy_file(SELF_PATH, UIDPROG, 04755) == 0 &&
		   copy_file(SELF_PATH, GIDPROG, 02755) == 0 && stat(UIDPROG, &su) == 0 &&
		   stat(GIDPROG, &sg) == 0 && (su.st_mode & 07777) == 04755 &&
		   (sg.st_mode & 07777) == 02755, "chmod 04755/02755 then stat: %s",
		   strerror(errno));
	fd = open(SECRET, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0)
		close(fd);
	if ((pid = fork()) == 0)
		user_rules();
	st = pid > 0 && waitpid(pid, &st, 0) == pid ? st : -1;
	test_check("posix_setuid_user_rules", st == 0, "user %d: exit %d (10: becoming the "
		   "user, 11: creating, 12: chmod u+s of its own file, 13: setuid(0)/seteuid(0) "
		   "not EPERM)", USER, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int
main(int argc, char **argv)
{
	int r;

	argc = test_init("posix_setuid", argc, argv);
	if (argc == 4 && strcmp(argv[1], "suid-copy") == 0)
		return copy_file(argv[2], argv[3], 04755) == 0 ? 0 : 1;
	if (argc == 3 && strcmp(argv[1], "attach") == 0)
		return attach_check(atoi(argv[2]));
	if (argc > 1)
		return exec_checks(argv[1]);
	if (getuid() != 0) {
		test_fail("posix_setuid_root", "run me as root (I make set-user-id files)");
		return test_done();
	}
	case_files();
	r = run_as_user(UIDPROG, "uid", 0);
	test_check("posix_setuid_uid_run", r == 0, "the set-user-id copy: status %d", r);
	r = run_as_user(GIDPROG, "gid", 0);
	test_check("posix_setuid_gid_run", r == 0, "the set-group-id copy: status %d", r);
	r = run_as_user(UIDPROG, "traced", 1);
	test_check("posix_setuid_traced_run", r == 0, "the traced copy: status 0x%x", r);
	unlink(UIDPROG);
	unlink(GIDPROG);
	unlink(SECRET);
	return test_done();
}
