/**
 * @file grant.h
 * @brief libsys's grant API (lib/libsys/grant.c): make, pass on and revoke memory grants.
 *
 * A system process that wants another process to read or write part of its memory makes a
 * grant here and sends the returned id in a message; the other process then calls
 * sys_safecopyfrom(), sys_safecopyto(), sys_vsafecopy() or sys_safememset() (minnow/syslib.h)
 * naming the granter's endpoint and that id, and the kernel checks the grant at that moment
 * (see minnow/safecopies.h for the table layout, the id encoding and the checks).
 *
 * The table lives in the process's own memory.  It starts as a few static entries and is
 * announced to the kernel with sys_setgrant() on the first grant; when it is full it doubles
 * (malloc), is announced again at its new place, and the old copy is freed.  Only system
 * processes may have a grant table (the kernel refuses sys_setgrant to user processes).
 *
 * Functions returning a grant id return GRANT_INVALID on failure and set errno: EINVAL (bad
 * access bits or range), ENOSPC (the table cannot grow), or what sys_setgrant() refused
 * (EPERM, ECALLDENIED).  The others return OK or a negated error, like every libsys call.
 *
 * Each slot has a generation that is bumped each time the slot is handed out, and the id
 * carries it: once revoked, an id stays dead even after its slot is reused.
 */
#ifndef MINNOW_GRANT_H
#define MINNOW_GRANT_H

#include <stddef.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>
#include <minnow/safecopies.h>

/** Let @p grantee (or ANY process) access the @p bytes at @p addr of the caller's memory;
 *  @p access is CPF_READ and/or CPF_WRITE, optionally with CPF_MAP (the grantee may map the
 *  pages: sys_safemap()) and CPF_TRY.  Returns the grant id,
 *  or GRANT_INVALID with errno set (EINVAL: no access bit, unknown bits, or the range wraps). */
cp_grant_id_t cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t bytes, int access);
/** Pass on a grant: let @p grantee (or ANY) use grant @p grant that @p from gave the caller,
 *  with the same range and access.  Returns the new id or GRANT_INVALID (errno set). */
cp_grant_id_t cpf_grant_indirect(endpoint_t grantee, endpoint_t from, cp_grant_id_t grant);
/** A magic grant: let @p grantee access the @p bytes at @p addr of the *other* process
 *  @p granter.  Anyone may put one in its table, but the kernel honours magic grants only in
 *  VFS's table (VFS_PROC_NR): for everybody else every copy through it fails with EPERM.
 *  Returns the id or GRANT_INVALID (errno set). */
cp_grant_id_t cpf_grant_magic(endpoint_t grantee, endpoint_t granter, vir_bytes addr,
	size_t bytes, int access);
/** Revoke grant @p grant: the next copy through it (or through any indirect grant built on
 *  it) fails with EPERM, and its slot may be reused under a new generation.  Returns OK, or
 *  -EINVAL if @p grant is not a live id of the caller's table. */
int cpf_revoke(cp_grant_id_t grant);
/** Reserve @p n slots (allocated but not yet valid) and store their ids in @p grants, for a
 *  server that must not fail to make a grant later; fill them with cpf_setgrant_direct()
 *  or cpf_setgrant_indirect().  Returns how many were reserved (fewer than @p n: errno says
 *  why). */
int cpf_getgrants(cp_grant_id_t *grants, int n);
/** (Re)fill the reserved or live slot @p grant as a direct grant (arguments as for
 *  cpf_grant_direct()); the id stays the same.  OK or -EINVAL. */
int cpf_setgrant_direct(cp_grant_id_t grant, endpoint_t grantee, vir_bytes addr, size_t bytes,
	int access);
/** (Re)fill the reserved or live slot @p grant as an indirect grant (arguments as for
 *  cpf_grant_indirect()); the id stays the same.  OK or -EINVAL. */
int cpf_setgrant_indirect(cp_grant_id_t grant, endpoint_t grantee, endpoint_t from,
	cp_grant_id_t from_grant);
/** Make grant @p grant unusable but keep its slot reserved (refill it with
 *  cpf_setgrant_direct()).  OK or -EINVAL. */
int cpf_setgrant_disable(cp_grant_id_t grant);
/** Announce the caller's grant table to the kernel again (after the kernel forgot it, e.g. a
 *  new privilege structure or a live update).  OK (also when there is no table yet) or what
 *  sys_setgrant() returned. */
int cpf_reload(void);
/** The number of entries of the caller's grant table (0 before the first grant). */
int cpf_table_size(void);

#endif /* MINNOW_GRANT_H */
