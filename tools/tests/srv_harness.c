/*
 * srv_harness.c - host harness for the shared server loop (lib/libsys/srv.c) and the file
 * servers' dispatch step (lib/libsys/fsreq.c), built and run by test_srv.py.
 *
 * The two files are compiled unchanged for the host, against the real headers; the kernel
 * underneath is replaced by stubs: sef_receive_status() hands out a scripted queue of
 * messages (then a receive error), ipc_sendnb() records what would have been sent, and
 * sef_reply_receive() (the REPLYREC loop) sends its answer that way, then receives.  Each
 * check prints "ok NAME" or "FAIL NAME: why"; the exit status is the number of failures.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/fsreq.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/srv.h>

static int failures;

static void
check(const char *name, int ok, const char *why)
{
	if (ok)
		printf("ok %s\n", name);
	else
		printf("FAIL %s: %s\n", name, why), failures++;
}

/* ---- the stubs -------------------------------------------------------------------------- */
#define QMAX 8
static struct { message m; int status; } queue[QMAX];
static int q_len, q_next, recv_error = -EINTR;
static message sent[QMAX];
static endpoint_t sent_to[QMAX];
static int n_sent;

static void
script(endpoint_t src, int type, int status)
{
	memset(&queue[q_len].m, 0, sizeof(message));
	queue[q_len].m.m_source = src;
	queue[q_len].m.m_type = type;
	queue[q_len].status = status;
	q_len++;
}

static void
reset(void)
{
	q_len = q_next = n_sent = 0;
}

int
sef_receive_status(endpoint_t src, message *m, int *status)
{
	(void)src;
	if (q_next == q_len)
		return recv_error;
	*m = queue[q_next].m;
	*status = queue[q_next].status;
	q_next++;
	return OK;
}

int
ipc_sendnb(endpoint_t dst, message *m)
{
	sent_to[n_sent] = dst;
	sent[n_sent++] = *m;
	return OK;
}

/* REPLYREC as SEF makes it: the answer in m to `to` (unless NONE), then the receive. */
static int n_replyrec_answers;

int
sef_reply_receive(endpoint_t to, message *m, int *status, int *reply_r)
{
	*reply_r = OK;
	if (to != NONE) {
		n_replyrec_answers++;
		ipc_sendnb(to, m);
	}
	return sef_receive_status(ANY, m, status);
}

/* ---- a server's hooks ------------------------------------------------------------------- */
static int n_dispatch, n_notify, n_after, n_reply_hook, next_result;
static int hook_to, hook_result;

static int
handler(message *m)
{
	m->m_source = 7;                /* a handler may reuse the message */
	return next_result;
}

typedef int (*t_handler_t)(message *m);
SRV_ROW_TYPE(t_call, t_handler_t);

static const struct t_call t_calls[] = {
	[0] = { "T_ZERO", srv_anyone, handler },
	[2] = { "T_TWO", srv_pm_only, handler },
};

static int
t_dispatch(message *m, int status)
{
	const struct t_call *c = SRV_ROW(t_calls, SRV_NR(t_calls), TEST_RQ_BASE, m->m_type);
	int r;

	n_dispatch++;
	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	return c->handler(m);
}

static void
t_notify(const message *m)
{
	(void)m;
	n_notify++;
}

static void
t_after(void)
{
	n_after++;
}

static void
t_reply(endpoint_t to, message *m, int result)
{
	(void)m;
	n_reply_hook++;
	hook_to = to, hook_result = result;
}

static const struct srv_ops ops = { "t", t_dispatch, NULL, t_notify, t_after };
static const struct srv_ops ops_bare = { "t", t_dispatch, NULL, NULL, NULL };
static const struct srv_ops ops_hook = { "t", t_dispatch, t_reply, NULL, NULL };

static int
admit(int type, endpoint_t src, int status)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_source = src, m.m_type = type;
	return SRV_ADMIT(SRV_ROW(t_calls, SRV_NR(t_calls), TEST_RQ_BASE, type), &m, status);
}

static void
test_predicates(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_source = 42;
	check("anyone_user", srv_anyone(&m, 0), "a process refused");
	check("anyone_not_kernel", !srv_anyone(&m, IPC_FLG_MSG_FROM_KERNEL), "kernel admitted");
	check("kernel_only", srv_kernel_only(&m, IPC_FLG_MSG_FROM_KERNEL) &&
	      !srv_kernel_only(&m, 0), "wrong answer");
	check("pm_only_other", !srv_pm_only(&m, 0), "42 admitted as PM");
	check("vfs_only_other", !srv_vfs_only(&m, 0), "42 admitted as VFS");
	m.m_source = PM_PROC_NR;
	check("pm_only_pm", srv_pm_only(&m, 0), "PM refused");
	check("pm_only_not_kernel", !srv_pm_only(&m, IPC_FLG_MSG_FROM_KERNEL),
	      "the kernel on PM's behalf admitted");
	m.m_source = VFS_PROC_NR;
	check("vfs_only_vfs", srv_vfs_only(&m, 0) && !srv_pm_only(&m, 0), "wrong answer");
}

static void
test_rows(void)
{
	check("row_below", admit(TEST_RQ_BASE - 1, 42, 0) == -ENOSYS, "not ENOSYS");
	check("row_hole", admit(TEST_RQ_BASE + 1, 42, 0) == -ENOSYS, "not ENOSYS");
	check("row_past_end", admit(TEST_RQ_BASE + 3, 42, 0) == -ENOSYS, "not ENOSYS");
	check("row_anyone", admit(TEST_RQ_BASE, 42, 0) == OK, "refused");
	check("row_refused", admit(TEST_RQ_BASE + 2, 42, 0) == -EPERM, "not EPERM");
	check("row_pm", admit(TEST_RQ_BASE + 2, PM_PROC_NR, 0) == OK, "PM refused");
}

