/*
 * posix_times.c - /test/posix_times: the POSIX rules for file times (handouts/vfs.md,
 * "File times"), run from the shell as root and as an ordinary user (grader/tests/
 * posix_fs.py).
 *
 * Every file and directory a case looks at first gets atime 1000 and mtime 2000 (utime), so
 * a time an operation sets is told from an old one by value; then the program waits for the
 * clock's next second, so that a new ctime is later than the one utime set.  "now" means
 * within a few seconds of time().  Each case prints PASS or FAIL naming the rule and, for a
 * failed call, its errno.  Work goes in /home/posix/times.<uid> (the disk: the root file
 * system is small); the root run makes /home/posix (mode 1777) and leaves two files in
 * /home/posix/times.shared for the user's permission cases (a root-owned 0644 file and a
 * 0666 one).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "testlib.h"

#define OLD_A   1000
#define OLD_M   2000
#define WORK_DIR    "/home/posix"
#define SHARED  WORK_DIR "/times.shared"

static char dir[64];
static time_t t_start;

/* dir/name in a static buffer (two at a time). */
static const char *
at(const char *name)
{
	static char buf[2][128];
	static int which;

	which ^= 1;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", dir, name);
	return buf[which];
}

/* Is t "now" (since the program started, not in the future)? */
static int
is_now(time_t t)
{
	return t >= t_start && t <= time(NULL) + 1;
}

/* Make file name with some bytes and the old times; its stat in *st. */
static int
old_file(const char *name, struct stat *st)
{
	struct utimbuf ub = { OLD_A, OLD_M };
	int fd = open(at(name), O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd < 0 || write(fd, "0123456789", 10) != 10 || close(fd) != 0 ||
	    utime(at(name), &ub) != 0 || stat(at(name), st) != 0) {
		printf("posix_times: cannot set up %s: %s\n", at(name), strerror(errno));
		return -1;
	}
	return 0;
}

/* Make directory name with the old times (after making its entries). */
static int
old_dir(const char *name, const char *entry)
{
	struct utimbuf ub = { OLD_A, OLD_M };
	char sub[128];
	int fd;

	if (mkdir(at(name), 0777) != 0)
		return -1;
	if (entry != NULL) {            /* "d..." a subdirectory, else a file */
		snprintf(sub, sizeof(sub), "%s/%s", at(name), entry);
		if (entry[0] == 'd' && mkdir(sub, 0777) != 0)
			return -1;
		if (entry[0] != 'd' && ((fd = open(sub, O_CREAT | O_WRONLY, 0666)) < 0 ||
					close(fd) != 0))
			return -1;
	}
	return utime(at(name), &ub);
}

/* Check the times of path: each of a, m, c is 'o' (old: atime 1000, mtime 2000, ctime as
 * in before), 'n' (now; ctime later than before) or '-' (not checked). */
static void
check_times(const char *name, const char *path, const struct stat *before, char a, char m,
	    char c)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		test_fail(name, "stat %s: %s", path, strerror(errno));
		return;
	}
	test_check(name, (a == '-' || (a == 'o' ? st.st_atime == OLD_A : is_now(st.st_atime))) &&
		   (m == '-' || (m == 'o' ? st.st_mtime == OLD_M : is_now(st.st_mtime))) &&
		   (c == '-' || (c == 'o' ? st.st_ctime == before->st_ctime :
				 st.st_ctime > before->st_ctime && is_now(st.st_ctime))),
		   "want atime %c mtime %c ctime %c: got %ld %ld %ld (ctime before %ld, now %ld)",
		   a, m, c, (long)st.st_atime, (long)st.st_mtime, (long)st.st_ctime,
		   (long)before->st_ctime, (long)time(NULL));
}



/* The files and directories of the cases, set up before the clock ticks on. */
enum { F_READ, F_WRITE, F_TRUNC, F_OTRUNC, F_CHMOD, F_CHOWN, F_LINK, F_UNLINK, F_RENAME,
       F_UTIME, F_FUT, NFILES };
static const char *const files[NFILES] = { "read", "write", "trunc", "otrunc", "chmod",
	"chown", "dl/link", "du/unlink", "dn/moved", "utime", "futimens" };
static struct stat before[NFILES];
static struct stat dbefore;     /* any of the old directories: their ctimes are <= this */

