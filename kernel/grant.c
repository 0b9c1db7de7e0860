/*
 * grant.c - the kernel's half of memory grants: the permission check behind every safe copy,
 * and the safe copy itself (kernel/grant.h).
 *
 * A granter keeps its grant table (cp_grant_t entries, include/minnow/safecopies.h) in its
 * own memory; sys_setgrant (kernel/system/do_setgrant.c) only records where it is, in the
 * granter's priv (s_grant_table, s_grant_entries).  verify_grant() runs before anything is
 * copied: in safecopy() (at the end of this file; for do_safecopy.c and do_vsafecopy.c), and
 * in do_safememset.c and do_safemap.c.  It reads the entry out of the granter's memory at
 * that very moment, so a revoked grant fails on the next copy, and answers with the address
 * to copy and the process that owns it:
 *
 *  1. the granter must be a live endpoint (EINVAL) and the id non-negative (EINVAL); the
 *     granter must have a grant table (EPERM) with an entry at the id's index (EPERM);
 *  2. the entry is copied out of the granter's memory (unreadable: EPERM); it must be USED
 *     and VALID (EPERM) and carry the id's generation (EPERM: a revoked-and-reused slot);
 *  3. an indirect entry must name the grantee (or ANY) (EPERM); the check then continues
 *     with the grant it passes on: granter := entry's from, id := entry's grant, and the
 *     grantee becomes the old granter.  Following more than GRANT_MAX_INDIRECT indirect
 *     entries is ELOOP (a cycle of indirect grants ends here too);
 *  4. the final entry's access bits must include the requested access (EPERM);
 *  5. direct: the grantee must be named (or ANY) (EPERM: a third party cannot use somebody
 *     else's grant), the granted range must not wrap and offset + bytes must lie inside it,
 *     computed without overflow (EPERM); the copy happens in the granter's memory;
 *  6. magic: only VFS's table may hold a working magic entry (EPERM); grantee and range as
 *     for direct; the copy happens in the memory of the process the entry names;
 *  7. anything else is EPERM.
 *
 * The grantee is always the process making the kernel call: the handlers pass the caller's
 * endpoint, and no message field can name another one, so no process can use a grant on
 * somebody else's behalf (no confused deputy).
 */
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "grant.h"

/* LAB(grants) BEGIN: helpers of the permission check */
/* Steps 1 and 2: copy entry `id` of granter_e's table into *g; OK or a negated error. */
static int
read_grant(endpoint_t granter_e, cp_grant_id_t id, cp_grant_t *g)
{
	struct proc *gp = endpoint_proc(granter_e);
	struct priv *pr;
	int index = GRANT_INDEX(id);

	if (gp == NULL || id < 0)
		return -EINVAL;
	pr = priv(gp);
	if (pr == NULL || !(pr->s_flags & SYS_PROC) || pr->s_grant_table == 0)
		return -EPERM;
	if (index >= pr->s_grant_entries)
		return -EPERM;
	if (vm_copy(gp, pr->s_grant_table + (vir_bytes)index * sizeof(*g), NULL,
		    (vir_bytes)g, sizeof(*g)) != OK)
		return -EPERM;
	if ((g->cp_flags & (CPF_USED | CPF_VALID)) != (CPF_USED | CPF_VALID))
		return -EPERM;
	if (g->cp_gen != GRANT_GEN(id))
		return -EPERM;
	return OK;
}

/* Does an entry naming `who_to` as its grantee let `grantee_e` use it? */
static int
grantee_ok(endpoint_t who_to, endpoint_t grantee_e)
{
	return who_to == grantee_e || who_to == ANY;
}

/* Step 5's range check: [offset, offset + bytes) inside [start, start + len), no overflow. */
static int
range_ok(vir_bytes start, size_t len, vir_bytes offset, size_t bytes)
{
	if (start + len < start)
		return 0;
	return offset <= len && bytes <= len - offset;
}

/* Steps 4-7 for the final (not indirect) entry g of granter_e's table. */
static int
check_final(const cp_grant_t *g, endpoint_t granter_e, endpoint_t grantee_e, size_t bytes,
	int access, vir_bytes offset, vir_bytes *addr, endpoint_t *owner_e)
{
	if ((g->cp_flags & access) != access)
		return -EPERM;
	if (g->cp_flags & CPF_DIRECT) {
		if (!grantee_ok(g->cp_u.cp_direct.cp_who_to, grantee_e) ||
		    !range_ok(g->cp_u.cp_direct.cp_start, g->cp_u.cp_direct.cp_len, offset, bytes))
			return -EPERM;
		*addr = g->cp_u.cp_direct.cp_start + offset;
		*owner_e = granter_e;
		return OK;
	}
	if (g->cp_flags & CPF_MAGIC) {
		if (granter_e != VFS_PROC_NR ||
		    !grantee_ok(g->cp_u.cp_magic.cp_who_to, grantee_e) ||
		    !range_ok(g->cp_u.cp_magic.cp_start, g->cp_u.cp_magic.cp_len, offset, bytes))
			return -EPERM;
		*addr = g->cp_u.cp_magic.cp_start + offset;
		*owner_e = g->cp_u.cp_magic.cp_who_from;
		return OK;
	}
	return -EPERM;
}
/* LAB(grants) STUB */
//~ /* Your helpers for verify_grant() go here (reading an entry, the range check, ...). */
/* LAB(grants) END */

int
verify_grant(endpoint_t granter_e, endpoint_t grantee_e, cp_grant_id_t grant, size_t bytes,
	int access, vir_bytes offset, vir_bytes *addr, endpoint_t *owner_e)
{
	/* LAB(grants) BEGIN: the permission check of every safe copy (steps 1-7 above) */
	cp_grant_t g;
	int r, hops = 0;

	for (;;) {
		if ((r = read_grant(granter_e, grant, &g)) != OK)
			return r;
		if (!(g.cp_flags & CPF_INDIRECT))
			break;
		if (++hops > GRANT_MAX_INDIRECT)
			return -ELOOP;
		if (!grantee_ok(g.cp_u.cp_indirect.cp_who_to, grantee_e))
			return -EPERM;
		grantee_e = granter_e;
		granter_e = g.cp_u.cp_indirect.cp_who_from;
		grant = g.cp_u.cp_indirect.cp_grant;
	}
	return check_final(&g, granter_e, grantee_e, bytes, access, offset, addr, owner_e);
	/* LAB(grants) STUB */
	//~ /* LAB(grants): not implemented: verify_grant() must check the grant (steps 1-7). */
	//~ (void)granter_e, (void)grantee_e, (void)grant, (void)bytes, (void)access;
	//~ (void)offset, (void)addr, (void)owner_e;
	//~ return -ENOSYS;
	/* LAB(grants) END */
}

/* Check the grant with verify_grant(), then copy between it and the caller's buffer. */
int
safecopy(struct proc *caller, endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes, int access)
{
	vir_bytes where;
	endpoint_t owner_e;
	struct proc *owner;
	int r;

	r = verify_grant(granter, caller->p_endpoint, grant, bytes, access, offset, &where,
		&owner_e);
	if (r != OK)
		return r;
	if ((owner = endpoint_proc(owner_e)) == NULL)
		return -EINVAL;
	if (access == CPF_READ)
		return vm_copy(owner, where, caller, address, bytes);
	return vm_copy(caller, address, owner, where, bytes);
}
