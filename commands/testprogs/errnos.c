/*
 * errnos - bad input to the file and process calls gets its errno (Minnow's shell tests).
 *
 * Usage: errnos
 * Each case makes one call that must fail and prints "errnos: <case> ok" when it failed
 * with the expected errno, or "errnos: <case> FAILED: <what happened>".  The last line is
 * "errnos: N ok, M failed"; the exit status is 0 only if every case held.  The cases:
 * ENOENT, EISDIR, ENOTDIR, EBADF, EFAULT (a kernel address as the buffer), EEXIST,
 * ENOTEMPTY, ENOEXEC (/test/badelf), EACCES (exec of a file without x bits), E2BIG,
 * ENAMETOOLONG, ESPIPE, EPIPE, EINVAL (lseek whence), ECHILD, ESRCH.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int ok, failed;

/* Record one case: the call returned r (with errno) and should have failed with want. */
static void
expect(const char *name, long r, int want)
{
	if (r == -1 && errno == want) {
		printf("errnos: %s ok\n", name);
		ok++;
	} else {
		printf("errnos: %s FAILED: returned %ld, errno %d (%s), want %d (%s)\n", name,
		       r, r == -1 ? errno : 0, r == -1 ? strerror(errno) : "-", want,
		       strerror(want));
		failed++;
	}
}

static void
file_cases(void)
{
	char buf[16], longname[PATH_MAX + 8];

	expect("ENOENT", open("/nope/none", O_RDONLY), ENOENT);
	expect("EISDIR", open("/etc", O_WRONLY), EISDIR);
	expect("ENOTDIR", open("/etc/rc/x", O_RDONLY), ENOTDIR);
	expect("EBADF", read(17, buf, sizeof(buf)), EBADF);
	expect("EBADF_close", close(-1), EBADF);
	{
		int fd = open("/etc/rc", O_RDONLY);
		expect("EFAULT", read(fd, (void *)0xF0001000, 8), EFAULT);
		expect("EINVAL_whence", lseek(fd, 0, 42), EINVAL);
		close(fd);
	}
	expect("EEXIST", mkdir("/etc", 0755), EEXIST);
	expect("ENOTEMPTY", rmdir("/etc"), ENOTEMPTY);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	expect("ENAMETOOLONG", open(longname, O_RDONLY), ENAMETOOLONG);
}

static void
pipe_cases(void)
{
	int p[2];

	if (pipe(p) != 0) {
		printf("errnos: pipe FAILED: %s\n", strerror(errno));
		failed++;
		return;
	}
	expect("ESPIPE", lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	expect("EPIPE", write(p[1], "x", 1), EPIPE);
	close(p[1]);
}

static void
exec_cases(void)
{
	char *argv[] = { "x", NULL }, *envp[] = { NULL };
	int fd;

	expect("ENOEXEC", execve("/test/badelf", argv, envp), ENOEXEC);
	fd = open("/tmp/errnos.noexec", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	close(fd);
	expect("EACCES", execve("/tmp/errnos.noexec", argv, envp), EACCES);
	unlink("/tmp/errnos.noexec");
	expect("ENOENT_exec", execve("/nope", argv, envp), ENOENT);
	{
		static char *big[ARG_MAX / 1024 + 8];
		static char word[1024];
		size_t i;

		memset(word, 'w', sizeof(word) - 1);
		for (i = 0; i < sizeof(big) / sizeof(big[0]) - 1; i++)
			big[i] = word;
		expect("E2BIG", execve("/bin/true", big, envp), E2BIG);
	}
}

int
main(void)
{
	int st;

	file_cases();
	pipe_cases();
	exec_cases();
	expect("ECHILD", waitpid(-1, &st, 0), ECHILD);
	expect("ESRCH", kill(30000, SIGTERM), ESRCH);
	printf("errnos: %d ok, %d failed\n", ok, failed);
	return failed ? 1 : 0;
}
