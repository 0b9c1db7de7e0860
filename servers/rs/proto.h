/*
 * proto.h - RS's functions, by file.
 */
#ifndef RS_PROTO_H
#define RS_PROTO_H

#include <minnow/ipc.h>
#include <minnow/sef.h>
#include "glo.h"

/* main.c */
void rs_dispatch(message *m, int status);
void rs_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* boot.c */
int rs_boot(int type, sef_init_info_t *info);
void boot_check_done(void);

/* init.c */
int send_init(struct rproc *rp, int type);
void do_init_ready(message *m);

/* request.c */
void rs_request(message *m);

/* resources.c */
void grant_resources(struct rproc *rp);

/* signal.c */
int rs_signal_manager(endpoint_t target, int signo);
void rs_cleanup(struct rproc *rp);

/* table.c */
struct rproc *rs_alloc(void);
struct rproc *rs_by_endpoint(endpoint_t ep);
struct rproc *rs_by_name(const char *name);
const char *rs_errname(int r);

#endif
