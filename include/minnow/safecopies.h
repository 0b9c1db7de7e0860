/**
 * @file safecopies.h
 * @brief Memory grants: the grant table entry, grant ids with generations, and the
 * sys_vsafecopy vector element.
 *
 * A process lets another one read and/or write a byte range of its own memory by filling an
 * entry of its **grant table**, an array of cp_grant_t kept in its own memory; the kernel only
 * knows where the table is and how many entries it has (sys_setgrant()).  The process then
 * hands the **grant id** to the other process in an ordinary message.  When that process
 * calls sys_safecopyfrom(), sys_safecopyto(), sys_vsafecopy() or sys_safememset() naming the
 * granter and the id, the kernel reads the entry out of the granter's memory at that moment,
 * checks it (kernel/grant.c, verify_grant()) and only then copies.  Revoking a grant is just
 * clearing the entry: the next copy sees it at once, nothing is cached.
 *
 * Three kinds of entry (cp_flags says which):
 *  - **direct** (CPF_DIRECT): "grantee may access [start, start + len) of my memory";
 *  - **indirect** (CPF_INDIRECT): "grantee may use the grant `grant` that `from` gave me",
 *    so a server can pass a client's buffer on to a driver without copying it itself;
 *    the kernel follows at most GRANT_MAX_INDIRECT such links (more: ELOOP);
 *  - **magic** (CPF_MAGIC): "grantee may access [start, start + len) of process `from`";
 *    only VFS (VFS_PROC_NR) may make these: the kernel ignores (EPERM) magic entries in
 *    anybody else's table.
 *
 * **Grant ids carry a generation.**  MINIX uses the bare table index as the id, so a grant
 * that was revoked and whose slot was reused for somebody else silently starts working again
 * for the old holder.  Minnow's entry stores a generation number (cp_gen) that libsys bumps
 * each time it hands out the slot, and the id encodes both:
 *
 *     bit 31      30 ........ 16   15 ......... 0
 *     [  0  ] [ generation (15 bits) ] [ index (16 bits) ]
 *
 * so an id is always non-negative, GRANT_INVALID (-1) never is one, a table has at most
 * GRANT_MAX_ENTRIES entries, and an id is honoured only while the entry's cp_gen equals the
 * id's generation (else EPERM).  A slot must be reused 32768 times before an old id could
 * match again.
 */
#ifndef MINNOW_SAFECOPIES_H
#define MINNOW_SAFECOPIES_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>

/** "No grant": what the cpf_* functions return on failure; never a valid id. */
#define GRANT_INVALID           ((cp_grant_id_t)-1)

/* ---- grant ids ------------------------------------------------------------------------- */
/** Bits of an id that hold the table index. */
#define GRANT_INDEX_BITS        16
/** Mask of the index part of an id. */
#define GRANT_INDEX_MASK        ((1 << GRANT_INDEX_BITS) - 1)
/** Mask of a generation number (15 bits: ids stay non-negative). */
#define GRANT_GEN_MASK          0x7FFF
/** Most entries a grant table may have (sys_setgrant refuses more with EINVAL). */
#define GRANT_MAX_ENTRIES       (1 << GRANT_INDEX_BITS)
/** The id of the entry at @p index while its generation is @p gen. */
#define GRANT_ID(index, gen) \
	((cp_grant_id_t)((((gen) & GRANT_GEN_MASK) << GRANT_INDEX_BITS) | \
			 ((index) & GRANT_INDEX_MASK)))
/** The table index named by the (non-negative) id @p id. */
#define GRANT_INDEX(id)         ((int)((id) & GRANT_INDEX_MASK))
/** The generation named by the (non-negative) id @p id. */
#define GRANT_GEN(id)           ((int)(((id) >> GRANT_INDEX_BITS) & GRANT_GEN_MASK))

/** Most indirect entries the kernel follows for one copy; the next one is ELOOP. */
#define GRANT_MAX_INDIRECT      5

/* ---- cp_flags -------------------------------------------------------------------------- */
#define CPF_READ        0x0001  /**< the grantee may read (copy *from* the granter) */
#define CPF_WRITE       0x0002  /**< the grantee may write (copy *to* the granter, memset) */
/** The grantee may map the granted pages into its own address space (sys_safemap(); the
 *  range must be page-aligned where it is mapped).  A map also needs CPF_READ, and a
 *  writable map CPF_WRITE. */
