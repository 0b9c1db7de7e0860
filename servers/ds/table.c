/*
 * table.c - DS's call table: message type (minnow/ds.h) -> handler, and who may send it.
 *
 * Every request may come from anyone (a user process asks DS_GETSYSINFO; the handlers check
 * what a caller may touch: a key's owner, a subscriber's label).  A publish, retrieve or
 * delete of a mapped-memory value (DSF_TYPE_MAP) goes to map.c, of any other type to
 * store.c.  A type without a row is answered ENOSYS (minnow/srv.h).
 *
 * Entry point: ds_dispatch(), the dispatch hook of the loop (main.c).
 */
#include <minnow/srv.h>
#include "proto.h"

/* A request about a mapped-memory value (map.c)? */
static int
is_map(const message *m)
{
	return (m->m_ds.flags & DSF_MASK_TYPE) == DSF_TYPE_MAP;
}

static int
publish(message *m)
{
	int r;

	if ((r = owner_quota(m)) != OK)
		return r;	/* DS_OWNER_MAX entries already (store.c) */
	return is_map(m) ? do_publish_map(m) : do_publish(m);
}

static int
retrieve(message *m)
{
	return is_map(m) ? do_retrieve_map(m) : do_retrieve(m);
}

static int
delete(message *m)
{
	return is_map(m) ? do_delete_map(m) : do_delete(m);
}

#define CALL(type, handler, who) [(type) - DS_RQ_BASE] = { #type, (who), (handler) }

static const struct ds_call ds_calls[] = {
	CALL(DS_PUBLISH,        publish,           srv_anyone), /* store.c, map.c */
	CALL(DS_RETRIEVE,       retrieve,          srv_anyone), /* store.c, map.c */
	CALL(DS_RETRIEVE_LABEL, do_retrieve_label, srv_anyone), /* store.c */
	CALL(DS_DELETE,         delete,            srv_anyone), /* store.c, map.c */
	CALL(DS_SUBSCRIBE,      do_subscribe,      srv_anyone), /* subscribe.c */
	CALL(DS_CHECK,          do_check,          srv_anyone), /* subscribe.c */
	CALL(DS_GETSYSINFO,     do_getsysinfo,     srv_anyone), /* sysinfo.c */
};

int
ds_dispatch(message *m, int status)
{
	const struct ds_call *c = SRV_ROW(ds_calls, SRV_NR(ds_calls), DS_RQ_BASE, m->m_type);
	int r;

	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	return c->handler(m);
}
