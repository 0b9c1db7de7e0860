/*
 * gaitest - getaddrinfo() and getnameinfo() from the shell, for grader/tests/net_apps.py
 * (handouts/netapps.md, "getaddrinfo"): libc's netdb.c on Minnow's own /etc/hosts.
 *
 *   gaitest [-pnNc] [-t stream|dgram|raw] [-f family] HOST|- SERV|-
 *       one line per answer: "gai: HOST SERV -> A.B.C.D port P TYPE proto N [canon NAME]",
 *       or "gai: HOST SERV: EAI_X message"; "-" is NULL.  -p AI_PASSIVE, -n
 *       AI_NUMERICHOST, -N AI_NUMERICSERV, -c AI_CANONNAME.
 *   gaitest -r [-n] ADDRESS PORT
 *       getnameinfo: "gni: ADDRESS PORT -> HOST SERV" or "gni: ...: EAI_X message".
 * Exit status: 0 if the call succeeded, 1 if it failed, 2 for bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <arpa/inet.h>

static const char *
eai_name(int e)
{
	static const struct { int code; const char *name; } names[] = {
		{ EAI_AGAIN, "EAI_AGAIN" }, { EAI_BADFLAGS, "EAI_BADFLAGS" },
		{ EAI_FAIL, "EAI_FAIL" }, { EAI_FAMILY, "EAI_FAMILY" },
		{ EAI_MEMORY, "EAI_MEMORY" }, { EAI_NONAME, "EAI_NONAME" },
		{ EAI_SERVICE, "EAI_SERVICE" }, { EAI_SOCKTYPE, "EAI_SOCKTYPE" },
		{ EAI_SYSTEM, "EAI_SYSTEM" }, { EAI_OVERFLOW, "EAI_OVERFLOW" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].code == e)
			return names[i].name;
	return "EAI_?";
}

static const char *
type_name(int t)
{
	return t == SOCK_STREAM ? "stream" : t == SOCK_DGRAM ? "dgram" : t == SOCK_RAW ? "raw"
									: "?";
}

static int
usage(void)
{
	fprintf(stderr, "usage: gaitest [-pnNc] [-t type] [-f family] host|- serv|-\n"
		"       gaitest -r [-n] address port\n");
	return 2;
}

static int
forward(const char *host, const char *serv, const struct addrinfo *hints)
{
	struct addrinfo *res, *ai;
	char text[INET_ADDRSTRLEN];
	int e = getaddrinfo(strcmp(host, "-") ? host : NULL, strcmp(serv, "-") ? serv : NULL,
			    hints, &res);

	if (e != 0) {
		printf("gai: %s %s: %s %s\n", host, serv, eai_name(e), gai_strerror(e));
		return 1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;

		inet_ntop(AF_INET, &sin->sin_addr, text, sizeof(text));
		printf("gai: %s %s -> %s port %d %s proto %d%s%s\n", host, serv, text,
		       ntohs(sin->sin_port), type_name(ai->ai_socktype), ai->ai_protocol,
		       ai->ai_canonname ? " canon " : "", ai->ai_canonname ? ai->ai_canonname : "");
	}
	freeaddrinfo(res);
	return 0;
}

static int
reverse(const char *addr, const char *port, int flags)
{
	struct sockaddr_in sin;
	char host[NI_MAXHOST], serv[NI_MAXSERV];
	int e;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)atoi(port));
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1)
		return usage();
	e = getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host), serv,
			sizeof(serv), flags);
	if (e != 0) {
		printf("gni: %s %s: %s %s\n", addr, port, eai_name(e), gai_strerror(e));
		return 1;
	}
	printf("gni: %s %s -> %s %s\n", addr, port, host, serv);
	return 0;
}

int
main(int argc, char **argv)
{
	struct addrinfo hints;
	int c, rev = 0;

	memset(&hints, 0, sizeof(hints));
	while ((c = getopt(argc, argv, "pnNcrt:f:")) != -1) {
		switch (c) {
		case 'p': hints.ai_flags |= AI_PASSIVE; break;
		case 'n': hints.ai_flags |= AI_NUMERICHOST; break;
		case 'N': hints.ai_flags |= AI_NUMERICSERV; break;
		case 'c': hints.ai_flags |= AI_CANONNAME; break;
		case 'r': rev = 1; break;
		case 't': hints.ai_socktype = !strcmp(optarg, "stream") ? SOCK_STREAM :
				!strcmp(optarg, "dgram") ? SOCK_DGRAM : !strcmp(optarg, "raw") ?
				SOCK_RAW : atoi(optarg); break;
		case 'f': hints.ai_family = atoi(optarg); break;
		default: return usage();
		}
	}
	if (optind != argc - 2)
		return usage();
	if (rev)
		return reverse(argv[optind], argv[optind + 1],
			       (hints.ai_flags & AI_NUMERICHOST) ? NI_NUMERICHOST : 0);
	return forward(argv[optind], argv[optind + 1], &hints);
}
