/*
 * main.c - DS, the data store: start-up and the request loop (minix-design.md section 10).
 *
 * DS's SEF fresh init (store.c, ds_init) registers a label for every service in RS's public
 * table.  Then each request is handled and answered with the result in m_type (sendnb: a
 * client waits in its sendrec, and DS must never block on one):
 *   DS_PUBLISH, DS_RETRIEVE, DS_RETRIEVE_LABEL, DS_DELETE   store.c
 *   DS_SUBSCRIBE, DS_CHECK                                  subscribe.c
 *   DS_GETSYSINFO (anyone, users included)                  sysinfo.c
 *   DS_PUBLISH, DS_RETRIEVE, DS_DELETE of DSF_TYPE_MAP      map.c
 * Anything else is answered ENOSYS; notifications are ignored.
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* A request about a mapped-memory value (map.c)? */
static int
is_map(const message *m)
{
	return (m->m_ds.flags & DSF_MASK_TYPE) == DSF_TYPE_MAP;
}

static int
handle(message *m)
{
	switch (m->m_type) {
	case DS_PUBLISH:
		return is_map(m) ? do_publish_map(m) : do_publish(m);
	case DS_RETRIEVE:
		return is_map(m) ? do_retrieve_map(m) : do_retrieve(m);
	case DS_RETRIEVE_LABEL:
		return do_retrieve_label(m);
	case DS_DELETE:
		return is_map(m) ? do_delete_map(m) : do_delete(m);
	case DS_SUBSCRIBE:
		return do_subscribe(m);
	case DS_CHECK:
		return do_check(m);
	case DS_GETSYSINFO:
		return do_getsysinfo(m);
	default:
		return -ENOSYS;
	}
}

int
main(void)
{
	message m;
	int r, status;

	sef_setcb_init_fresh(ds_init);
	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK)
			panic("receive failed: %d", r);
		if (m.m_type == NOTIFY_MESSAGE || (status & IPC_FLG_MSG_FROM_KERNEL))
			continue;
		m.m_type = handle(&m);
		if ((r = ipc_sendnb(m.m_source, &m)) != OK)
			printf("ds: cannot answer %d: %d\n", m.m_source, r);
	}
}
