/*
 * srv.c - the request loop every server shares, and the caller predicates of call tables
 * (minnow/srv.h, whose file comment is the specification).
 *
 * Entry points: srv_loop() (main.c of every server), srv_serve_one() (one message: RS
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

void
srv_reply(const char *name, endpoint_t to, message *m, int result)
{
	int r;

	m->m_type = result;
	if ((r = ipc_sendnb(to, m)) != OK)
		printf("%s: %d is not waiting for its answer (%d); dropped\n", name, to, r);
}

/* Handle m (received with status word status) as minnow/srv.h says.  Inline: srv_loop()
 * runs it for every message of every server, without a call. */
static inline __attribute__((always_inline)) void
serve(const struct srv_ops *ops, message *m, int status)
{
	endpoint_t who = m->m_source;
	int r;

	if (IPC_STATUS_CALL(status) == NOTIFY) {
		if (ops->notify != NULL)
			ops->notify(m);
	} else if ((r = ops->dispatch(m, status)) != -EDONTREPLY && !from_kernel(status)) {
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

int
srv_loop(const struct srv_ops *ops)
{
	message m;
	int r, status;

	while ((r = sef_receive_status(ANY, &m, &status)) == OK)
		serve(ops, &m, status);
	return r;
}
