/*
 * driver_priv.h - what the files of lib/libdriver share: the open-minor table and the reply
 * helper.
 */
#ifndef LIBDRIVER_PRIV_H
#define LIBDRIVER_PRIV_H

#include <minnow/driver.h>

/* The open-minor table (driver.c): bit m set when this instance answered OPEN of minor m
 * with OK.  lu.c hands it over to a new version. */
extern uint32_t driver_open_table[(DRIVER_MAX_MINOR + 1) / 32];
/* Send reply m (type and payload filled in) to dst, the way the request came (ipc_status). */
void driver_send_reply(endpoint_t dst, message *m, int ipc_status);

/* The caller check (callers.c): may m's sender make the request m carries?  VFS, the root
 * file server for BDEV_*, or a process the driver's callers= argument names. */
int driver_caller_ok(const message *m);
/* Refuse request m (received with ipc_status): EPERM to a sender in SENDREC, else drop it. */
void driver_refuse(message *m, int ipc_status);

#endif /* LIBDRIVER_PRIV_H */
