/*
 * map.c - mapped-memory values (DSF_TYPE_MAP): publish, retrieve and delete a range of the
 * publisher's pages without DS ever copying it (handouts/ds.md,
 * "Mapped memory").
 *
 * The publisher grants DS its page-aligned range with CPF_MAP | CPF_READ (| CPF_WRITE) and
 * publishes the grant and the size.  DS keeps them in the entry (map_ep, map_grant, length)
 * and checks the grant by reading the range's first and last byte.  A retriever gets an
 * indirect grant DS makes for it over the publisher's grant, which it passes to
 * sys_safemap() with DS as the granter: the kernel follows the chain to the publisher's
 * pages, and VM records DS and that grant id as the granter of the mapping.  So DS can take
 * every retriever's mapping back with sys_saferevmap_gid() on its own grants: it does that,
 * and revokes them, when the entry is overwritten or deleted, or when the publisher's label
 * goes (the publisher died; delete_entry calls map_forget).
 *
 * DS's grants live in map_grants, one per (entry, retriever): a retriever asking again gets
 * the same grant back.  The table is small and its rows are freed only with their entry, so
 * a retriever that dies leaves its row until then; ENOMEM when it is full.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/** DS's indirect grants to retrievers of mapped values. */
#define NR_MAP_GRANTS   (4 * NR_SYS_PROCS)

/** One grant DS made to a retriever over a publisher's grant. */
struct map_grant {
	struct data_store *entry;       /**< the entry (NULL: the row is free) */
	endpoint_t to;                  /**< the retriever */
	cp_grant_id_t id;               /**< DS's grant id */
};

static struct map_grant map_grants[NR_MAP_GRANTS];

/* Take back every mapping made through DS's grants over entry dsp, and revoke them. */
void
map_forget(struct data_store *dsp)
{
	struct map_grant *mg;
	int r;

	for (mg = map_grants; mg < map_grants + NR_MAP_GRANTS; mg++) {
		if (mg->entry != dsp)
			continue;
		if ((r = sys_saferevmap_gid(mg->id)) != OK)
			printf("ds: saferevmap of grant %d for %s: %d\n", mg->id, dsp->key, r);
		cpf_revoke(mg->id);
		memset(mg, 0, sizeof(*mg));
	}
}

/* DS's grant to retriever `to` over entry dsp (made now if it has none); GRANT_INVALID
 * if the table is full or the grant cannot be made. */
static cp_grant_id_t
grant_for(struct data_store *dsp, endpoint_t to)
{
	struct map_grant *mg, *free_row = NULL;

	for (mg = map_grants; mg < map_grants + NR_MAP_GRANTS; mg++) {
		if (mg->entry == dsp && mg->to == to)
			return mg->id;
		if (mg->entry == NULL && free_row == NULL)
			free_row = mg;
	}
	if (free_row == NULL)
		return GRANT_INVALID;
	free_row->id = cpf_grant_indirect(to, dsp->map_ep, dsp->map_grant);
	if (free_row->id == GRANT_INVALID)
		return GRANT_INVALID;
	free_row->entry = dsp;
	free_row->to = to;
	return free_row->id;
}

/* The publisher's grant and size in m are sound: a page multiple, and DS can read the
 * first and the last byte through the grant.  OK or an error. */
static int
check_grant(const message *m)
{
	uint32_t size = m->m_ds.val_len;
	char byte;
	int r;

	if (size == 0 || size % DS_MAP_PAGE != 0 || size > DS_MAX_MAPLEN)
		return -EINVAL;
	r = sys_safecopyfrom(m->m_source, m->m_ds.val_grant, 0, (vir_bytes)&byte, 1);
	if (r == OK)
		r = sys_safecopyfrom(m->m_source, m->m_ds.val_grant, size - 1, (vir_bytes)&byte, 1);
	return r;
}

/* The entry to (re)publish key in for owner: a fresh one, or the owner's old one (whose
 * mappings are taken back; its grant into *old).  NULL with the error in *r. */
static struct data_store *
entry_for(const message *m, const char *key, const char *owner, cp_grant_id_t *old, int *r)
{
	struct data_store *dsp = lookup_entry(key, DSF_TYPE_MAP);

	*r = OK;
	if (dsp != NULL) {
		if (!(m->m_ds.flags & DSF_OVERWRITE))
			*r = -EEXIST;
		else if (strcmp(dsp->owner, owner) != 0)
			*r = -EPERM;
		if (*r != OK)
			return NULL;
		map_forget(dsp);
		*old = dsp->map_grant;
		return dsp;
	}
	if ((dsp = alloc_entry()) == NULL) {
		*r = -ENOMEM;
		return NULL;
	}
	memset(dsp, 0, sizeof(*dsp));
	strlcpy(dsp->key, key, sizeof(dsp->key));
	strlcpy(dsp->owner, owner, sizeof(dsp->owner));
	return dsp;
}

int
do_publish_map(message *m)
{
	const char *owner = caller_label(m->m_source);
	cp_grant_id_t old = GRANT_INVALID;
	char key[DS_MAX_KEYLEN];
	struct data_store *dsp;
	int r;

	if (owner == NULL)
		return -EPERM;
	if ((r = get_key(m, key)) != OK || (r = check_grant(m)) != OK)
		return r;
	if ((dsp = entry_for(m, key, owner, &old, &r)) == NULL)
		return r;
	dsp->flags = DSF_IN_USE | DSF_TYPE_MAP | (m->m_ds.flags & DSF_MASK_INTERNAL & ~DSF_IN_USE);
	dsp->map_ep = m->m_source;
	dsp->map_grant = m->m_ds.val_grant;
	dsp->map_write = (m->m_ds.flags & DSF_MAP_WRITE) != 0;
	dsp->length = m->m_ds.val_len;
	m->m_ds.val_grant = old;
	check_subscribers(dsp);
	return OK;
}

int
do_retrieve_map(message *m)
{
	const char *who = caller_label(m->m_source);
	char key[DS_MAX_KEYLEN];
	struct data_store *dsp;
	cp_grant_id_t g;
	int r;

	if ((r = get_key(m, key)) != OK)
		return r;
	if ((dsp = lookup_entry(key, DSF_TYPE_MAP)) == NULL)
		return -ESRCH;
	if ((dsp->flags & DSF_PRIV_RETRIEVE) && (who == NULL || strcmp(who, dsp->owner) != 0))
		return -EPERM;
	if ((g = grant_for(dsp, m->m_source)) == GRANT_INVALID)
		return -ENOMEM;
	m->m_ds.val_grant = g;
	m->m_ds.val_len = dsp->length;
	m->m_ds.owner = dsp->map_ep;
	m->m_ds.flags = DSF_TYPE_MAP | (dsp->map_write ? DSF_MAP_WRITE : 0);
	return OK;
}

int
do_delete_map(message *m)
{
	const char *who = caller_label(m->m_source);
	char key[DS_MAX_KEYLEN];
	struct data_store *dsp;
	cp_grant_id_t g;
	int r;

	if (who == NULL)
		return -EPERM;
	if ((r = get_key(m, key)) != OK)
		return r;
	if ((dsp = lookup_entry(key, DSF_TYPE_MAP)) == NULL)
		return -ESRCH;
	if (strcmp(who, dsp->owner) != 0)
		return -EPERM;
	g = dsp->map_grant;
	delete_entry(dsp);
	m->m_ds.val_grant = g;
	return OK;
}
