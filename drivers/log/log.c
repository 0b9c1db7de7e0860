/*
 * log.c - the log driver (label "log", major 15): /dev/log (minor 0), where services leave
 * messages.
 *
 * A libdriver character driver speaking CDEV_* (include/minnow/cdev.h):
 *   WRITE   the text is appended to a LOG_SIZE-byte ring buffer (when full, the oldest
 *           unread text is dropped) and printed on the console through the kernel's
 *           diagnostics output (sys_diagctl), a whole line at a time (a line longer than
 *           LOG_LINE is printed in pieces) so that it does not mix with other processes'
 *           lines; the answer is the byte count
 *   READ    takes the buffered text not read yet (one reader position for everybody); with
 *           nothing there the read is suspended (-EDONTREPLY) until the next write answers
 *           it (chardriver_reply_task), or EAGAIN with CDEV_NONBLOCK; one read at a time
 *           (a second one: EIO)
 *   CANCEL  ends the suspended read with EINTR
 *   SELECT  readable when text is buffered, always writable; CDEV_NOTIFY asks for a
 *           CDEV_SEL2_REPLY at the next write
 *   OPEN/CLOSE  minor 0 only (else ENXIO); IOCTL: ENOTTY (libdriver's default)
 * RS restarts it when it dies (sf=restart); its restart and live-update init, log_keep,
 * keeps the previous instance's buffer and descriptors (handouts/rs.md, "Boot services").
 */
#include <stdio.h>
#include <string.h>
#include <minnow/driver.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>

#define LOG_MINOR       0
#define LOG_SIZE        4096    /* the ring buffer */
#define LOG_CHUNK       256     /* bytes copied at a time */
#define LOG_LINE        256     /* console output is held back until a line is complete */

static struct {
	char buf[LOG_SIZE];
	size_t start;           /* the oldest unread byte */
	size_t count;           /* unread bytes */
} ring;

static struct {                 /* the suspended read; caller NONE: none */
	endpoint_t caller;
	cdev_id_t id;
	cp_grant_id_t grant;
	size_t size;
} reader = { NONE, 0, 0, 0 };

static endpoint_t select_proc = NONE;   /* waits for CDEV_OP_RD */

static char line[LOG_LINE];     /* the console line being collected */
static size_t line_len;

/* Print written text on the console, whole lines at a time. */
static void
log_print(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		line[line_len++] = p[i];
		if (p[i] == '\n' || line_len == LOG_LINE) {
			sys_diagctl_diag(line, (int)line_len);
			line_len = 0;
		}
	}
}

static void
ring_put(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ring.count == LOG_SIZE) {	/* full: drop the oldest byte */
			ring.start = (ring.start + 1) % LOG_SIZE;
			ring.count--;
		}
		ring.buf[(ring.start + ring.count) % LOG_SIZE] = p[i];
		ring.count++;
	}
}

/* Copy up to size unread bytes to the grant: the count, or an error (nothing taken). */
static int
ring_take(endpoint_t endpt, cp_grant_id_t grant, size_t size)
{
	size_t done = 0, n;
	int r;

	if (size > ring.count)
		size = ring.count;
	while (done < size) {	/* in pieces that do not wrap around */
		n = LOG_SIZE - (ring.start + done) % LOG_SIZE;
		if (n > size - done)
			n = size - done;
		r = sys_safecopyto(endpt, grant, done,
				   (vir_bytes)&ring.buf[(ring.start + done) % LOG_SIZE], n);
		if (r != OK)
			return r;
		done += n;
	}
	ring.start = (ring.start + done) % LOG_SIZE;
	ring.count -= done;
	return (int)done;
}

static int
log_open(devminor_t minor, int access, endpoint_t user)
{
	(void)access, (void)user;
	return minor == LOG_MINOR ? OK : -ENXIO;
}

static int
log_close(devminor_t minor)
{
	return minor == LOG_MINOR ? OK : -ENXIO;
}

static int
log_read(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	 int flags, cdev_id_t id)
{
	(void)pos;
	if (minor != LOG_MINOR)
		return -ENXIO;
	if (reader.caller != NONE)
		return -EIO;
	if (size == 0)
		return 0;
	if (ring.count > 0)
		return ring_take(endpt, grant, size);
	if (flags & CDEV_NONBLOCK)
		return -EAGAIN;
	reader.caller = endpt, reader.id = id, reader.grant = grant, reader.size = size;
	return -EDONTREPLY;
}

