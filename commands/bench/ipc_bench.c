/*
 * ipc_bench.c - the microkernel benchmarks of `make bench` (tools/bench.py).
 *
 * Booted as two system processes:  ipc_bench priv=sys server  and  ipc_bench priv=sys client
 * (the role is the last word of the module's arguments)
 * Under QEMU's -icount shift=0 the time-stamp counter advances by one per guest instruction,
 * so `rdtsc` around an operation counts its instructions.  Each benchmark keeps the cheapest
 * of ROUNDS runs (an interrupt can only add) and prints "bench: <name> <instructions>":
 *   ipc_roundtrip       one null SENDREC to the server and its reply (int $33 or sysenter,
 *                       whichever the kernel information page offers), the server
 *                       answering and receiving the next request in one REPLYREC
 *   ipc_roundtrip_split the same with the answer a SENDNB of its own and the receive apart
 *                       (three traps a round trip instead of two)
 *   ipc_trap_refused    one SENDREC the kernel refuses at once (a dead endpoint): the cost
 *                       of entering and leaving the kernel, for comparison
 *   copy_64k_local      a 64 KiB memcpy inside the client
 *   safecopy_64k        the server's sys_safecopyfrom of a 64 KiB grant from the client
 * The client then tells the server to exit and exits itself (poweroff_on_exit ends the run).
 *
 * With a last argument loop=N the client does nothing but N null round trips (no rdtsc, no
 * other benchmark) and prints "bench: ipc_roundtrip_loop N": a workload for the profiler
 * (tools/profile.py), whose count per round trip is then close to ipc_roundtrip's.  With
 * copyloop=N the client grants its 64 KiB buffer and sends one RQ_COPY asking for N copies:
 * the server does nothing but N sys_safecopyfrom of it and answers, the client prints
 * "bench: safecopy_64k_loop N" (the profiler's workload of safecopy_64k).
 *
 * The scaling table (tools/bench.py's IPC boots): K clients of one server, booted as
 * `ipc_bench priv=sys server many=K` (the first module of the program: the clients find it
 * as the first process of their name) and K times `ipc_bench priv=sys many=K`.  Each client
 * sends RQ_READY; when all K have, the server reads the counter, answers them all, and each
 * does MANY_TRIPS null round trips, then RQ_QUIT.  At the K-th RQ_QUIT the server prints
 * "bench: scale_ipc_<K>c <n>", the instructions per round trip over all of them (the
 * clients interleave as the scheduler runs them), and exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>
#include "../tests/testlib.h"
#include "bench.h"

#define ROUNDS 32
#define COPY_BYTES (64 * 1024)
#define RQ_NULL (TEST_RQ_BASE + 1)
#define RQ_COPY (TEST_RQ_BASE + 2)
#define RQ_QUIT (TEST_RQ_BASE + 3)
#define RQ_READY (TEST_RQ_BASE + 4)
#define RQ_SPLIT (TEST_RQ_BASE + 5)
#define MANY_TRIPS 256
#define MANY_MAX 32

static char buf[COPY_BYTES], buf2[COPY_BYTES];

/* RQ_COPY: u32[0] a grant of the sender's; u32[3] 0: one copy of it into buf, answered with
 * its cost (u32[1]) and result (u32[2]); u32[3] 1: u32[1] copies, untimed, answered with the
 * last result (u32[2]; the profiler's workload).  Not inlined: the server's loop, and so
 * ipc_roundtrip, stays as it was before it. */
static void __attribute__((noinline))
serve_copy(message *m)
{
	cp_grant_id_t g = (cp_grant_id_t)m->m_u32.m_u32[0];
	uint32_t n = m->m_u32.m_u32[1];
	uint64_t t0;
	int r = OK;

	if (m->m_u32.m_u32[3] != 0) {
		while (n-- > 0 && r == OK)
			r = sys_safecopyfrom(m->m_source, g, 0, (vir_bytes)buf, COPY_BYTES);
		m->m_u32.m_u32[2] = (uint32_t)r;
		return;
	}
	t0 = rdtsc();
	r = sys_safecopyfrom(m->m_source, g, 0, (vir_bytes)buf, COPY_BYTES);
	m->m_u32.m_u32[1] = (uint32_t)(rdtsc() - t0);
	m->m_u32.m_u32[2] = (uint32_t)r;
}

/* The server's loop as servers run it (srv_loop): each answer and the next receive in one
 * REPLYREC; RQ_SPLIT is answered by a SENDNB of its own and the receive apart. */
static void
server(void)
{
	endpoint_t to = NONE;
	message m;
	int status;

	for (;;) {
		if (ipc_replyrec(to, &m, &status, NULL) != OK) {
			to = NONE;
			continue;
		}
		to = m.m_source;
		if (m.m_type == RQ_QUIT)
			exit(0);
		if (m.m_type == RQ_COPY)
			serve_copy(&m);
		if (m.m_type == RQ_SPLIT) {
			ipc_sendnb(to, &m);
			to = NONE;
		}
	}
}

/* Answer each of the k clients' RQ_READY once all k have sent it; the counter then. */
static uint64_t
many_start(int k)
{
	endpoint_t waiting[MANY_MAX];
	message m;
	int n = 0, status;

	while (n < k) {
		if (ipc_receive(ANY, &m, &status) == OK && m.m_type == RQ_READY)
			waiting[n++] = m.m_source;
	}
	uint64_t t0 = rdtsc();
	for (n = 0; n < k; n++)
		ipc_send(waiting[n], &m);
	return t0;
}

