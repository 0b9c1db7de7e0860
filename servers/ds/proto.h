/*
 * proto.h - DS's functions, by file.
 */
#ifndef DS_PROTO_H
#define DS_PROTO_H

#include <minnow/ipc.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include "glo.h"

/** A DS request handler: the answer (m_type of the reply), out fields in m. */
typedef int (*ds_handler_t)(message *m);
/** One row of DS's call table (table.c). */
SRV_ROW_TYPE(ds_call, ds_handler_t);

/* table.c */
int ds_dispatch(message *m, int status);

/* store.c */
int ds_init(int type, sef_init_info_t *info);
int do_publish(message *m);
int do_retrieve(message *m);
int do_retrieve_label(message *m);
int do_delete(message *m);
const char *caller_label(endpoint_t ep);
struct data_store *lookup_entry(const char *key, int type);
int get_key(message *m, char *key);
int set_value(struct data_store *dsp, message *m, int type);
struct data_store *alloc_entry(void);
int owner_quota(message *m);
void delete_entry(struct data_store *dsp);

/* restart.c */
int ds_restart(int type, sef_init_info_t *info);

/* map.c */
int do_publish_map(message *m);
int do_retrieve_map(message *m);
int do_delete_map(message *m);
void map_forget(struct data_store *dsp);

/* subscribe.c */
int do_subscribe(message *m);
int do_check(message *m);
void check_subscribers(struct data_store *dsp);
void forget_entry(struct data_store *dsp);
void drop_subscriptions(const char *owner);
struct subscription *sub_of(const char *owner);
struct subscription *alloc_sub(void);
void flag_existing(struct subscription *sp);

/* sysinfo.c */
int do_getsysinfo(message *m);

/* regex.c */
int regex_valid(const char *pattern);
int regex_match(const char *pattern, const char *s);

#endif
