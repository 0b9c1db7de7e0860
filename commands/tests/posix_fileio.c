/*
 * posix_fileio.c - file calls, conformance: /test/posix_fileio root|user, run by
 * grader/tests/posix_files.py as root and as user 100.  Files live under /tmp/pfile.<uid>;
 * every case prints PASS or FAIL (the rule and the errno), and a DONE line ends the run.
 *
 * Cases: pread/pwrite (the position stays; past the end 0; EINVAL for a negative offset;
 * ESPIPE on a pipe); readv/writev (in order, empty vectors; no vectors: 0, or EBADF for a
 * descriptor not open that way; EINVAL for a negative count or IOV_MAX + 1 vectors);
 * fcntl F_DUPFD_CLOEXEC (the lowest free fd from arg, FD_CLOEXEC set; EINVAL for OPEN_MAX);
 * unlink of a directory EPERM; rmdir of an open directory removes . and ..; statvfs (f_namemax, ST_NOTRUNC, not ST_RDONLY on "/"); readdir's d_type (DT_REG,
 * DT_DIR, DT_FIFO, DT_CHR for /dev/tty, DT_BLK for /dev/imgrd), rewinddir, telldir and
 * seekdir; umask applied by open, mkdir, mknod and mkfifo; chown (root: any owner; the
 * owner: only its own group, EPERM otherwise, set-uid and set-gid cleared; -1 keeps an id);
 * chmod of another's file EPERM; an ordinary owner's chmod drops S_ISGID on a file of a
 * group not its own; fchmod and fchown (the same rules by descriptor, a pipe too, EBADF);
 * chroot (root only: the new "/" bounds a child's absolute paths and
 * ".."); truncate and ftruncate grow (zeros) and shrink, EINVAL
 * for a negative length, EISDIR for a directory, EBADF for a read-only fd.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "posixfile.h"
#include "testlib.h"

static int as_root;

static void
case_pread(void)
{
	char buf[16] = "";
	int fd = open(px_path("p"), O_RDWR | O_CREAT | O_TRUNC, 0644), p[2];

	write(fd, "0123456789", 10);
	lseek(fd, 2, SEEK_SET);
	test_check("fileio_pread", pread(fd, buf, 3, 5) == 3 && memcmp(buf, "567", 3) == 0,
		   "pread(3 at 5) must read \"567\"");
	test_check("fileio_pread_keeps_position", lseek(fd, 0, SEEK_CUR) == 2,
		   "the position moved");
	test_check("fileio_pwrite", pwrite(fd, "AB", 2, 0) == 2 && lseek(fd, 0, SEEK_CUR) == 2 &&
		   pread(fd, buf, 4, 0) == 4 && memcmp(buf, "AB23", 4) == 0,
		   "pwrite at 0 must land there and keep the position");
	test_check("fileio_pread_past_end", pread(fd, buf, 4, 100) == 0, "want 0 past the end");
	px_errno("fileio_pread_negative_einval", (int)pread(fd, buf, 1, -1), EINVAL);
	close(fd);
	pipe(p);
	px_errno("fileio_pread_pipe_espipe", (int)pread(p[0], buf, 1, 0), ESPIPE);
	px_errno("fileio_pwrite_pipe_espipe", (int)pwrite(p[1], buf, 1, 0), ESPIPE);
	close(p[0]);
	close(p[1]);
}

static void
case_vectors(void)
{
	char a[2], b[10], c[4] = "";
	struct iovec w[3] = { { "ab", 2 }, { "", 0 }, { "cde", 3 } };
	struct iovec r[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int fd = open(px_path("v"), O_RDWR | O_CREAT | O_TRUNC, 0644), p[2];

	test_check("fileio_writev", writev(fd, w, 3) == 5, "writev of 2 + 0 + 3 bytes");
	lseek(fd, 0, SEEK_SET);
	test_check("fileio_readv", readv(fd, r, 2) == 5 && memcmp(a, "ab", 2) == 0 &&
		   memcmp(b, "cde", 3) == 0, "readv must fill the vectors in order");
	test_check("fileio_writev_none", writev(fd, w, 0) == 0 && readv(fd, r, 0) == 0,
		   "writev and readv of no vectors transfer nothing and return 0");
	px_errno("fileio_readv_negative_einval", (int)readv(fd, r, -1), EINVAL);
	px_errno("fileio_readv_too_many_einval", (int)readv(fd, r, IOV_MAX + 1), EINVAL);
	close(fd);
	fd = open(px_path("v"), O_RDONLY);
	px_errno("fileio_writev_none_rdonly_ebadf", (int)writev(fd, w, 0), EBADF);
	close(fd);
	px_errno("fileio_readv_none_closed_ebadf", (int)readv(fd, r, 0), EBADF);
	pipe(p);
	test_check("fileio_writev_pipe", writev(p[1], w, 3) == 5 && read(p[0], c, 4) == 4 &&
		   memcmp(c, "abcd", 4) == 0, "writev to a pipe");
	close(p[0]);
	close(p[1]);
}

/* F_DUPFD_CLOEXEC: like F_DUPFD, the new descriptor closed on exec; unlink of a
 * directory; rmdir of a directory a process still reads. */
