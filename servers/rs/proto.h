/*
 * proto.h - RS's functions, by file.
 */
#ifndef RS_PROTO_H
#define RS_PROTO_H

#include <minnow/ipc.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include "glo.h"

/** An RS request handler: the answer (m_type of the reply), or -EDONTREPLY. */
typedef int (*rs_handler_t)(message *m);
/** One row of RS's call table (table.c). */
SRV_ROW_TYPE(rs_call, rs_handler_t);

/* main.c */
extern const struct srv_ops rs_ops;
void rs_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* boot.c */
int rs_boot(int type, sef_init_info_t *info);
void boot_check_done(void);
void rs_conf_spec(const struct rproc *rp, struct priv_spec *ps);

/* ipc.c */
void rs_conf_targets(const struct rproc *rp, struct priv_spec *ps);
void rs_sync_ipc(void);

/* init.c */
int send_init(struct rproc *rp, int type);
int do_init_ready(message *m);

/* table.c */
int rs_dispatch(message *m, int status);

/* rproc.c */
int rs_restartable(const struct rproc *rp);

/* request.c */
int do_getsysinfo(message *m);
int rs_system_only(const message *m, int status);
int rs_root_or_system(const message *m, int status);
void rs_reply(endpoint_t to, message *m, int result);

/* up.c */
int do_up(message *m);
int rs_read_start(const message *m, struct rs_start *rs);
int up_init_answered(struct rproc *rp, int result, message *m);
int rs_set_privileges(struct rproc *rp, const struct rs_privs *pr);
int pm_srv_kill(endpoint_t ep);
void up_unpublish(struct rproc *rp);
void rs_answer(struct rproc *rp, int result);
int rs_start_instance(struct rproc *rp, int type);
int rs_spawn(const char *path, const char *args, endpoint_t *ep, int *pid);
int rs_make_copy(struct rproc *rp, endpoint_t *ep, int *pid);
int rs_create_held(struct rproc *rp);

/* down.c */
int do_down(message *m);
int do_lookup(message *m);
int down_alarm(void);
int rs_stop(struct rproc *rp, endpoint_t caller, int flags);
void rs_arm_alarm(void);
void rs_alarm_rang(void);
void service_gone(struct rproc *rp, int signo);
struct rproc *rs_by_label(const char *label);
int rs_label_of(const message *m, struct rproc **rpp);

/* pci.c */
void rs_pci_publish(struct rproc *rp);
void rs_pci_unpublish(struct rproc *rp);
void rs_pci_publish_all(struct rproc *pci);
int rs_pci_answer(const message *m, int status);

/* refresh.c */
int do_refresh(message *m);
void refresh_gone(struct rproc *rp, int signo);

/* edit.c */
int do_edit(message *m);

/* shutdown.c */
int do_shutdown(message *m);

/* dev.c */
int dev_check(const struct rs_start *rs);
int dev_map(struct rproc *rp);
/** Map a restarted socket driver's domain again (VFS ends its old sockets). */
void dev_restarted(struct rproc *rp);

/* restart.c */
void service_died(struct rproc *rp, int signo);
void restart_init_failed(struct rproc *rp, int result);
void restart_init_ok(struct rproc *rp);
void restart_now(struct rproc *rp);
void restart_abandon(struct rproc *rp);
int restart_alarm(void);
int do_restart(message *m);
int restart_refresh(struct rproc *rp);

/* replica.c */
int replica_make(struct rproc *rp);
int replica_swap(struct rproc *rp);
void replica_drop(struct rproc *rp);
int do_clone(message *m);

/* heartbeat.c */
uint32_t heartbeat_period(uint32_t ticks);
void heartbeat_start(struct rproc *rp);
void heartbeat_answer(struct rproc *rp);
int heartbeat_alarm(void);

/* script.c */
int script_run(struct rproc *rp);
/* update.c (live update) */
int do_update(message *m);
int do_lu_prepare(message *m);
int update_init_answered(struct rproc *rp, int result, message *m);
int update_alarm(void);
int update_pong(endpoint_t source);
int update_signal(endpoint_t target, int signo);
int rs_updating(const struct rproc *rp);

/* update_core.c (what differs when VM is updated; the privilege copy) */
int update_is_vm(const struct rproc *rp);
int update_vm_create(struct rproc *tmp);
int update_swap(endpoint_t old, endpoint_t new);
void update_vm_commit(void);
int rs_copy_privileges(endpoint_t from, endpoint_t to, endpoint_t sig_mgr);

/* update_self.c (RS updates itself) */
int update_self(message *m, const struct rs_start *req);
int rs_lu_init(int type, sef_init_info_t *info);
int rs_lu_response(message *m);
void update_self_finish(void);

/* variant*.c: which RS program this is (the rollback tests' failing versions) */
int rs_variant_lu_init(void);

/* resources.c */
void grant_resources(struct rproc *rp);
void grant_resources_to(struct rproc *rp, endpoint_t ep);

/* signal.c */
int rs_signal_manager(endpoint_t target, int signo);
void rs_cleanup(struct rproc *rp);

/* rproc.c */
struct rproc *rs_alloc(void);
struct rproc *rs_by_endpoint(endpoint_t ep);
struct rproc *rs_by_name(const char *name);
const char *rs_errname(int r);
void rs_report_death(const char *label, endpoint_t ep, int signo);

#endif
