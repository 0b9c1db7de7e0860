/*
 * tty.c - the terminal driver (label "tty", boot slot TTY_PROC_NR, major 4): the console
 * /dev/console (minor 0), input from COM1 and the PS/2 keyboard, output to COM1 and the
 * VGA text screen, with the termios line discipline of line.c.
 *
 * It is a libdriver character driver speaking CDEV_* (include/minnow/cdev.h) with VFS (or
 * a test playing VFS):
 *   OPEN/CLOSE   minor 0 only; /dev/tty00 (minor 16) and every other minor are ENXIO (the
 *                serial line is the console here, so a second view of it is not offered)
 *   READ         a background process (not in the terminal's group, tty_pgrp) is sent
 *                SIGTTIN instead (job_control); else what the line discipline has (a
 *                line in canonical mode); when the read
 *                cannot be completed now it is suspended (-EDONTREPLY) and answered later
 *                with chardriver_reply_task() when input arrives; CDEV_NONBLOCK: EAGAIN;
 *                one read at a time (a second one: EIO)
 *   WRITE        copied from the writer's grant in TTY_OUT_CHUNK pieces, written at once
 *                (with TOSTOP, a background writer is sent SIGTTOU instead)
 *   IOCTL        TCGETS, TCSETS, TCSETSW (output never waits, so like TCSETS), TCSETSF
 *                (also flushes input), TIOCGPGRP, TIOCSPGRP, TIOCGWINSZ (80x25); else ENOTTY
 *   CANCEL       the suspended read of that caller and id ends with EINTR (or the bytes it
 *                already got)
 *   SELECT       readable when a line (raw mode: a byte) is queued, always writable; with
 *                CDEV_NOTIFY a CDEV_SEL2_REPLY follows when input arrives
 * Notifications: HARDWARE (interrupt bits KBD_HOOK_BIT and RS_HOOK_BIT) and CLOCK (the
 * VTIME alarm of a raw-mode read).
 *
 * Privileges (its system.conf entry): IRQs 1 and 4, the ports of COM1, the keyboard
 * controller and the VGA CRTC, and the VGA text memory.  RS restarts it when it dies
 * (sf=restart): tty_restart keeps the dead instance's state (handouts/rs.md, "Boot
 * services").
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "tty.h"

tty_t tty_table[1];

static uint32_t ticks_per_tenth = 10;

/*
 * Job control (handouts/tty.md, "Job control"): may user, reading (SIGTTIN) or writing
 * with TOSTOP (SIGTTOU), use the terminal now?  OK for the foreground group (or when no
 * group owns the terminal, or PM does not know user, or user is in no group); else its
 * group gets sig and the
 * answer is EJOBCTL (libc makes the call again when the process goes on); a reader that
 * ignores or blocks SIGTTIN gets EIO, a writer that ignores or blocks SIGTTOU writes.
 * Not implemented: EIO for an orphaned process group.
 */
static int
job_control(tty_t *tp, endpoint_t user, int sig)
{
	message m;
	int off;

	if (tp->tty_pgrp <= 0 || user == NONE)
		return OK;
	memset(&m, 0, sizeof(m));
	m.m_type = PM_GETEPINFO;
	m.m_pm.endpt = user;
	if (ipc_sendrec(PM_PROC_NR, &m) != OK || m.m_type < 0 || m.m_pm.pgid <= 0 ||
	    m.m_pm.pgid == tp->tty_pgrp)
		return OK;	/* (group 0: a system process, or one that never joined one) */
	off = m.m_pm.options & (sig == SIGTTIN ? PM_EP_TTIN_OFF : PM_EP_TTOU_OFF);
	if (off)
		return sig == SIGTTIN ? -EIO : OK;
	(void)kill(-m.m_pm.pgid, sig);
	return -EJOBCTL;
}

/* The terminal of minor, or NULL. */
static tty_t *
line2tty(devminor_t minor)
{
	return minor == CONS_MINOR ? &tty_table[0] : NULL;
}

static void
stop_timer(tty_t *tp)
{
	if (tp->tty_timer) {
		sys_setalarm(0, 0, NULL);
		tp->tty_timer = 0;
	}
}

/* Raw mode with VTIME: (re)start the alarm for the read in progress. */
void
tty_set_timer(tty_t *tp)
{
	cc_t vtime = tp->tty_termios.c_cc[VTIME];

	if ((tp->tty_termios.c_lflag & ICANON) || vtime == 0)
		return;
	if (tp->tty_termios.c_cc[VMIN] > 0 && tp->tty_incum == 0)
		return;		/* VMIN > 0: the timer starts with the first byte */
	if (sys_setalarm(vtime * ticks_per_tenth, 0, NULL) == OK)
		tp->tty_timer = 1;
}

/* Forget the read in progress. */
static void
end_read(tty_t *tp)
{
	stop_timer(tp);
	tp->tty_inleft = tp->tty_incum = 0;
	tp->tty_indone = 0;
	tp->tty_incaller = NONE;
}

