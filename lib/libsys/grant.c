/*
 * grant.c - the granter's side of memory grants: the grant table and the cpf_* calls
 * (include/minnow/grant.h; the entry layout and id encoding are in minnow/safecopies.h).
 *
 * The table is an array of cp_grant_t in this process's memory.  It starts as
 * NR_STATIC_GRANTS static entries, announced to the kernel with sys_setgrant() when the
 * first grant is made.  When every slot is in use it doubles: a new array from malloc(), the
 * old entries copied over, sys_setgrant() for the new place, and only then the old array
 * freed, so the kernel never sees a table that is not the current one.
 *
 * A slot is free while CPF_USED is clear.  Handing it out bumps its generation (cp_gen), so
 * the new id differs from every id the slot had before; revoking clears its flags and keeps
 * the generation.  grant_hint keeps the search for a free slot from starting at 0 each time
 * (a service making GRANT_MAX_ENTRIES grants would otherwise scan quadratically).  An entry
 * is filled with CPF_USED alone, its fields written, and CPF_VALID set last: a copy
 * attempted in between (the kernel reads the table whenever the grantee asks) sees a slot
 * that grants nothing rather than half a grant.
 *
 * Errors: the id-returning calls give GRANT_INVALID and set errno (EINVAL, ENOSPC, or the
 * error sys_setgrant() returned); the others return OK or a negated error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/grant.h>
#include <minnow/syslib.h>

/* Entries the table starts with, before it ever needs malloc(). */
#define NR_STATIC_GRANTS 4

static cp_grant_t static_table[NR_STATIC_GRANTS];
static cp_grant_t *grant_table;         /* NULL until the first grant */
static int grant_entries;
static int grant_hint;                  /* every slot below it is in use */

/* Keep the compiler from moving the stores before this point past the ones after it. */
#define publish_barrier() __asm__ __volatile__("" ::: "memory")

/* Announce table/entries to the kernel and make it ours; OK or a negated error. */
static int
install_table(cp_grant_t *table, int entries)
{
	int r = sys_setgrant(table, entries);

	if (r != OK)
		return r;
	if (grant_table != NULL && grant_table != static_table)
		free(grant_table);
	grant_table = table;
	grant_entries = entries;
	return OK;
}

/* Make room for at least one more grant: first use, or double the table. */
static int
grow_table(void)
{
	cp_grant_t *table;
	int entries, r;

	if (grant_table == NULL)
		return install_table(static_table, NR_STATIC_GRANTS);
	entries = grant_entries * 2;
	if (entries > GRANT_MAX_ENTRIES)
		return -ENOSPC;
	if ((table = malloc((size_t)entries * sizeof(*table))) == NULL)
		return -ENOSPC;
	memcpy(table, grant_table, (size_t)grant_entries * sizeof(*table));
	memset(table + grant_entries, 0, (size_t)(entries - grant_entries) * sizeof(*table));
	if ((r = install_table(table, entries)) != OK)
		free(table);
	return r;
}

/* Hand out a free slot (CPF_USED, next generation); its index, or a negated error. */
static int
alloc_slot(void)
{
	int i, r;

	for (i = grant_hint; i < grant_entries; i++)
		if (!(grant_table[i].cp_flags & CPF_USED))
			break;
	if (i == grant_entries && (r = grow_table()) != OK)
		return r;
	grant_hint = i + 1;
	/* after growing, slot i (the first new one) is free */
	grant_table[i].cp_flags = CPF_USED;
	grant_table[i].cp_gen = (grant_table[i].cp_gen + 1) & GRANT_GEN_MASK;
	return i;
}

/* The slot of a live id of our table (CPF_USED, same generation), or -1. */
static int
slot_of(cp_grant_id_t grant)
{
	int i = GRANT_INDEX(grant);

	if (grant < 0 || i >= grant_entries || !(grant_table[i].cp_flags & CPF_USED) ||
	    grant_table[i].cp_gen != GRANT_GEN(grant))
		return -1;
	return i;
}

/* Access bits a caller may ask for: READ and/or WRITE, optionally MAP and TRY. */
static int
access_ok(int access)
{
	return (access & CPF_ACCESS) != 0 &&
	       (access & ~(CPF_ACCESS | CPF_MAP | CPF_TRY)) == 0;
}

/* Fill slot i as a direct grant and make it valid. */
static void
fill_direct(int i, endpoint_t grantee, vir_bytes addr, size_t bytes, int access)
{
	cp_grant_t *g = &grant_table[i];

	g->cp_flags = CPF_USED;
	publish_barrier();
	memset(&g->cp_u, 0, sizeof(g->cp_u));
	g->cp_u.cp_direct.cp_who_to = grantee;
	g->cp_u.cp_direct.cp_start = addr;
	g->cp_u.cp_direct.cp_len = bytes;
	publish_barrier();
	g->cp_flags = CPF_USED | CPF_VALID | CPF_DIRECT | access;
}

