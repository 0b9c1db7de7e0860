/*
 * posix_symlink.c - /test/posix_symlink: the POSIX rules for symbolic links
 * (handouts/vfs.md, "Symbolic links"), run from the shell as root and as an ordinary user
 * (grader/tests/posix_fs.py).
 *
 * Work goes in /home/posix/sym.<uid> (the root run makes /home/posix, mode 1777): links
 * with relative and absolute targets, a link to a directory used in the middle of paths,
 * dangling links (O_CREAT through one creates its target), loops and chains (ELOOP past SYMLOOP_MAX), a target that makes the path
 * too long (ENAMETOOLONG), and the calls that act on a link itself (lstat, readlink,
 * unlink, rename, rmdir, mkdir, O_NOFOLLOW, AT_SYMLINK_NOFOLLOW).  As root it also links
 * from /tmp (on /) into /home (another file system) and back; as a user it checks that a
 * link does not bypass search permission.  Each case prints PASS or FAIL naming the rule
 * and errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "testlib.h"

#define WORK_DIR    "/home/posix"
#define SHARED  WORK_DIR "/sym.shared"
#define TOHOME  "/tmp/psym.tohome"

static char dir[64];

/* dir/name in a static buffer (three at a time). */
static const char *
at(const char *name)
{
	static char buf[3][PATH_MAX];
	static int which;

	which = (which + 1) % 3;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", dir, name);
	return buf[which];
}



/* The first bytes of path (opened, links followed) as a string in buf, or "" with errno. */
static const char *
contents(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY), n = -1;

	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* Make file path holding text. */
static int
make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* O_CREAT (without O_EXCL) through a dangling link creates the link's target; the link
 * stays a link. */