/* Answer the suspended read with status, and forget it. */
void
tty_reply_read(tty_t *tp, int status)
{
	endpoint_t caller = tp->tty_incaller;
	cdev_id_t id = tp->tty_inid;

	end_read(tp);
	chardriver_reply_task(caller, id, status);
}

static int
tty_open(devminor_t minor, int access, endpoint_t user)
{
	tty_t *tp = line2tty(minor);

	(void)access, (void)user;
	if (tp == NULL)
		return -ENXIO;
	tp->tty_openct++;
	return OK;
}

static int
tty_close(devminor_t minor)
{
	tty_t *tp = line2tty(minor);

	if (tp == NULL)
		return -ENXIO;
	if (tp->tty_openct > 0)
		tp->tty_openct--;
	return OK;
}

/* Start serving a read: copy what can be copied now; a status, or -EDONTREPLY. */
static int
tty_read(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	 int flags, cdev_id_t id)
{
	tty_t *tp = line2tty(minor);
	cc_t vmin;
	int r;

	(void)pos;
	if (tp == NULL)
		return -ENXIO;
	if ((r = job_control(tp, chardriver_user(), SIGTTIN)) != OK)
		return r;		/* a background reader */
	if (tp->tty_inleft > 0)
		return -EIO;		/* one reader at a time */
	if (size == 0)
		return 0;
	tp->tty_incaller = endpt, tp->tty_inid = id, tp->tty_ingrant = grant;
	tp->tty_inleft = size, tp->tty_incum = 0, tp->tty_indone = 0;
	vmin = tp->tty_termios.c_cc[VMIN];
	tp->tty_min = (tp->tty_termios.c_lflag & ICANON) ? 1 : (vmin < size ? vmin : size);
	if ((r = in_transfer(tp)) == OK && read_complete(tp))
		r = (int)tp->tty_incum;
	else if (r == OK && (flags & CDEV_NONBLOCK))
		r = tp->tty_incum > 0 ? (int)tp->tty_incum : -EAGAIN;
	else if (r == OK) {
		tty_set_timer(tp);
		return -EDONTREPLY;	/* handle_events() or the alarm answers */
	}
	end_read(tp);
	return r;
}

static int
tty_write(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	  int flags, cdev_id_t id)
{
	tty_t *tp = line2tty(minor);
	char buf[TTY_OUT_CHUNK];
	size_t done = 0, chunk;
	int r;

	(void)pos, (void)flags, (void)id;
	if (tp == NULL)
		return -ENXIO;
	if ((tp->tty_termios.c_lflag & TOSTOP) &&
	    (r = job_control(tp, chardriver_user(), SIGTTOU)) != OK)
		return r;		/* a background writer */
	while (done < size) {
		chunk = size - done < sizeof(buf) ? size - done : sizeof(buf);
		if ((r = sys_safecopyfrom(endpt, grant, done, (vir_bytes)buf, chunk)) != OK)
			return done > 0 ? (int)done : r;
		tty_output(tp, buf, chunk);
		done += chunk;
	}
	return (int)done;
}

/* TCSETS*: new settings from the caller. */
static int
set_termios(tty_t *tp, int request, endpoint_t endpt, cp_grant_id_t grant)
{
	struct termios t;
	int r;

	if ((r = sys_safecopyfrom(endpt, grant, 0, (vir_bytes)&t, sizeof(t))) != OK)
		return r;
	if (request == TCSETSF)
		in_flush(tp);
	tp->tty_termios = t;
	in_settings_changed(tp);
	handle_events(tp);	/* a suspended read may be complete under the new rules */
	return OK;
}