static void
case_dupfd_unlink(void)
{
	int fd = open(px_path("v"), O_RDONLY), nfd;
	DIR *dir;

	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	test_check("fileio_dupfd_cloexec", nfd == 20 && fcntl(nfd, F_GETFD) == FD_CLOEXEC &&
		   fcntl(fd, F_GETFD) == 0, "F_DUPFD_CLOEXEC gives the lowest fd >= 20 (got %d) "
		   "with FD_CLOEXEC, the old fd keeps its flags", nfd);
	close(nfd);
	px_errno("fileio_dupfd_cloexec_einval", fcntl(fd, F_DUPFD_CLOEXEC, OPEN_MAX), EINVAL);
	close(fd);
	mkdir(px_path("ud"), 0755);
	px_errno("fileio_unlink_dir_eperm", unlink(px_path("ud")), EPERM);
	dir = opendir(px_path("ud"));
	test_check("fileio_rmdir_open", dir != NULL && rmdir(px_path("ud")) == 0 &&
		   readdir(dir) == NULL && open(px_path("ud/new"), O_CREAT | O_RDWR, 0644) < 0,
		   "a removed directory still open has no entries, not even . and .., and "
		   "takes no new one");
	if (dir != NULL)
		closedir(dir);
}

static void
case_statvfs(void)
{
	struct statvfs sv;
	int ok;

	memset(&sv, 0, sizeof(sv));
	ok = statvfs("/", &sv) == 0 && sv.f_namemax == NAME_MAX &&
	     (sv.f_flag & ST_NOTRUNC) && !(sv.f_flag & ST_RDONLY) && sv.f_bsize > 0;
	test_check("fileio_statvfs", ok,
		   "f_namemax %u flags 0x%x: want NAME_MAX, ST_NOTRUNC, not ST_RDONLY",
		   (unsigned)sv.f_namemax, (unsigned)sv.f_flag);
	test_check("fileio_statvfs_usr_bin", pathconf("/usr/bin", _PC_NAME_MAX) == NAME_MAX,
		   "the root image's /usr/bin must exist (pathconf _PC_NAME_MAX, errno %d)",
		   errno);
}

/* The d_type readdir gives name in directory d (-1: not found). */
static int
type_of(const char *d, const char *name)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int t = -1;

	while (dp != NULL && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, name) == 0)
			t = e->d_type;
	if (dp != NULL)
		closedir(dp);
	return t;
}

