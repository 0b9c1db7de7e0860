/*
 * netdb.c - names to addresses (netdb.h): getaddrinfo, freeaddrinfo, gai_strerror,
 * getnameinfo, gethostbyname.  IPv4 only.  A host is dotted decimal (inet_pton), a name of
 * /etc/hosts (first match, case-insensitive, aliases too), or "localhost" (127.0.0.1 when
 * the file does not name it); a service is a decimal port or a name of the built-in table
 * below.  Not implemented: DNS (an unknown name is EAI_NONAME), /etc/services, IPv6.
 * tools/tests/test_netdb.py checks it on the host.
 */
#include <errno.h>
#include <paths.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netdb.h>

#ifndef NETDB_HOSTS_FILE
#define NETDB_HOSTS_FILE _PATH_HOSTS	/* the host unit test names another */
#endif

#define AI_KNOWN (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_ADDRCONFIG)
#define NI_KNOWN (NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM)

/* The built-in services: name, port, and the protocol (0: both TCP and UDP). */
static const struct service {
	const char *name;
	int port, proto;
} services[] = {
	{ "echo", 7, 0 }, { "discard", 9, 0 }, { "daytime", 13, 0 }, { "ftp", 21, IPPROTO_TCP },
	{ "ssh", 22, IPPROTO_TCP }, { "telnet", 23, IPPROTO_TCP }, { "smtp", 25, IPPROTO_TCP },
	{ "domain", 53, 0 }, { "http", 80, IPPROTO_TCP }, { "www", 80, IPPROTO_TCP },
	{ "ntp", 123, IPPROTO_UDP }, { "https", 443, IPPROTO_TCP },
};
#define NR_SERVICES (sizeof(services) / sizeof(services[0]))

/* The socket types an answer may have, with their protocols, in answer order. */
static const struct kind {
	int socktype, proto;
} kinds[] = { { SOCK_STREAM, IPPROTO_TCP }, { SOCK_DGRAM, IPPROTO_UDP }, { SOCK_RAW, 0 } };
#define NR_KINDS (sizeof(kinds) / sizeof(kinds[0]))

/* Does one of the names on the /etc/hosts line after its address equal name? */
static int
line_names(char *rest, const char *name, char **save)
{
	char *tok;

	while ((tok = strtok_r(rest, " \t\r\n", save)) != NULL) {
		rest = NULL;
		if (*tok == '#')
			return 0;
		if (strcasecmp(tok, name) == 0)
			return 1;
	}
	return 0;
}

/* Look name up in /etc/hosts: 1 and its address in *out, or 0.  With name NULL, look
 * the address *out up instead: 1 and its first name in buf (len bytes), or 0. */
static int
hosts_scan(const char *name, struct in_addr *out, char *buf, size_t len)
{
	char line[256], *addr, *save;
	struct in_addr a;
	FILE *f = fopen(NETDB_HOSTS_FILE, "r");
	int found = 0;

	while (f != NULL && !found && fgets(line, sizeof(line), f) != NULL) {
		addr = strtok_r(line, " \t\r\n", &save);
		if (addr == NULL || *addr == '#' || inet_pton(AF_INET, addr, &a) != 1)
			continue;
		if (name != NULL && line_names(NULL, name, &save)) {
			*out = a;
			found = 1;
		} else if (name == NULL && a.s_addr == out->s_addr) {
			addr = strtok_r(NULL, " \t\r\n", &save);
			if (addr != NULL && *addr != '#' && strlen(addr) < len) {
				strcpy(buf, addr);
				found = 1;
			}
		}
	}
	if (f != NULL)
		fclose(f);
	return found;
}

/* The address of host: 0 and *out, or an EAI_* code. */
static int
find_host(const char *host, int flags, struct in_addr *out)
{
	if (host == NULL) {
		out->s_addr = htonl((flags & AI_PASSIVE) ? INADDR_ANY : INADDR_LOOPBACK);
		return 0;
	}
	if (inet_pton(AF_INET, host, out) == 1)
		return 0;
	if ((flags & AI_NUMERICHOST) || *host == '\0')
		return EAI_NONAME;
	if (hosts_scan(host, out, NULL, 0))
		return 0;
	if (strcasecmp(host, "localhost") == 0) {
		out->s_addr = htonl(INADDR_LOOPBACK);
		return 0;
	}
	return EAI_NONAME;	/* not implemented: asking a name server */
}

