/*
 * store.c - DS's entries: init, publish, retrieve, delete (handouts/ds.md, "Entries and who
 * may touch them").
 *
 * Who is calling: a caller is known by its label, the label entry whose endpoint is the
 * caller's (caller_label).  Label entries are written by RS only; at init DS creates one,
 * owned by "rs", for every service in RS's public table (read through the grant in
 * RS_INIT).  Keys and values arrive through the caller's grants (sys_safecopyfrom) and
 * retrieved values leave through them (sys_safecopyto).
 *
 *   DS_PUBLISH   key, flags (type, DSF_OVERWRITE, privacy), value or value grant and length:
 *                EPERM (caller has no label; a label from anyone but RS; overwriting
 *                another service's entry), EINVAL (key length, type, value length), EEXIST
 *                (exists, no DSF_OVERWRITE), ENOSPC (a new key past the caller's
 *                DS_OWNER_MAX: owner_quota, checked before any publish, map.c's too),
 *                ENOMEM (table full, no memory for the value)
 *   DS_RETRIEVE  key, type, buffer grant and size: ESRCH (no such entry), EPERM (private
 *                entry of another service); strings are cut to the buffer, NUL-terminated;
 *                memory: val_len = bytes copied (the smaller of value and buffer)
 *   DS_RETRIEVE_LABEL  endpoint in `owner`, buffer grant: the label (ESRCH if none)
 *   DS_DELETE    key, type: EPERM (no label; not the owner; a label from anyone but RS),
 *                ESRCH; subscribers of the entry are notified.  Deleting a label also
 *                deletes the service's entries and subscriptions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

struct data_store ds_store[NR_DS_KEYS];
endpoint_t ds_rs = NONE;

/* The label entry of endpoint ep, or NULL. */
static struct data_store *
label_of(endpoint_t ep)
{
	struct data_store *dsp;

	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		if ((dsp->flags & DSF_IN_USE) && (dsp->flags & DSF_TYPE_LABEL) &&
		    (endpoint_t)dsp->u32 == ep)
			return dsp;
	return NULL;
}

/* The caller's label, or NULL if it has none (it is not a service). */
const char *
caller_label(endpoint_t ep)
{
	struct data_store *dsp = label_of(ep);

	return dsp != NULL ? dsp->key : NULL;
}

struct data_store *
lookup_entry(const char *key, int type)
{
	struct data_store *dsp;

	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		if ((dsp->flags & DSF_IN_USE) && (dsp->flags & type) && strcmp(dsp->key, key) == 0)
			return dsp;
	return NULL;
}

/* A free entry, or NULL. */
struct data_store *
alloc_entry(void)
{
	struct data_store *dsp;

	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		if (!(dsp->flags & DSF_IN_USE))
			return dsp;
	return NULL;
}

/* Entries (labels not counted) owned by the service labelled owner. */
static int
entries_of(const char *owner)
{
	struct data_store *dsp;
	int n = 0;

	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		n += (dsp->flags & DSF_IN_USE) && !(dsp->flags & DSF_TYPE_LABEL) &&
		     strcmp(dsp->owner, owner) == 0;
	return n;
}

/* Would publish m make a new entry past the caller's DS_OWNER_MAX?  ENOSPC if so, else OK
 * (also for a request do_publish refuses anyway: no label, a bad key). */
int
owner_quota(message *m)
{
	const char *owner = caller_label(m->m_source);
	int type = m->m_ds.flags & DSF_MASK_TYPE;
	char key[DS_MAX_KEYLEN];

	if (owner == NULL || type == DSF_TYPE_LABEL || get_key(m, key) != OK)
		return OK;
	if (lookup_entry(key, type) != NULL || entries_of(owner) < DS_OWNER_MAX)
		return OK;
	return -ENOSPC;
}