/* Fill slot i as an indirect grant and make it valid. */
static void
fill_indirect(int i, endpoint_t grantee, endpoint_t from, cp_grant_id_t grant)
{
	cp_grant_t *g = &grant_table[i];

	g->cp_flags = CPF_USED;
	publish_barrier();
	memset(&g->cp_u, 0, sizeof(g->cp_u));
	g->cp_u.cp_indirect.cp_who_to = grantee;
	g->cp_u.cp_indirect.cp_who_from = from;
	g->cp_u.cp_indirect.cp_grant = grant;
	publish_barrier();
	g->cp_flags = CPF_USED | CPF_VALID | CPF_INDIRECT;
}

/* Common failure of the id-returning calls: errno from a negated error. */
static cp_grant_id_t
grant_failed(int r)
{
	errno = r < 0 ? -r : r;
	return GRANT_INVALID;
}

cp_grant_id_t
cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t bytes, int access)
{
	int i;

	if (!access_ok(access) || addr + bytes < addr)
		return grant_failed(-EINVAL);
	if ((i = alloc_slot()) < 0)
		return grant_failed(i);
	fill_direct(i, grantee, addr, bytes, access);
	return GRANT_ID(i, grant_table[i].cp_gen);
}

cp_grant_id_t
cpf_grant_indirect(endpoint_t grantee, endpoint_t from, cp_grant_id_t grant)
{
	int i;

	if (grant < 0)
		return grant_failed(-EINVAL);
	if ((i = alloc_slot()) < 0)
		return grant_failed(i);
	fill_indirect(i, grantee, from, grant);
	return GRANT_ID(i, grant_table[i].cp_gen);
}

cp_grant_id_t
cpf_grant_magic(endpoint_t grantee, endpoint_t granter, vir_bytes addr, size_t bytes,
	int access)
{
	cp_grant_t *g;
	int i;

	if (!access_ok(access) || addr + bytes < addr)
		return grant_failed(-EINVAL);
	if ((i = alloc_slot()) < 0)
		return grant_failed(i);
	g = &grant_table[i];
	memset(&g->cp_u, 0, sizeof(g->cp_u));
	g->cp_u.cp_magic.cp_who_from = granter;
	g->cp_u.cp_magic.cp_who_to = grantee;
	g->cp_u.cp_magic.cp_start = addr;
	g->cp_u.cp_magic.cp_len = bytes;
	publish_barrier();
	g->cp_flags = CPF_USED | CPF_VALID | CPF_MAGIC | access;
	return GRANT_ID(i, g->cp_gen);
}

int
cpf_revoke(cp_grant_id_t grant)
{
	int i = slot_of(grant);

	if (i < 0)
		return -EINVAL;
	grant_table[i].cp_flags = 0;	/* the generation stays: the next user bumps it */
	if (i < grant_hint)
		grant_hint = i;
	return OK;
}

int
cpf_getgrants(cp_grant_id_t *grants, int n)
{
	int got, i;

	for (got = 0; got < n; got++) {
		if ((i = alloc_slot()) < 0) {
			errno = -i;
			break;
		}
		grants[got] = GRANT_ID(i, grant_table[i].cp_gen);
	}
	return got;
}

int
cpf_setgrant_direct(cp_grant_id_t grant, endpoint_t grantee, vir_bytes addr, size_t bytes,
	int access)
{
	int i = slot_of(grant);

	if (i < 0 || !access_ok(access) || addr + bytes < addr)
		return -EINVAL;
	fill_direct(i, grantee, addr, bytes, access);
	return OK;
}

int
cpf_setgrant_indirect(cp_grant_id_t grant, endpoint_t grantee, endpoint_t from,
	cp_grant_id_t from_grant)
{
	int i = slot_of(grant);

	if (i < 0 || from_grant < 0)
		return -EINVAL;
	fill_indirect(i, grantee, from, from_grant);
	return OK;
}

int
cpf_setgrant_disable(cp_grant_id_t grant)
{
	int i = slot_of(grant);

	if (i < 0)
		return -EINVAL;
	grant_table[i].cp_flags = CPF_USED;
	return OK;
}

int
cpf_reload(void)
{
	if (grant_table == NULL)
		return OK;
	return sys_setgrant(grant_table, grant_entries);
}

int
cpf_table_size(void)
{
	return grant_entries;
}
