/*
 * tty_test.c - the tty driver's cases (drivers/tty), run by grader/tests/tty.py, which
 * types on the serial line whenever this program prints "READY <case>".
 *
 * Two roles of one program:
 *  - booted as the module "vfs" (a copy of this program in the VFS slot, priv=sys: it needs
 *    a grant table), it plays VFS: it speaks CDEV_* (minnow/cdev.h) to the console, minor
 *    0, always passing data by grant.  Requests that may have to wait (reads, selects
 *    with CDEV_NOTIFY) go by SEND and their answers are received later, as VFS does;
 *    the others by SENDREC.  Cases: DS keys, open (ENXIO for /dev/tty00 and unknown
 *    minors), writes (a marker line, a long write in several chunks), ioctls (TCGETS
 *    defaults, TIOCGWINSZ, ENOTTY, TIOCGPGRP), EAGAIN, select, then input typed by the
 *    grader: canonical editing (erase with ^H and DEL, ^U, ^D at the start of a line and in
 *    the middle, a line read in two pieces), select with a later CDEV_SEL2_REPLY, cancel
 *    (EINTR), one read at a time (EIO), raw mode after TCSETS (TCGETS round trip, VMIN 1,
 *    VMIN 3, VMIN 0, VTIME), ^C with no process group (the line is thrown away), and ^C
 *    and ^\ for a process group the other role names (TIOCSPGRP).  Being in the VFS slot,
 *    it also answers PM's VFS_PM_* requests with OK whenever it receives from anybody;
 *  - booted as "tty_test priv=user sig", a user process: it forks a child that makes its
 *    own process group, tells the VFS role its pid (a TTYT_PGRP message, never answered, so
 *    the child sleeps in it) and checks with waitpid that the typed ^C ended the child
 *    with SIGINT; then the same for ^\ and SIGQUIT.
 * Lines: PASS/FAIL per case, "DONE tty_test ..." and "DONE tty_sig ...".
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <minnow/cdev.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/vfs.h>
#include <minnow/vm.h>
#include "cdev_client.h"
#include "testlib.h"

#define TTYT_PGRP       0x7E00  /* sig role -> VFS role: m_u32[0] = a process group */
#define TTYT_DONE       0x7E01  /* sig role -> VFS role: its cases are over (answered) */
#define CONSOLE         0
#define LONG_WRITE      600

static const endpoint_t tty = TTY_PROC_NR;
static char buf[1024];

/* READ or WRITE of size bytes at addr, answered at once. */
static int
rw(int type, void *addr, size_t size, int flags)
{
	return cdev_rw(tty, type, CONSOLE, addr, size, flags);
}

static int
ioctl_call(int request, void *addr, size_t size)
{
	cp_grant_id_t g = cpf_grant_direct(tty, (vir_bytes)addr, size, CPF_READ | CPF_WRITE);
	message m;
	int r;

	cdev_request(&m, CDEV_IOCTL, CONSOLE, g, 0, 0);
	m.m_cdev.request = request;
	r = cdev_call(tty, &m);
	cpf_revoke(g);
	return r;
}

/* Send a READ by SEND (the answer comes later); its id. */
static cdev_id_t
start_read(void *addr, size_t size, cp_grant_id_t *g)
{
	message m;

	*g = cpf_grant_direct(tty, (vir_bytes)addr, size, CPF_WRITE);
	cdev_request(&m, CDEV_READ, CONSOLE, *g, size, 0);
	if (ipc_send(tty, &m) != OK)
		return 0;
	return m.m_cdev.id;
}

/* Wait for the CDEV_REPLY of request id: its status. */
static int
await_reply(cdev_id_t id)
{
	message m;
	int r;

	do {
		if ((r = ipc_receive(tty, &m, NULL)) != OK)
			return r;
	} while (m.m_type != CDEV_REPLY || m.m_cdev_reply.id != id);
	return m.m_cdev_reply.status;
}

/* Print READY name, then read what the grader types: the status; the text in buf. */
static int
typed_read(const char *name, size_t size)
{
	cp_grant_id_t g;
	cdev_id_t id;
	int r;

	memset(buf, 0, sizeof(buf));
	id = start_read(buf, size, &g);
	printf("READY %s\n", name);
	r = await_reply(id);
	cpf_revoke(g);
	return r;
}

/* A typed read must give exactly want.  With end_line, the echo of the typed text did
 * not end its line (^D): the test ends it, as a shell would print its prompt there. */
