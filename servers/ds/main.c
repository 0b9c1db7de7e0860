/*
 * main.c - DS, the data store: start-up and the request loop (handouts/ds.md).
 *
 * DS's SEF fresh init (store.c, ds_init) registers a label for every service in RS's public
 * table; its restart init (restart.c, ds_restart) keeps the store of the instance that
 * died.  Then DS serves requests through the shared loop (srv_loop, minnow/srv.h): each is
 * dispatched through its call table (table.c) and answered with the result in m_type by a
 * non-blocking send (a client waits in its sendrec, and DS must never block on one):
 *   DS_PUBLISH, DS_RETRIEVE, DS_RETRIEVE_LABEL, DS_DELETE   store.c
 *   DS_SUBSCRIBE, DS_CHECK                                  subscribe.c
 *   DS_GETSYSINFO (anyone, users included)                  sysinfo.c
 *   DS_PUBLISH, DS_RETRIEVE, DS_DELETE of DSF_TYPE_MAP      map.c
 * Anything else is answered ENOSYS; notifications are ignored.
 */
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

static const struct srv_ops ds_ops = {
	.name = "ds",
	.dispatch = ds_dispatch,
};

int
main(void)
{
	sef_setcb_init_fresh(ds_init);
	sef_setcb_init_restart(ds_restart);
	sef_setcb_init_lu(ds_restart);
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&ds_ops));
}
