/*
 * subscribe.c - DS's subscriptions: subscribe, check, and telling subscribers about changes.
 *
 * A subscription belongs to one service (its label) and holds a pattern (regex.c, matched
 * against whole keys), the types it wants and a bitmap over the entries: a set bit means
 * "this entry changed since you last looked".  Publishing or overwriting an entry sets its
 * bit in every subscription that matches and may see it (an entry with DSF_PRIV_SUBSCRIBE
 * is seen only by its owner) and notifies the subscriber; deleting one clears the bit and
 * notifies too, so the subscriber's next retrieve finds the entry gone.
 *
 *   DS_SUBSCRIBE  regex (the key fields), flags: types (0: all), DSF_INITIAL (flag every
 *                 matching entry now), DSF_OVERWRITE (replace the caller's subscription).
 *                 ESRCH (caller has no label), EINVAL (bad regex or type bits), EEXIST
 *                 (already subscribed, no DSF_OVERWRITE), EAGAIN (table full)
 *   DS_CHECK      one changed entry: its key into the buffer grant, its type in flags, its
 *                 owner's endpoint in owner (NONE if the owner has no label any more);
 *                 ESRCH (no label or no subscription), ENOENT (nothing changed)
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

struct subscription ds_subs[NR_DS_SUBS];

static int
entry_index(const struct data_store *dsp)
{
	return (int)(dsp - ds_store);
}

/* Does subscription sp want to hear about entry dsp? */
static int
sub_matches(const struct subscription *sp, const struct data_store *dsp)
{
	if (!(sp->flags & DSF_IN_USE) || !(sp->flags & dsp->flags & DSF_MASK_TYPE))
		return 0;
	if ((dsp->flags & DSF_PRIV_SUBSCRIBE) && strcmp(sp->owner, dsp->owner) != 0)
		return 0;
	return regex_match(sp->regex, dsp->key);
}

/* The endpoint of the service labelled label, or NONE. */
static endpoint_t
endpoint_of(const char *label)
{
	struct data_store *dsp = lookup_entry(label, DSF_TYPE_LABEL);

	return dsp != NULL ? (endpoint_t)dsp->u32 : NONE;
}

static void
notify_owner(const struct subscription *sp)
{
	endpoint_t ep = endpoint_of(sp->owner);

	if (ep != NONE)
		ipc_notify(ep);
}

void
check_subscribers(struct data_store *dsp)
{
	struct subscription *sp;

	for (sp = ds_subs; sp < ds_subs + NR_DS_SUBS; sp++) {
		if (!sub_matches(sp, dsp))
			continue;
		sp->changed[entry_index(dsp) / 32] |= 1u << (entry_index(dsp) % 32);
		notify_owner(sp);
	}
}

void
forget_entry(struct data_store *dsp)
{
	struct subscription *sp;

	for (sp = ds_subs; sp < ds_subs + NR_DS_SUBS; sp++) {
		if (!sub_matches(sp, dsp))
			continue;
		sp->changed[entry_index(dsp) / 32] &= ~(1u << (entry_index(dsp) % 32));
		notify_owner(sp);
	}
}

void
drop_subscriptions(const char *owner)
{
	struct subscription *sp;

	for (sp = ds_subs; sp < ds_subs + NR_DS_SUBS; sp++)
		if ((sp->flags & DSF_IN_USE) && strcmp(sp->owner, owner) == 0)
			memset(sp, 0, sizeof(*sp));
}

/* The subscription of the service labelled owner, or NULL. */
struct subscription *
sub_of(const char *owner)
{
	struct subscription *sp;

	for (sp = ds_subs; sp < ds_subs + NR_DS_SUBS; sp++)
		if ((sp->flags & DSF_IN_USE) && strcmp(sp->owner, owner) == 0)
			return sp;
	return NULL;
}