static void
test_loop(void)
{
	reset();
	n_dispatch = n_notify = n_after = 0;
	script(CLOCK, NOTIFY_MESSAGE, NOTIFY);
	srv_serve_one(&ops);
	check("notify_hook", n_notify == 1 && n_dispatch == 0 && n_sent == 0 && n_after == 1,
	      "a notification was dispatched or answered, or a hook not run");

	reset();
	next_result = 5;
	script(42, TEST_RQ_BASE, 0);
	srv_serve_one(&ops);
	check("answer_to_sender", n_sent == 1 && sent_to[0] == 42 && sent[0].m_type == 5,
	      "not one answer to the saved sender with the handler's result");

	reset();
	next_result = -EDONTREPLY;
	script(42, TEST_RQ_BASE, 0);
	srv_serve_one(&ops);
	check("dontreply", n_sent == 0, "answered");

	reset();
	script(42, TEST_RQ_BASE + 9, 0);
	srv_serve_one(&ops);
	check("unknown_enosys", n_sent == 1 && sent[0].m_type == -ENOSYS, "not ENOSYS");

	reset();
	script(42, TEST_RQ_BASE + 2, 0);
	srv_serve_one(&ops);
	check("refused_eperm", n_sent == 1 && sent[0].m_type == -EPERM, "not EPERM");

	reset();
	n_dispatch = 0;
	script(42, TEST_RQ_BASE + 9, IPC_FLG_MSG_FROM_KERNEL);
	srv_serve_one(&ops);
	check("kernel_never_answered", n_dispatch == 1 && n_sent == 0,
	      "not dispatched, or answered");

	reset();
	n_dispatch = 0;
	script(42, NOTIFY_MESSAGE, NOTIFY);
	srv_serve_one(&ops_bare);
	check("notify_ignored", n_dispatch == 0 && n_sent == 0, "dispatched or answered");

	reset();
	n_dispatch = 0;
	script(42, NOTIFY_MESSAGE, SENDREC);
	srv_serve_one(&ops_bare);
	check("notify_type_by_sendrec_answered", n_sent == 1 && sent[0].m_type == -ENOSYS,
	      "a SENDREC carrying NOTIFY_MESSAGE in m_type was not answered ENOSYS");

	reset();
	next_result = 3;
	script(42, TEST_RQ_BASE, 0);
	srv_serve_one(&ops_hook);
	check("reply_hook", n_reply_hook == 1 && hook_to == 42 && hook_result == 3 && n_sent == 0,
	      "the reply hook was not used as given");

	reset();
	n_dispatch = 0;
	next_result = OK;
	script(42, TEST_RQ_BASE, 0);
	script(43, TEST_RQ_BASE, 0);
	n_replyrec_answers = 0;
	check("loop_returns_error", srv_loop(&ops_bare) == -EINTR && n_dispatch == 2 &&
	      n_sent == 2, "wrong return, or not every message served");
	check("loop_answers_with_next_receive", n_replyrec_answers == 2 && sent_to[0] == 42 &&
	      sent_to[1] == 43 && sent[0].m_type == OK,
	      "a loop without reply or after hook did not answer through sef_reply_receive()");
}

/* ---- fs_dispatch ------------------------------------------------------------------------ */
static int fs_calls_made;
static uint32_t seen_ino;
static int out_was_zero;

static int
fs_handler(struct fsreq *q)
{
	static const mess_fs_reply zero;

	fs_calls_made++;
	seen_ino = q->in->ino;
	out_was_zero = memcmp(q->out, &zero, sizeof(zero)) == 0;
	q->out->ino = 99;
	return OK;
}

#define FS_ROW(type) [(type) - FS_BASE] = { #type, srv_vfs_only, fs_handler }
static const struct fs_call fs_calls[] = { FS_ROW(REQ_READSUPER), FS_ROW(REQ_LOOKUP) };

static int
fs(endpoint_t src, int type, int mounted, message *m)
{
	memset(m, 0, sizeof(*m));
	m->m_source = src, m->m_type = type;
	m->m_fs_req.ino = 1234;
	m->m_fs_req.count = 77;
	return fs_dispatch(fs_calls, SRV_NR(fs_calls), mounted, m, 0);
}

static void
test_fs_dispatch(void)
{
	message m;
	int r;

	fs_calls_made = 0;
	r = fs(42, REQ_LOOKUP, 1, &m);
	check("fs_not_vfs", r == -EPERM && fs_calls_made == 0, "not EPERM, or handled");
	check("fs_unknown", fs(VFS_PROC_NR, FS_BASE + 99, 1, &m) == -ENOSYS, "not ENOSYS");
	r = fs(VFS_PROC_NR, REQ_LOOKUP, 0, &m);
	check("fs_before_mount", r == -EINVAL && fs_calls_made == 0, "not EINVAL, or handled");
	r = fs(VFS_PROC_NR, REQ_READSUPER, 0, &m);
	check("fs_readsuper_unmounted", r == OK && fs_calls_made == 1, "not handled");
	r = fs(VFS_PROC_NR, REQ_LOOKUP, 1, &m);
	check("fs_payload", r == OK && seen_ino == 1234 && out_was_zero &&
	      m.m_fs_reply.ino == 99 && m.m_fs_reply.count == 0,
	      "request not copied, reply not zeroed, or handler's reply lost");
}

int
main(void)
{
	test_predicates();
	test_rows();
	test_loop();
	test_fs_dispatch();
	return failures;
}