static int
setup(void)
{
	static const char *const dirs[][2] = { { "dl", NULL }, { "du", NULL }, { "dn", NULL },
		{ "dn2", NULL }, { "dm", NULL }, { "dr", "dsub" }, { "dc", NULL },
		{ "dg", "file" } };
	unsigned i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (old_dir(dirs[i][0], dirs[i][1]) != 0) {
			printf("posix_times: cannot set up %s: %s\n", at(dirs[i][0]),
			       strerror(errno));
			return -1;
		}
	for (i = 0; i < NFILES; i++)
		if (old_file(files[i], &before[i]) != 0)
			return -1;
	if (link(at("du/unlink"), at("du/unlink2")) != 0 ||
	    utime(at("du"), &(struct utimbuf){ OLD_A, OLD_M }) != 0 ||
	    stat(at("du/unlink"), &before[F_UNLINK]) != 0 || stat(at("du"), &dbefore) != 0)
		return -1;
	while (time(NULL) <= dbefore.st_ctime)   /* the next second: a new ctime is later */
		usleep(50000);
	return 0;
}

/* read, write, truncate, O_TRUNC: atime or mtime and ctime; truncate to the size the file
 * has already: no time. */
static void
data_cases(void)
{
	char buf[16];
	struct stat st;
	int fd;

	fd = open(at("read"), O_RDONLY);
	if (test_ok("times_read", fd, "open") && test_ok("times_read", read(fd, buf, 4), "read"))
		check_times("times_read", at("read"), &before[F_READ], 'n', 'o', 'o');
	close(fd);
	if (stat(at("read"), &st) == 0 &&
	    test_ok("times_truncate_same", truncate(at("read"), st.st_size), "truncate"))
		check_times("times_truncate_same", at("read"), &before[F_READ], 'n', 'o', 'o');
	fd = open(at("write"), O_WRONLY);
	if (test_ok("times_write", fd, "open") &&
	    test_ok("times_write", write(fd, "x", 1), "write"))
		check_times("times_write", at("write"), &before[F_WRITE], 'o', 'n', 'n');
	close(fd);
	if (test_ok("times_truncate", truncate(at("trunc"), 3), "truncate"))
		check_times("times_truncate", at("trunc"), &before[F_TRUNC], 'o', 'n', 'n');
	fd = open(at("otrunc"), O_WRONLY | O_TRUNC);
	if (test_ok("times_open_trunc", fd, "open O_TRUNC"))
		check_times("times_open_trunc", at("otrunc"), &before[F_OTRUNC], 'o', 'n', 'n');
	close(fd);
}

/* Reading a directory sets its atime only. */
static void
dir_read_case(void)
{
	DIR *d = opendir(at("dg"));
	int n = 0;

	if (d == NULL) {
		test_fail("times_readdir", "opendir: %s", strerror(errno));
		return;
	}
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	if (test_check("times_readdir_entries", n == 3, "want 3 entries, got %d", n))
		check_times("times_readdir", at("dg"), &dbefore, 'n', 'o', '-');
}

/* chmod and chown: ctime only. */
static void
attr_cases(void)
{
	if (test_ok("times_chmod", chmod(at("chmod"), 0640), "chmod"))
		check_times("times_chmod", at("chmod"), &before[F_CHMOD], 'o', 'o', 'n');
	if (getuid() == 0 && test_ok("times_chown", chown(at("chown"), 5, 5), "chown"))
		check_times("times_chown", at("chown"), &before[F_CHOWN], 'o', 'o', 'n');
}

