/*
 * trace_harness.c - host harness for the trace command's decoder (commands/trace/decode.c
 * and calls.c), built and run by test_trace.py.
 *
 * The decoder is compiled unchanged for the host, against the real protocol headers
 * (their i386 layout assertions switched off, as for ps_harness.c); errno values and open
 * flags are the host's, since the decoder names them from <errno.h> and <fcntl.h>.  The
 * tracee's memory is a made-up buffer at FAKE_MEM_START that the peek_fn reads; each case
 * builds a request and a reply as a tracee and a server would, and prints the line
 * format_call() writes, after "name: ".  Addresses outside the buffer cannot be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/ptrace.h>
#include <minnow/vm.h>
#include "../../commands/trace/trace.h"

#define FAKE_MEM_START        0x10000u
#define MEM_SIZE        0x1000u
#define MSG_ADDR        (FAKE_MEM_START + 0x800)      /* the request message */
#define BAD_ADDR        0xdead0000u

static unsigned char mem[MEM_SIZE];

/* peek_fn: the buffer, or -1 outside it. */
static int
peek_mem(void *ctx, uint32_t addr, void *buf, size_t len)
{
	(void)ctx;
	if (addr < FAKE_MEM_START || addr - FAKE_MEM_START > MEM_SIZE || len > MEM_SIZE - (addr - FAKE_MEM_START))
		return -1;
	memcpy(buf, mem + (addr - FAKE_MEM_START), len);
	return 0;
}

/* Put len bytes of s at addr of the tracee; addr. */
static uint32_t
poke(uint32_t addr, const void *s, size_t len)
{
	memcpy(mem + (addr - FAKE_MEM_START), s, len);
	return addr;
}

static message req, reply;

/* A new request of type t (SENDREC by default). */
static void
request(int t)
{
	memset(&req, 0, sizeof(req));
	memset(&reply, 0, sizeof(reply));
	req.m_type = t;
}

/* Enter the request (primitive ipc, endpoint ep), answer it with m_type res, print. */
static void
run(const char *name, int ipc, int ep, int res, int eax, int answered)
{
	struct call c;
	struct result r;
	char line[512];

	poke(MSG_ADDR, &req, sizeof(req));
	memset(&c, 0, sizeof(c));
	c.ipc = ipc;
	c.endpt = ep;
	c.msgaddr = MSG_ADDR;
	decode_entry(&c, peek_mem, NULL);
	memset(&r, 0, sizeof(r));
	r.eax = eax;
	reply.m_type = res;
	r.reply = reply;
	r.reply_ok = 1;
	format_call(line, sizeof(line), &c, answered ? &r : NULL, peek_mem, NULL);
	printf("%s: %s\n", name, line);
}

/* A SENDREC answered with res. */
static void
call(const char *name, int res)
{
	run(name, SENDREC, 0, res, 0, 1);
}

/* A path at addr as libc passes it: address and length with the NUL. */
static void
vfs_path(uint32_t addr, const char *path, int second)
{
	poke(addr, path, strlen(path) + 1);
	if (second) {
		req.m_vfs.name2 = addr;
		req.m_vfs.name2_len = (uint32_t)strlen(path) + 1;
	} else {
		req.m_vfs.name = addr;
		req.m_vfs.name_len = (uint32_t)strlen(path) + 1;
	}
}

