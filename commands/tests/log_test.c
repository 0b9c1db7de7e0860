/*
 * log_test.c - the log driver's cases (drivers/log), run by grader/tests/tty.py.
 *
 * A system process (priv=sys: it needs a grant table) that plays VFS to /dev/log (minor 0)
 * with CDEV_* requests (minnow/cdev.h): the DS keys, open (ENXIO for other minors), an
 * empty log (EAGAIN with CDEV_NONBLOCK, select says writable only), a write printed on the
 * console and read back, a read suspended until the next write, CANCEL (EINTR), select with
 * a later CDEV_SEL2_REPLY, ENOTTY, and a write larger than the ring buffer (the oldest text
 * is dropped).  Requests that may wait go by SEND and their answers are received later.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/cdev.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include "cdev_client.h"
#include "testlib.h"

#define LOG_SIZE        4096

static endpoint_t logdrv = NONE;
static char buf[LOG_SIZE + 512];

static int
rw(int type, const void *addr, size_t size, int flags)
{
	return cdev_rw(logdrv, type, 0, addr, size, flags);
}

static cdev_id_t
start_read(void *addr, size_t size, cp_grant_id_t *g)
{
	message m;

	*g = cpf_grant_direct(logdrv, (vir_bytes)addr, size, CPF_WRITE);
	cdev_request(&m, CDEV_READ, 0, *g, size, 0);
	return ipc_send(logdrv, &m) == OK ? m.m_cdev.id : 0;
}

/* Wait for a message of type (and, for CDEV_REPLY, id): its status. */
static int
await(int type, cdev_id_t id)
{
	message m;
	int r;

	do {
		if ((r = ipc_receive(logdrv, &m, NULL)) != OK)
			return r;
	} while (m.m_type != type || (type == CDEV_REPLY && m.m_cdev_reply.id != id));
	return m.m_cdev_reply.status;
}

static void
cases_basic(void)
{
	static const char text[] = "log_test: hello through /dev/log\n";
	uint32_t v = 0;
	int r;

	r = ds_retrieve_label_endpt("log", &logdrv);
	test_check("log_label", r == OK, "%s", test_errname(r));
	r = ds_retrieve_u32("drv.chr.log", &v);
	test_check("log_ds_up", r == OK && v == DS_DRIVER_UP, "%s, value %u", test_errname(r), v);
	test_expect("log_open", cdev_simple(logdrv, CDEV_OPEN, 0, 0), OK);
	test_expect("log_open_bad_minor", cdev_simple(logdrv, CDEV_OPEN, 1, 0), -ENXIO);
	test_expect("log_read_empty_eagain", rw(CDEV_READ, buf, 64, CDEV_NONBLOCK), -EAGAIN);
	test_expect("log_select_empty", cdev_simple(logdrv, CDEV_SELECT, 0, CDEV_OP_RD | CDEV_OP_WR), CDEV_OP_WR);
	test_expect("log_write", rw(CDEV_WRITE, text, strlen(text), 0), (int)strlen(text));
	test_expect("log_select_ready", cdev_simple(logdrv, CDEV_SELECT, 0, CDEV_OP_RD), CDEV_OP_RD);
	memset(buf, 0, sizeof(buf));
	r = rw(CDEV_READ, buf, 64, 0);
	test_check("log_read_back", r == (int)strlen(text) && strcmp(buf, text) == 0,
		   "read %s, '%s'", test_errname(r), buf);
	test_expect("log_read_consumed", rw(CDEV_READ, buf, 64, CDEV_NONBLOCK), -EAGAIN);
	test_expect("log_ioctl_enotty", cdev_simple(logdrv, CDEV_IOCTL, 0, 0), -ENOTTY);
}

static void
cases_waiting(void)
{
	static const char text[] = "log_test: second line\n";
	cp_grant_id_t g;
	cdev_id_t id;
	message m;
	int r;

	memset(buf, 0, sizeof(buf));
	id = start_read(buf, 64, &g);
	test_expect("log_write_wakes", rw(CDEV_WRITE, text, strlen(text), 0), (int)strlen(text));
	r = await(CDEV_REPLY, id);
	test_check("log_read_suspended", r == (int)strlen(text) && strcmp(buf, text) == 0,
		   "read %s, '%s'", test_errname(r), buf);
	cpf_revoke(g);
	id = start_read(buf, 64, &g);
	test_expect("log_second_read_eio", rw(CDEV_READ, buf + 100, 8, 0), -EIO);
	cdev_request(&m, CDEV_CANCEL, 0, GRANT_INVALID, 0, 0);
	m.m_cdev.id = id;
	test_expect("log_cancel_eintr", cdev_call(logdrv, &m), -EINTR);
	cpf_revoke(g);
	test_expect("log_select_notify_none", cdev_simple(logdrv, CDEV_SELECT, 0, CDEV_OP_RD | CDEV_NOTIFY), 0);
	rw(CDEV_WRITE, "log_test: third\n", 16, 0);
	test_expect("log_select_notify", await(CDEV_SEL2_REPLY, 0), CDEV_OP_RD);
	test_expect("log_read_third", rw(CDEV_READ, buf, 64, 0), 16);
}

/* More than the ring holds: the oldest bytes go, the newest LOG_SIZE stay. */
static void
case_overflow(void)
{
	size_t i;
	int r;

	for (i = 0; i < LOG_SIZE + 100; i++)	/* lines of 100 bytes */
		buf[i] = i % 100 == 99 ? '\n' : (char)('a' + i % 26);
	buf[LOG_SIZE + 99] = '\n';
	test_expect("log_write_big", rw(CDEV_WRITE, buf, LOG_SIZE + 100, 0), LOG_SIZE + 100);
	memset(buf, 0, sizeof(buf));
	r = rw(CDEV_READ, buf, sizeof(buf), 0);
	test_check("log_overflow_keeps_newest", r == LOG_SIZE && buf[0] == 'a' + 100 % 26 &&
		   buf[LOG_SIZE - 1] == '\n', "read %s, first '%c'", test_errname(r), buf[0]);
	test_expect("log_close", cdev_simple(logdrv, CDEV_CLOSE, 0, 0), OK);
}

int
main(int argc, char **argv)
{
	test_init("log_test", argc, argv);
	sef_startup();
	cases_basic();
	if (logdrv == NONE)
		return test_done();
	cases_waiting();
	case_overflow();
	return test_done();
}
