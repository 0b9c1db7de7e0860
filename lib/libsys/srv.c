/*
 * srv.c - the request loop every server shares, and the caller predicates of call tables
 * (minnow/srv.h, whose file comment is the specification).
 *
 * Entry points: srv_loop() (main.c of every server; a server without its own reply function
 * or after-hook answers and receives the next request in one REPLYREC trap), srv_serve_one() (one message: RS
 * also serves messages while it waits for a boot service's init), srv_serve_msg() (one
 * message received earlier: VFS's deferred ones), srv_reply() (the default answer),
 * srv_admit() and srv_refuse() (the refusal of SRV_ADMIT(), which admits inline), and the
 * predicates srv_anyone, srv_kernel_only, srv_pm_only, srv_vfs_only, srv_rs_only (a
 * server's table.c).
 */
#include <stdio.h>
#include <minnow/endpoint.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/srv.h>

/* Did the kernel send m on a process's behalf? */
static int
from_kernel(int status)
{
	return (status & IPC_FLG_MSG_FROM_KERNEL) != 0;
}

int
srv_anyone(const message *m, int status)
{
	(void)m;
	return !from_kernel(status);
}

int
srv_kernel_only(const message *m, int status)
{
	(void)m;
	return from_kernel(status);
}

int
srv_pm_only(const message *m, int status)
{
	return !from_kernel(status) && m->m_source == PM_PROC_NR;
}

int
srv_vfs_only(const message *m, int status)
{
	return !from_kernel(status) && m->m_source == VFS_PROC_NR;
}

int
srv_rs_only(const message *m, int status)
{
	return !from_kernel(status) && m->m_source == RS_PROC_NR;
}

int
srv_refuse(const char *name, const message *m, int status)
{
	if (from_kernel(status))
		printf("srv_admit: %s from the kernel (for %d) refused\n", name, m->m_source);
	return -EPERM;
}

int
srv_admit(const char *name, srv_caller_t may_call, const message *m, int status)
{
	return srv_admit_row(name, may_call, m, status);	/* one rule, inline or not */
}

/* The console line of an answer to a caller that was not waiting (r: why). */
static void
answer_dropped(const char *name, endpoint_t to, int r)
{
	printf("%s: %d is not waiting for its answer (%d); dropped\n", name, to, r);
}

void
srv_reply(const char *name, endpoint_t to, message *m, int result)
{
	int r;

	m->m_type = result;
	if ((r = ipc_sendnb(to, m)) != OK)
		answer_dropped(name, to, r);
}

/* Steps 2 and 3 of minnow/srv.h for m (received with status word status): a notification
 * to the notify hook, anything else to the dispatch hook.  Whom to answer with *result
 * (NONE: nobody).  Inline: srv_loop() runs it for every message of every server. */
static inline __attribute__((always_inline)) endpoint_t
handle(const struct srv_ops *ops, message *m, int status, int *result)
{
	endpoint_t who = m->m_source;

	if (IPC_STATUS_CALL(status) == NOTIFY) {
		if (ops->notify != NULL)
			ops->notify(m);
		return NONE;
	}
	if ((*result = ops->dispatch(m, status)) == -EDONTREPLY || from_kernel(status))
		return NONE;
	return who;
}

/* Handle m as minnow/srv.h says: handle(), the answer, the after hook. */
static inline __attribute__((always_inline)) void
serve(const struct srv_ops *ops, message *m, int status)
{
	int r;
	endpoint_t who = handle(ops, m, status, &r);

	if (who != NONE) {
		if (ops->reply != NULL)
			ops->reply(who, m, r);
		else
			srv_reply(ops->name, who, m, r);
	}
	if (ops->after != NULL)
		ops->after();
}

void
srv_serve_msg(const struct srv_ops *ops, message *m, int status)
{
	serve(ops, m, status);
}

int
srv_serve_one(const struct srv_ops *ops)
{
	message m;
	int r, status;

	if ((r = sef_receive_status(ANY, &m, &status)) != OK)
		return r;
	serve(ops, &m, status);
	return OK;
}

/* serve() for a server without reply or after hook, the answer not sent: whom m, the
 * answer (srv_reply()'s m_type = result), goes to (NONE: nobody). */
static inline __attribute__((always_inline)) endpoint_t
serve_later(const struct srv_ops *ops, message *m, int status)
{
	int r;
	endpoint_t who = handle(ops, m, status, &r);

	if (who != NONE)
		m->m_type = r;
	return who;
}

/* srv_loop() of a server without its own reply function or after-hook: each answer goes
 * out with the next receive, one REPLYREC trap (sef_reply_receive()). */
static int
loop_replyrec(const struct srv_ops *ops)
{
	endpoint_t to = NONE;
	message m;
	int r, status, reply_r;

	for (;;) {
		r = sef_reply_receive(to, &m, &status, &reply_r);
		if (reply_r != OK)
			answer_dropped(ops->name, to, reply_r);
		if (r != OK)
			return r;
		to = serve_later(ops, &m, status);
	}
}

int
srv_loop(const struct srv_ops *ops)
{
	message m;
	int r, status;

	if (ops->reply == NULL && ops->after == NULL)
		return loop_replyrec(ops);
	while ((r = sef_receive_status(ANY, &m, &status)) == OK)
		serve(ops, &m, status);
	return r;
}