static void
file_calls(void)
{
	const char *data = "Welcome to Minnow\n";
	const char *big = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

	request(VFS_OPEN);
	vfs_path(FAKE_MEM_START, "/etc/motd", 0);
	req.m_vfs.flags = O_RDONLY;
	call("open", 3);
	request(VFS_OPEN);
	vfs_path(FAKE_MEM_START, "/nope/x", 0);
	req.m_vfs.flags = O_WRONLY | O_CREAT | O_TRUNC;
	req.m_vfs.mode = 0644;
	call("open_fail", -ENOENT);
	request(VFS_READ);
	req.m_vfs.fd = 3;
	req.m_vfs.buf = poke(FAKE_MEM_START + 0x100, data, strlen(data));
	req.m_vfs.len = 1024;
	call("read", (int)strlen(data));
	request(VFS_READ);
	req.m_vfs.fd = 0;
	req.m_vfs.buf = poke(FAKE_MEM_START + 0x100, big, strlen(big));
	req.m_vfs.len = 100;
	call("read_long", (int)strlen(big));
	run("read_unanswered", SENDREC, 1, 0, 0, 0);
	request(VFS_WRITE);
	req.m_vfs.fd = 1;
	req.m_vfs.buf = poke(FAKE_MEM_START + 0x200, "a\tb\"\\\001\n", 7);
	req.m_vfs.len = 7;
	call("write", 7);
	request(VFS_CLOSE);
	req.m_vfs.fd = 3;
	call("close", 0);
	request(VFS_CLOSE);
	req.m_vfs.fd = 9;
	call("close_fail", -EBADF);
	request(VFS_PIPE2);
	reply.m_vfs.fd = 3;
	reply.m_vfs.fd2 = 4;
	call("pipe2", 0);
	request(VFS_LSEEK);
	req.m_vfs.fd = 3;
	req.m_vfs.offset_lo = 100;
	req.m_vfs.mode = SEEK_CUR;
	reply.m_vfs.offset_lo = 150;
	call("lseek", 0);
	request(VFS_RENAME);
	vfs_path(FAKE_MEM_START, "old", 0);
	vfs_path(FAKE_MEM_START + 0x10, "new", 1);
	call("rename", 0);
	request(VFS_STAT);
	req.m_vfs.name = BAD_ADDR;
	req.m_vfs.name_len = 5;
	req.m_vfs.buf = FAKE_MEM_START + 0x300;
	call("stat_badpath", -EFAULT);
	request(VFS_ACCESS);
	vfs_path(FAKE_MEM_START, "/bin/sh", 0);
	req.m_vfs.mode = R_OK | X_OK;
	call("access", 0);
	request(VFS_FCNTL);
	req.m_vfs.fd = 4;
	req.m_vfs.flags = F_SETFD;
	req.m_vfs.mode = FD_CLOEXEC;
	call("fcntl", 0);
}

static void
process_calls(void)
{
	request(PM_FORK);
	call("fork", 42);
	request(PM_WAITPID);
	req.m_pm.pid = -1;
	reply.m_pm.status = 3 << 8;
	call("waitpid", 42);
	request(PM_WAITPID);
	req.m_pm.pid = 42;
	req.m_pm.options = PM_WNOHANG;
	reply.m_pm.status = SIGKILL;
	call("waitpid_killed", 42);
	request(PM_KILL);
	req.m_pm.pid = 42;
	req.m_pm.sig = SIGINT;
	call("kill", 0);
	request(PM_GETPID);
	reply.m_pm.ppid = 1;
	call("getpid", 7);
	request(PM_GETUID);
	reply.m_pm.id = 0;
	reply.m_pm.eid = 100;
	call("getuid", 0);
	request(PM_EXIT);
	req.m_pm.status = 3;
	run("exit", SENDREC, 0, 0, 0, 0);
	request(PM_SIGACTION);
	req.m_pm.sig = SIGTERM;
	req.m_pm.addr = FAKE_MEM_START + 0x400;
	call("sigaction", 0);
	request(PM_PTRACE);
	req.m_pm.how = T_SYSCALL;
	req.m_pm.pid = 42;
	req.m_pm.len = SIGINT;
	call("ptrace", 0);
}

/* An argument frame as libc's execve() builds it at addr (minnow/vfs.h): argc, argv
 * offsets, 0, envp offsets, 0, the strings.  Into req's addr2 and len2. */
