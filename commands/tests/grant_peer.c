/*
 * grant_peer.c - the helpers of the grant tests: grantees, a third party, a relay, a
 * process in VFS's slot, and a user process (handouts/grants.md; grant_owner.c runs
 * the cases and prints their results).
 *
 * Grader: the grant tests boot, after grant_owner (module 0),
 *     grant_peer priv=sys vfs        module 1: slot VFS_PROC_NR, so its magic grants work
 *     grant_peer priv=sys server     the grantee of most grants
 *     grant_peer priv=sys third      a third party that must never get in
 *     grant_peer priv=sys relay      the middle of an indirect chain
 *     grant_peer user 0              a user process (no priv=sys); 0: grant_owner's endpoint
 *
 * A system peer finds grant_owner, SENDs it GP_HELLO with its role, then does whatever the
 * owner asks (grant_proto.h): make a grant of its own pattern buffer (filled with
 * gp_pattern(role) at start), pass a grant on, make a magic grant, revoke, or copy through
 * somebody's grant with sys_safecopyfrom/sys_safecopyto/sys_vsafecopy/sys_safememset, and
 * answers with the result.  Only GP_EXIT ends it.
 *
 * The user peer checks that a user process can neither announce a grant table nor copy
 * through grants (both kernel calls are outside the user kernel-call mask: ECALLDENIED; the
 * kernel would say EPERM to sys_setgrant even without the mask).  A user process may only
 * SENDREC, so it sends its results to grant_owner (GP_USER_REPORT), which prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/grant.h>
#include "grant_proto.h"
#include "testlib.h"

static uint8_t pattern_buf[GP_BUF_SIZE];       /* what this peer's own grants expose */
static uint8_t scratch[GP_BUF_SIZE];           /* where its copies land or come from */
static struct vscp_vec vec[SCPVEC_NR + 1];

/* A grant of [offset, offset + bytes) of pattern_buf; the id (or GRANT_INVALID) in *id. */
static int
grant_direct(uint32_t *w, uint32_t *id)
{
	if (w[GP_B] > GP_BUF_SIZE || w[GP_C] > GP_BUF_SIZE - w[GP_B])
		return -EINVAL;
	*id = (uint32_t)cpf_grant_direct((endpoint_t)w[GP_A], (vir_bytes)pattern_buf + w[GP_B],
		w[GP_C], (int)w[GP_D]);
	return (cp_grant_id_t)*id == GRANT_INVALID ? -errno : OK;
}

static int
copy_from(uint32_t *w, uint32_t *hash)
{
	vir_bytes local = w[GP_E] != 0 ? w[GP_E] : (vir_bytes)scratch;
	int r;

	if (w[GP_D] > GP_BUF_SIZE)
		return -EINVAL;
	memset(scratch, 0, sizeof(scratch));
	r = sys_safecopyfrom((endpoint_t)w[GP_A], (cp_grant_id_t)w[GP_B], w[GP_C], local,
		w[GP_D]);
	*hash = gp_hash(scratch, w[GP_D]);
	return r;
}

static int
copy_to(uint32_t *w)
{
	if (w[GP_D] > GP_BUF_SIZE)
		return -EINVAL;
	for (size_t i = 0; i < GP_BUF_SIZE; i++)
		scratch[i] = gp_pattern(w[GP_E], i);
	return sys_safecopyto((endpoint_t)w[GP_A], (cp_grant_id_t)w[GP_B], w[GP_C],
		(vir_bytes)scratch, w[GP_D]);
}

/* One vector element: copy n bytes between the caller's scratch and (granter, gid). */
static void
set_vec(struct vscp_vec *v, endpoint_t from, endpoint_t to, uint32_t gid, size_t n,
	vir_bytes offset)
{
	v->v_from = from;
	v->v_to = to;
	v->v_gid = (cp_grant_id_t)gid;
	v->v_offset = offset;
	v->v_addr = (vir_bytes)scratch;
	v->v_bytes = n;
}

/*
 * GP_VCOPY: granter g, grants A (readable) and B (writable), n bytes, one of the VC_ modes
 * (grant_proto.h).  The hash of the scratch buffer comes back (VC_GOOD: what was read).
 */
static int
vcopy(uint32_t *w, uint32_t *hash)
{
	endpoint_t g = (endpoint_t)w[GP_A];
	size_t n = w[GP_D];
	int count = 2, r;

	if (n > GP_BUF_SIZE)
		return -EINVAL;
	memset(scratch, 0, sizeof(scratch));
	set_vec(&vec[0], g, SELF, w[GP_B], n, 0);
	set_vec(&vec[1], SELF, g, w[GP_C], n, 0);
	switch (w[GP_E]) {
	case VC_GOOD:
		break;
	case VC_BOTH_SELF:
		vec[1].v_to = SELF;
		break;
	case VC_NO_SELF:
		vec[1].v_from = g;
		break;
	case VC_TOO_MANY:
		for (count = 0; count < SCPVEC_NR + 1; count++)
			set_vec(&vec[count], g, SELF, w[GP_B], n, 0);
		break;
	case VC_STOPS:
		for (size_t i = 0; i < n; i++)
			scratch[i] = gp_pattern(99, i);
		set_vec(&vec[0], SELF, g, w[GP_C], n, 0);
		set_vec(&vec[1], g, SELF, w[GP_B], n, 1 << 20);   /* past the end */
		break;
	default:
		return -EINVAL;
	}
	r = sys_vsafecopy(vec, count);
	*hash = gp_hash(scratch, n);
	return r;
}

