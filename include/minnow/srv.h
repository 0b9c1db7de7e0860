/**
 * @file srv.h
 * @brief The request loop every server shares (lib/libsys/srv.c) and the shape of a
 *        server's call table.
 *
 * Every server (PM, VFS, MFS, PFS, DS, RS, VM) has the same three parts:
 *
 * - `main.c` sets up SEF (sef_setcb_*, sef_startup()) and calls srv_loop() with a
 *   struct srv_ops naming its hooks;
 * - `table.c` holds its call table, one row per message type: the handler, who may send it
 *   (a srv_caller_t predicate) and the type's name; and its dispatch hook, which finds the
 *   row (SRV_ROW()), checks the caller (SRV_ADMIT()) and calls the handler;
 * - the handlers, one C signature per server (PM: `int (message *)`, VFS: `int (struct
 *   fproc *, message *)`, MFS and PFS: `int (struct fsreq *)`, ...).
 *
 * **The loop** (srv_loop(), one message per srv_serve_one()):
 * 1. Receive from ANY through SEF (sef_receive_status(): SEF's own events -- RS_INIT, pings,
 *    kernel signals -- never reach the server).  A receive error ends the loop: srv_loop()
 *    returns it and the server decides (most panic).
 * 2. A notification (delivered by the NOTIFY call: IPC_STATUS_CALL(status) == NOTIFY) goes
 *    to the notify hook, or is ignored without one.  It is never answered.  A request that
 *    merely carries NOTIFY_MESSAGE in m_type (sent with SENDREC, say) is not a notification:
 *    it is dispatched like any other and answered (ENOSYS), so its sender never hangs.
 * 3. Any other message goes to the dispatch hook with its IPC status word.  Its result is
 *    the answer: OK, a count, or a negated errno -- -ENOSYS for a type with no row, -EPERM
 *    for a sender the row refuses.  **-EDONTREPLY means "no answer now"**: the handler kept
 *    the request and answers later (PM and VFS call that SUSPEND), answered by itself
 *    (another way than a plain reply, e.g. VM's sys_vmctl), or its sender expects no
 *    answer.
 * 4. The answer goes to the sender the message came from (saved before dispatch, so a
 *    handler may reuse the message for its out fields) through the reply hook; without one,
 *    srv_reply(): m_type = result, then a non-blocking send (ipc_sendnb), since the sender
 *    waits in SENDREC and a server must never block on a client.  A message the kernel sent
 *    on a process's behalf (IPC_FLG_MSG_FROM_KERNEL: VM's page faults and forwarded
 *    safemap calls) is never answered by the loop: the kernel is not waiting for a reply.
 * 5. The after hook, if any, runs after every message (VM's bookkeeping checks).
 *
 * A server with neither a reply hook nor an after hook (DS, VFS, MFS, PFS, the PCI server)
 * sends the srv_reply() answer of step 4 in the same trap as the next receive of step 1:
 * sef_reply_receive(), one REPLYREC instead of a SENDNB and a RECEIVE (handouts/ipc.md,
 * "REPLYREC"); what the client sees, and the console line of an answer nobody waited for,
 * are the same.
 *
 * **Who may call.**  Each row names a predicate on the message and its status word:
 * srv_anyone (any process: users included, never the kernel), srv_kernel_only,
 * srv_pm_only, srv_vfs_only, srv_rs_only, or one of the server's own (RS: system services
 * only; VFS: character drivers only).  m_source is filled in by the kernel, so it cannot
 * be forged.
 */
#ifndef MINNOW_SRV_H
#define MINNOW_SRV_H

#include <minnow/errno.h>
#include <minnow/ipc.h>

/** Who may send a request: nonzero if message @p m, received with IPC status word
 *  @p status, may use the row. */
typedef int (*srv_caller_t)(const message *m, int status);

/** Any process, users included; never the kernel on a process's behalf. */
int srv_anyone(const message *m, int status);
/** Only the kernel on a process's behalf (IPC_FLG_MSG_FROM_KERNEL; m_source is that
 *  process). */
