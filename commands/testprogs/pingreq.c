/*
 * pingreq.c - /test/pingreq [-w] LABEL [exit|panic|fault|hang]: send one request to the ping
 * service (/service/ping) labelled LABEL, found with RS_LOOKUP (handouts/rs.md, "Crash
 * recovery"; a user process cannot ask DS, which reads keys through grants).
 *
 * -w: while RS does not know the label or its endpoint does not answer (a service being
 * restarted), try again every 100 ms, for at most 20 s; the tries are not printed.
 * Without a second argument the request is an ordinary one: pingreq prints "pingreq
 * LABEL: endpoint E answered N" (N: requests that instance has served) and exits 0; an
 * unknown label or an IPC error is a message on stderr and exit status 1.  With exit,
 * panic or fault the request makes ping end that way (ping.c's PING_EXIT, PING_PANIC,
 * PING_FAULT); ping does not answer it: pingreq's sendrec ends when ping dies (the kernel
 * ends it with EDEADSRCDST), and pingreq prints "pingreq LABEL: sent WHAT to endpoint E:
 * no answer (R)" and exits 0; an answer is an error (exit status 1).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/rs.h>
#include <minnow/ipcstub.h>

#define PING_REPLY 0x1
#define PING_EXIT  0x10
#define PING_PANIC 0x11
#define PING_FAULT 0x12
#define PING_HANG  0x13     /* answered; ping stops answering RS's pings */
#define TRIES      200     /* -w: tries, 100 ms apart */

/* The endpoint of label (RS_LOOKUP): 0, or RS's error. */
static int
lookup(const char *label, endpoint_t *ep)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	strncpy(m.m_rs_req.label, label, sizeof(m.m_rs_req.label) - 1);
	m.m_type = RS_LOOKUP;
	if ((r = ipc_sendrec(RS_PROC_NR, &m)) != 0)
		return r;
	*ep = m.m_rs_req.endpoint;
	return m.m_type;
}

/* The request type for the word how (NULL: an ordinary request); -1 if unknown. */
static int
request_type(const char *how)
{
	if (how == NULL)
		return 0;
	if (strcmp(how, "exit") == 0)
		return PING_EXIT;
	if (strcmp(how, "panic") == 0)
		return PING_PANIC;
	if (strcmp(how, "fault") == 0)
		return PING_FAULT;
	if (strcmp(how, "hang") == 0)
		return PING_HANG;
	return -1;
}

/* One request of type (0: ordinary) to label: 0 (the answer printed), or -1 (why on
 * stderr if loud). */
static int
ask(const char *label, int type, int loud)
{
	endpoint_t ep;
	message m;
	int r;

	if ((r = lookup(label, &ep)) != 0) {
		if (loud)
			fprintf(stderr, "pingreq %s: no such service (%d)\n", label, r);
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	if ((r = ipc_sendrec(ep, &m)) != 0 || m.m_type != PING_REPLY) {
		if (loud)
			fprintf(stderr, "pingreq %s: endpoint %d did not answer (%d, type %d)\n",
				label, ep, r, m.m_type);
		return -1;
	}
	printf("pingreq %s: endpoint %d answered %u\n", label, ep, (unsigned)m.m_u32.m_u32[0]);
	return 0;
}

/* Send the request that ends ping (no answer should come). */
static int
kill_request(const char *label, const char *how, int type)
{
	endpoint_t ep;
	message m;
	int r;

	if ((r = lookup(label, &ep)) != 0) {
		fprintf(stderr, "pingreq %s: no such service (%d)\n", label, r);
		return 1;
	}
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	if ((r = ipc_sendrec(ep, &m)) == 0) {
		fprintf(stderr, "pingreq %s: endpoint %d answered %s\n", label, ep, how);
		return 1;
	}
	printf("pingreq %s: sent %s to endpoint %d: no answer (%d)\n", label, how, ep, r);
	return 0;
}

int
main(int argc, char **argv)
{
	int wait = argc > 1 && strcmp(argv[1], "-w") == 0, type, i;

	argv += wait;
	argc -= wait;
	if (argc < 2 || argc > 3 || (type = request_type(argv[2])) < 0) {
		fprintf(stderr, "usage: pingreq [-w] LABEL [exit|panic|fault|hang]\n");
		return 2;
	}
	if (type != 0 && type != PING_HANG)
		return kill_request(argv[1], argv[2], type);
	for (i = 1; wait && i < TRIES; i++) {
		if (ask(argv[1], type, 0) == 0)
			return 0;
		usleep(100000);
	}
	return ask(argv[1], type, 1) == 0 ? 0 : 1;
}
