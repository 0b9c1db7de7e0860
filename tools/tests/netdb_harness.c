/*
 * netdb_harness.c - host harness of tools/tests/test_netdb.py: Minnow's lib/libc/netdb.c
 * compiled for the host with mn_ names and a hosts file of the test's (NETDB_HOSTS_FILE),
 * against the host's headers (the same field names and EAI_ codes).  Checks localhost, the
 * file's names, aliases, comments and bad lines, numeric hosts and services, the built-in
 * services, every flag and error, getnameinfo and gethostbyname, and compares addresses
 * and ports with the host's getaddrinfo() on random numeric input.  Prints "ok <what>" or
 * "FAIL <what>" per check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <sys/socket.h>

int mn_getaddrinfo(const char *, const char *, const struct addrinfo *, struct addrinfo **);
void mn_freeaddrinfo(struct addrinfo *);
const char *mn_gai_strerror(int);
int mn_getnameinfo(const struct sockaddr *, socklen_t, char *, socklen_t, char *, socklen_t,
		   int);
struct hostent *mn_gethostbyname(const char *);

static void
check(int cond, const char *what)
{
	printf("%s %s\n", cond ? "ok" : "FAIL", what);
}

/* getaddrinfo(host, serv, flags, socktype, family): its code; the first answer's address
 * text, port, type and the count of answers in the out parameters. */
static int
gai(const char *host, const char *serv, int flags, int socktype, int family, char *addr,
    int *port, int *type, int *count)
{
	struct addrinfo hints, *res, *ai;
	int e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = flags;
	hints.ai_socktype = socktype;
	hints.ai_family = family;
	*count = 0;
	if ((e = mn_getaddrinfo(host, serv, &hints, &res)) != 0)
		return e;
	inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr, addr, 16);
	*port = ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port);
	*type = res->ai_socktype;
	for (ai = res; ai != NULL; ai = ai->ai_next)
		(*count)++;
	mn_freeaddrinfo(res);
	return 0;
}

/* The first answer is addr:port of type, count answers. */
static void
answer(const char *host, const char *serv, int flags, int socktype, const char *want,
       int wport, int wtype, int wcount, const char *what)
{
	char addr[16] = "";
	int port = -1, type = -1, count = 0;
	int e = gai(host, serv, flags, socktype, AF_UNSPEC, addr, &port, &type, &count);

	check(e == 0 && !strcmp(addr, want) && port == wport && type == wtype && count == wcount,
	      what);
}

static void
error(const char *host, const char *serv, int flags, int socktype, int family, int want,
      const char *what)
{
	char addr[16];
	int port, type, count;

	check(gai(host, serv, flags, socktype, family, addr, &port, &type, &count) == want, what);
}

static void
names(void)
{
	answer("localhost", "http", 0, 0, "127.0.0.1", 80, SOCK_STREAM, 1, "localhost http (TCP only)");
	answer("LocalHost", "80", 0, SOCK_DGRAM, "127.0.0.1", 80, SOCK_DGRAM, 1, "name any case");
	answer("alpha", "8080", 0, SOCK_STREAM, "10.1.1.1", 8080, SOCK_STREAM, 1, "hosts name");
	answer("a2", "1", 0, SOCK_STREAM, "10.1.1.1", 1, SOCK_STREAM, 1, "hosts alias");
	answer("beta", "1", 0, SOCK_STREAM, "10.1.1.2", 1, SOCK_STREAM, 1, "first of two lines");
	answer("gamma", "1", 0, SOCK_STREAM, "10.1.1.3", 1, SOCK_STREAM, 1, "after bad lines");
	error("commented", "1", 0, 0, 0, EAI_NONAME, "a name after # is not one");
	error("nosuchname", "1", 0, 0, 0, EAI_NONAME, "unknown name: EAI_NONAME (no DNS)");
	error("", "1", 0, 0, 0, EAI_NONAME, "empty name");
	error("alpha", "1", AI_NUMERICHOST, 0, 0, EAI_NONAME, "AI_NUMERICHOST refuses a name");
	answer("10.9.8.7", "1", AI_NUMERICHOST, SOCK_STREAM, "10.9.8.7", 1, SOCK_STREAM, 1,
	       "AI_NUMERICHOST takes a number");
	error("1.2.3", "1", 0, 0, 0, EAI_NONAME, "short dotted form is a name, unknown");
	answer(NULL, "80", AI_PASSIVE, SOCK_STREAM, "0.0.0.0", 80, SOCK_STREAM, 1, "passive");
	answer(NULL, "80", 0, SOCK_STREAM, "127.0.0.1", 80, SOCK_STREAM, 1, "no host: loopback");
	answer("alpha", NULL, 0, 0, "10.1.1.1", 0, SOCK_STREAM, 2, "no service: port 0");
}

static void
services(void)
{
	answer("1.2.3.4", "ntp", 0, 0, "1.2.3.4", 123, SOCK_DGRAM, 1, "ntp is UDP only");
	error("1.2.3.4", "ntp", 0, SOCK_STREAM, 0, EAI_SERVICE, "ntp on a stream: EAI_SERVICE");
	answer("1.2.3.4", "HTTPS", 0, 0, "1.2.3.4", 443, SOCK_STREAM, 1, "https, any case");
	answer("1.2.3.4", "65535", 0, 0, "1.2.3.4", 65535, SOCK_STREAM, 2, "port 65535");
	error("1.2.3.4", "65536", 0, 0, 0, EAI_SERVICE, "port 65536");
	error("1.2.3.4", "8o", 0, 0, 0, EAI_SERVICE, "port with a letter");
	error("1.2.3.4", "gopher", 0, 0, 0, EAI_SERVICE, "unknown service");
	error("1.2.3.4", "http", AI_NUMERICSERV, 0, 0, EAI_NONAME, "AI_NUMERICSERV refuses a name");
	error("1.2.3.4", "http", 0, SOCK_RAW, 0, EAI_SERVICE, "raw socket, service name");
	answer("1.2.3.4", "0", 0, SOCK_RAW, "1.2.3.4", 0, SOCK_RAW, 1, "raw socket, port 0");
}

