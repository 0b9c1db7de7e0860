/*
 * ds.c - the data store's client calls (minnow/ds.h).
 *
 * Each call grants DS the key (read-only, its length with the NUL) and, for strings and
 * memory, the value or the caller's buffer, sends one request with `sendrec`, revokes the
 * grants and returns DS's answer: OK or a negated error.  DS is found by its process name
 * "ds" the first time (its endpoint is DS_PROC_NR in the full boot image, but tests boot it
 * in other slots).  Mapped-memory values (DSF_TYPE_MAP) keep their grant to DS while they
 * are published; see the last part of this file.
 */
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/syslib.h>

static endpoint_t ds_ep = NONE;

static endpoint_t
ds_endpoint(void)
{
	if (ds_ep == NONE)
		ds_ep = proc_lookup("ds");
	return ds_ep;
}

/* Send request type with m (key granted here, value grant already in m); DS's answer. */
static int
ds_request(int type, const char *key, message *m)
{
	cp_grant_id_t kg = GRANT_INVALID;
	endpoint_t ds = ds_endpoint();
	int r;

	if (ds == NONE)
		return -ESRCH;
	if (key != NULL) {
		m->m_ds.key_len = (int)strnlen(key, DS_MAX_KEYLEN + 1) + 1;
		if (m->m_ds.key_len > DS_MAX_KEYLEN)
			return -EINVAL;
		kg = cpf_grant_direct(ds, (vir_bytes)key, m->m_ds.key_len, CPF_READ);
		if (kg == GRANT_INVALID)
			return -ENOMEM;
		m->m_ds.key_grant = kg;
	}
	m->m_type = type;
	r = ipc_sendrec(ds, m);
	if (kg != GRANT_INVALID)
		cpf_revoke(kg);
	return r != OK ? r : m->m_type;
}

/* A request whose value lives at buf (len bytes) with the given access for DS. */
static int
ds_request_buf(int type, const char *key, message *m, const void *buf, size_t len, int access)
{
	cp_grant_id_t vg;
	int r;

	vg = cpf_grant_direct(ds_endpoint(), (vir_bytes)buf, len, access);
	if (vg == GRANT_INVALID)
		return -ENOMEM;
	m->m_ds.val_grant = vg;
	m->m_ds.val_len = len;
	r = ds_request(type, key, m);
	cpf_revoke(vg);
	return r;
}

int
ds_publish_u32(const char *key, uint32_t value, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_U32 | flags;
	m.m_ds.value = value;
	return ds_request(DS_PUBLISH, key, &m);
}

int
ds_publish_str(const char *key, const char *value, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_STR | flags;
	return ds_request_buf(DS_PUBLISH, key, &m, value, strlen(value) + 1, CPF_READ);
}

int
ds_publish_mem(const char *key, const void *data, size_t len, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_MEM | flags;
	if (len == 0)
		return -EINVAL;
	return ds_request_buf(DS_PUBLISH, key, &m, data, len, CPF_READ);
}

int
ds_publish_label(const char *label, endpoint_t endpt, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_LABEL | flags;
	m.m_ds.value = (uint32_t)endpt;
	return ds_request(DS_PUBLISH, label, &m);
}

int
ds_retrieve_u32(const char *key, uint32_t *value)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_U32;
	if ((r = ds_request(DS_RETRIEVE, key, &m)) == OK && value != NULL)
		*value = m.m_ds.value;
	return r;
}

int
ds_retrieve_str(const char *key, char *buf, size_t len)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_STR;
	if (len == 0)
		return -EINVAL;
	return ds_request_buf(DS_RETRIEVE, key, &m, buf, len, CPF_WRITE);
}

int
ds_retrieve_mem(const char *key, void *buf, size_t *len)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_MEM;
	if (*len == 0)
		return -EINVAL;
	r = ds_request_buf(DS_RETRIEVE, key, &m, buf, *len, CPF_WRITE);
	if (r == OK)
		*len = m.m_ds.val_len;
	return r;
}

