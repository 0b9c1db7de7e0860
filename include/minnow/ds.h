/**
 * @file ds.h
 * @brief The data store: its protocol (0x800 range) and the library calls of lib/libsys/ds.c.
 *
 * DS (servers/ds) keeps typed values under string keys for system processes: the labels of
 * the services (label -> endpoint, written only by RS), 32-bit numbers, strings and memory
 * blobs that outlive a process instance, and regular-expression subscriptions whose owners
 * are notified when a matching key is published, overwritten or deleted.
 *
 * Every request carries a grant (to DS) of the key string and its length (NUL included,
 * at most DS_MAX_KEYLEN); string and memory values travel through a second grant.  A caller
 * is known to DS by its label (the label entry whose endpoint is the caller); a process
 * without one may retrieve but not publish, delete, subscribe or check.  Errors are the
 * negated numbers listed in handouts/ds.md, "Errors".
 *
 * **Mapped memory** (DSF_TYPE_MAP; handouts/ds.md, "Mapped memory").  DS keeps only who
 * published the range, the publisher's grant and the size; the bytes stay in the publisher's
 * pages and a retriever maps them (sys_safemap) through a grant DS makes for it.
 *   - DS_PUBLISH, flags DSF_TYPE_MAP (| DSF_MAP_WRITE, DSF_OVERWRITE, privacy bits):
 *     val_grant is the publisher's grant to DS over its page-aligned range, with CPF_MAP |
 *     CPF_READ (| CPF_WRITE for DSF_MAP_WRITE), val_len the size (a multiple of
 *     DS_MAP_PAGE, 1 to DS_MAX_MAPLEN bytes, else EINVAL).  DS checks the grant by reading
 *     its first and last byte (the kernel's error, e.g. EPERM, if it cannot).  Reply:
 *     val_grant is the grant the entry held before an overwrite (GRANT_INVALID if none),
 *     which the publisher may now revoke; DS has taken back every mapping made through it.
 *   - DS_RETRIEVE, flags DSF_TYPE_MAP: reply val_grant is an indirect grant DS made for
 *     the caller over the publisher's grant (the same one each time the caller asks),
 *     val_len the size, owner the publisher's endpoint, flags DSF_TYPE_MAP (| DSF_MAP_WRITE).
 *     The caller maps it with sys_safemap(DS's endpoint, val_grant, offset, address, bytes,
 *     writable).  ESRCH (no such key), EPERM (private), ENOMEM (DS's grant table is full).
 *   - DS_DELETE, flags DSF_TYPE_MAP (owner only): DS removes every mapping made through its
 *     grants (sys_saferevmap_gid) and revokes them; reply val_grant is the publisher's grant,
 *     which the publisher revokes.  The same happens when the publisher's label goes (it
 *     died): its mapped values vanish from the retrievers' address spaces with it.
 *
 * **DS_GETSYSINFO** (mess_ds_sysinfo) is the one request meant for user processes too: it
 * copies DS's entries into the caller's buffer (an address in the caller's own space, no
 * grant) as rows of struct ds_entryinfo, as many whole rows as fit in `len` bytes.  The
 * reply's m_type is the number of rows copied, or -EINVAL (row_size is not
 * sizeof(struct ds_entryinfo)) or -EFAULT (DS cannot write the buffer).  The value of an
 * entry published with DSF_PRIV_RETRIEVE is shown to its owner only; other callers get the
 * row with DSI_HIDDEN and no value.  The user-level call is getsysinfo_ds()
 * (minnow/sysinfo.h).
 */
#ifndef MINNOW_DS_H
#define MINNOW_DS_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>
#include <minnow/rs.h>

/* ---- message types --------------------------------------------------------------------- */
#define DS_PUBLISH      (DS_RQ_BASE + 0)        /**< publish (or overwrite) an entry */
#define DS_RETRIEVE     (DS_RQ_BASE + 1)        /**< read an entry */
#define DS_SUBSCRIBE    (DS_RQ_BASE + 2)        /**< subscribe to keys matching a regex */
#define DS_CHECK        (DS_RQ_BASE + 3)        /**< fetch one changed key of a subscription */
#define DS_DELETE       (DS_RQ_BASE + 4)        /**< delete an entry */
#define DS_SNAPSHOT     (DS_RQ_BASE + 5)        /**< (MINIX 3.1 map type; not implemented) */
#define DS_RETRIEVE_LABEL (DS_RQ_BASE + 6)      /**< endpoint -> label */
#define DS_GETSYSINFO   (DS_RQ_BASE + 7)        /**< copy the entries out (anyone;
						     mess_ds_sysinfo, struct ds_entryinfo) */