static void
expect_typed_line(const char *name, size_t size, const char *want, int end_line)
{
	int r = typed_read(name, size);

	if (end_line)
		rw(CDEV_WRITE, "\n", 1, 0);

	test_check(name, r == (int)strlen(want) && memcmp(buf, want, strlen(want)) == 0,
		   "read %s, '%.*s'", test_errname(r), r > 0 ? r : 0, buf);
}

static void
expect_typed(const char *name, size_t size, const char *want)
{
	expect_typed_line(name, size, want, 0);
}

static void
cases_setup(void)
{
	endpoint_t ep = NONE;
	uint32_t v = 0;
	int r;

	r = ds_retrieve_label_endpt("tty", &ep);
	test_check("tty_label", r == OK && ep == TTY_PROC_NR, "%s, endpoint %d", test_errname(r), ep);
	r = ds_retrieve_u32("drv.chr.tty", &v);
	test_check("tty_ds_up", r == OK && v == DS_DRIVER_UP, "%s, value %u", test_errname(r), v);
	test_expect("tty_read_unopened", rw(CDEV_READ, buf, 8, CDEV_NONBLOCK), -EIO);
	test_expect("tty_open_console", cdev_simple(tty, CDEV_OPEN, CONSOLE, 0), OK);
	test_expect("tty_open_tty00_enxio", cdev_simple(tty, CDEV_OPEN, 16, 0), -ENXIO);
	test_expect("tty_open_bad_minor", cdev_simple(tty, CDEV_OPEN, 7, 0), -ENXIO);
}

/* Is text (without its newline) on the VGA screen?  The test maps the screen itself. */
static int
on_screen(const char *text)
{
	struct priv_range vga = { 0xB8000, 0xB8FFF };
	volatile uint16_t *cell;
	size_t len = strlen(text) - 1, i, k;
	message m;

	sys_privctl(SELF, SYS_PRIV_ADD_MEM, &vga);
	memset(&m, 0, sizeof(m));
	m.m_type = VM_MAP_PHYS;
	m.m_vm_mmap.len = 4096;
	m.m_vm_mmap.phys = 0xB8000;
	if (ipc_sendrec(VM_PROC_NR, &m) != OK || m.m_type != OK)
		return 0;
	cell = (volatile uint16_t *)m.m_vm_mmap.addr;
	for (i = 0; i + len <= 80 * 25; i++) {
		for (k = 0; k < len && (cell[i + k] & 0xFF) == (uint8_t)text[k]; k++)
			;
		if (k == len)
			return 1;
	}
	return 0;
}

static void
cases_write(void)
{
	static const char marker[] = "tty_test: written through the tty\n";
	int n;

	test_expect("tty_write_marker", rw(CDEV_WRITE, (void *)marker, strlen(marker), 0),
		    (int)strlen(marker));
	test_check("tty_vga_screen", on_screen(marker), "the marker is not on the VGA screen");
	n = snprintf(buf, sizeof(buf), "tty_test: long ");
	memset(buf + n, 'L', LONG_WRITE - n - 1);
	buf[LONG_WRITE - 1] = '\n';
	test_expect("tty_write_long", rw(CDEV_WRITE, buf, LONG_WRITE, 0), LONG_WRITE);
	test_expect("tty_write_empty", rw(CDEV_WRITE, buf, 0, 0), 0);
}

static void
cases_ioctl(void)
{
	struct termios t;
	struct winsize ws;
	pid_t pgrp = -1;
	int r;

	memset(&t, 0, sizeof(t));
	r = ioctl_call(TCGETS, &t, sizeof(t));
	test_check("tty_tcgets_defaults", r == OK && (t.c_lflag & (ICANON | ECHO | ISIG)) ==
		   (ICANON | ECHO | ISIG) && (t.c_iflag & ICRNL) && (t.c_oflag & ONLCR) &&
		   t.c_cc[VINTR] == 3 && t.c_cc[VEOF] == 4 && t.c_cc[VKILL] == 0x15,
		   "%s, lflag 0x%x iflag 0x%x", test_errname(r), t.c_lflag, t.c_iflag);
	memset(&ws, 0, sizeof(ws));
	r = ioctl_call(TIOCGWINSZ, &ws, sizeof(ws));
	test_check("tty_winsize", r == OK && ws.ws_row == 25 && ws.ws_col == 80, "%s, %ux%u",
		   test_errname(r), ws.ws_col, ws.ws_row);
	test_expect("tty_ioctl_enotty", ioctl_call(0x1234, &t, sizeof(t)), -ENOTTY);
	r = ioctl_call(TIOCGPGRP, &pgrp, sizeof(pgrp));
	test_check("tty_pgrp_none", r == OK && pgrp == 0, "%s, pgrp %d", test_errname(r), pgrp);
	pgrp = 0;
	test_expect("tty_setpgrp_einval", ioctl_call(TIOCSPGRP, &pgrp, sizeof(pgrp)), -EINVAL);
	test_expect("tty_tcgets_bad_grant", ioctl_call(TCGETS, &t, 4), -EPERM);
	test_expect("tty_read_nonblock_eagain", rw(CDEV_READ, buf, 8, CDEV_NONBLOCK), -EAGAIN);
	test_expect("tty_select_idle", cdev_simple(tty, CDEV_SELECT, CONSOLE, CDEV_OP_RD | CDEV_OP_WR),
		    CDEV_OP_WR);
}