/* A decimal port "0".."65535": 1 and *port, or 0. */
static int
decimal_port(const char *s, int *port)
{
	long v = 0;

	if (*s == '\0')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (*s - '0')) > 65535)
			return 0;
	if (*s != '\0')
		return 0;
	*port = (int)v;
	return 1;
}

/* The built-in service called name for protocol proto (0: either), or NULL. */
static const struct service *
service_named(const char *name, int proto)
{
	size_t i;

	for (i = 0; i < NR_SERVICES; i++)
		if (strcasecmp(services[i].name, name) == 0 &&
		    (proto == 0 || services[i].proto == 0 || services[i].proto == proto))
			return &services[i];
	return NULL;
}

/* The port of serv for kind k: 0 and *port, or an EAI_* code. */
static int
find_port(const char *serv, int flags, const struct kind *k, int *port)
{
	const struct service *s;

	*port = 0;
	if (serv == NULL || decimal_port(serv, port))
		return 0;
	if (flags & AI_NUMERICSERV)
		return EAI_NONAME;
	if (k->socktype == SOCK_RAW)
		return EAI_SERVICE;	/* a raw socket has no ports */
	if ((s = service_named(serv, k->proto)) == NULL)
		return EAI_SERVICE;
	*port = s->port;
	return 0;
}

/* One answer in a single allocation (the address and the name inside it), or NULL. */
static struct addrinfo *
new_answer(const struct kind *k, struct in_addr addr, int port, const char *canon)
{
	size_t extra = canon != NULL ? strlen(canon) + 1 : 0;
	struct addrinfo *ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in) + extra);
	struct sockaddr_in *sin;

	if (ai == NULL)
		return NULL;
	sin = (struct sockaddr_in *)(ai + 1);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	sin->sin_addr = addr;
	ai->ai_family = AF_INET;
	ai->ai_socktype = k->socktype;
	ai->ai_protocol = k->proto;
	ai->ai_addrlen = sizeof(*sin);
	ai->ai_addr = (struct sockaddr *)sin;
	if (canon != NULL)
		ai->ai_canonname = strcpy((char *)(sin + 1), canon);
	return ai;
}

/* Does kind k fit the hints' socket type and protocol? */
static int
kind_wanted(const struct kind *k, const struct addrinfo *h)
{
	if (h->ai_socktype != 0)
		return h->ai_socktype == k->socktype;
	if (h->ai_protocol != 0)
		return h->ai_protocol == k->proto;
	return k->socktype != SOCK_RAW;	/* no type asked: TCP and UDP */
}

/* The hints' errors: 0 or an EAI_* code. */
static int
check_hints(const char *host, const char *serv, const struct addrinfo *h)
{
	if (host == NULL && serv == NULL)
		return EAI_NONAME;
	if (h->ai_flags & ~AI_KNOWN)
		return EAI_BADFLAGS;
	if ((h->ai_flags & AI_CANONNAME) && host == NULL)
		return EAI_BADFLAGS;
	if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET)
		return EAI_FAMILY;
	if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM &&
	    h->ai_socktype != SOCK_DGRAM && h->ai_socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	if (h->ai_socktype == SOCK_STREAM && h->ai_protocol != 0 &&
	    h->ai_protocol != IPPROTO_TCP)
		return EAI_SOCKTYPE;
	if (h->ai_socktype == SOCK_DGRAM && h->ai_protocol != 0 &&
	    h->ai_protocol != IPPROTO_UDP)
		return EAI_SOCKTYPE;
	return 0;
}

/* Build the answers for every kind the hints admit onto *tail: 0 or an EAI_* code. */
static int
build_answers(const char *host, const char *serv, const struct addrinfo *h,
	      struct in_addr addr, struct addrinfo **res)
{
	struct addrinfo **tail = res;
	const char *canon = (h->ai_flags & AI_CANONNAME) ? host : NULL;
	int port, err = EAI_SERVICE;
	size_t i;

	for (i = 0; i < NR_KINDS; i++) {
		if (!kind_wanted(&kinds[i], h))
			continue;
		if ((err = find_port(serv, h->ai_flags, &kinds[i], &port)) == EAI_NONAME)
			break;
		if (err != 0)
			continue;
		if ((*tail = new_answer(&kinds[i], addr, port, canon)) == NULL) {
			err = EAI_MEMORY;
			break;
		}
		canon = NULL;
		tail = &(*tail)->ai_next;
	}
	if (*res != NULL && err != EAI_MEMORY && err != EAI_NONAME)
		return 0;
	freeaddrinfo(*res);
	*res = NULL;
	return err;
}

