/*
 * dl.c - the client side of a DL_ request (minnow/dl.h; handouts/netdriver.md): one
 * message to a network driver, sent asynchronously so that a dead or busy driver never
 * blocks its client (inet, the test clients).
 *
 * Entry point: dl_request().
 */
#include <string.h>
#include <minnow/dl.h>
#include <minnow/ipc.h>
#include <minnow/sef.h>

int
dl_request(endpoint_t drv, int type, int mode, cp_grant_id_t grant, int count)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_dl.mode = mode;
	m.m_dl.grant = grant;
	m.m_dl.count = count;
	return asynsend3(drv, &m, AMF_NOREPLY);
}