static void
errors(void)
{
	struct addrinfo hints, *res;

	error(NULL, NULL, 0, 0, 0, EAI_NONAME, "neither host nor service");
	error("1.2.3.4", "1", 0, 0, AF_INET6, EAI_FAMILY, "AF_INET6: EAI_FAMILY");
	error("1.2.3.4", "1", 0, 99, 0, EAI_SOCKTYPE, "socket type 99");
	error("1.2.3.4", "1", 0x40000, 0, 0, EAI_BADFLAGS, "unknown flag");
	error(NULL, "1", AI_CANONNAME, 0, 0, EAI_BADFLAGS, "AI_CANONNAME without a host");
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_UDP;
	check(mn_getaddrinfo("1.2.3.4", "1", &hints, &res) == EAI_SOCKTYPE, "stream with UDP");
	hints.ai_socktype = 0;
	hints.ai_flags = AI_CANONNAME;
	check(mn_getaddrinfo("a2", "7", &hints, &res) == 0 && res->ai_protocol == IPPROTO_UDP &&
	      res->ai_canonname != NULL && !strcmp(res->ai_canonname, "a2") &&
	      res->ai_next == NULL, "protocol UDP alone: one dgram answer, canonical name");
	mn_freeaddrinfo(res);
	check(mn_getaddrinfo("localhost", "7", NULL, &res) == 0 && res->ai_next != NULL &&
	      res->ai_canonname == NULL && res->ai_next->ai_socktype == SOCK_DGRAM,
	      "no hints: stream then dgram");
	mn_freeaddrinfo(res);
	check(strcmp(mn_gai_strerror(EAI_NONAME), mn_gai_strerror(EAI_SERVICE)) != 0 &&
	      strlen(mn_gai_strerror(12345)) > 0, "gai_strerror");
}

static int
gni(const char *addr, int port, int flags, size_t hl, size_t sl, const char *wh,
    const char *ws, int want)
{
	struct sockaddr_in sin;
	char host[64] = "", serv[32] = "";
	int e;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	e = mn_getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, (socklen_t)hl, serv,
			   (socklen_t)sl, flags);
	return e == want && (e != 0 || (!strcmp(host, wh) && !strcmp(serv, ws)));
}

static void
reverse(void)
{
	struct sockaddr_in sin;
	struct hostent *h;
	char host[64];

	check(gni("10.1.1.1", 80, 0, 64, 32, "alpha", "http", 0), "gni name and service");
	check(gni("10.1.1.1", 80, NI_NUMERICHOST | NI_NUMERICSERV, 64, 32, "10.1.1.1", "80", 0),
	      "gni numeric");
	check(gni("10.1.1.9", 123, NI_DGRAM, 64, 32, "10.1.1.9", "ntp", 0), "gni unknown host");
	check(gni("10.1.1.9", 123, 0, 64, 32, "10.1.1.9", "123", 0), "gni ntp is not TCP");
	check(gni("10.1.1.9", 1, NI_NAMEREQD, 64, 32, 0, 0, EAI_NONAME), "gni NI_NAMEREQD");
	check(gni("10.1.1.9", 1, 0, 8, 32, 0, 0, EAI_OVERFLOW), "gni host buffer short");
	check(gni("10.1.1.9", 12345, 0, 64, 4, 0, 0, EAI_OVERFLOW), "gni serv buffer short");
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET6;
	check(mn_getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, 64, NULL, 0, 0) ==
	      EAI_FAMILY, "gni AF_INET6");
	h = mn_gethostbyname("a2");
	check(h != NULL && h->h_length == 4 && !memcmp(h->h_addr, "\x0a\x01\x01\x01", 4) &&
	      h->h_addr_list[1] == NULL, "gethostbyname alias");
	check(mn_gethostbyname("nosuchname") == NULL, "gethostbyname unknown");
}

/* Random numeric hosts and ports: the same sockaddr as the host's getaddrinfo. */
static void
against_host(void)
{
	struct addrinfo hints, *a, *b;
	char host[20], serv[8];
	int i, same = 1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	srand(7);
	for (i = 0; i < 3000 && same; i++) {
		snprintf(host, sizeof(host), "%d.%d.%d.%d", rand() % 256, rand() % 256, rand() % 256,
			 rand() % 256);
		snprintf(serv, sizeof(serv), "%d", rand() % 65536);
		if (mn_getaddrinfo(host, serv, &hints, &a) != 0 ||
		    getaddrinfo(host, serv, &hints, &b) != 0) {
			same = 0;
			break;
		}
		same = a->ai_addrlen == b->ai_addrlen &&
		       !memcmp(a->ai_addr, b->ai_addr, a->ai_addrlen) &&
		       a->ai_protocol == b->ai_protocol;
		mn_freeaddrinfo(a);
		freeaddrinfo(b);
	}
	check(same, "3000 random numeric hosts and ports as the host's getaddrinfo");
}

int
main(void)
{
	names();
	services();
	errors();
	reverse();
	against_host();
	return 0;
}
