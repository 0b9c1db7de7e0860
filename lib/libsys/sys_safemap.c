/*
 * sys_safemap.c - sharing pages through grants: sys_safemap, sys_saferevmap_gid,
 * sys_saferevmap_addr and sys_safeunmap (minnow/syslib.h).
 *
 * Protocol: SYS_SAFEMAP (mess_sys_safemap) is made by the grantee, naming the granter, the
 * grant (which must carry CPF_MAP), a page-aligned offset and length, and the page-aligned
 * address where the pages should appear in the caller.  SYS_SAFEREVMAP
 * (mess_sys_saferevmap) is made by the granter, naming one of its grant ids or one address
 * of its memory.  SYS_SAFEUNMAP (mess_sys_safeunmap) is made by the grantee, naming the
 * start of its mapping.  The kernel checks and forwards each to VM, which does the work
 * (kernel/system/do_safemap.c, servers/vm/safemap.c).
 */
#include <string.h>
#include <minnow/safecopies.h>
#include <minnow/syslib.h>

int
sys_safemap(endpoint_t grantor, cp_grant_id_t grant, vir_bytes offset, vir_bytes my_address,
	size_t bytes, int writable)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_safemap.granter = grantor;
	m.m_sys_safemap.grant = grant;
	m.m_sys_safemap.offset = offset;
	m.m_sys_safemap.address = my_address;
	m.m_sys_safemap.bytes = bytes;
	m.m_sys_safemap.writable = writable != 0;
	return _kernel_call(SYS_SAFEMAP, &m);
}

/* SYS_SAFEREVMAP by grant id or by address. */
static int
saferevmap(int flag, cp_grant_id_t grant, vir_bytes addr)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_saferevmap.flag = flag;
	m.m_sys_saferevmap.grant = grant;
	m.m_sys_saferevmap.address = addr;
	return _kernel_call(SYS_SAFEREVMAP, &m);
}

int
sys_saferevmap_gid(cp_grant_id_t grant)
{
	return saferevmap(SAFEREVMAP_GID, grant, 0);
}

int
sys_saferevmap_addr(vir_bytes addr)
{
	return saferevmap(SAFEREVMAP_ADDR, GRANT_INVALID, addr);
}

int
sys_safeunmap(vir_bytes my_address)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sys_safeunmap.address = my_address;
	return _kernel_call(SYS_SAFEUNMAP, &m);
}