/* Names: the file's ctime (link, unlink), the directory's mtime and ctime. */
static void
name_cases(void)
{
	int fd;

	if (test_ok("times_link", link(at("dl/link"), at("dl/link2")), "link")) {
		check_times("times_link", at("dl/link"), &before[F_LINK], 'o', 'o', 'n');
		check_times("times_link_dir", at("dl"), &dbefore, 'o', 'n', 'n');
	}
	if (test_ok("times_unlink", unlink(at("du/unlink2")), "unlink")) {
		check_times("times_unlink", at("du/unlink"), &before[F_UNLINK], 'o', 'o', 'n');
		check_times("times_unlink_dir", at("du"), &dbefore, 'o', 'n', 'n');
	}
	if (test_ok("times_rename", rename(at("dn/moved"), at("dn2/moved")), "rename")) {
		check_times("times_rename_from", at("dn"), &dbefore, 'o', 'n', 'n');
		check_times("times_rename_to", at("dn2"), &dbefore, 'o', 'n', 'n');
		check_times("times_rename_file", at("dn2/moved"), &before[F_RENAME], 'o', 'o',
			    'o');
	}
	if (test_ok("times_mkdir", mkdir(at("dm/new"), 0777), "mkdir")) {
		check_times("times_mkdir", at("dm/new"), &dbefore, 'n', 'n', 'n');
		check_times("times_mkdir_parent", at("dm"), &dbefore, 'o', 'n', 'n');
	}
	if (test_ok("times_rmdir", rmdir(at("dr/dsub")), "rmdir"))
		check_times("times_rmdir_parent", at("dr"), &dbefore, 'o', 'n', 'n');
	fd = open(at("dc/new"), O_CREAT | O_WRONLY, 0644);
	if (test_ok("times_create", fd, "open O_CREAT")) {
		close(fd);
		check_times("times_create", at("dc/new"), &dbefore, 'n', 'n', 'n');
		check_times("times_create_parent", at("dc"), &dbefore, 'o', 'n', 'n');
	}
}

/* BSD's futimes (an open file) and lutimes (a symbolic link itself, its target untouched). */
static void
bsd_cases(void)
{
	struct timeval tv[2] = { { 6000, 0 }, { 7000, 250000 } }, bad[2] = { { 1, -1 }, { 1, 0 } };
	struct stat st, target;
	int fd = open(at("utime"), O_RDONLY);

	if (test_ok("times_futimes", futimes(fd, tv), "futimes") && fstat(fd, &st) == 0)
		test_check("times_futimes", st.st_atime == 6000 && st.st_mtime == 7000,
			   "got %ld %ld", (long)st.st_atime, (long)st.st_mtime);
	test_errno("times_futimes_einval", futimes(fd, bad), EINVAL, "tv_usec -1 is EINVAL");
	close(fd);
	unlink(at("ulink"));
	tv[0].tv_sec = 8000;
	tv[1].tv_sec = 9000;
	if (test_ok("times_lutimes", symlink("utime", at("ulink")), "symlink") &&
	    test_ok("times_lutimes", lutimes(at("ulink"), tv), "lutimes") &&
	    lstat(at("ulink"), &st) == 0 && stat(at("utime"), &target) == 0)
		test_check("times_lutimes", st.st_atime == 8000 && st.st_mtime == 9000 &&
			   target.st_mtime == 7000, "link got %ld %ld, target mtime %ld",
			   (long)st.st_atime, (long)st.st_mtime, (long)target.st_mtime);
	unlink(at("ulink"));
}

/* Times the calls set: utime, utimes, utimensat (UTIME_NOW, UTIME_OMIT), futimens. */
static void
utime_cases(void)
{
	struct timeval tv[2] = { { 3000, 500000 }, { 4000, 0 } };
	struct timespec ts[2] = { { 5000, 0 }, { 0, UTIME_OMIT } };
	struct stat st;
	int fd;

	if (test_ok("times_utime_null", utime(at("utime"), NULL), "utime(NULL)"))
		check_times("times_utime_null", at("utime"), &before[F_UTIME], 'n', 'n', 'n');
	if (test_ok("times_utime_set", utime(at("utime"), &(struct utimbuf){ 1234, 5678 }),
		    "utime") && stat(at("utime"), &st) == 0)
		test_check("times_utime_set", st.st_atime == 1234 && st.st_mtime == 5678 &&
			   is_now(st.st_ctime), "got %ld %ld %ld", (long)st.st_atime,
			   (long)st.st_mtime, (long)st.st_ctime);
	if (test_ok("times_utimes", utimes(at("utime"), tv), "utimes") &&
	    stat(at("utime"), &st) == 0)
		test_check("times_utimes", st.st_atime == 3000 && st.st_mtime == 4000,
			   "got %ld %ld", (long)st.st_atime, (long)st.st_mtime);
	if (test_ok("times_utimensat_omit", utimensat(AT_FDCWD, at("utime"), ts, 0),
		    "utimensat") && stat(at("utime"), &st) == 0)
		test_check("times_utimensat_omit", st.st_atime == 5000 && st.st_mtime == 4000,
			   "UTIME_OMIT keeps mtime: got %ld %ld", (long)st.st_atime,
			   (long)st.st_mtime);
	ts[1].tv_nsec = 1000000000L;
	test_errno("times_utimensat_einval", utimensat(AT_FDCWD, at("utime"), ts, 0), EINVAL,
	      "tv_nsec 1e9 is EINVAL");
	test_errno("times_utime_enoent", utime(at("nope"), NULL), ENOENT,
		   "a missing file is ENOENT");
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_OMIT;
	fd = open(at("futimens"), O_RDONLY);
	if (test_ok("times_futimens", fd, "open") &&
	    test_ok("times_futimens", futimens(fd, ts), "futimens"))
		check_times("times_futimens", at("futimens"), &before[F_FUT], 'n', 'o', 'n');
	close(fd);
	test_errno("times_futimens_ebadf", futimens(99, NULL), EBADF, "a closed fd is EBADF");
	bsd_cases();
}

