/*
 * cdev_client.h - the character driver protocol (minnow/cdev.h) from the caller's side, for
 * test programs that play VFS to a driver (tty_test, log_test): build a request, send it
 * and check that the reply answers it.
 */
#ifndef TESTS_CDEV_CLIENT_H
#define TESTS_CDEV_CLIENT_H

#include <minnow/ipc.h>

/* Fill m with request type for minor (grant, count, flags), on behalf of the caller, with
 * read and write access and a fresh id. */
void cdev_request(message *m, int type, devminor_t minor, cp_grant_id_t grant, size_t count,
		  int flags);
/* SENDREC m to drv: the reply's status, or -EBADREQUEST if the reply is not the answer
 * (CDEV_SEL1_REPLY for a select, else CDEV_REPLY with m's id). */
int cdev_call(endpoint_t drv, message *m);
/* A request without data (OPEN, CLOSE, ...): the reply's status. */
int cdev_simple(endpoint_t drv, int type, devminor_t minor, int flags);
/* READ or WRITE of size bytes at addr through a direct grant: the reply's status. */
int cdev_rw(endpoint_t drv, int type, devminor_t minor, const void *addr, size_t size,
	    int flags);

#endif /* TESTS_CDEV_CLIENT_H */
