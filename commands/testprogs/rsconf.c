/*
 * rsconf - RS checks the privileges entry that RS_UP carries (handouts/rs.md, "Starting
 * and stopping services"): a caller that does not use the `service` command cannot make
 * RS use an entry that is not its label's, is marked bad or is out of bounds.
 *
 * Usage: rsconf (as root)
 * Sends RS_UP for /service/ping with a struct rs_start whose entry (struct sc_service) is
 * good except for one thing, and expects EINVAL before any process is made:
 *   other_label   the entry names another label
 *   marked_bad    sc_bad is set (the parser reported an error in it)
 *   io_count      sc_nr_io is larger than the array
 *   ipc_count     sc_nr_ipc is negative
 *   ipc_label     an ipc label without its NUL
 *   bad_ipc_kind  sc_ipc is not one of SC_IPC_*
 * Then good: the same entry unchanged is accepted (ping starts under the label rsconf, and
 * the program stops it with RS_DOWN).
 * Prints "rsconf: <case> ok" or "rsconf: <case> FAILED: answer A" per case, then
 * "rsconf: N ok, M failed"; the exit status is 0 only if every case passed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>

static int passed, failed;
static struct rs_start rs;

/* The good request: /service/ping labelled rsconf, an entry with the basic calls only. */
static void
good_start(void)
{
	memset(&rs, 0, sizeof(rs));
	strcpy(rs.path, "/service/ping");
	strcpy(rs.label, "rsconf");
	strcpy(rs.args, "rsconf");
	strcpy(rs.conf.sc_label, "rsconf");
	rs.conf.sc_ipc = SC_IPC_ALL;
	rs.conf.sc_uid = rs.conf.sc_priority = rs.conf.sc_quantum = -1;
}

/* Send type to RS about rs (RS_UP) or the label (RS_DOWN): RS's answer. */
static int
rs_call(int type)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_rs_req.addr = (uint32_t)&rs;
	m.m_rs_req.len = sizeof(rs);
	strcpy(m.m_rs_req.label, "rsconf");
	if ((r = ipc_sendrec(RS_PROC_NR, &m)) != 0)
		return r;
	return m.m_type;
}

static void
expect(const char *name, int want)
{
	int r = rs_call(RS_UP);

	if (r == want) {
		printf("rsconf: %s ok\n", name);
		passed++;
	} else {
		printf("rsconf: %s FAILED: answer %d (expected %d)\n", name, r, want);
		failed++;
	}
	good_start();
}

int
main(void)
{
	good_start();
	strcpy(rs.conf.sc_label, "ping");
	expect("other_label", -EINVAL);
	rs.conf.sc_bad = 1;
	expect("marked_bad", -EINVAL);
	rs.conf.sc_nr_io = SC_MAX_RANGES + 1;
	expect("io_count", -EINVAL);
	rs.conf.sc_ipc = SC_IPC_LIST;
	rs.conf.sc_nr_ipc = -1;
	expect("ipc_count", -EINVAL);
	rs.conf.sc_ipc = SC_IPC_LIST;
	rs.conf.sc_nr_ipc = 1;
	memset(rs.conf.sc_ipc_to[0], 'x', SC_LABEL_LEN);
	expect("ipc_label", -EINVAL);
	rs.conf.sc_ipc = 7;
	expect("bad_ipc_kind", -EINVAL);
	expect("good", 0);
	if (rs_call(RS_DOWN) != 0) {
		printf("rsconf: RS_DOWN of rsconf FAILED\n");
		failed++;
	}
	printf("rsconf: %d ok, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