/* The server of k clients: null round trips until k RQ_QUITs. */
static void
many_server(int k)
{
	uint64_t t0 = many_start(k);
	endpoint_t to = NONE;
	message m;
	int quits = 0, status;

	while (quits < k) {
		if (ipc_replyrec(to, &m, &status, NULL) != OK) {
			to = NONE;
			continue;
		}
		to = m.m_source;
		if (m.m_type == RQ_QUIT) {
			quits++;
			to = NONE;
		}
	}
	printf("bench: scale_ipc_%dc %llu\n", k,
	       (unsigned long long)((rdtsc() - t0) / ((uint64_t)k * MANY_TRIPS)));
	exit(0);
}

/* One of the clients: RQ_READY, MANY_TRIPS null round trips, RQ_QUIT. */
static void
many_client(endpoint_t srv)
{
	message m;
	int i;

	memset(&m, 0, sizeof(m));
	m.m_type = RQ_READY;
	ipc_sendrec(srv, &m);
	for (i = 0; i < MANY_TRIPS; i++) {
		m.m_type = RQ_NULL;
		ipc_sendrec(srv, &m);
	}
	m.m_type = RQ_QUIT;
	ipc_send(srv, &m);
}

static uint64_t
min_of(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static void
client(endpoint_t srv)
{
	uint64_t best_rt = ~0ull, best_local = ~0ull, best_safe = ~0ull, best_trap = ~0ull;
	uint64_t best_split = ~0ull;
	cp_grant_id_t g = cpf_grant_direct(srv, (vir_bytes)buf2, COPY_BYTES, CPF_READ);
	message m;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		uint64_t t0;

		memset(&m, 0, sizeof(m));
		m.m_type = RQ_NULL;
		t0 = rdtsc();
		ipc_sendrec(srv, &m);
		best_rt = min_of(best_rt, rdtsc() - t0);
		m.m_type = RQ_SPLIT;
		t0 = rdtsc();
		ipc_sendrec(srv, &m);
		best_split = min_of(best_split, rdtsc() - t0);
		t0 = rdtsc();
		ipc_sendrec(MAKE_ENDPOINT(77, NR_PROCS - 1), &m);	/* nobody: EDEADSRCDST */
		best_trap = min_of(best_trap, rdtsc() - t0);
		t0 = rdtsc();
		memcpy(buf, buf2, COPY_BYTES);
		best_local = min_of(best_local, rdtsc() - t0);
		m.m_type = RQ_COPY;
		m.m_u32.m_u32[0] = (uint32_t)g;
		m.m_u32.m_u32[3] = 0;
		if (ipc_sendrec(srv, &m) != OK || (int)m.m_u32.m_u32[2] != OK) {
			printf("ipc_bench: safecopy failed: %d\n", (int)m.m_u32.m_u32[2]);
			break;
		}
		best_safe = min_of(best_safe, m.m_u32.m_u32[1]);
	}
	printf("bench: ipc_roundtrip %llu\n", (unsigned long long)best_rt);
	printf("bench: ipc_roundtrip_split %llu\n", (unsigned long long)best_split);
	printf("bench: ipc_trap_refused %llu\n", (unsigned long long)best_trap);
	printf("bench: copy_64k_local %llu\n", (unsigned long long)best_local);
	printf("bench: safecopy_64k %llu\n", (unsigned long long)best_safe);
	m.m_type = RQ_QUIT;
	ipc_send(srv, &m);
}

/* N null round trips and nothing else (the profiler's workload). */
static void
client_loop(endpoint_t srv, int n)
{
	message m;
	int i;

	for (i = 0; i < n; i++) {
		m.m_type = RQ_NULL;
		ipc_sendrec(srv, &m);
	}
	printf("bench: ipc_roundtrip_loop %d\n", n);
	m.m_type = RQ_QUIT;
	ipc_send(srv, &m);
}

/* One request for n safe copies of the 64 KiB buffer (the profiler's workload). */
static void
client_copy_loop(endpoint_t srv, int n)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RQ_COPY;
	m.m_u32.m_u32[0] = (uint32_t)cpf_grant_direct(srv, (vir_bytes)buf2, COPY_BYTES, CPF_READ);
	m.m_u32.m_u32[1] = (uint32_t)n;
	m.m_u32.m_u32[3] = 1;
	if (ipc_sendrec(srv, &m) != OK || (int)m.m_u32.m_u32[2] != OK)
		printf("ipc_bench: safecopy failed: %d\n", (int)m.m_u32.m_u32[2]);
	else
		printf("bench: safecopy_64k_loop %d\n", n);
	m.m_type = RQ_QUIT;
	ipc_send(srv, &m);
}

int
main(int argc, char **argv)
{
	endpoint_t srv;

	if (strncmp(argv[argc - 1], "many=", 5) == 0) {
		int k = atoi(argv[argc - 1] + 5);

		if (k < 1 || k > MANY_MAX) {
			printf("ipc_bench: many=%d: 1 to %d clients\n", k, MANY_MAX);
			return 1;
		}
		if (strcmp(argv[argc - 2], "server") == 0)
			many_server(k);
		if ((srv = test_nth_of_program(0)) == NONE) {
			printf("ipc_bench: no server process\n");
			return 1;
		}
		many_client(srv);
		return 0;
	}
	if (strcmp(argv[argc - 1], "server") == 0)
		server();
	if ((srv = test_find_peer("ipc_bench")) == NONE) {	/* the other ipc_bench */
		printf("ipc_bench: no server process\n");
		return 1;
	}
	if (strncmp(argv[argc - 1], "loop=", 5) == 0)
		client_loop(srv, atoi(argv[argc - 1] + 5));
	else if (strncmp(argv[argc - 1], "copyloop=", 9) == 0)
		client_copy_loop(srv, atoi(argv[argc - 1] + 9));
	else
		client(srv);
	return 0;
}