/* A free subscription slot, or NULL. */
struct subscription *
alloc_sub(void)
{
	struct subscription *sp;

	for (sp = ds_subs; sp < ds_subs + NR_DS_SUBS; sp++)
		if (!(sp->flags & DSF_IN_USE))
			return sp;
	return NULL;
}

/* Flag every existing entry sp matches (DSF_INITIAL); notify once if any. */
void
flag_existing(struct subscription *sp)
{
	struct data_store *dsp;
	int any = 0;

	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++) {
		if (!(dsp->flags & DSF_IN_USE) || !sub_matches(sp, dsp))
			continue;
		sp->changed[entry_index(dsp) / 32] |= 1u << (entry_index(dsp) % 32);
		any = 1;
	}
	if (any)
		notify_owner(sp);
}

int
do_subscribe(message *m)
{
	/* LAB(ds) BEGIN: subscribe: check the caller and the regex, (re)place the subscription */
	const char *owner = caller_label(m->m_source);
	int types = m->m_ds.flags & DSF_MASK_TYPE, r;
	char regex[DS_MAX_KEYLEN];
	struct subscription *sp;

	if (owner == NULL)
		return -ESRCH;
	if (types & ~(DSF_TYPE_U32 | DSF_TYPE_STR | DSF_TYPE_MEM | DSF_TYPE_LABEL))
		return -EINVAL;
	if (types == 0)
		types = DSF_TYPE_U32 | DSF_TYPE_STR | DSF_TYPE_MEM | DSF_TYPE_LABEL;
	if (m->m_ds.key_len < 2 || m->m_ds.key_len > DS_MAX_KEYLEN)
		return -EINVAL;
	r = sys_safecopyfrom(m->m_source, m->m_ds.key_grant, 0, (vir_bytes)regex,
			     m->m_ds.key_len);
	if (r != OK)
		return r;
	regex[m->m_ds.key_len - 1] = '\0';
	if (!regex_valid(regex))
		return -EINVAL;
	if ((sp = sub_of(owner)) != NULL) {
		if (!(m->m_ds.flags & DSF_OVERWRITE))
			return -EEXIST;
	} else if ((sp = alloc_sub()) == NULL) {
		return -EAGAIN;
	}
	memset(sp, 0, sizeof(*sp));
	sp->flags = DSF_IN_USE | types;
	strlcpy(sp->owner, owner, sizeof(sp->owner));
	strlcpy(sp->regex, regex, sizeof(sp->regex));
	if (m->m_ds.flags & DSF_INITIAL)
		flag_existing(sp);
	return OK;
	/* LAB(ds) STUB */
	//~ (void)m;
	//~ return -ENOSYS;	/* lab ds: do_subscribe() is not implemented yet */
	/* LAB(ds) END */
}

int
do_check(message *m)
{
	/* LAB(ds) BEGIN: check: hand out one changed entry of the caller's subscription */
	const char *owner = caller_label(m->m_source);
	struct subscription *sp;
	struct data_store *dsp;
	int i;

	if (owner == NULL || (sp = sub_of(owner)) == NULL)
		return -ESRCH;
	for (i = 0; i < NR_DS_KEYS; i++)
		if (sp->changed[i / 32] & (1u << (i % 32)))
			break;
	if (i == NR_DS_KEYS)
		return -ENOENT;
	sp->changed[i / 32] &= ~(1u << (i % 32));
	dsp = &ds_store[i];
	if (m->m_ds.val_len < strlen(dsp->key) + 1)
		return -EINVAL;
	m->m_ds.flags = dsp->flags & DSF_MASK_TYPE;
	m->m_ds.owner = endpoint_of(dsp->owner);
	return sys_safecopyto(m->m_source, m->m_ds.val_grant, 0, (vir_bytes)dsp->key,
			      strlen(dsp->key) + 1);
	/* LAB(ds) STUB */
	//~ (void)m;
	//~ return -ENOSYS;	/* lab ds: do_check() is not implemented yet */
	/* LAB(ds) END */
}