static void
case_dirent(void)
{
	char third[64] = "";
	struct dirent *e;
	int n = 0, m = 0;
	long loc;
	DIR *dp;

	close(open(px_path("reg"), O_WRONLY | O_CREAT, 0644));
	mkdir(px_path("sub"), 0755);
	mkfifo(px_path("fifo"), 0644);
	test_check("fileio_dtype_reg", type_of(px_dir(), "reg") == DT_REG, "d_type of a file");
	test_check("fileio_dtype_dir", type_of(px_dir(), "sub") == DT_DIR, "d_type of a directory");
	test_check("fileio_dtype_fifo", type_of(px_dir(), "fifo") == DT_FIFO, "d_type of a FIFO");
	test_check("fileio_dtype_chr", type_of("/dev", "tty") == DT_CHR, "d_type of /dev/tty");
	test_check("fileio_dtype_blk", type_of("/dev", "imgrd") == DT_BLK,
		   "d_type of /dev/imgrd");
	if ((dp = opendir(px_dir())) == NULL) {
		test_fail("fileio_rewinddir", "opendir: errno %d", errno);
		return;
	}
	while (readdir(dp) != NULL)
		n++;
	rewinddir(dp);
	while (readdir(dp) != NULL)
		m++;
	test_check("fileio_rewinddir", n >= 5 && m == n, "%d entries, then %d after rewinddir",
		   n, m);
	rewinddir(dp);
	readdir(dp);
	readdir(dp);
	loc = telldir(dp);
	if ((e = readdir(dp)) != NULL)
		snprintf(third, sizeof(third), "%s", e->d_name);
	readdir(dp);
	seekdir(dp, loc);
	e = readdir(dp);
	test_check("fileio_seekdir", third[0] != '\0' && e != NULL &&
		   strcmp(e->d_name, third) == 0, "seekdir(telldir()) must return to \"%s\"",
		   third);
	closedir(dp);
}

/* PASS if name's permission bits are want. */
static void
check_mode(const char *cname, const char *name, mode_t want)
{
	struct stat st;
	mode_t got = stat(px_path(name), &st) == 0 ? st.st_mode & 0777 : 01000;

	test_check(cname, got == want, "mode 0%o, want 0%o (umask 027)", (unsigned)got,
		   (unsigned)want);
}

/* name's owner and group: 0 and *uid, *gid (both -1 if stat fails). */
static void
ids_of(const char *name, int *uid, int *gid, mode_t *mode)
{
	struct stat st;

	*uid = *gid = -1;
	*mode = 0;
	if (stat(px_path(name), &st) == 0)
		*uid = (int)st.st_uid, *gid = (int)st.st_gid, *mode = st.st_mode;
}

static void
case_umask(void)
{
	mode_t old = umask(027);

	test_check("fileio_umask_returns_old", umask(027) == 027, "umask must give the old mask");
	close(open(px_path("u_open"), O_WRONLY | O_CREAT, 0666));
	mkdir(px_path("u_dir"), 0777);
	mknod(px_path("u_node"), S_IFIFO | 0666, 0);
	mkfifo(px_path("u_fifo"), 0666);
	check_mode("fileio_umask_open", "u_open", 0640);
	check_mode("fileio_umask_mkdir", "u_dir", 0750);
	check_mode("fileio_umask_mknod", "u_node", 0640);
	check_mode("fileio_umask_mkfifo", "u_fifo", 0640);
	umask(old);
}

/* In a child running as uid and gid 100: chmod "sg" to 06755; exit 0 if S_ISUID is set
 * and S_ISGID is as want_sgid says. */
static int
chmod_as_user(int want_sgid)
{
	int uid, gid, status;
	mode_t mode;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(100) < 0 || setuid(100) < 0 || chmod(px_path("sg"), 06755) < 0)
			_exit(2);
		ids_of("sg", &uid, &gid, &mode);
		_exit((mode & S_ISUID) && !(mode & S_ISGID) == !want_sgid ? 0 : 1);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	       WEXITSTATUS(status) : -1;
}