int
getaddrinfo(const char *host, const char *serv, const struct addrinfo *hints,
	    struct addrinfo **res)
{
	struct addrinfo none;
	struct in_addr addr;
	int err;

	if (res == NULL)
		return EAI_FAIL;
	*res = NULL;
	if (hints == NULL) {
		memset(&none, 0, sizeof(none));
		hints = &none;
	}
	if ((err = check_hints(host, serv, hints)) != 0)
		return err;
	if ((err = find_host(host, hints->ai_flags, &addr)) != 0)
		return err;
	return build_answers(host, serv, hints, addr, res);
}

void
freeaddrinfo(struct addrinfo *res)
{
	struct addrinfo *next;

	for (; res != NULL; res = next) {
		next = res->ai_next;
		free(res);
	}
}

const char *
gai_strerror(int code)
{
	switch (code) {
	case 0:            return "Success";
	case EAI_AGAIN:    return "Temporary failure in name resolution";
	case EAI_BADFLAGS: return "Invalid value for ai_flags";
	case EAI_FAIL:     return "Non-recoverable failure in name resolution";
	case EAI_FAMILY:   return "ai_family not supported";
	case EAI_MEMORY:   return "Memory allocation failure";
	case EAI_NONAME:   return "Name or service not known";
	case EAI_SERVICE:  return "Service not supported for socket type";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SYSTEM:   return "System error";
	case EAI_OVERFLOW: return "Argument buffer overflow";
	default:           return "Unknown getaddrinfo error";
	}
}

/* getnameinfo's host part: 0 or an EAI_* code. */
static int
name_of_host(struct in_addr a, char *host, socklen_t len, int flags)
{
	char text[INET_ADDRSTRLEN];

	if (!(flags & NI_NUMERICHOST) && hosts_scan(NULL, &a, host, len))
		return 0;
	if (flags & NI_NAMEREQD)
		return EAI_NONAME;
	inet_ntop(AF_INET, &a, text, sizeof(text));
	if (strlen(text) >= len)
		return EAI_OVERFLOW;
	strcpy(host, text);
	return 0;
}

/* getnameinfo's service part: 0 or an EAI_* code. */
static int
name_of_serv(int port, char *serv, socklen_t len, int flags)
{
	int proto = (flags & NI_DGRAM) ? IPPROTO_UDP : IPPROTO_TCP;
	size_t i;

	if (!(flags & NI_NUMERICSERV))
		for (i = 0; i < NR_SERVICES; i++)
			if (services[i].port == port &&
			    (services[i].proto == 0 || services[i].proto == proto)) {
				if (strlen(services[i].name) >= len)
					return EAI_OVERFLOW;
				strcpy(serv, services[i].name);
				return 0;
			}
	if (snprintf(serv, len, "%d", port) >= (int)len)
		return EAI_OVERFLOW;
	return 0;
}

int
getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
	    char *serv, socklen_t servlen, int flags)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	int err = 0;

	if (flags & ~NI_KNOWN)
		return EAI_BADFLAGS;
	if (sa == NULL || salen < sizeof(*sin) || sa->sa_family != AF_INET)
		return EAI_FAMILY;
	if ((host == NULL || hostlen == 0) && (serv == NULL || servlen == 0))
		return EAI_NONAME;
	if (host != NULL && hostlen > 0)
		err = name_of_host(sin->sin_addr, host, hostlen, flags);
	if (err == 0 && serv != NULL && servlen > 0)
		err = name_of_serv(ntohs(sin->sin_port), serv, servlen, flags);
	return err;
}

struct hostent *
gethostbyname(const char *name)
{
	static char namebuf[NI_MAXHOST];
	static struct in_addr addr;
	static char *addrs[2] = { (char *)&addr, NULL }, *aliases[1] = { NULL };
	static struct hostent h = { namebuf, aliases, AF_INET, 4, addrs };

	if (name == NULL || strlen(name) >= sizeof(namebuf) || find_host(name, 0, &addr) != 0)
		return NULL;
	strcpy(namebuf, name);
	return &h;
}
