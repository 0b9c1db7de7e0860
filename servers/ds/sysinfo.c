/*
 * sysinfo.c - DS_GETSYSINFO: DS's entries for anyone who asks (minnow/ds.h).
 *
 * The one request of DS that user processes may use (the others refuse a caller without a
 * label, or need grants a user process cannot make).  DS describes every entry in use
 * with one struct ds_entryinfo: key, owner, type and privacy flags, the number of a u32
 * or the endpoint of a label, the size of a string or blob and the first bytes of a
 * string.  The value of a DSF_PRIV_RETRIEVE entry is left out (DSI_HIDDEN) unless the
 * caller owns it.  As many whole rows as fit in the caller's buffer are copied there with
 * sys_vircopy (the request names an address in the caller's own space); the answer is the
 * number of rows copied and `total` the number of entries.  Errors: EINVAL (the caller's
 * row size is not DS's), EFAULT (DS cannot write the buffer).
 *
 * Entry point: do_getsysinfo(), from DS's call table (table.c).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Describe entry dsp in row, as the caller (label who, or NULL) may see it. */
static void
fill_row(struct ds_entryinfo *row, const struct data_store *dsp, const char *who)
{
	int type = dsp->flags & DSF_MASK_TYPE;

	memset(row, 0, sizeof(*row));
	strlcpy(row->key, dsp->key, sizeof(row->key));
	strlcpy(row->owner, dsp->owner, sizeof(row->owner));
	row->flags = (uint32_t)dsp->flags & ~DSF_IN_USE;
	if (type == DSF_TYPE_STR || type == DSF_TYPE_MEM || type == DSF_TYPE_MAP)
		row->size = dsp->length;
	if ((dsp->flags & DSF_PRIV_RETRIEVE) && (who == NULL || strcmp(who, dsp->owner) != 0)) {
		row->flags |= DSI_HIDDEN;
		return;
	}
	if (type == DSF_TYPE_U32 || type == DSF_TYPE_LABEL)
		row->value = dsp->u32;
	else if (type == DSF_TYPE_STR && dsp->data != NULL)
		strlcpy(row->str, dsp->data, sizeof(row->str));
}

int
do_getsysinfo(message *m)
{
	static struct ds_entryinfo rows[NR_DS_KEYS];
	const char *who = caller_label(m->m_source);
	const struct data_store *dsp;
	uint32_t total = 0, n;

	m->m_ds_sysinfo.total = 0;
	if (m->m_ds_sysinfo.row_size != sizeof(struct ds_entryinfo))
		return -EINVAL;
	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		if (dsp->flags & DSF_IN_USE)
			fill_row(&rows[total++], dsp, who);
	n = m->m_ds_sysinfo.len / sizeof(struct ds_entryinfo);
	if (n > total)
		n = total;
	if (n > 0 && sys_vircopy(SELF, (vir_bytes)rows, m->m_source, m->m_ds_sysinfo.addr,
				 n * sizeof(struct ds_entryinfo), 0) != OK)
		return -EFAULT;
	m->m_ds_sysinfo.total = total;
	return (int)n;
}