/* chmod's S_ISGID rule (root only: it needs a file of user 100 in another group). */
static void
case_chmod_sgid(void)
{
	int uid, gid, r;
	mode_t mode;

	close(open(px_path("sg"), O_WRONLY | O_CREAT, 0644));
	chown(px_path("sg"), 100, 7);
	chmod(px_path("sg"), 02755);
	ids_of("sg", &uid, &gid, &mode);
	test_check("fileio_chmod_root_sets_sgid", (mode & S_ISGID) != 0,
		   "root's chmod 02755 of a file of group 7 gave mode 0%o", (unsigned)mode);
	r = chmod_as_user(0);
	test_check("fileio_chmod_other_group_drops_sgid", r == 0,
		   "the owner (uid 100, gid 100) chmod 06755 of its file of group 7 must keep "
		   "S_ISUID and drop S_ISGID (child status %d)", r);
	chown(px_path("sg"), 100, 100);
	r = chmod_as_user(1);
	test_check("fileio_chmod_own_group_keeps_sgid", r == 0,
		   "the owner's chmod 06755 of its file of its own group keeps S_ISGID "
		   "(child status %d)", r);
	unlink(px_path("sg"));
}

static void
case_chown(void)
{
	uid_t me = getuid();
	int uid, gid;
	mode_t mode;

	close(open(px_path("own"), O_WRONLY | O_CREAT, 0644));
	chmod(px_path("own"), 06755);
	if (as_root) {
		px_ok("fileio_chown_root_any", chown(px_path("own"), 100, 7));
		ids_of("own", &uid, &gid, &mode);
		test_check("fileio_chown_root_ids", uid == 100 && gid == 7,
			   "uid %d gid %d, want 100 7", uid, gid);
		chown(px_path("own"), (uid_t)-1, 9);
		ids_of("own", &uid, &gid, &mode);
		test_check("fileio_chown_minus1_keeps", uid == 100 && gid == 9,
			   "uid %d gid %d, want 100 9", uid, gid);
		case_chmod_sgid();
		return;
	}
	px_errno("fileio_chown_user_giveaway_eperm", chown(px_path("own"), 0, (gid_t)-1), EPERM);
	px_errno("fileio_chown_user_other_group_eperm", chown(px_path("own"), (uid_t)-1, 55),
		 EPERM);
	px_ok("fileio_chown_user_own_group", chown(px_path("own"), me, getegid()));
	ids_of("own", &uid, &gid, &mode);
	test_check("fileio_chown_clears_setid", (mode & 06000) == 0 && uid == (int)me,
		   "mode 0%o uid %d", (unsigned)mode, uid);
	px_errno("fileio_chown_user_roots_file_eperm", chown("/tmp", me, (gid_t)-1), EPERM);
	px_errno("fileio_chmod_user_roots_file_eperm", chmod("/bin/sh", 0777), EPERM);
}

/* fchmod and fchown: chmod's and chown's rules on an open file (a pipe too); EBADF for a
 * descriptor that is not open; a user may not change a file of root's it only reads. */
static void
case_fchown(void)
{
	int fd = open(px_path("fown"), O_RDWR | O_CREAT, 0600), p[2], uid, gid;
	mode_t mode;
	struct stat st;

	px_ok("fileio_fchmod_own", fchmod(fd, 0640));
	ids_of("fown", &uid, &gid, &mode);
	test_check("fileio_fchmod_mode", (mode & 07777) == 0640, "mode 0%o, want 0640",
		   (unsigned)mode);
	px_ok("fileio_fchown_minus1", fchown(fd, (uid_t)-1, (gid_t)-1));
	if (as_root) {
		px_ok("fileio_fchown_root_any", fchown(fd, 100, 7));
		ids_of("fown", &uid, &gid, &mode);
		test_check("fileio_fchown_root_ids", uid == 100 && gid == 7,
			   "uid %d gid %d, want 100 7", uid, gid);
	} else {
		px_errno("fileio_fchown_user_giveaway_eperm", fchown(fd, 0, (gid_t)-1), EPERM);
	}
	close(fd);
	px_errno("fileio_fchmod_closed_ebadf", fchmod(fd, 0600), EBADF);
	px_errno("fileio_fchown_closed_ebadf", fchown(fd, 0, 0), EBADF);
	if (pipe(p) == 0) {
		px_ok("fileio_fchmod_pipe", fchmod(p[0], 0640));
		test_check("fileio_fchmod_pipe_fstat", fstat(p[0], &st) == 0 &&
			   (st.st_mode & 0777) == 0640, "pipe mode 0%o", (unsigned)st.st_mode);
		close(p[0]);
		close(p[1]);
	}
	if (!as_root && (fd = open("/etc/rc", O_RDONLY)) >= 0) {
		px_errno("fileio_fchmod_user_roots_file_eperm", fchmod(fd, 0777), EPERM);
		close(fd);
	}
}

