/*
 * driver_priv.h - what the files of lib/libdriver share: the open-minor table and the reply
 * helper.
 */
#ifndef LIBDRIVER_PRIV_H
#define LIBDRIVER_PRIV_H

#include <minnow/driver.h>

/* Remember that minor has been opened by this driver instance. */
void driver_mark_open(devminor_t minor);
/* Send reply m (type and payload filled in) to dst, the way the request came (ipc_status). */
void driver_send_reply(endpoint_t dst, message *m, int ipc_status);

#endif /* LIBDRIVER_PRIV_H */