static void
exec_frame(uint32_t addr, int argc, char **argv, int envc, char **envp)
{
	uint32_t words[32], off = (uint32_t)(argc + envc + 3) * 4;
	char strings[512];
	size_t n = 0;
	int i;

	words[0] = (uint32_t)argc;
	for (i = 0; i < argc + envc; i++) {
		const char *a = i < argc ? argv[i] : envp[i - argc];

		words[1 + i + (i >= argc)] = off + (uint32_t)n;
		memcpy(strings + n, a, strlen(a) + 1);
		n += strlen(a) + 1;
	}
	words[1 + argc] = 0;
	words[2 + argc + envc] = 0;
	poke(addr, words, off);
	poke(addr + off, strings, n);
	req.m_pm.addr2 = addr;
	req.m_pm.len2 = (off + (uint32_t)n + 3) & ~3u;
}

/* exec: the path and arguments read at the entry; success (a new program) and failure. */
static void
exec_calls(void)
{
	struct call c;
	struct result r;
	char line[512];
	char *argv[] = { "cat", "-n", "a\tb" }, *envp[] = { "PATH=/bin" };
	char *many[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9" };

	request(PM_EXEC);
	req.m_pm.addr = poke(FAKE_MEM_START, "/bin/cat", 9);
	req.m_pm.len = 9;
	exec_frame(FAKE_MEM_START + 0x100, 3, argv, 1, envp);
	poke(MSG_ADDR, &req, sizeof(req));
	memset(&c, 0, sizeof(c));
	c.ipc = SENDREC;
	c.msgaddr = MSG_ADDR;
	decode_entry(&c, peek_mem, NULL);
	memset(mem, 0xff, MEM_SIZE);    /* the old image is gone */
	memset(&r, 0, sizeof(r));
	r.exec_done = 1;
	format_call(line, sizeof(line), &c, &r, peek_mem, NULL);
	printf("exec: %s\n", line);
	request(PM_EXEC);
	req.m_pm.addr = poke(FAKE_MEM_START, "/bin/nope", 10);
	req.m_pm.len = 10;
	exec_frame(FAKE_MEM_START + 0x100, 10, many, 0, NULL);
	call("exec_fail", -ENOENT);
	request(PM_EXEC);
	req.m_pm.addr = poke(FAKE_MEM_START, "/x", 3);
	req.m_pm.len = 3;
	req.m_pm.addr2 = BAD_ADDR;
	req.m_pm.len2 = 64;
	call("exec_badframe", -EFAULT);
}

/* Other protocols, other primitives, IPC failures, messages that cannot be read. */
static void
other_calls(void)
{
	request(RS_RQ_BASE + 5);
	call("rs", 0);
	request(PM_BASE + 99);
	call("pm_unknown", -ENOSYS);
	request(0x42);
	call("no_protocol", 0);
	request(VM_BRK);
	req.m_vm_proc.addr = 0x8100000;
	reply.m_vm_proc.addr = 0x8100000;
	call("brk", 0);
	request(VM_MMAP);
	req.m_vm_mmap.len = 8192;
	req.m_vm_mmap.prot = 1;
	reply.m_vm_mmap.addr = 0x40000000;
	call("mmap", 0);
	request(VFS_CLOSE);
	req.m_vfs.fd = 5;
	run("send", SEND, 1, 0, 0, 1);
	run("notify", NOTIFY, 5, 0, 0, 1);
	run("receive", RECEIVE, ANY, 0, 0, 1);
	request(VFS_SYNC);
	run("ipc_fail", SENDREC, 1, 0, -EINVAL, 1);
	request(VFS_SYNC);
	call("odd_errno", -250);
	{
		struct call c;
		char line[512];

		memset(&c, 0, sizeof(c));
		c.ipc = SENDREC;
		c.endpt = 1;
		c.msgaddr = BAD_ADDR;
		decode_entry(&c, peek_mem, NULL);
		format_call(line, sizeof(line), &c, NULL, peek_mem, NULL);
		printf("badmsg: %s\n", line);
	}
}

int
main(void)
{
	file_calls();
	process_calls();
	exec_calls();
	other_calls();
	return 0;
}
