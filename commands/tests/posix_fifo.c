/*
 * posix_fifo.c - named FIFOs, conformance (handouts/vfs.md, "Named FIFOs"):
 * /test/posix_fifo root|user, run by grader/tests/posix_files.py as root and as user 100
 * (/test/asuser).  Every case works in its own FIFO under /tmp/pfifo.<uid>, prints PASS or
 * FAIL (the rule and the errno), and a DONE line ends the run.
 *
 * Cases: mkfifo and mknod(S_IFIFO) make a FIFO (stat: S_IFIFO, mode less the umask),
 * EEXIST, ENOENT; open: O_NONBLOCK reader at once (read 0), O_NONBLOCK writer ENXIO, O_RDWR
 * at once; a reader blocks until a writer opens and reads end of file after it closed; a
 * writer blocks until a reader opens; writing without readers is EPIPE (and SIGPIPE kills);
 * a signal ends a blocked open with EINTR (and the fd is gone), and a pipe write blocked
 * after part of its bytes went in returns that part, not EINTR; bytes left when all close
 * are discarded; fstat agrees with stat; lseek and pread are ESPIPE; unlink; permissions
 * (the owner without read permission: EACCES, root: allowed).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "posixfile.h"
#include "testlib.h"

static int as_root;

static void
case_make(void)
{
	struct stat st;
	mode_t mode;

	umask(022);
	if (!px_ok("fifo_mkfifo", mkfifo(px_path("a"), 0666)))
		return;
	mode = stat(px_path("a"), &st) == 0 ? st.st_mode : 0;
	test_check("fifo_mkfifo_stat", S_ISFIFO(mode) && (mode & 07777) == 0644,
		   "mode 0%o, want S_IFIFO | 0644 (umask 022)", (unsigned)mode);
	px_ok("fifo_mknod", mknod(px_path("b"), S_IFIFO | 0600, 0));
	mode = stat(px_path("b"), &st) == 0 ? st.st_mode : 0;
	test_check("fifo_mknod_stat", S_ISFIFO(mode), "mode 0%o, want S_IFIFO", (unsigned)mode);
	px_errno("fifo_mkfifo_eexist", mkfifo(px_path("a"), 0666), EEXIST);
	px_errno("fifo_mkfifo_enoent", mkfifo(px_path("nodir/x"), 0666), ENOENT);
}

static void
case_nonblock(void)
{
	char c;
	int fd;

	fd = open(px_path("a"), O_RDONLY | O_NONBLOCK);
	if (px_ok("fifo_nonblock_reader_opens", fd)) {
		test_check("fifo_read_no_writer_eof", read(fd, &c, 1) == 0,
			   "read with no writer must be 0 (end of file)");
		px_errno("fifo_nonblock_writer_enxio", open(px_path("b"), O_WRONLY | O_NONBLOCK),
			 ENXIO);
		close(fd);
	}
	px_errno("fifo_nonblock_writer_enxio_alone", open(px_path("a"), O_WRONLY | O_NONBLOCK),
		 ENXIO);
	fd = open(px_path("a"), O_RDWR);
	if (px_ok("fifo_rdwr_opens", fd)) {
		char buf[8] = "";

		test_check("fifo_rdwr_data", write(fd, "hello", 5) == 5 &&
			   read(fd, buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0,
			   "bytes written on an O_RDWR FIFO fd must read back");
		close(fd);
	}
}

/* Child: open for reading (blocks), read "hello", then end of file. */
static int
reader(void *arg)
{
	char buf[8];
	int fd = open(px_path("a"), O_RDONLY);

	(void)arg;
	if (fd < 0)
		return 1;
	if (read(fd, buf, sizeof(buf)) != 5 || memcmp(buf, "hello", 5) != 0)
		return 2;
	if (read(fd, buf, sizeof(buf)) != 0)
		return 3;
	return 0;
}

/* Child: open for writing (blocks), write "x". */
static int
writer(void *arg)
{
	int fd = open(px_path("a"), O_WRONLY);

	(void)arg;
	if (fd < 0)
		return 1;
	return write(fd, "x", 1) == 1 ? 0 : 2;
}

static void
case_blocking(void)
{
	pid_t pid = px_fork(reader, NULL);
	char c;
	int fd;

	test_check("fifo_reader_blocks", px_blocked(pid), "O_RDONLY open with no writer "
		   "returned at once");
	px_alarm(PX_WATCHDOG);		/* a reader waits: this open must not */
	fd = open(px_path("a"), O_WRONLY);
	px_alarm(0);
	px_ok("fifo_writer_meets_reader", fd);
	if (fd >= 0) {
		write(fd, "hello", 5);
		close(fd);
	}
	px_child("fifo_reader_reads_then_eof", pid, 0);

	pid = px_fork(writer, NULL);
	test_check("fifo_writer_blocks", px_blocked(pid), "O_WRONLY open with no reader "
		   "returned at once");
	px_alarm(PX_WATCHDOG);
	fd = open(px_path("a"), O_RDONLY);
	px_alarm(0);
	px_ok("fifo_reader_meets_writer", fd);
	px_child("fifo_writer_writes", pid, 0);
	if (fd >= 0) {
		test_check("fifo_read_after_writer_gone", read(fd, &c, 1) == 1 && c == 'x' &&
			   read(fd, &c, 1) == 0, "want 'x' then end of file");
		close(fd);
	}
}