static int
tty_ioctl(devminor_t minor, int request, endpoint_t endpt, cp_grant_id_t grant, int flags,
	  endpoint_t user, cdev_id_t id)
{
	tty_t *tp = line2tty(minor);
	struct winsize ws = { TTY_ROWS, TTY_COLS, 0, 0 };
	pid_t pgrp;
	int r;

	(void)flags, (void)user, (void)id;
	if (tp == NULL)
		return -ENXIO;
	switch (request) {
	case TCGETS:
		return sys_safecopyto(endpt, grant, 0, (vir_bytes)&tp->tty_termios,
				      sizeof(tp->tty_termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tp, request, endpt, grant);
	case TIOCGPGRP:
		return sys_safecopyto(endpt, grant, 0, (vir_bytes)&tp->tty_pgrp, sizeof(pid_t));
	case TIOCSPGRP:
		if ((r = sys_safecopyfrom(endpt, grant, 0, (vir_bytes)&pgrp, sizeof(pgrp))) != OK)
			return r;
		if (pgrp <= 0)
			return -EINVAL;
		tp->tty_pgrp = pgrp;
		return OK;
	case TIOCGWINSZ:
		return sys_safecopyto(endpt, grant, 0, (vir_bytes)&ws, sizeof(ws));
	default:
		return -ENOTTY;
	}
}

static int
tty_cancel(devminor_t minor, endpoint_t endpt, cdev_id_t id)
{
	tty_t *tp = line2tty(minor);
	int r;

	if (tp == NULL || tp->tty_inleft == 0 || tp->tty_incaller != endpt || tp->tty_inid != id)
		return -EDONTREPLY;	/* answered already: nothing to cancel */
	r = tp->tty_incum > 0 ? (int)tp->tty_incum : -EINTR;
	end_read(tp);
	return r;
}

static int
tty_select(devminor_t minor, int ops, endpoint_t endpt)
{
	tty_t *tp = line2tty(minor);
	int ready = 0;

	if (tp == NULL)
		return -ENXIO;
	if ((ops & CDEV_OP_RD) && input_ready(tp))
		ready |= CDEV_OP_RD;
	if (ops & CDEV_OP_WR)
		ready |= CDEV_OP_WR;
	if ((ops & CDEV_NOTIFY) && (ops & CDEV_OP_RD) && !(ready & CDEV_OP_RD)) {
		tp->tty_select_ops = CDEV_OP_RD;
		tp->tty_select_proc = endpt;
	}
	return ready;
}

/* Notifications: interrupts and the VTIME alarm. */
static void
tty_other(message *m, int ipc_status)
{
	tty_t *tp = &tty_table[0];

	if (IPC_STATUS_CALL(ipc_status) != NOTIFY)
		return;		/* a notification is known by the status word, not m_type */
	if (m->m_source == HARDWARE) {
		if (m->m_notify.map & (1u << RS_HOOK_BIT))
			rs_interrupt(tp);
		if (m->m_notify.map & (1u << KBD_HOOK_BIT))
			kb_interrupt(tp);
		handle_events(tp);
	} else if (m->m_source == CLOCK && tp->tty_timer) {
		tp->tty_timer = 0;
		if (tp->tty_inleft > 0)
			tty_reply_read(tp, (int)tp->tty_incum);
	}
}

static const struct chardriver tty_tab = {
	.cdr_open = tty_open,
	.cdr_close = tty_close,
	.cdr_read = tty_read,
	.cdr_write = tty_write,
	.cdr_ioctl = tty_ioctl,
	.cdr_cancel = tty_cancel,
	.cdr_select = tty_select,
	.cdr_other = tty_other,
};

/* Set up the clock rate, the VGA screen, COM1 and the keyboard (each may be missing). */
static void
hw_init(void)
{
	uint32_t hz;
	int r;

	if (sys_gethz(&hz) == OK && hz >= 10)
		ticks_per_tenth = hz / 10;
	if ((r = cons_init()) != OK)
		printf("tty: no VGA screen (%d)\n", r);
	if ((r = rs_init()) != OK)
		printf("tty: no COM1 input (%d)\n", r);
	if ((r = kb_init()) != OK)
		printf("tty: no keyboard (%d)\n", r);
}

/* SEF fresh init (and a restart without a frozen image): the devices, then
 * "drv.chr.tty" in DS. */
static int
tty_init(int type, sef_init_info_t *info)
{
	tty_t *tp = &tty_table[0];
	int r;

	(void)info;
	memset(tp, 0, sizeof(*tp));
	tp->tty_incaller = tp->tty_select_proc = NONE;
	tty_reset_termios(tp);
	hw_init();
	if ((r = driver_announce(DRIVER_CHR)) != OK)
		printf("tty: driver_announce failed (%d)\n", r);
	if (type == SEF_INIT_RESTART)
		printf("tty: restarted\n");
	return OK;
}

/* SEF restart and live-update init: the terminal's state (its input, the calls it holds,
 * termios) and the open-minor table are copied from the previous instance's image (the
 * dead one, or the old version), the hardware is set up again, and nothing is announced,
 * so the shell's descriptors stay valid (handouts/rs.md, "Boot services").  Without the
 * previous image: a fresh start (descriptors become stale). */
static int
tty_restart(int type, sef_init_info_t *info)
{
	int r;

	if ((r = sef_copy_state(info, tty_table, sizeof(tty_table))) != OK ||
	    (r = driver_restart_keep(info)) != OK) {
		printf("tty: restart without the old state (%d): a fresh start\n", r);
		return tty_init(type, info);
	}
	hw_init();
	printf(type == SEF_INIT_LU ? "tty: new version, state kept\n" :
	       "tty: restarted, state kept\n");
	return OK;
}

int
main(void)
{
	sef_setcb_init_fresh(tty_init);
	sef_setcb_init_restart(tty_restart);
	sef_restart_keep_requests();	/* a write sent while it was dead reaches its heir */
	sef_setcb_init_lu(tty_restart);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	driver_task(&tty_tab, NULL);
}