/* ---- flags ----------------------------------------------------------------------------- */
#define DSF_IN_USE              0x001   /**< (DS-internal) the slot is used */
#define DSF_PRIV_RETRIEVE       0x002   /**< only the owner may retrieve the entry */
#define DSF_PRIV_OVERWRITE      0x004   /**< only the owner may overwrite it (always so) */
#define DSF_PRIV_SUBSCRIBE      0x008   /**< subscribers other than the owner do not see it */
#define DSF_TYPE_U32            0x010   /**< a 32-bit number */
#define DSF_TYPE_STR            0x020   /**< a NUL-terminated string */
#define DSF_TYPE_MEM            0x040   /**< a memory blob (copied into DS) */
#define DSF_TYPE_MAP            0x080   /**< mapped memory: the publisher's pages, shared by
						     grant (never copied; see "Mapped memory") */
#define DSF_TYPE_LABEL          0x100   /**< a service label: the value is its endpoint */
#define DSF_MASK_TYPE           0xFF0   /**< the type bits */
#define DSF_MASK_INTERNAL       0x00F   /**< in-use and privacy bits */
#define DSF_OVERWRITE           0x1000  /**< publish: replace an existing entry; subscribe:
					     replace the caller's subscription */
#define DSF_INITIAL             0x2000  /**< subscribe: flag every matching entry at once */
#define DSF_MAP_WRITE           0x4000  /**< map publish: retrievers may map it writable;
					     map retrieve reply: the entry is writable */

/** Longest key, NUL included. */
#define DS_MAX_KEYLEN           80
/** Shortest key, NUL excluded. */
#define DS_MIN_KEYLEN           2
/** Entries DS can hold. */
#define NR_DS_KEYS              (2 * NR_SYS_PROCS)
/** Entries one service may own (labels, which RS owns, not counted): a service past it gets
 *  ENOSPC, so that no one service fills the store for all; a full store is ENOMEM. */
#define DS_OWNER_MAX            (NR_DS_KEYS / 4)
/** Largest string or memory value DS keeps. */
#define DS_MAX_VALLEN           4096
/** Largest mapped-memory value (DSF_TYPE_MAP), in bytes. */
#define DS_MAX_MAPLEN           (4u << 20)
/** The unit of a mapped-memory value: its address and size are multiples of it. */
#define DS_MAP_PAGE             4096u
/** Value of a "drv.chr.<label>" key: the driver is up. */
#define DS_DRIVER_UP            1

/** Every DS request and reply. */
typedef struct {
	cp_grant_id_t key_grant;        /**< grant of the key (unused by CHECK and RETRIEVE_LABEL) */
	int key_len;                    /**< its length, NUL included */
	int flags;                      /**< DSF_* type and options; CHECK reply: the type */
	uint32_t value;                 /**< u32 value, or a label's endpoint */
	cp_grant_id_t val_grant;        /**< grant of the string or memory value; CHECK: the
					     buffer the key is written to; RETRIEVE_LABEL: the
					     buffer for the label */
	uint32_t val_len;               /**< in: value or buffer length; out: bytes stored/copied */
	endpoint_t owner;               /**< CHECK reply: the owner's endpoint;
					     RETRIEVE_LABEL: the endpoint asked about */
	uint8_t padding[28];            /**< unused */
} mess_ds;
_Static_assert(sizeof(mess_ds) == 56, "layout size");

/** DS_GETSYSINFO, request and reply; the reply's m_type is the number of rows copied. */
typedef struct {
	uint32_t addr;                  /**< in: the buffer, an address in the caller's space */
	uint32_t len;                   /**< in: its size in bytes */
	uint32_t row_size;              /**< in: sizeof(struct ds_entryinfo) (else EINVAL) */
	uint32_t total;                 /**< out: entries in use (rows a buffer large enough
					     would get) */
	uint8_t padding[40];            /**< unused */
} mess_ds_sysinfo;
_Static_assert(sizeof(mess_ds_sysinfo) == 56, "layout size");

/** Bytes of a string value a DS_GETSYSINFO row carries (NUL included). */
#define DS_SI_STRLEN            24
/** ds_entryinfo flag: the value is private to the owner and left out of this row. */
#define DSI_HIDDEN              0x10000

/** One row of DS_GETSYSINFO: one entry of the data store. */
struct ds_entryinfo {
	char key[DS_MAX_KEYLEN];        /**< the key (for a label: the label), NUL-ended */
	char owner[RS_MAX_LABEL_LEN];   /**< label of the service that published it ("rs" for
					     labels), NUL-ended */
	uint32_t flags;                 /**< its type (DSF_TYPE_*), privacy bits, DSI_HIDDEN */
	uint32_t value;                 /**< U32: the number; LABEL: the endpoint; else 0 */
	uint32_t size;                  /**< STR: length with the NUL; MEM, MAP: bytes; else 0 */
	char str[DS_SI_STRLEN];         /**< STR: its first bytes, always NUL-ended; else "" */
};