/* Copy the request's key in: OK, or EINVAL (length) / the copy's error. */
int
get_key(message *m, char *key)
{
	int len = m->m_ds.key_len, r;

	if (len < DS_MIN_KEYLEN + 1 || len > DS_MAX_KEYLEN)
		return -EINVAL;
	r = sys_safecopyfrom(m->m_source, m->m_ds.key_grant, 0, (vir_bytes)key, len);
	if (r != OK)
		return r;
	key[len - 1] = '\0';
	return strlen(key) < DS_MIN_KEYLEN ? -EINVAL : OK;
}

/* The one type bit of flags, or 0 if there is not exactly one known type. */
static int
type_of(int flags)
{
	int t = flags & DSF_MASK_TYPE;

	if (t == DSF_TYPE_U32 || t == DSF_TYPE_STR || t == DSF_TYPE_MEM || t == DSF_TYPE_LABEL)
		return t;
	return 0;
}

/* Store m's value in dsp (copying strings and memory in). */
int
set_value(struct data_store *dsp, message *m, int type)
{
	size_t len = m->m_ds.val_len;
	void *buf;
	int r;

	if (type == DSF_TYPE_U32 || type == DSF_TYPE_LABEL) {
		dsp->u32 = m->m_ds.value;
		return OK;
	}
	if (len == 0 || len > DS_MAX_VALLEN)
		return -EINVAL;
	if (len > dsp->capacity) {
		if ((buf = malloc(len)) == NULL)
			return -ENOMEM;
		free(dsp->data);
		dsp->data = buf;
		dsp->capacity = len;
	}
	r = sys_safecopyfrom(m->m_source, m->m_ds.val_grant, 0, (vir_bytes)dsp->data, len);
	if (r != OK)
		return r;
	if (type == DSF_TYPE_STR)
		((char *)dsp->data)[len - 1] = '\0';
	dsp->length = len;
	return OK;
}

int
do_publish(message *m)
{
	/* LAB(ds) BEGIN: publish a key: checks, store the value, tell the subscribers */
	const char *owner = caller_label(m->m_source);
	int type = type_of(m->m_ds.flags), r;
	char key[DS_MAX_KEYLEN];
	struct data_store *dsp;

	if (owner == NULL)
		return -EPERM;
	if (type == 0)
		return -EINVAL;
	if (type == DSF_TYPE_LABEL && m->m_source != ds_rs)
		return -EPERM;
	if ((r = get_key(m, key)) != OK)
		return r;
	if ((dsp = lookup_entry(key, type)) != NULL) {
		if (!(m->m_ds.flags & DSF_OVERWRITE))
			return -EEXIST;
		if (strcmp(dsp->owner, owner) != 0)
			return -EPERM;
	} else if ((dsp = alloc_entry()) == NULL) {
		return -ENOMEM;
	} else {
		memset(dsp, 0, sizeof(*dsp));
		strlcpy(dsp->key, key, sizeof(dsp->key));
		strlcpy(dsp->owner, owner, sizeof(dsp->owner));
	}
	if ((r = set_value(dsp, m, type)) != OK) {
		if (!(dsp->flags & DSF_IN_USE))
			free(dsp->data), dsp->data = NULL;
		return r;
	}
	dsp->flags = DSF_IN_USE | type | (m->m_ds.flags & DSF_MASK_INTERNAL & ~DSF_IN_USE);
	check_subscribers(dsp);
	return OK;
	/* LAB(ds) STUB */
	//~ (void)m;
	//~ return -ENOSYS;	/* lab ds: do_publish() is not implemented yet */
	/* LAB(ds) END */
}

/* Copy a string value (slen bytes, NUL included) into a buffer of val_len bytes, cut to
 * fit and always NUL-terminated; val_len becomes the bytes written. */
static int
copy_str_out(message *m, const char *s, size_t slen)
{
	size_t len = m->m_ds.val_len;
	int cut = slen > len, r;

	if (len == 0)
		return -EINVAL;
	r = sys_safecopyto(m->m_source, m->m_ds.val_grant, 0, (vir_bytes)s, cut ? len - 1 : slen);
	if (r == OK && cut)
		r = sys_safecopyto(m->m_source, m->m_ds.val_grant, len - 1, (vir_bytes)"", 1);
	m->m_ds.val_len = cut ? len : slen;
	return r;
}

