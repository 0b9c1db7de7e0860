/*
 * inet_addr_harness.c - host harness of tools/tests/test_inet_addr.py: Minnow's lib/libc/inet.c
 * (compiled for the host with mn_ names) against the host's inet_pton, inet_ntop and
 * inet_ntoa on the same inputs: edge cases, every malformed shape test_inet_addr.py lists, and
 * random addresses and strings.  Prints "FAIL <what>" for each difference, "checks N
 * failed M" last.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mn_inet_pton(int af, const char *src, void *dst);
const char *mn_inet_ntop(int af, const void *src, char *dst, socklen_t size);
in_addr_t mn_inet_addr(const char *cp);
char *mn_inet_ntoa(struct in_addr in);

static int checks, failed;

static void
check_pton(const char *s)
{
	uint32_t a = 0, b = 0;
	int mine = mn_inet_pton(AF_INET, s, &a), host = inet_pton(AF_INET, s, &b);

	checks++;
	if (mine != host || (mine == 1 && a != b)) {
		failed++;
		printf("FAIL inet_pton(\"%s\"): minnow %d %08x host %d %08x\n", s, mine, a, host, b);
	}
	if (mine == 1) {
		checks++;
		if (mn_inet_addr(s) != b) {
			failed++;
			printf("FAIL inet_addr(\"%s\")\n", s);
		}
	}
}

static void
check_ntop(uint32_t addr, socklen_t size)
{
	char m[32], h[32];
	const char *rm, *rh;
	int em, eh;

	errno = 0;
	rm = mn_inet_ntop(AF_INET, &addr, m, size);
	em = errno;
	errno = 0;
	rh = inet_ntop(AF_INET, &addr, h, size);
	eh = errno;
	checks++;
	if ((rm == NULL) != (rh == NULL) || (rm != NULL && strcmp(m, h) != 0) ||
	    (rm == NULL && em != eh)) {
		failed++;
		printf("FAIL inet_ntop(%08x, %u): minnow %s host %s\n", addr, (unsigned)size,
		       rm ? m : "NULL", rh ? h : "NULL");
	}
}

int
main(int argc, char **argv)
{
	static const char *edge[] = { "0.0.0.0", "255.255.255.255", "127.0.0.1", "10.0.2.15",
		"256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1..2.3", ".1.2.3",
		"1.2.3.", "", "a.b.c.d", "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "0x1.2.3.4",
		"1.2.3.4x", "999.1.1.1", "1.2.3.256", "00.0.0.0", "127.1" };
	char buf[32], addr[4];
	uint32_t a;
	int i, j;

	for (i = 1; i < argc; i++)	/* more shapes from test_inet_addr.py */
		check_pton(argv[i]);
	for (i = 0; i < (int)(sizeof(edge) / sizeof(edge[0])); i++)
		check_pton(edge[i]);
	srand(1);
	for (i = 0; i < 20000; i++) {
		a = (uint32_t)rand() ^ (uint32_t)rand() << 16;
		snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a & 255, a >> 8 & 255, a >> 16 & 255,
			 (unsigned)(rand() % 300));
		check_pton(buf);
		for (j = 0; j < 8; j++)
			buf[j] = "0123456789.."[rand() % 12];
		buf[8] = '\0';
		check_pton(buf);
		check_ntop(a, (socklen_t)(7 + rand() % 12));
	}
	checks++;
	errno = 0;
	if (mn_inet_pton(AF_INET6, "::1", addr) != -1 || errno != EAFNOSUPPORT) {
		failed++;
		printf("FAIL inet_pton(AF_INET6) is not EAFNOSUPPORT\n");
	}
	a = htonl(0x0a00020f);
	checks++;
	if (strcmp(mn_inet_ntoa(*(struct in_addr *)&a), "10.0.2.15") != 0) {
		failed++;
		printf("FAIL inet_ntoa\n");
	}
	printf("checks %d failed %d\n", checks, failed);
	return 0;
}
