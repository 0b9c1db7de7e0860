/*
 * netdriver_priv.h - what libnetdriver's two files share (lib/libnetdriver): the driver's
 * table, the instance's state, the reply path and the request handlers.
 */
#ifndef NETDRIVER_PRIV_H
#define NETDRIVER_PRIV_H

#include <minnow/netdriver.h>

extern const struct netdriver *ndr_table;       /* the card code (netdriver_task) */
extern int ndr_card;            /* ndr_init's result: OK, an error, or 1 (not tried yet) */

/* netdriver.c */
void ndr_reply(endpoint_t dst, message *m, int ipc_status);

/* request.c */
void ndr_do_writev(message *m, int ipc_status);
void ndr_do_readv(message *m, int ipc_status);
void ndr_forget_stored(void);

#endif /* NETDRIVER_PRIV_H */