static void
creat_through_dangling(void)
{
	struct stat st, lst;
	int fd;

	symlink("made", at("dl"));
	fd = open(at("dl"), O_WRONLY | O_CREAT, 0644);
	test_check("sym_creat_dangling", fd >= 0 && stat(at("made"), &st) == 0 &&
		   S_ISREG(st.st_mode) && lstat(at("dl"), &lst) == 0 && S_ISLNK(lst.st_mode),
		   "O_CREAT through a link to no file must create its target: %s",
		   strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(at("dl"));
	unlink(at("made"));
}

/* symlink, lstat, readlink, stat of a dangling link, then following it. */
static void
basic_cases(void)
{
	struct stat st;
	char buf[64];
	ssize_t n;

	if (!test_ok("sym_create", symlink("target", at("l")), "symlink"))
		return;
	test_check("sym_lstat", lstat(at("l"), &st) == 0 && S_ISLNK(st.st_mode) &&
		   st.st_size == 6, "lstat: want a link of size 6: %s", strerror(errno));
	n = readlink(at("l"), buf, sizeof(buf));
	test_check("sym_readlink", n == 6 && memcmp(buf, "target", 6) == 0,
		   "want \"target\" (6), got %d", (int)n);
	n = readlink(at("l"), buf, 3);
	test_check("sym_readlink_short", n == 3 && memcmp(buf, "tar", 3) == 0,
		   "a short buffer gets the first bytes: got %d", (int)n);
	test_errno("sym_dangling_stat", stat(at("l"), &st), ENOENT, "stat of a dangling link");
	test_errno("sym_dangling_open", open(at("l"), O_RDONLY), ENOENT,
		   "open of a dangling link");
	creat_through_dangling();
	if (!test_ok("sym_target", make_file(at("target"), "hello"), "make the target"))
		return;
	test_check("sym_follow_end", strcmp(contents(at("l"), buf, sizeof(buf)), "hello") == 0,
		   "open follows the last component: got \"%s\" (%s)", buf, strerror(errno));
	test_check("sym_stat_follows", stat(at("l"), &st) == 0 && S_ISREG(st.st_mode) &&
		   st.st_size == 5, "stat follows: %s", strerror(errno));
	test_errno("sym_exists", symlink("x", at("l")), EEXIST, "symlink onto an existing name");
	test_errno("sym_readlink_file", readlink(at("target"), buf, sizeof(buf)), EINVAL,
	      "readlink of a regular file");
	test_errno("sym_readlink_enoent", readlink(at("none"), buf, sizeof(buf)), ENOENT,
	      "readlink of a missing name");
	test_errno("sym_nofollow", open(at("l"), O_RDONLY | O_NOFOLLOW), ELOOP,
	      "O_NOFOLLOW on a link");
	test_errno("sym_creat_excl", open(at("l"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
	      "O_CREAT|O_EXCL on a link");
}

/* Relative targets are resolved from the link's directory; absolute ones from the root. */
static void
target_cases(void)
{
	char buf[64], cwd[PATH_MAX];

	if (!test_ok("sym_setup_sub", mkdir(at("sub"), 0755), "mkdir") ||
	    !test_ok("sym_setup_sub", make_file(at("sub/file"), "infile"), "make sub/file"))
		return;
	if (test_ok("sym_relative", symlink("../target", at("sub/rel")), "symlink"))
		test_check("sym_relative", strcmp(contents(at("sub/rel"), buf, sizeof(buf)),
						  "hello") == 0,
			   "../target from the link's directory: got \"%s\"", buf);
	if (test_ok("sym_absolute", symlink(at("target"), at("abs")), "symlink"))
		test_check("sym_absolute", strcmp(contents(at("abs"), buf, sizeof(buf)),
						  "hello") == 0,
			   "absolute target: got \"%s\"", buf);
	if (!test_ok("sym_middle", symlink("sub", at("dl")), "symlink"))
		return;
	test_check("sym_middle", strcmp(contents(at("dl/file"), buf, sizeof(buf)), "infile") == 0,
		   "a link in the middle of a path: got \"%s\"", buf);
	test_check("sym_middle_dotdot", strcmp(contents(at("dl/../target"), buf, sizeof(buf)),
					       "hello") == 0,
		   "\"..\" after a link is the target's parent: got \"%s\"", buf);
	if (test_ok("sym_chdir", chdir(at("dl")), "chdir through a link"))
		test_check("sym_getcwd", getcwd(cwd, sizeof(cwd)) != NULL &&
			   strcmp(cwd, at("sub")) == 0, "getcwd names the real directory: %s",
			   cwd);
	chdir("/");
}

/* The calls that name a link itself. */
static void
itself_cases(void)
{
	struct stat st;
	char buf[64];

	test_check("sym_lstat_slash", lstat(at("dl/"), &st) == 0 && S_ISDIR(st.st_mode),
		   "a trailing slash follows the link: %s", strerror(errno));
	test_errno("sym_rmdir_link", rmdir(at("dl")), ENOTDIR, "rmdir of a link to a directory");
	test_errno("sym_mkdir_link", mkdir(at("l"), 0755), EEXIST, "mkdir onto a link");
	if (test_ok("sym_rename", rename(at("abs"), at("abs2")), "rename"))
		test_check("sym_rename", lstat(at("abs2"), &st) == 0 && S_ISLNK(st.st_mode) &&
			   readlink(at("abs2"), buf, sizeof(buf)) > 0 &&
			   access(at("abs"), F_OK) < 0,
			   "rename moves the link, not the target");
	if (test_ok("sym_unlink", unlink(at("abs2")), "unlink"))
		test_check("sym_unlink", access(at("target"), F_OK) == 0 &&
			   lstat(at("abs2"), &st) < 0, "unlink removes the link, not the target");
	if (test_ok("sym_unlink_dirlink", unlink(at("dl")), "unlink of a link to a directory"))
		test_check("sym_unlink_dirlink", stat(at("sub"), &st) == 0 && S_ISDIR(st.st_mode),
			   "the directory stays");
}

/* Loops and long chains: ELOOP; a target that makes the path too long: ENAMETOOLONG. */
static void
limit_cases(void)
{
	char name[32], next[32], buf[PATH_MAX + 8];
	int i;

	if (test_ok("sym_loop", symlink("loopb", at("loopa")), "symlink") &&
	    test_ok("sym_loop", symlink("loopa", at("loopb")), "symlink")) {
		test_errno("sym_loop_open", open(at("loopa"), O_RDONLY), ELOOP, "a loop");
		test_errno("sym_loop_stat", stat(at("loopa/x"), &(struct stat){ 0 }), ELOOP,
		      "a loop in the middle");
	}
	for (i = 0; i <= SYMLOOP_MAX; i++) {            /* c0 -> c1 -> ... -> c16 -> target */
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(next, sizeof(next), i == SYMLOOP_MAX ? "target" : "c%d", i + 1);
		if (symlink(next, at(name)) != 0)
			break;
	}
	test_check("sym_chain_max", access(at("c1"), F_OK) == 0,
		   "SYMLOOP_MAX (%d) links are followed: %s", SYMLOOP_MAX, strerror(errno));
	test_errno("sym_chain_eloop", access(at("c0"), F_OK), ELOOP, "SYMLOOP_MAX + 1 links");
	memset(buf, 'a', 200);
	buf[200] = '\0';
	if (test_ok("sym_long_target", symlink(buf, at("long")), "symlink of a 200-byte target")) {
		snprintf(buf, sizeof(buf), "%s/long/%.*s", dir, 100,
			 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
			 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		test_errno("sym_enametoolong", open(buf, O_RDONLY), ENAMETOOLONG,
		      "target + the rest of the path past PATH_MAX");
	}
	memset(buf, 'a', PATH_MAX);
	buf[PATH_MAX] = '\0';
	test_errno("sym_target_too_long", symlink(buf, at("toolong")), ENAMETOOLONG,
	      "a target of PATH_MAX bytes");
	test_errno("sym_empty_target", symlink("", at("empty")), ENOENT, "an empty target");
}

/* A link on / into /home (another file system, another MFS) and one back (root only):
 * TOHOME -> dir, dir/back -> /tmp, so TOHOME/back/psym.tohome/target crosses twice each way. */
static void
mount_cases(void)
{
	char buf[64];
	struct stat st, hst;

	if (stat("/home", &hst) != 0 || stat("/", &st) != 0 || hst.st_dev == st.st_dev) {
		test_fail("sym_mount_setup", "/home is not a mounted file system");
		return;
	}
	unlink(TOHOME);
	if (!test_ok("sym_mount", symlink(dir, TOHOME), "symlink from /tmp into /home") ||
	    !test_ok("sym_mount", symlink("/tmp", at("back")), "symlink from /home to /tmp"))
		return;
	test_check("sym_mount_there", stat(TOHOME, &st) == 0 && st.st_dev == hst.st_dev,
		   "the link leads onto /home's device");
	test_check("sym_mount_and_back",
		   strcmp(contents(TOHOME "/back/psym.tohome/target", buf, sizeof(buf)),
			  "hello") == 0,
		   "/ -> /home -> / -> /home: got \"%s\" (%s)", buf, strerror(errno));
	if (test_ok("sym_mount_dotdot", symlink("../../../tmp", at("rel")), "symlink to /tmp"))
		test_check("sym_mount_dotdot", stat(at("rel"), &st) == 0 && S_ISDIR(st.st_mode) &&
			   st.st_dev != hst.st_dev, "\"..\" in a target leaves the mount");
}

/* A link does not bypass search permission on its target's directories (user only). */
static void
permission_cases(void)
{
	char buf[64];

	if (getuid() == 0) {
		mkdir(SHARED, 0755);
		mkdir(SHARED "/private", 0700);
		chmod(SHARED "/private", 0700);
		test_ok("sym_perm_setup", make_file(SHARED "/private/secret", "secret"),
			"make the secret");
		symlink(SHARED "/private/secret", SHARED "/tosecret");
		return;
	}
	errno = 0;
	test_check("sym_perm_search", contents(SHARED "/tosecret", buf, sizeof(buf))[0] == '\0' &&
		   errno == EACCES, "following into a 0700 directory: want EACCES, got %s",
		   strerror(errno));
	test_errno("sym_perm_create", symlink("x", SHARED "/mine"), EACCES,
	      "a link in a directory without write permission");
}

/* A link has its own times; AT_SYMLINK_NOFOLLOW sets them, not the target's. */
static void
time_cases(void)
{
	struct timespec ts[2] = { { 100, 0 }, { 200, 0 } };
	struct stat lst, tst;
	time_t now = time(NULL);

	test_check("sym_times", lstat(at("l"), &lst) == 0 && lst.st_mtime >= now - 60 &&
		   lst.st_mtime <= now + 1, "a new link's mtime is now: %ld", (long)lst.st_mtime);
	if (test_ok("sym_utimens_nofollow", utimensat(AT_FDCWD, at("l"), ts, AT_SYMLINK_NOFOLLOW),
	       "utimensat AT_SYMLINK_NOFOLLOW"))
		test_check("sym_utimens_nofollow", lstat(at("l"), &lst) == 0 &&
			   stat(at("l"), &tst) == 0 && lst.st_mtime == 200 && tst.st_mtime != 200,
			   "the link's mtime %ld, the target's %ld", (long)lst.st_mtime,
			   (long)tst.st_mtime);
}

int
main(int argc, char **argv)
{
	test_init("posix_symlink", argc, argv);
	snprintf(dir, sizeof(dir), WORK_DIR "/sym.%d", (int)getuid());
	if (getuid() == 0 && (mkdir(WORK_DIR, 0777) == 0 || errno == EEXIST))
		chmod(WORK_DIR, 01777);
	if (mkdir(dir, 0755) != 0) {
		test_fail("sym_setup", "%s: %s", dir, strerror(errno));
		return test_done() ? 1 : 0;
	}
	basic_cases();
	target_cases();
	itself_cases();
	limit_cases();
	time_cases();
	if (getuid() == 0)
		mount_cases();
	permission_cases();
	return test_done() ? 1 : 0;
}