/* New text: answer the suspended read and a waiting select. */
static void
log_wakeup(void)
{
	endpoint_t caller = reader.caller;

	if (caller != NONE) {
		reader.caller = NONE;
		chardriver_reply_task(caller, reader.id, ring_take(caller, reader.grant, reader.size));
	}
	if (select_proc != NONE && ring.count > 0) {
		chardriver_reply_select(select_proc, LOG_MINOR, CDEV_OP_RD);
		select_proc = NONE;
	}
}

static int
log_write(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	  int flags, cdev_id_t id)
{
	char buf[LOG_CHUNK];
	size_t done = 0, n;
	int r;

	(void)pos, (void)flags, (void)id;
	if (minor != LOG_MINOR)
		return -ENXIO;
	while (done < size) {
		n = size - done < sizeof(buf) ? size - done : sizeof(buf);
		if ((r = sys_safecopyfrom(endpt, grant, done, (vir_bytes)buf, n)) != OK)
			break;
		ring_put(buf, n);
		log_print(buf, n);
		done += n;
	}
	if (done > 0)
		log_wakeup();
	return done > 0 || size == 0 ? (int)done : r;
}

static int
log_cancel(devminor_t minor, endpoint_t endpt, cdev_id_t id)
{
	if (minor != LOG_MINOR || reader.caller != endpt || reader.id != id)
		return -EDONTREPLY;
	reader.caller = NONE;
	return -EINTR;
}

static int
log_select(devminor_t minor, int ops, endpoint_t endpt)
{
	int ready = 0;

	if (minor != LOG_MINOR)
		return -ENXIO;
	if ((ops & CDEV_OP_RD) && ring.count > 0)
		ready |= CDEV_OP_RD;
	if (ops & CDEV_OP_WR)
		ready |= CDEV_OP_WR;
	if ((ops & CDEV_NOTIFY) && (ops & CDEV_OP_RD) && !(ready & CDEV_OP_RD))
		select_proc = endpt;
	return ready;
}

static const struct chardriver log_tab = {
	.cdr_open = log_open,
	.cdr_close = log_close,
	.cdr_read = log_read,
	.cdr_write = log_write,
	.cdr_cancel = log_cancel,
	.cdr_select = log_select,
};

/* SEF fresh init (and a restart without its state): an empty buffer, then "drv.chr.log". */
static int
log_init(int type, sef_init_info_t *info)
{
	int r;

	(void)info;
	ring.start = ring.count = line_len = 0;
	reader.caller = select_proc = NONE;
	if ((r = driver_announce(DRIVER_CHR)) != OK)
		printf("log: driver_announce failed (%d)\n", r);
	if (type == SEF_INIT_RESTART)
		printf("log: restarted\n");
	return OK;
}

/* SEF restart and live-update init: the buffer, the suspended read, the select and the
 * open-minor table are copied from the previous instance's image (sef_copy_state,
 * driver_restart_keep), nothing is announced, so descriptors of /dev/log stay valid
 * (handouts/rs.md, "Boot services").  Without an image: a fresh start. */
static int
log_keep(int type, sef_init_info_t *info)
{
	int r;

	if ((r = sef_copy_state(info, &ring, sizeof(ring))) != OK ||
	    (r = sef_copy_state(info, &reader, sizeof(reader))) != OK ||
	    (r = sef_copy_state(info, &select_proc, sizeof(select_proc))) != OK ||
	    (r = sef_copy_state(info, line, sizeof(line))) != OK ||
	    (r = sef_copy_state(info, &line_len, sizeof(line_len))) != OK ||
	    (r = driver_restart_keep(info)) != OK) {
		printf("log: restart without the old state (%d): a fresh start\n", r);
		return log_init(type, info);
	}
	printf(type == SEF_INIT_LU ? "log: new version, state kept\n" :
	       "log: restarted, state kept\n");
	return OK;
}

int
main(void)
{
	sef_setcb_init_fresh(log_init);
	sef_setcb_init_restart(log_keep);
	sef_setcb_init_lu(log_keep);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	driver_task(&log_tab, NULL);
}
