/*
 * grant_proto.h - the private protocol between grant_owner and its grant_peer processes
 * (commands/tests/grant_owner.c, grant_peer.c).
 *
 * Each peer starts by SENDing GP_HELLO to grant_owner (word 0: its role), then serves
 * requests: it RECEIVEs one from the owner, does it (a grant, a safe copy, ...), and SENDs
 * the reply: m_type = the result (OK or a negated error), words as below.  The owner asks
 * with SENDREC.  Every request is a handful of 32-bit words of m_u32 (GP_A .. GP_E).
 *
 *   request             A          B          C          D          E       reply word A
 *   GP_GRANT_DIRECT     grantee    offset     bytes      access     -       grant id
 *                       (of the peer's own pattern buffer)
 *   GP_GRANT_INDIRECT   grantee    from       grant      -          -       grant id
 *   GP_GRANT_MAGIC      grantee    granter    address    bytes      access  grant id
 *   GP_REVOKE           grant      -          -          -          -       -
 *   GP_COPYFROM         granter    grant      offset     bytes      local   hash of the bytes
 *   GP_COPYTO           granter    grant      offset     bytes      seed    -
 *   GP_MEMSET           granter    grant      offset     bytes      pattern -
 *   GP_VCOPY            granter    grant A    grant B    bytes      mode    hash read
 *   GP_EXIT             -          -          -          -          -       -
 *
 * The user peer cannot RECEIVE or look anything up, so it runs its own cases and SENDRECs
 * the results to the owner (whose endpoint is its argument) in one GP_USER_REPORT: A =
 * sys_setgrant's result, B = sys_safecopyfrom's, C = what cpf_grant_direct returned, D =
 * the errno it set.  The owner prints them and replies OK.
 *
 * COPYFROM copies into the peer's scratch buffer, or to the address `local` if it is not 0
 * (to provoke EFAULT); COPYTO first fills the scratch buffer with gp_pattern(seed); a
 * grant's id travels as a word.  GP_VCOPY modes are described in grant_peer.c.
 */
#ifndef GRANT_PROTO_H
#define GRANT_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/com.h>

#define GP_HELLO                (TEST_RQ_BASE + 0x40)   /* peer -> owner: I am ready */
#define GP_GRANT_DIRECT         (TEST_RQ_BASE + 0x41)
#define GP_GRANT_INDIRECT       (TEST_RQ_BASE + 0x42)
#define GP_GRANT_MAGIC          (TEST_RQ_BASE + 0x43)
#define GP_REVOKE               (TEST_RQ_BASE + 0x44)
#define GP_COPYFROM             (TEST_RQ_BASE + 0x45)
#define GP_COPYTO               (TEST_RQ_BASE + 0x46)
#define GP_MEMSET               (TEST_RQ_BASE + 0x47)
#define GP_VCOPY                (TEST_RQ_BASE + 0x48)
#define GP_EXIT                 (TEST_RQ_BASE + 0x49)
#define GP_USER_REPORT          (TEST_RQ_BASE + 0x4A)   /* user peer -> owner: its results */

/* Payload words. */
#define GP_A 0
#define GP_B 1
#define GP_C 2
#define GP_D 3
#define GP_E 4

/* Roles (GP_HELLO word A). */
#define ROLE_SERVER     1       /* the usual grantee */
#define ROLE_THIRD      2       /* a third party that must be refused */
#define ROLE_RELAY      3       /* the middle of an indirect chain */
#define ROLE_VFS        4       /* must be boot module 1 (VFS_PROC_NR): makes magic grants */
#define NR_ROLES        5

/* GP_VCOPY modes. */
#define VC_GOOD         0       /* read grant A into scratch, write it to grant B: OK */
#define VC_BOTH_SELF    1       /* an element with v_from == v_to == SELF: EINVAL */
#define VC_NO_SELF      2       /* an element with neither side SELF: EINVAL */
#define VC_TOO_MANY     3       /* SCPVEC_NR + 1 elements: EINVAL */
#define VC_STOPS        4       /* write to B (done), then read A past its end: EPERM */

/* Size of the peers' scratch and pattern buffers. */
#define GP_BUF_SIZE     512

/* The byte at index i of pattern `seed` (every seed and index gives a different mix). */
static inline uint8_t
gp_pattern(uint32_t seed, size_t i)
{
	return (uint8_t)(seed * 31u + i * 7u + (i >> 8));
}

/* FNV-1a hash of a buffer: how a peer reports what it read. */
static inline uint32_t
gp_hash(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ *p++) * 16777619u;
	return h;
}

#endif /* GRANT_PROTO_H */
