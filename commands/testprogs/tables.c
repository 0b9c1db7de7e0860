/*
 * tables - RS_GETSYSINFO and DS_GETSYSINFO from a user process, errors included.
 *
 * Usage: tables
 * Checks, from an ordinary (user) process, that RS and DS copy their tables into the
 * caller's buffer as whole rows and refuse what they should:
 *   *_rows       a large buffer gets every row (as many as `total`)
 *   *_partial    a buffer of two rows and a half gets two rows
 *   *_count      a zero-length buffer gets no row, but `total`
 *   *_efault     a buffer in the unmapped first page: EFAULT
 *   *_readonly   a buffer in the program's text: EFAULT
 *   *_rowsize    a request with another row size: EINVAL
 *   rs_up_eperm, rs_down_eperm   requests that change services: EPERM for a user process
 *                that is not root (tables gives up root first: setuid(7), as_user)
 *   ds_publish_eperm             DS refuses a publish from a process without a label
 *   pm_srv_fork_eperm, pm_srv_kill_eperm   PM's requests for RS refused to anyone else
 *   unknown_<srv>, notify_type_<srv>   PM, VFS, RS, DS and VM answer a request of a type they
 *                do not know, and a SENDREC carrying NOTIFY_MESSAGE in m_type (which is not
 *                a notification), with ENOSYS: a caller is never left waiting
 * Prints "tables: <case> ok" or "tables: <case> FAILED: <why>" per case, then
 * "tables: N ok, M failed"; the exit status is 0 only if every case passed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include <minnow/sysinfo.h>

#define ROWS 64

static struct rs_svcinfo rs_rows[ROWS];
static struct ds_entryinfo ds_rows[ROWS * 4];
static int passed, failed;
/* In the unmapped first page (volatile: the compiler must not reason about it). */
static volatile uintptr_t bad_addr = 16;

static void
check(const char *name, int ok, const char *fmt, long a, long b)
{
	if (ok) {
		printf("tables: %s ok\n", name);
		passed++;
		return;
	}
	printf("tables: %s FAILED: ", name);
	printf(fmt, a, b);
	printf("\n");
	failed++;
}

/* A call that must fail with errno e. */
static void
expect_errno(const char *name, int r, int e)
{
	check(name, r == -1 && errno == e, "returned %ld, errno %ld", r, r < 0 ? errno : 0);
}

/* A raw request of type to srv (RS or DS) naming the whole table buffer: the answer. */
static int
raw(endpoint_t srv, int type, uint32_t row_size)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	if (srv == DS_PROC_NR) {
		m.m_ds_sysinfo.addr = (uint32_t)(uintptr_t)ds_rows;
		m.m_ds_sysinfo.len = sizeof(ds_rows);
		m.m_ds_sysinfo.row_size = row_size;
	} else {
		m.m_rs_sysinfo.addr = (uint32_t)(uintptr_t)rs_rows;
		m.m_rs_sysinfo.len = sizeof(rs_rows);
		m.m_rs_sysinfo.row_size = row_size;
	}
	r = ipc_sendrec(srv, &m);
	return r != OK ? r : m.m_type;
}

static void
test_rs(void)
{
	unsigned total = 0, total2 = 0;
	int n = getsysinfo_rs(rs_rows, sizeof(rs_rows), &total);

	check("rs_rows", n > 0 && (unsigned)n == total, "%ld rows of %ld", n, (long)total);
	n = getsysinfo_rs(rs_rows, 2 * sizeof(rs_rows[0]) + 10, &total2);
	check("rs_partial", n == 2 && total2 == total, "%ld rows, total %ld", n, (long)total2);
	total2 = 0;
	n = getsysinfo_rs(NULL, 0, &total2);
	check("rs_count", n == 0 && total2 == total, "%ld rows, total %ld", n, (long)total2);
	expect_errno("rs_efault", getsysinfo_rs((void *)bad_addr, sizeof(rs_rows), NULL), EFAULT);
	expect_errno("rs_readonly", getsysinfo_rs((void *)(uintptr_t)check, sizeof(rs_rows), NULL),
		     EFAULT);
	n = raw(RS_PROC_NR, RS_GETSYSINFO, 1);
	check("rs_rowsize", n == -EINVAL, "answer %ld (expected %ld)", n, -EINVAL);
	n = raw(RS_PROC_NR, RS_UP, 0);
	check("rs_up_eperm", n == -EPERM, "answer %ld (expected %ld)", n, -EPERM);
	n = raw(RS_PROC_NR, RS_DOWN, 0);
	check("rs_down_eperm", n == -EPERM, "answer %ld (expected %ld)", n, -EPERM);
}

