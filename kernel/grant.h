/**
 * @file kernel/grant.h
 * @brief Memory grants in the kernel (kernel/grant.c): the permission check and the copy.
 *
 * verify_grant() decides whether a grantee may use a grant and where the bytes are;
 * safecopy() checks and copies, for the safe-copy kernel calls (system/do_safecopy.c,
 * do_vsafecopy.c).  do_safememset.c and do_safemap.c call verify_grant() themselves.
 */
#ifndef MINNOW_KERNEL_GRANT_H
#define MINNOW_KERNEL_GRANT_H

#include <stddef.h>
#include <minnow/safecopies.h>

struct proc;

/** The permission check of every safe copy: may @p grantee_e access @p bytes at @p offset
 *  of grant @p grant of @p granter_e with @p access (CPF_READ or CPF_WRITE)?  On OK,
 *  *@p addr is the address to copy and *@p owner_e the process whose memory it is (the
 *  granter, or the process a magic grant names); else -EINVAL, -EPERM or -ELOOP. */
int verify_grant(endpoint_t granter_e, endpoint_t grantee_e, cp_grant_id_t grant, size_t bytes,
	int access, vir_bytes offset, vir_bytes *addr, endpoint_t *owner_e);
/** One safe copy for @p caller, the grantee: check grant @p grant of @p granter for
 *  @p access (CPF_READ: copy from the grant to the caller's @p address; CPF_WRITE: the other
 *  way) and copy @p bytes at @p offset; OK or a negated error. */
int safecopy(struct proc *caller, endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes, int access);

#endif /* MINNOW_KERNEL_GRANT_H */