int srv_kernel_only(const message *m, int status);
/** Only PM (PM_PROC_NR), not through the kernel. */
int srv_pm_only(const message *m, int status);
/** Only VFS (VFS_PROC_NR), not through the kernel. */
int srv_vfs_only(const message *m, int status);
/** Only RS (RS_PROC_NR), not through the kernel. */
int srv_rs_only(const message *m, int status);

/**
 * Declare `struct tag`, a row of a server's call table: the fields every server's rows
 * share (name, may_call) and the server's own @p handler_type (a typedef'd pointer to
 * function).  Tables are arrays indexed by message type minus the protocol's base; a row
 * without a handler is a hole.
 */
#define SRV_ROW_TYPE(tag, handler_type)                                                 \
	struct tag {                                                                    \
		const char *name;       /* the message type's name, for diagnostics */  \
		srv_caller_t may_call;  /* who may send it */                           \
		handler_type handler;   /* what handles it */                           \
	}

/** Rows in a call table defined (not only declared) in the same file. */
#define SRV_NR(table)   (sizeof(table) / sizeof((table)[0]))

/** The row of message type @p type in @p table (@p nr rows, row 0 is type @p base), or
 *  NULL if @p type is outside the table or its row is a hole. */
#define SRV_ROW(table, nr, base, type)                                                  \
	((unsigned)((type) - (base)) < (unsigned)(nr) &&                                \
	 (table)[(type) - (base)].handler != NULL ? &(table)[(type) - (base)] : NULL)

/** May message @p m (status word @p status) use row @p row?  OK; -ENOSYS without a row;
 *  -EPERM if the row refuses the sender. */
#define SRV_ADMIT(row, m, status)                                                       \
	((row) == NULL ? -ENOSYS : srv_admit_row((row)->name, (row)->may_call, (m), (status)))

/** What SRV_ADMIT() does for a row @p name with predicate @p may_call: OK or -EPERM.  A
 *  refused message from the kernel is reported on the console (it cannot be answered). */
int srv_admit(const char *name, srv_caller_t may_call, const message *m, int status);

/** srv_admit()'s refusal: report a message from the kernel (as srv_admit() does);
 *  -EPERM. */
int srv_refuse(const char *name, const message *m, int status);

/** srv_admit(), inline: the predicate is called straight from the dispatch hook, and
 *  srv_anyone's test (the commonest row) is made without a call; only a refusal is a call
 *  (srv_refuse()). */
static inline int
srv_admit_row(const char *name, srv_caller_t may_call, const message *m, int status)
{
	if (may_call == srv_anyone ? !(status & IPC_FLG_MSG_FROM_KERNEL)
				     : (may_call != NULL && may_call(m, status)))
		return OK;
	return srv_refuse(name, m, status);
}

/** A server's hooks for srv_loop(). */
struct srv_ops {
	/** The server's name in diagnostics ("vm"). */
	const char *name;
	/** Handle request @p m (IPC status word @p status): the answer, or -EDONTREPLY.
	 *  Required. */
	int (*dispatch)(message *m, int status);
	/** Answer @p to with @p result and the out fields in @p m (NULL: srv_reply()). */
	void (*reply)(endpoint_t to, message *m, int result);
	/** A notification arrived (NULL: ignore notifications). */
	void (*notify)(const message *m);
	/** Runs after every message (NULL: nothing). */
	void (*after)(void);
};

/** Receive one message (through SEF) and handle it as the file comment says.  OK, or the
 *  receive error (nothing was handled). */
int srv_serve_one(const struct srv_ops *ops);
/** Handle @p m, received earlier with IPC status word @p status, as srv_serve_one() would
 *  have (a server that received it while waiting for something else: VFS, bdev.c). */
void srv_serve_msg(const struct srv_ops *ops, message *m, int status);
/** Serve messages forever; returns only a receive error (from srv_serve_one()). */
int srv_loop(const struct srv_ops *ops);
/** The default answer: m_type = @p result, then ipc_sendnb() to @p to; a sender that is
 *  not waiting loses its answer (a console line names @p name and @p to). */
void srv_reply(const char *name, endpoint_t to, message *m, int result);

#endif /* MINNOW_SRV_H */
