/*
 * sys_copy.c - copying between address spaces: vircopy, physcopy, the grant-checked safe
 * copies, sys_setgrant, sys_safememset and sys_umap.
 *
 * Protocol: SYS_VIRCOPY and SYS_PHYSCOPY share mess_sys_copy (NONE as an endpoint of a
 * physcopy means physical memory); SYS_SAFECOPYFROM/TO use mess_sys_safecopy, where the
 * caller is the grantee and `address` is in the caller; SYS_VSAFECOPY points at a vector
 * of struct vscp_vec; SYS_SETGRANT announces the caller's grant table; SYS_SAFEMEMSET fills a
 * granted range; SYS_UMAP translates a virtual range to physical.
 */
#include <string.h>
#include <minnow/fastcopy.h>
#include <minnow/syslib.h>

/* SYS_VIRCOPY and SYS_PHYSCOPY. */
static int
copy_call(int call, endpoint_t src, uint32_t src_addr, endpoint_t dst, uint32_t dst_addr,
	phys_bytes bytes, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_copy.src_endpt = src;
	m.m_sys_copy.src_addr = src_addr;
	m.m_sys_copy.dst_endpt = dst;
	m.m_sys_copy.dst_addr = dst_addr;
	m.m_sys_copy.nr_bytes = bytes;
	m.m_sys_copy.flags = flags;
	return _kernel_call(call, &m);
}

int
sys_vircopy(endpoint_t src, vir_bytes src_addr, endpoint_t dst, vir_bytes dst_addr,
	phys_bytes bytes, int flags)
{
	return copy_call(SYS_VIRCOPY, src, src_addr, dst, dst_addr, bytes, flags);
}

int
sys_physcopy(endpoint_t src, phys_bytes src_addr, endpoint_t dst, phys_bytes dst_addr,
	phys_bytes bytes, int flags)
{
	return copy_call(SYS_PHYSCOPY, src, src_addr, dst, dst_addr, bytes, flags);
}

/* SYS_SAFECOPYFROM and SYS_SAFECOPYTO. */
static int
safecopy_call(int call, endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes)
{
	message m;

	fast_memset(&m, 0, sizeof(m));	/* inline: one rep stosl */
	m.m_sys_safecopy.granter = granter;
	m.m_sys_safecopy.grant = grant;
	m.m_sys_safecopy.offset = offset;
	m.m_sys_safecopy.address = address;
	m.m_sys_safecopy.bytes = bytes;
	return _kernel_call(call, &m);
}

int
sys_safecopyfrom(endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes)
{
	return safecopy_call(SYS_SAFECOPYFROM, granter, grant, offset, address, bytes);
}

int
sys_safecopyto(endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes)
{
	return safecopy_call(SYS_SAFECOPYTO, granter, grant, offset, address, bytes);
}

int
sys_vsafecopy(struct vscp_vec *vec, int count)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_vsafecopy.vec_addr = (vir_bytes)vec;
	m.m_sys_vsafecopy.vec_size = count;
	return _kernel_call(SYS_VSAFECOPY, &m);
}

int
sys_setgrant(const void *table, int entries)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_setgrant.addr = (vir_bytes)table;
	m.m_sys_setgrant.size = entries;
	return _kernel_call(SYS_SETGRANT, &m);
}

int
sys_safememset(endpoint_t granter, cp_grant_id_t grant, vir_bytes offset, int pattern,
	size_t bytes)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_safememset.granter = granter;
	m.m_sys_safememset.grant = grant;
	m.m_sys_safememset.offset = offset;
	m.m_sys_safememset.pattern = pattern;
	m.m_sys_safememset.bytes = bytes;
	return _kernel_call(SYS_SAFEMEMSET, &m);
}

int
sys_umap(endpoint_t endpt, vir_bytes vir_addr, phys_bytes bytes, phys_bytes *phys)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_umap.endpt = endpt;
	m.m_sys_umap.vir_addr = vir_addr;
	m.m_sys_umap.nr_bytes = bytes;
	r = _kernel_call(SYS_UMAP, &m);
	if (r == OK && phys != NULL)
		*phys = m.m_sys_umap.phys_addr;
	return r;
}