static void
test_ds(void)
{
	unsigned total = 0, total2 = 0;
	int n = getsysinfo_ds(ds_rows, sizeof(ds_rows), &total);

	check("ds_rows", n > 0 && (unsigned)n == total, "%ld rows of %ld", n, (long)total);
	n = getsysinfo_ds(ds_rows, 2 * sizeof(ds_rows[0]) + 10, &total2);
	check("ds_partial", n == 2 && total2 == total, "%ld rows, total %ld", n, (long)total2);
	total2 = 0;
	n = getsysinfo_ds(NULL, 0, &total2);
	check("ds_count", n == 0 && total2 == total, "%ld rows, total %ld", n, (long)total2);
	expect_errno("ds_efault", getsysinfo_ds((void *)bad_addr, sizeof(ds_rows), NULL), EFAULT);
	expect_errno("ds_readonly", getsysinfo_ds((void *)(uintptr_t)check, sizeof(ds_rows), NULL),
		     EFAULT);
	n = raw(DS_PROC_NR, DS_GETSYSINFO, 1);
	check("ds_rowsize", n == -EINVAL, "answer %ld (expected %ld)", n, -EINVAL);
	n = raw(DS_PROC_NR, DS_PUBLISH, 0);
	check("ds_publish_eperm", n == -EPERM, "answer %ld (expected %ld)", n, -EPERM);
}

/* Requests no server knows: each must be answered ENOSYS, not left unanswered. */
static void
test_unknown(void)
{
	static const struct { const char *name; endpoint_t ep; } srv[] = {
		{ "pm", PM_PROC_NR }, { "vfs", VFS_PROC_NR }, { "rs", RS_PROC_NR },
		{ "ds", DS_PROC_NR }, { "vm", VM_PROC_NR },
	};
	char name[32];
	unsigned i;
	int n;

	n = raw(PM_PROC_NR, PM_SRV_FORK, 0);
	check("pm_srv_fork_eperm", n == -EPERM, "answer %ld (expected %ld)", n, -EPERM);
	n = raw(PM_PROC_NR, PM_SRV_KILL, 0);
	check("pm_srv_kill_eperm", n == -EPERM, "answer %ld (expected %ld)", n, -EPERM);
	for (i = 0; i < sizeof(srv) / sizeof(srv[0]); i++) {
		n = raw(srv[i].ep, 0x7ABC, 0);
		snprintf(name, sizeof(name), "unknown_%s", srv[i].name);
		check(name, n == -ENOSYS, "answer %ld (expected %ld)", n, -ENOSYS);
		n = raw(srv[i].ep, NOTIFY_MESSAGE, 0);
		snprintf(name, sizeof(name), "notify_type_%s", srv[i].name);
		check(name, n == -ENOSYS, "answer %ld (expected %ld)", n, -ENOSYS);
	}
}

int
main(void)
{
	if (getuid() == 0 && setuid(7) != 0)	/* RS lets root change services */
		printf("tables: as_user FAILED: setuid(7): %s\n", strerror(errno));
	test_rs();
	test_ds();
	test_unknown();
	printf("tables: %d ok, %d failed\n", passed, failed);
	return failed != 0;
}