int
ds_retrieve_label_endpt(const char *label, endpoint_t *endpt)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_LABEL;
	if ((r = ds_request(DS_RETRIEVE, label, &m)) == OK && endpt != NULL)
		*endpt = (endpoint_t)m.m_ds.value;
	return r;
}

int
ds_retrieve_label_name(char *label, size_t len, endpoint_t endpt)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_LABEL;
	m.m_ds.owner = endpt;
	if (len == 0)
		return -EINVAL;
	return ds_request_buf(DS_RETRIEVE_LABEL, NULL, &m, label, len, CPF_WRITE);
}

static int
ds_delete(const char *key, int type)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = type;
	return ds_request(DS_DELETE, key, &m);
}

int
ds_delete_u32(const char *key)
{
	return ds_delete(key, DSF_TYPE_U32);
}

int
ds_delete_str(const char *key)
{
	return ds_delete(key, DSF_TYPE_STR);
}

int
ds_delete_mem(const char *key)
{
	return ds_delete(key, DSF_TYPE_MEM);
}

int
ds_delete_label(const char *label)
{
	return ds_delete(label, DSF_TYPE_LABEL);
}

int
ds_subscribe(const char *regex, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = flags;
	return ds_request(DS_SUBSCRIBE, regex, &m);
}

int
ds_check(char *key, int *type, endpoint_t *owner)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	r = ds_request_buf(DS_CHECK, NULL, &m, key, DS_MAX_KEYLEN, CPF_WRITE);
	if (r == OK) {
		if (type != NULL)
			*type = m.m_ds.flags;
		if (owner != NULL)
			*owner = m.m_ds.owner;
	}
	return r;
}

/* ---- mapped memory (DSF_TYPE_MAP) ------------------------------------------------------
 * The publisher's grant to DS lives as long as the entry: DS hands the grant it replaces
 * (overwrite) or drops (delete) back in val_grant, and the publisher revokes it here. */

static void
revoke_returned(const message *m)
{
	if (m->m_ds.val_grant != GRANT_INVALID)
		cpf_revoke(m->m_ds.val_grant);
}

int
ds_publish_map(const char *key, void *addr, size_t size, int flags)
{
	int access = CPF_MAP | CPF_READ | ((flags & DSF_MAP_WRITE) ? CPF_WRITE : 0), r;
	cp_grant_id_t g;
	message m;

	if ((vir_bytes)addr % DS_MAP_PAGE != 0 || size == 0 || size % DS_MAP_PAGE != 0 ||
	    size > DS_MAX_MAPLEN)
		return -EINVAL;
	if (ds_endpoint() == NONE)
		return -ESRCH;
	if ((g = cpf_grant_direct(ds_endpoint(), (vir_bytes)addr, size, access)) == GRANT_INVALID)
		return -ENOMEM;
	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_MAP | flags;
	m.m_ds.val_grant = g;
	m.m_ds.val_len = size;
	if ((r = ds_request(DS_PUBLISH, key, &m)) != OK) {
		cpf_revoke(g);
		return r;
	}
	revoke_returned(&m);
	return OK;
}

int
ds_retrieve_map(const char *key, cp_grant_id_t *grant, size_t *size, endpoint_t *granter,
		int *flags)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_MAP;
	if ((r = ds_request(DS_RETRIEVE, key, &m)) != OK)
		return r;
	*grant = m.m_ds.val_grant;
	*size = m.m_ds.val_len;
	if (granter != NULL)
		*granter = ds_endpoint();
	if (flags != NULL)
		*flags = m.m_ds.flags;
	return OK;
}

int
ds_map_value(const char *key, void *addr, size_t *len, int writable)
{
	cp_grant_id_t g;
	endpoint_t ds;
	size_t size;
	int r;

	if ((r = ds_retrieve_map(key, &g, &size, &ds, NULL)) != OK)
		return r;
	if (*len == 0 || *len > size)
		*len = size;
	return sys_safemap(ds, g, 0, (vir_bytes)addr, *len, writable);
}

int
ds_delete_map(const char *key)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_ds.flags = DSF_TYPE_MAP;
	if ((r = ds_request(DS_DELETE, key, &m)) == OK)
		revoke_returned(&m);
	return r;
}
