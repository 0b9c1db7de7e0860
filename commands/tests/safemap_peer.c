/*
 * safemap_peer.c - the helpers of the safemap tests: a grantee, and a second process that
 * is by turns a third party, a relay and a granter (safemap_owner.c runs the cases).
 *
 * Grader (grader/tests/safemap.py) boots, after safemap_owner (module 0) and VM:
 *     safemap_peer priv=sys grantee
 *     safemap_peer priv=sys other
 * Each finds safemap_owner, SENDs it SM_HELLO with its role, then does what the owner asks
 * (safemap_proto.h): map through a grant (sys_safemap), unmap (sys_safeunmap), read or
 * write a word at an address (which may kill it with SIGSEGV: that is the point of some
 * cases), make a grant of its own page, change that page, pass on a grant, or revoke its
 * mappings (sys_saferevmap_gid).  It never ends by itself: the owner's cases end both peers with a
 * SIGSEGV and then free their memory as PM would (VM_EXIT).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include "safemap_proto.h"
#include "testlib.h"

/* The page this peer grants (page-aligned, so that it can be mapped). */
static volatile uint32_t own_page[SM_PAGE / 4] __attribute__((aligned(SM_PAGE)));

/* SM_GRANT: the reply words are the grant id and the page's address. */
static int
make_grant(uint32_t *w)
{
	cp_grant_id_t g;

	own_page[0] = w[SM_C];
	g = cpf_grant_direct((endpoint_t)w[SM_A], (vir_bytes)own_page, SM_PAGE, (int)w[SM_B]);
	w[SM_A] = (uint32_t)g;
	w[SM_B] = (uint32_t)own_page;
	return g == GRANT_INVALID ? -errno : OK;
}

static int
make_indirect(const uint32_t *w, uint32_t *id)
{
	cp_grant_id_t g = cpf_grant_indirect((endpoint_t)w[SM_A], (endpoint_t)w[SM_B],
		(cp_grant_id_t)w[SM_C]);

	*id = (uint32_t)g;
	return g == GRANT_INVALID ? -errno : OK;
}

/* Do request m; the result, with reply words in m. */
static int
handle(message *m)
{
	uint32_t *w = m->m_u32.m_u32;

	switch (m->m_type) {
	case SM_MAP:
		return sys_safemap((endpoint_t)w[SM_A], (cp_grant_id_t)w[SM_B], w[SM_C],
			w[SM_D], w[SM_E], (int)w[SM_F]);
	case SM_UNMAP:
		return sys_safeunmap(w[SM_A]);
	case SM_READ:
		w[SM_A] = *(volatile uint32_t *)w[SM_A];
		return OK;
	case SM_WRITE:
		*(volatile uint32_t *)w[SM_A] = w[SM_B];
		return OK;
	case SM_GRANT:
		return make_grant(w);
	case SM_GRANT_INDIRECT:
		return make_indirect(w, &w[SM_A]);
	case SM_SET:
		own_page[0] = w[SM_A];
		return OK;
	case SM_REVMAP:
		return sys_saferevmap_gid((cp_grant_id_t)w[SM_A]);
	default:
		return -EINVAL;
	}
}

static void
serve(endpoint_t owner, int role)
{
	message m;
	int r, status;

	memset(&m, 0, sizeof(m));
	m.m_type = SM_HELLO;
	m.m_u32.m_u32[SM_A] = (uint32_t)role;
	if ((r = ipc_send(owner, &m)) != OK) {
		test_fail("safemap_peer_hello", "send to the owner: %s", test_errname(r));
		return;
	}
	for (;;) {
		if ((r = ipc_receive(owner, &m, &status)) != OK) {
			test_fail("safemap_peer_receive", "%s", test_errname(r));
			return;
		}
		r = handle(&m);
		m.m_type = r;
		if ((r = ipc_send(owner, &m)) != OK) {
			test_fail("safemap_peer_reply", "%s", test_errname(r));
			return;
		}
	}
}

int
main(int argc, char **argv)
{
	endpoint_t owner;

	argc = test_init("safemap_peer", argc, argv);
	if (argc != 2 || (strcmp(argv[1], "grantee") != 0 && strcmp(argv[1], "other") != 0)) {
		test_fail("safemap_peer_usage", "safemap_peer grantee | other");
		return test_done();
	}
	if ((owner = test_find_peer("safemap_owner")) != NONE)
		serve(owner, strcmp(argv[1], "grantee") == 0 ? SM_ROLE_GRANTEE : SM_ROLE_OTHER);
	return test_done();
}
