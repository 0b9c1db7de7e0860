/*
 * sef_priv.h - what the parts of SEF (sef.c, sef_init.c, sef_signal.c) share.
 */
#ifndef SEF_PRIV_H
#define SEF_PRIV_H

#include <minnow/sef.h>

/* The service's endpoint and privilege flags (sys_whoami at sef_startup). */
extern endpoint_t sef_self_endpoint;
extern int sef_self_priv_flags;
/* RS, from RS_INIT's source (RS itself: its own endpoint); NONE before. */
extern endpoint_t sef_rs;

/* RS: run the fresh-init callback locally (sef_init.c). */
void sef_init_local(void);
/* Everyone else: wait for RS_INIT and answer it (sef_init.c). */
void sef_init_wait(void);
/* RS_INIT arriving in the receive loop (VM; a later init): handle it.  Consumed? */
int sef_intercept_init(message *m, int status);
/* Kernel signals and SIGS_SIGNAL_RECEIVED (sef_signal.c).  Consumed? */
int sef_intercept_signal(message *m, int status);

/* RS_LU_PREPARE from RS: cancel, refuse or remember the state (sef_lu.c).  Consumed? */
int sef_intercept_lu(message *m, int status);
/* At each receive: if a prepare is pending and the service is ready, save its state and
 * tell RS, parked until RS answers (sef_lu.c). */
void sef_lu_check(void);
/* Has RS asked for a prepare that sef_lu_check() has not finished? */
int sef_lu_pending(void);

#endif /* SEF_PRIV_H */