/* In a child: chroot into the work directory, then "/" is that directory (a file made
 * through "/x" appears there), ".." from "/" stays at "/", getcwd says "/"; exit 0 if so. */
static void
chrooted_child(void)
{
	char cwd[64];
	struct stat st;
	int fd;

	if (chdir(px_dir()) < 0 || chroot(".") < 0)
		_exit(1);
	fd = open("/inroot", O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || getcwd(cwd, sizeof(cwd)) == NULL || strcmp(cwd, "/") != 0)
		_exit(2);
	close(fd);
	if (stat("/../../inroot", &st) < 0 || stat("/bin/sh", &st) == 0)
		_exit(3);
	_exit(0);
}

/* chroot: root only (EPERM for a user); the new root bounds the child's paths, and its
 * parent's "/" is untouched. */
static void
case_chroot(void)
{
	struct stat st;
	int status = -1;
	pid_t pid;

	if (!as_root) {
		px_errno("fileio_chroot_user_eperm", chroot(px_dir()), EPERM);
		return;
	}
	px_errno("fileio_chroot_file_enotdir", chroot("/bin/sh"), ENOTDIR);
	if ((pid = fork()) == 0)
		chrooted_child();
	waitpid(pid, &status, 0);
	test_check("fileio_chroot_root", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		   stat(px_path("inroot"), &st) == 0 && stat("/bin/sh", &st) == 0,
		   "after chroot(\".\") in a child, \"/inroot\" must be made in the directory, "
		   "\"..\" stop at it, getcwd say \"/\" (child status 0x%x)", (unsigned)status);
	unlink(px_path("inroot"));
}

static void
case_truncate(void)
{
	struct stat st;
	char buf[8];
	int fd = open(px_path("t"), O_RDWR | O_CREAT | O_TRUNC, 0644), rd;
	long size;

	write(fd, "abc", 3);
	size = ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 ? (long)st.st_size : -1;
	test_check("fileio_ftruncate_grow", size == 100 && pread(fd, buf, 4, 50) == 4 &&
		   memcmp(buf, "\0\0\0\0", 4) == 0, "size %ld, want 100 with zeros", size);
	size = truncate(px_path("t"), 2) == 0 && stat(px_path("t"), &st) == 0 ? (long)st.st_size : -1;
	test_check("fileio_truncate_shrink", size == 2 && pread(fd, buf, 8, 0) == 2,
		   "size %ld, want 2", size);
	px_errno("fileio_ftruncate_negative_einval", ftruncate(fd, -1), EINVAL);
	px_errno("fileio_truncate_negative_einval", truncate(px_path("t"), -1), EINVAL);
	px_errno("fileio_truncate_dir_eisdir", truncate(px_dir(), 0), EISDIR);
	rd = open(px_path("t"), O_RDONLY);
	px_errno("fileio_ftruncate_rdonly_ebadf", ftruncate(rd, 0), EBADF);
	close(rd);
	close(fd);
}

static const char *const names[] = {
	"p", "v", "reg", "fifo", "u_open", "u_node", "u_fifo", "own", "fown", "t",
};

int
main(int argc, char **argv)
{
	as_root = px_start("posix_fileio", "pfile", argc, argv);
	mkdir(px_dir(), 0755);
	case_pread();
	case_vectors();
	case_dupfd_unlink();
	case_statvfs();
	case_dirent();
	case_umask();
	case_chown();
	case_fchown();
	case_truncate();
	case_chroot();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(px_path(names[i]));
	rmdir(px_path("sub"));
	rmdir(px_path("u_dir"));
	rmdir(px_dir());
	return test_done();
}