#define CPF_MAP         0x0004
/** Fail with EFAULT rather than wait for VM to bring in a missing page.  Not implemented:
 *  the flag has no effect, the kernel asks VM for a missing page with or without it
 *  (kernel/vmreq.c). */
#define CPF_TRY         0x0010
#define CPF_USED        0x0100  /**< the slot is allocated (by libsys) */
#define CPF_DIRECT      0x0200  /**< a direct grant: cp_direct */
#define CPF_INDIRECT    0x0400  /**< an indirect grant: cp_indirect */
#define CPF_MAGIC       0x0800  /**< a magic grant (VFS only): cp_magic */
#define CPF_VALID       0x1000  /**< the slot holds a usable grant */
/** The access bits a grant may carry. */
#define CPF_ACCESS      (CPF_READ | CPF_WRITE)

/** Direct grant: @c cp_who_to may access [cp_start, cp_start + cp_len) of the granter. */
struct cp_direct {
	endpoint_t cp_who_to;   /**< the grantee, or ANY */
	vir_bytes cp_start;     /**< first granted address, in the granter */
	size_t cp_len;          /**< granted length in bytes */
	uint8_t cp_reserved[8]; /**< unused (zero) */
};

/** Indirect grant: @c cp_who_to may use grant @c cp_grant of @c cp_who_from. */
struct cp_indirect {
	endpoint_t cp_who_to;   /**< the grantee, or ANY */
	endpoint_t cp_who_from; /**< who gave the granter the grant being passed on */
	cp_grant_id_t cp_grant; /**< that grant's id, in cp_who_from's table */
	uint8_t cp_reserved[8]; /**< unused (zero) */
};

/** Magic grant (VFS only): @c cp_who_to may access [cp_start, cp_start + cp_len) of the
 *  third process @c cp_who_from. */
struct cp_magic {
	endpoint_t cp_who_from; /**< the process whose memory is granted */
	endpoint_t cp_who_to;   /**< the grantee, or ANY */
	vir_bytes cp_start;     /**< first granted address, in cp_who_from */
	size_t cp_len;          /**< granted length in bytes */
	uint8_t cp_reserved[4]; /**< unused (zero) */
};

/** One entry of a grant table (in the granter's own memory; 32 bytes). */
typedef struct {
	int cp_flags;           /**< CPF_*: USED, VALID, the kind and the access bits */
	union {
		struct cp_direct cp_direct;     /**< CPF_DIRECT */
		struct cp_indirect cp_indirect; /**< CPF_INDIRECT */
		struct cp_magic cp_magic;       /**< CPF_MAGIC */
	} cp_u;                 /**< the kind's fields */
	int cp_gen;             /**< generation: ids of this slot must carry it */
	uint8_t cp_reserved[4]; /**< unused (zero) */
} cp_grant_t;

/* ---- sys_vsafecopy --------------------------------------------------------------------- */
/** Most elements of one sys_vsafecopy() vector. */
#define SCPVEC_NR       64

/** One safe copy of a sys_vsafecopy() vector.  Exactly one of v_from and v_to must be SELF
 *  (else EINVAL); the other is the granter.  v_from == SELF is a safecopyto (the caller's
 *  v_addr into the grant), v_to == SELF a safecopyfrom. */
struct vscp_vec {
	endpoint_t v_from;      /**< source: the granter, or SELF */
	endpoint_t v_to;        /**< destination: the granter, or SELF */
	cp_grant_id_t v_gid;    /**< the grant id, in the granter's table */
	vir_bytes v_offset;     /**< offset into the granted range */
	vir_bytes v_addr;       /**< the caller's own buffer */
	size_t v_bytes;         /**< how many bytes */
};

_Static_assert(sizeof(struct cp_direct) == 20, "cp_direct layout");
_Static_assert(sizeof(struct cp_indirect) == 20, "cp_indirect layout");
_Static_assert(sizeof(struct cp_magic) == 20, "cp_magic layout");
_Static_assert(sizeof(cp_grant_t) == 32, "cp_grant_t layout");
_Static_assert(sizeof(struct vscp_vec) == 24, "vscp_vec layout");
_Static_assert(GRANT_ID(GRANT_INDEX_MASK, GRANT_GEN_MASK) > 0, "grant ids are non-negative");

#endif /* MINNOW_SAFECOPIES_H */