/* A pipe has times too: all now at creation, and fstat reports them. */
static void
pipe_case(void)
{
	struct stat st;
	int p[2];

	if (!test_ok("times_pipe", pipe(p), "pipe"))
		return;
	if (write(p[1], "x", 1) == 1 && fstat(p[0], &st) == 0)
		test_check("times_pipe", is_now(st.st_atime) && is_now(st.st_mtime) &&
			   is_now(st.st_ctime), "want now, got %ld %ld %ld",
			   (long)st.st_atime, (long)st.st_mtime, (long)st.st_ctime);
	else
		test_fail("times_pipe", "write/fstat: %s", strerror(errno));
	if (test_ok("times_pipe_futimens", futimens(p[0], (struct timespec[2]){ { 77, 0 },
			{ 88, 0 } }), "futimens on a pipe") && fstat(p[1], &st) == 0)
		test_check("times_pipe_futimens", st.st_atime == 77 && st.st_mtime == 88,
			   "got %ld %ld", (long)st.st_atime, (long)st.st_mtime);
	close(p[0]);
	close(p[1]);
}

/* Who may set times: root's run leaves the files, the user's run tries them. */
static void
permission_cases(void)
{
	struct utimbuf ub = { 1, 2 };
	int fd;

	if (getuid() == 0) {
		mkdir(SHARED, 0755);
		fd = open(SHARED "/mine644", O_CREAT | O_WRONLY, 0644);
		close(fd);
		fd = open(SHARED "/all666", O_CREAT | O_WRONLY, 0666);
		close(fd);
		test_check("times_perm_setup", chmod(SHARED "/mine644", 0644) == 0 &&
			   chmod(SHARED "/all666", 0666) == 0, "chmod: %s", strerror(errno));
		test_ok("times_perm_root", utime(SHARED "/mine644", &ub), "root sets any times");
		return;
	}
	test_ok("times_perm_now_writable", utime(SHARED "/all666", NULL),
	   "now with write permission");
	test_errno("times_perm_now_eacces", utime(SHARED "/mine644", NULL), EACCES,
	      "now without owner or write permission");
	test_errno("times_perm_set_eperm", utime(SHARED "/all666", &ub), EPERM,
	      "given times by a non-owner, even with write permission");
	test_ok("times_perm_set_owner", utime(at("utime"), &ub), "the owner sets given times");
	test_errno("times_perm_omit_eperm", utimensat(AT_FDCWD, SHARED "/all666",
			(struct timespec[2]){ { 7, 0 }, { 0, UTIME_OMIT } }, 0), EPERM,
	      "one given time is enough for EPERM");
}

int
main(int argc, char **argv)
{
	test_init("posix_times", argc, argv);
	t_start = time(NULL);
	snprintf(dir, sizeof(dir), WORK_DIR "/times.%d", (int)getuid());
	if (getuid() == 0 && (mkdir(WORK_DIR, 0777) == 0 || errno == EEXIST))
		chmod(WORK_DIR, 01777);
	if (mkdir(dir, 0755) != 0 || setup() != 0) {
		test_fail("times_setup", "%s: %s", dir, strerror(errno));
		return test_done() ? 1 : 0;
	}
	data_cases();
	dir_read_case();
	attr_cases();
	name_cases();
	utime_cases();
	pipe_case();
	permission_cases();
	return test_done() ? 1 : 0;
}