/* ---- library calls (lib/libsys/ds.c) --------------------------------------------------- */
/** Publish the number @p value under @p key; @p flags may hold DSF_OVERWRITE and privacy
 *  bits.  OK or a negated error (EEXIST, EPERM, EINVAL, ENOMEM, ...). */
int ds_publish_u32(const char *key, uint32_t value, int flags);
/** Publish the string @p value (at most DS_MAX_VALLEN bytes with its NUL) under @p key. */
int ds_publish_str(const char *key, const char *value, int flags);
/** Publish the @p len bytes at @p data under @p key. */
int ds_publish_mem(const char *key, const void *data, size_t len, int flags);
/** Publish the label @p label for endpoint @p endpt (RS only; others get EPERM). */
int ds_publish_label(const char *label, endpoint_t endpt, int flags);
/** Retrieve the number under @p key into @p value (ESRCH: none; EINVAL: other type). */
int ds_retrieve_u32(const char *key, uint32_t *value);
/** Retrieve the string under @p key into @p buf of @p len bytes; it is cut to fit and
 *  always NUL-terminated. */
int ds_retrieve_str(const char *key, char *buf, size_t len);
/** Retrieve up to @p *len bytes of the blob under @p key into @p buf; @p *len becomes the
 *  number copied (the smaller of the blob's length and the buffer's). */
int ds_retrieve_mem(const char *key, void *buf, size_t *len);
/** The endpoint of the service labelled @p label, into @p endpt. */
int ds_retrieve_label_endpt(const char *label, endpoint_t *endpt);
/** The label of the service at @p endpt, into @p label of @p len bytes. */
int ds_retrieve_label_name(char *label, size_t len, endpoint_t endpt);
/** Delete the number under @p key (owner only). */
int ds_delete_u32(const char *key);
/** Delete the string under @p key (owner only). */
int ds_delete_str(const char *key);
/** Delete the blob under @p key (owner only). */
int ds_delete_mem(const char *key);
/** Delete the label @p label (RS only); the service's entries and subscriptions go too. */
int ds_delete_label(const char *label);
/** Publish the @p size bytes at @p addr (both multiples of DS_MAP_PAGE) under @p key as
 *  mapped memory: the call grants DS the range with CPF_MAP | CPF_READ (| CPF_WRITE if
 *  @p flags has DSF_MAP_WRITE) and keeps the grant while the entry lives.  @p flags may also
 *  hold DSF_OVERWRITE and privacy bits.  OK, EINVAL (alignment, size), or DS's error. */
int ds_publish_map(const char *key, void *addr, size_t size, int flags);
/** Retrieve the mapped-memory entry @p key: @p grant becomes a grant of DS (endpoint in
 *  @p granter if not NULL) that the caller may pass to sys_safemap(), @p size its size,
 *  @p flags (if not NULL) DSF_TYPE_MAP and DSF_MAP_WRITE if it may be mapped writable. */
int ds_retrieve_map(const char *key, cp_grant_id_t *grant, size_t *size, endpoint_t *granter,
		    int *flags);
/** Retrieve @p key and map its first @p *len bytes (all of it if @p *len is 0 or larger) at
 *  @p addr (page-aligned, free in the caller), writable if @p writable; @p *len becomes the
 *  bytes mapped.  Unmap with sys_safeunmap(@p addr).  OK or a negated error (ESRCH, EPERM,
 *  EINVAL from DS or sys_safemap). */
int ds_map_value(const char *key, void *addr, size_t *len, int writable);
/** Delete the mapped-memory entry @p key (owner only): every mapping of it goes, and the
 *  publisher's grant is revoked. */
int ds_delete_map(const char *key);
/** Subscribe to the keys matching @p regex (anchored at both ends; the operators
 *  are any character, star, plus, question mark, caret, dollar and bracket classes);
 *  @p flags: the types of interest (0: all), DSF_INITIAL, DSF_OVERWRITE. */
int ds_subscribe(const char *regex, int flags);
/** Fetch one changed key of the caller's subscription into @p key (DS_MAX_KEYLEN bytes),
 *  its type into @p type and its owner's endpoint into @p owner; -ENOENT when none is left. */
int ds_check(char *key, int *type, endpoint_t *owner);

#endif /* MINNOW_DS_H */