/* Child: write to a FIFO with no reader, SIGPIPE at its default action. */
static int
pipe_writer(void *arg)
{
	int fd = *(int *)arg;

	signal(SIGPIPE, SIG_DFL);
	write(fd, "x", 1);
	return 1;		/* not reached: SIGPIPE */
}

static void
case_epipe(void)
{
	int r = open(px_path("a"), O_RDONLY | O_NONBLOCK), w, n;

	w = open(px_path("a"), O_WRONLY | O_NONBLOCK);
	if (!px_ok("fifo_nonblock_writer_with_reader", w)) {
		close(r);
		return;
	}
	close(r);
	signal(SIGPIPE, SIG_IGN);
	n = write(w, "x", 1);
	px_errno("fifo_write_no_reader_epipe", n, EPIPE);
	px_child("fifo_write_no_reader_sigpipe", px_fork(pipe_writer, &w), 1000 + SIGPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(w);
}

/* Child: a blocked open, ended by SIGUSR1: EINTR. */
static int
eintr_opener(void *arg)
{
	(void)arg;
	px_interruptible(SIGUSR1);
	if (open(px_path("a"), O_RDONLY) != -1)
		return 1;
	return errno == EINTR ? 0 : 2;
}

static void
case_eintr(void)
{
	pid_t pid = px_fork(eintr_opener, NULL);

	test_check("fifo_open_waits_for_signal", px_blocked(pid), "open returned at once");
	kill(pid, SIGUSR1);
	px_child("fifo_open_eintr", pid, 0);
	px_errno("fifo_eintr_left_no_reader", open(px_path("a"), O_WRONLY | O_NONBLOCK), ENXIO);
}

/* Child: 2 * PIPE_BUF bytes into a pipe nobody reads; SIGUSR1 ends the write once
 * PIPE_BUF of them are in: the write returns PIPE_BUF (POSIX: the bytes written). */
static int
partial_writer(void *arg)
{
	static char buf[2 * PIPE_BUF];
	int *p = arg;

	px_interruptible(SIGUSR1);
	close(p[0]);
	return write(p[1], buf, sizeof(buf)) == PIPE_BUF ? 0 : 3;
}

static void
case_partial(void)
{
	int p[2];
	pid_t pid;

	if (pipe(p) != 0) {
		px_ok("fifo_pipe_partial_write", -1);
		return;
	}
	pid = px_fork(partial_writer, p);
	test_check("fifo_pipe_write_blocks_when_full", px_blocked(pid), "write returned at once");
	kill(pid, SIGUSR1);
	px_child("fifo_pipe_partial_write", pid, 0);
	close(p[0]);
	close(p[1]);
}

static void
case_misc(void)
{
	struct stat st, fst;
	char c;
	int fd;

	fd = open(px_path("a"), O_RDWR);
	write(fd, "abc", 3);
	close(fd);
	fd = open(px_path("a"), O_RDWR | O_NONBLOCK);
	px_errno("fifo_bytes_discarded_at_last_close", read(fd, &c, 1), EAGAIN);
	test_check("fifo_fstat", fstat(fd, &fst) == 0 && stat(px_path("a"), &st) == 0 &&
		   S_ISFIFO(fst.st_mode) && fst.st_ino == st.st_ino && fst.st_dev == st.st_dev,
		   "fstat of the open FIFO must be the FIFO stat names");
	px_errno("fifo_lseek_espipe", (int)lseek(fd, 0, SEEK_SET), ESPIPE);
	px_errno("fifo_pread_espipe", (int)pread(fd, &c, 1, 0), ESPIPE);
	close(fd);
	if (mkfifo(px_path("c"), 0200) == 0) {
		fd = open(px_path("c"), O_RDONLY | O_NONBLOCK);
		if (as_root)
			px_ok("fifo_perm_root_reads", fd);
		else
			px_errno("fifo_perm_eacces", fd, EACCES);
		if (fd >= 0)
			close(fd);
	}
	px_ok("fifo_unlink", unlink(px_path("a")));
	px_errno("fifo_unlinked_enoent", open(px_path("a"), O_RDONLY | O_NONBLOCK), ENOENT);
	unlink(px_path("b"));
	unlink(px_path("c"));
}

int
main(int argc, char **argv)
{
	as_root = px_start("posix_fifo", "pfifo", argc, argv);
	mkdir(px_dir(), 0755);
	case_make();
	case_nonblock();
	case_blocking();
	case_epipe();
	case_eintr();
	case_partial();
	case_misc();
	rmdir(px_dir());
	return test_done();
}