static void
cases_canonical(void)
{
	expect_typed("tty_canon_erase", 64, "abd\n");
	expect_typed("tty_canon_kill", 64, "ac\n");
	expect_typed("tty_canon_eof", 64, "");
	expect_typed_line("tty_canon_eof_mid", 64, "hi", 1);
	expect_typed("tty_canon_short", 4, "long");
	test_expect("tty_canon_rest", rw(CDEV_READ, buf, 64, CDEV_NONBLOCK), 5);
}

/* select with CDEV_NOTIFY: nothing now, CDEV_SEL2_REPLY when a line is typed. */
static void
case_select_notify(void)
{
	message m;
	int r;

	test_expect("tty_select_notify_none", cdev_simple(tty, CDEV_SELECT, CONSOLE,
						     CDEV_OP_RD | CDEV_NOTIFY), 0);
	printf("READY tty_select_notify\n");
	do {
		r = ipc_receive(tty, &m, NULL);
	} while (r == OK && m.m_type != CDEV_SEL2_REPLY);
	test_check("tty_select_notify", r == OK && m.m_cdev_reply.status == CDEV_OP_RD &&
		   m.m_cdev_reply.minor == CONSOLE, "%s, ops %d", test_errname(r),
		   m.m_cdev_reply.status);
	test_expect("tty_select_ready", cdev_simple(tty, CDEV_SELECT, CONSOLE, CDEV_OP_RD), CDEV_OP_RD);
	test_expect("tty_select_read", rw(CDEV_READ, buf, 64, CDEV_NONBLOCK), 2);
}

/* A suspended read: a second read is EIO; CANCEL ends the first with EINTR. */
static void
case_cancel(void)
{
	cp_grant_id_t g;
	cdev_id_t id = start_read(buf, 64, &g);
	message m;

	test_expect("tty_second_read_eio", rw(CDEV_READ, buf + 100, 8, 0), -EIO);
	cdev_request(&m, CDEV_CANCEL, CONSOLE, GRANT_INVALID, 0, 0);
	m.m_cdev.id = id;
	test_expect("tty_cancel_eintr", cdev_call(tty, &m), -EINTR);
	cpf_revoke(g);
}

/* TCSETS with lflag and VMIN/VTIME changed from the defaults. */
static int
set_mode(const struct termios *base, tcflag_t lflag_off, cc_t vmin, cc_t vtime)
{
	struct termios t = *base;

	t.c_lflag &= ~lflag_off;
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	return ioctl_call(TCSETS, &t, sizeof(t));
}

static void
cases_raw(void)
{
	struct termios saved, t;
	cp_grant_id_t g;
	cdev_id_t id;
	int r;

	ioctl_call(TCGETS, &saved, sizeof(saved));
	test_expect("tty_tcsets_raw", set_mode(&saved, ICANON | ECHO, 1, 0), OK);
	memset(&t, 0, sizeof(t));
	r = ioctl_call(TCGETS, &t, sizeof(t));
	test_check("tty_tcgets_roundtrip", r == OK && !(t.c_lflag & (ICANON | ECHO)) &&
		   (t.c_lflag & ISIG) && t.c_cc[VMIN] == 1 && t.c_iflag == saved.c_iflag &&
		   t.c_oflag == saved.c_oflag, "%s, lflag 0x%x, VMIN %u", test_errname(r),
		   t.c_lflag, t.c_cc[VMIN]);
	expect_typed("tty_raw_byte", 16, "q");
	set_mode(&saved, ICANON | ECHO, 3, 0);
	expect_typed("tty_raw_vmin3", 16, "xyz");
	set_mode(&saved, ICANON | ECHO, 0, 0);
	test_expect("tty_raw_vmin0_empty", rw(CDEV_READ, buf, 16, 0), 0);
	set_mode(&saved, ICANON | ECHO, 0, 3);
	id = start_read(buf, 16, &g);
	test_expect("tty_raw_vtime_timeout", await_reply(id), 0);
	cpf_revoke(g);
	test_expect("tty_tcsetsf_restore", ioctl_call(TCSETSF, &saved, sizeof(saved)), OK);
}

