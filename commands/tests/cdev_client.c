/*
 * cdev_client.c - the character driver protocol from the caller's side (cdev_client.h).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include "cdev_client.h"

static cdev_id_t next_id = 1;

void
cdev_request(message *m, int type, devminor_t minor, cp_grant_id_t grant, size_t count,
	     int flags)
{
	memset(m, 0, sizeof(*m));
	m->m_type = type;
	m->m_cdev.minor = minor;
	m->m_cdev.grant = grant;
	m->m_cdev.count = count;
	m->m_cdev.flags = flags;
	m->m_cdev.access = CDEV_R_BIT | CDEV_W_BIT;
	m->m_cdev.user = sef_self();
	m->m_cdev.id = next_id++;
}

int
cdev_call(endpoint_t drv, message *m)
{
	cdev_id_t id = m->m_cdev.id;
	int r, want = m->m_type == CDEV_SELECT ? CDEV_SEL1_REPLY : CDEV_REPLY;

	if ((r = ipc_sendrec(drv, m)) != OK)
		return r;
	if (m->m_type != want || (want == CDEV_REPLY && m->m_cdev_reply.id != id))
		return -EBADREQUEST;
	return m->m_cdev_reply.status;
}

int
cdev_simple(endpoint_t drv, int type, devminor_t minor, int flags)
{
	message m;

	cdev_request(&m, type, minor, GRANT_INVALID, 0, flags);
	return cdev_call(drv, &m);
}

int
cdev_rw(endpoint_t drv, int type, devminor_t minor, const void *addr, size_t size, int flags)
{
	cp_grant_id_t g = cpf_grant_direct(drv, (vir_bytes)addr, size,
					   type == CDEV_READ ? CPF_WRITE : CPF_READ);
	message m;
	int r;

	cdev_request(&m, type, minor, g, size, flags);
	r = cdev_call(drv, &m);
	cpf_revoke(g);
	return r;
}