int
do_retrieve(message *m)
{
	const char *who = caller_label(m->m_source);
	int type = type_of(m->m_ds.flags), r;
	char key[DS_MAX_KEYLEN];
	struct data_store *dsp;
	size_t n;

	if (type == 0)
		return -EINVAL;
	if ((r = get_key(m, key)) != OK)
		return r;
	if ((dsp = lookup_entry(key, type)) == NULL)
		return -ESRCH;
	if ((dsp->flags & DSF_PRIV_RETRIEVE) && (who == NULL || strcmp(who, dsp->owner) != 0))
		return -EPERM;
	if (type == DSF_TYPE_U32 || type == DSF_TYPE_LABEL) {
		m->m_ds.value = dsp->u32;
		return OK;
	}
	if (type == DSF_TYPE_STR)
		return copy_str_out(m, dsp->data, dsp->length);
	n = dsp->length < m->m_ds.val_len ? dsp->length : m->m_ds.val_len;
	m->m_ds.val_len = n;
	return sys_safecopyto(m->m_source, m->m_ds.val_grant, 0, (vir_bytes)dsp->data, n);
}

int
do_retrieve_label(message *m)
{
	struct data_store *dsp = label_of(m->m_ds.owner);

	if (dsp == NULL)
		return -ESRCH;
	return copy_str_out(m, dsp->key, strlen(dsp->key) + 1);
}

/* Remove entry dsp, telling its subscribers (a mapped value's mappings go: map.c). */
void
delete_entry(struct data_store *dsp)
{
	if (dsp->flags & DSF_TYPE_MAP)
		map_forget(dsp);
	forget_entry(dsp);
	free(dsp->data);
	memset(dsp, 0, sizeof(*dsp));
}

/* A label goes: its service's entries and subscriptions go with it. */
static void
delete_service(const char *label)
{
	struct data_store *dsp;

	drop_subscriptions(label);
	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		if ((dsp->flags & DSF_IN_USE) && !(dsp->flags & DSF_TYPE_LABEL) &&
		    strcmp(dsp->owner, label) == 0)
			delete_entry(dsp);
}

int
do_delete(message *m)
{
	const char *who = caller_label(m->m_source);
	int type = type_of(m->m_ds.flags), r;
	char key[DS_MAX_KEYLEN];
	struct data_store *dsp;

	if (who == NULL)
		return -EPERM;
	if (type == 0)
		return -EINVAL;
	if ((r = get_key(m, key)) != OK)
		return r;
	if ((dsp = lookup_entry(key, type)) == NULL)
		return -ESRCH;
	if (type == DSF_TYPE_LABEL ? m->m_source != ds_rs : strcmp(who, dsp->owner) != 0)
		return -EPERM;
	if (type == DSF_TYPE_LABEL)
		delete_service(key);
	delete_entry(dsp);
	return OK;
}

/* Register a label entry (owned by "rs") for every service in RS's public table. */
int
ds_init(int type, sef_init_info_t *info)
{
	static struct rprocpub tab[RS_NR_PUB];
	struct data_store *dsp;
	int r, i, n = 0;

	(void)type;
	ds_rs = info->rs_endpoint;
	r = sys_safecopyfrom(info->rs_endpoint, info->rproctab_gid, 0, (vir_bytes)tab,
			     sizeof(tab));
	if (r != OK)
		return r;
	for (i = 0; i < RS_NR_PUB; i++) {
		if (!tab[i].in_use || (dsp = alloc_entry()) == NULL)
			continue;
		memset(dsp, 0, sizeof(*dsp));
		dsp->flags = DSF_IN_USE | DSF_TYPE_LABEL;
		strlcpy(dsp->key, tab[i].label, sizeof(dsp->key));
		strlcpy(dsp->owner, "rs", sizeof(dsp->owner));
		dsp->u32 = (uint32_t)tab[i].endpoint;
		n++;
	}
	printf("ds: %d labels from RS's table\n", n);
	return OK;
}
