/*
 * glo.h - DS's tables: the entries and the subscriptions (handouts/ds.md, "Entries and who
 * may touch them", "Subscriptions").
 */
#ifndef DS_GLO_H
#define DS_GLO_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/ds.h>
#include <minnow/rs.h>
#include <minnow/safecopies.h>

/* NR_DS_KEYS and DS_OWNER_MAX (store.c, owner_quota) are public: <minnow/ds.h>. */
/** Subscriptions DS can hold (one per service). */
#define NR_DS_SUBS      (4 * NR_SYS_PROCS)
/** Words of a bitmap over the entries. */
#define DS_MAP_WORDS    ((NR_DS_KEYS + 31) / 32)

/** One entry. */
struct data_store {
	int flags;                      /**< DSF_IN_USE, the type, privacy bits */
	char key[DS_MAX_KEYLEN];        /**< its key */
	char owner[RS_MAX_LABEL_LEN];   /**< label of the service that published it */
	uint32_t u32;                   /**< U32: the value; LABEL: the endpoint */
	void *data;                     /**< STR, MEM: the value (malloc'd) */
	size_t length;                  /**< STR, MEM: bytes in data (a string's NUL included) */
	size_t capacity;                /**< STR, MEM: bytes allocated for data */
	endpoint_t map_ep;              /**< MAP: the publisher's endpoint */
	cp_grant_id_t map_grant;        /**< MAP: the publisher's grant to DS (length: size) */
	int map_write;                  /**< MAP: retrievers may map it writable */
};

/** One subscription. */
struct subscription {
	int flags;                      /**< DSF_IN_USE and the types of interest */
	char owner[RS_MAX_LABEL_LEN];   /**< label of the subscriber */
	char regex[DS_MAX_KEYLEN];      /**< the pattern (checked, matched anchored) */
	uint32_t changed[DS_MAP_WORDS]; /**< entries changed since the last ds_check */
};

/** The entries. */
extern struct data_store ds_store[NR_DS_KEYS];
/** The subscriptions. */
extern struct subscription ds_subs[NR_DS_SUBS];
/** RS (the only process that may publish or delete labels). */
extern endpoint_t ds_rs;

#endif