/*
 * Booted in the VFS slot, this role may get PM's VFS_PM_* requests (fork, exit, ... of the
 * sig role's processes) once PM speaks that protocol: answer each with OK, so PM can go
 * on.  The one answer VFS_PM_INIT wants is for its last message (endpt NONE).  1 if m was
 * such a request.
 */
static int
serve_pm(message *m)
{
	int type = m->m_type;

	if (m->m_source != PM_PROC_NR || type < VFS_PM_BASE || type >= VFS_PM_BASE + VFS_PM_NR)
		return 0;
	if (type == VFS_PM_INIT && m->m_vfs_pm.endpt != NONE)
		return 1;
	m->m_type = VFS_PM_REPLY(type);
	m->m_vfs_pm.status = OK;
	ipc_send(PM_PROC_NR, m);
	return 1;
}

/* Receive from anybody until a message of type arrives, serving PM meanwhile. */
static int
receive_type(int type, message *m)
{
	int r;

	do {
		if ((r = ipc_receive(ANY, m, NULL)) != OK)
			return r;
	} while (serve_pm(m) || m->m_type != type);
	return OK;
}

/* Wait for the sig role's TTYT_PGRP (left unanswered: its sender sleeps in it) and make
 * that group the foreground one; then the grader types the signal byte. */
static void
case_signal(const char *name)
{
	char casename[64];
	message m;
	pid_t pgrp = 0;
	int r;

	receive_type(TTYT_PGRP, &m);
	snprintf(casename, sizeof(casename), "%s_setpgrp", name);
	test_expect(casename, ioctl_call(TIOCSPGRP, &m.m_u32.m_u32[0], sizeof(pid_t)), OK);
	snprintf(casename, sizeof(casename), "%s_getpgrp", name);
	r = ioctl_call(TIOCGPGRP, &pgrp, sizeof(pgrp));
	test_check(casename, r == OK && pgrp == (pid_t)m.m_u32.m_u32[0], "%s, pgrp %d, want %u",
		   test_errname(r), pgrp, m.m_u32.m_u32[0]);
	printf("READY %s\n", name);
}

/* Wait until the sig role has printed its results (so they cannot mix with an echo). */
static void
await_sig_role(void)
{
	message m;

	if (receive_type(TTYT_DONE, &m) != OK)
		return;
	m.m_type = OK;
	ipc_sendnb(m.m_source, &m);
}

static void
cases_signals(void)
{
	expect_typed("tty_intr_nopgrp", 64, "ok\n");
	case_signal("tty_intr");
	case_signal("tty_quit");
	await_sig_role();
	expect_typed("tty_after_signals", 64, "clean\n");
	test_expect("tty_close", cdev_simple(tty, CDEV_CLOSE, CONSOLE, 0), OK);
}

/* The VFS role. */
static void __attribute__((noreturn))
run_vfs(void)
{
	sef_startup();
	cases_setup();
	cases_write();
	cases_ioctl();
	cases_canonical();
	case_select_notify();
	case_cancel();
	cases_raw();
	cases_signals();
	test_done();
	for (;;)	/* stay (an exit message of RS would only add noise), serving PM */
		receive_type(0, &(message){0});
}

/* The sig role: a child in its own group must be ended by sig, typed by the grader. */
static void
sig_case(const char *name, int sig)
{
	message m;
	pid_t pid;
	int status = 0;

	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		memset(&m, 0, sizeof(m));
		m.m_type = TTYT_PGRP;
		m.m_u32.m_u32[0] = (uint32_t)getpid();
		ipc_sendrec(VFS_PROC_NR, &m);	/* never answered */
		_exit(9);
	}
	if (pid < 0) {
		test_fail(name, "fork failed");
		return;
	}
	if (waitpid(pid, &status, 0) != pid) {
		test_fail(name, "waitpid failed");
		return;
	}
	test_check(name, WIFSIGNALED(status) && WTERMSIG(status) == sig,
		   "status 0x%x, want killed by signal %d", status, sig);
}

int
main(int argc, char **argv)
{
	message m;
	int r;

	argc = test_init("tty_test", argc, argv);
	if (argc > 1 && strcmp(argv[1], "sig") == 0) {
		test_set_program("tty_sig");
		sig_case("tty_sig_sigint", SIGINT);
		sig_case("tty_sig_sigquit", SIGQUIT);
		r = test_done();
		memset(&m, 0, sizeof(m));
		m.m_type = TTYT_DONE;
		ipc_sendrec(VFS_PROC_NR, &m);
		return r;
	}
	run_vfs();
}
