/*
 * vfs_child.c - the program vfs_test execs (never booted by itself).
 *
 * vfs_test carries this program's ELF (vfs_blob.S), writes it to /tmp, and execs it with
 * argv {"vfs_child", "one", "two"}, envp {"VFSX=yes"}, fd 5 open and fd 6 open with
 * FD_CLOEXEC.  The exit status says what it found: 42 if everything was as sent, else the
 * number of the first check that failed (the parent's wait reports it).  With the single
 * argument "segv" it writes to its own text, which exec mapped read-only: SIGSEGV.
 */
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <minnow/ipcstub.h>
#include <minnow/vfs.h>

/* fstat(fd) through VFS: OK or a negated errno. */
static int
probe_fd(int fd)
{
	struct stat st;
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = VFS_FSTAT;
	m.m_vfs.fd = fd;
	m.m_vfs.buf = (uint32_t)&st;
	m.m_vfs.len = sizeof(st);
	if (ipc_sendrec(VFS_PROC_NR, &m) != 0)
		return -1;
	return m.m_type;
}

int
main(int argc, char **argv, char **envp)
{
	if (argc == 2 && strcmp(argv[1], "segv") == 0) {
		*(volatile char *)main = 0;	/* text is read-only: SIGSEGV */
		_exit(6);
	}
	if (argc != 3 || argv[3] != NULL)
		_exit(1);
	if (strcmp(argv[0], "vfs_child") != 0 || strcmp(argv[1], "one") != 0 ||
	    strcmp(argv[2], "two") != 0)
		_exit(2);
	if (envp == NULL || envp[0] == NULL || strcmp(envp[0], "VFSX=yes") != 0 ||
	    envp[1] != NULL)
		_exit(3);
	if (probe_fd(5) != 0)
		_exit(4);
	if (probe_fd(6) != -9)	/* EBADF: closed on exec */
		_exit(5);
	_exit(42);
}