/* Do one request of the owner's; the result, with reply word A in *out. */
static int
handle(message *m, uint32_t *out)
{
	uint32_t *w = m->m_u32.m_u32;
	cp_grant_id_t id;

	switch (m->m_type) {
	case GP_GRANT_DIRECT:
		return grant_direct(w, out);
	case GP_GRANT_INDIRECT:
		id = cpf_grant_indirect((endpoint_t)w[GP_A], (endpoint_t)w[GP_B],
			(cp_grant_id_t)w[GP_C]);
		*out = (uint32_t)id;
		return id == GRANT_INVALID ? -errno : OK;
	case GP_GRANT_MAGIC:
		id = cpf_grant_magic((endpoint_t)w[GP_A], (endpoint_t)w[GP_B], w[GP_C], w[GP_D],
			(int)w[GP_E]);
		*out = (uint32_t)id;
		return id == GRANT_INVALID ? -errno : OK;
	case GP_REVOKE:
		return cpf_revoke((cp_grant_id_t)w[GP_A]);
	case GP_COPYFROM:
		return copy_from(w, out);
	case GP_COPYTO:
		return copy_to(w);
	case GP_MEMSET:
		return sys_safememset((endpoint_t)w[GP_A], (cp_grant_id_t)w[GP_B], w[GP_C],
			(int)w[GP_E], w[GP_D]);
	case GP_VCOPY:
		return vcopy(w, out);
	default:
		return -EBADREQUEST;
	}
}

/* Say hello to the owner, then serve its requests until GP_EXIT. */
static void
serve(int role)
{
	endpoint_t owner;
	message m;
	uint32_t out;
	int r, type;

	for (size_t i = 0; i < GP_BUF_SIZE; i++)
		pattern_buf[i] = gp_pattern((uint32_t)role, i);
	if ((owner = test_find_peer("grant_owner")) == NONE)
		exit(1);
	memset(&m, 0, sizeof(m));
	m.m_type = GP_HELLO;
	m.m_u32.m_u32[GP_A] = (uint32_t)role;
	if ((r = ipc_send(owner, &m)) != OK)
		test_fail("grant_peer_hello", "send: %s", test_errname(r));
	for (;;) {
		if ((r = ipc_receive(owner, &m, NULL)) != OK) {
			test_fail("grant_peer_receive", "%s", test_errname(r));
			exit(1);
		}
		out = 0;
		type = m.m_type;
		r = type == GP_EXIT ? OK : handle(&m, &out);
		memset(&m, 0, sizeof(m));
		m.m_type = r;
		m.m_u32.m_u32[GP_A] = out;
		ipc_send(owner, &m);
		if (type == GP_EXIT)
			exit(0);
	}
}

/* The user peer: a user process can neither announce a grant table nor copy through
 * grants; it tells the owner (endpoint `owner`) what the kernel said. */
static int
user_cases(endpoint_t owner)
{
	static cp_grant_t table[4];
	char buf[16];
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = GP_USER_REPORT;
	m.m_u32.m_u32[GP_A] = (uint32_t)sys_setgrant(table, 4);
	m.m_u32.m_u32[GP_B] = (uint32_t)sys_safecopyfrom(owner, 0, 0, (vir_bytes)buf,
		sizeof(buf));
	errno = 0;
	m.m_u32.m_u32[GP_C] = (uint32_t)cpf_grant_direct(owner, (vir_bytes)buf, sizeof(buf),
		CPF_READ);
	m.m_u32.m_u32[GP_D] = (uint32_t)errno;
	return ipc_sendrec(owner, &m) == OK ? 0 : 1;
}

int
main(int argc, char **argv)
{
	static const char *roles[NR_ROLES] = { NULL, "server", "third", "relay", "vfs" };

	argc = test_init("grant_peer", argc, argv);
	if (argc == 3 && strcmp(argv[1], "user") == 0)
		return user_cases((endpoint_t)strtol(argv[2], NULL, 0));
	for (int role = 1; argc == 2 && role < NR_ROLES; role++)
		if (strcmp(argv[1], roles[role]) == 0)
			serve(role);
	test_fail("grant_peer_usage", "grant_peer server | third | relay | vfs | user <owner>");
	return test_done();
}
