/**
 * @file netdb.h
 * @brief Names to addresses (lib/libc/netdb.c): getaddrinfo(), freeaddrinfo(),
 * gai_strerror(), getnameinfo() and gethostbyname().  IPv4 only.  A host name is a
 * dotted-decimal address, or a name in /etc/hosts ("localhost" is 127.0.0.1 even without
 * the file); a service is a decimal port, or a name of the built-in table (echo 7, ftp 21,
 * ssh 22, telnet 23, smtp 25, domain 53, http 80, ntp 123/udp, https 443; no
 * /etc/services).  Not implemented: DNS (a name in neither
 * place is EAI_NONAME), IPv6 (AF_INET6 is EAI_FAMILY), AI_CANONNAME's lookup (the name
 * given is the canonical name).  handouts/netapps.md, "getaddrinfo".
 */
#ifndef _POSIX_NETDB_H
#define _POSIX_NETDB_H

#include <sys/socket.h>
#include <netinet/in.h>

/** One answer of getaddrinfo(): a socket's family, type and protocol and the address to
 *  bind or connect; ai_next links the rest. */
struct addrinfo {
	int ai_flags;                   /**< AI_* (hints only) */
	int ai_family;                  /**< AF_INET */
	int ai_socktype;                /**< SOCK_STREAM, SOCK_DGRAM or SOCK_RAW */
	int ai_protocol;                /**< IPPROTO_TCP, IPPROTO_UDP or 0 */
	socklen_t ai_addrlen;           /**< sizeof(struct sockaddr_in) */
	struct sockaddr *ai_addr;       /**< a struct sockaddr_in */
	char *ai_canonname;             /**< with AI_CANONNAME in the first answer: the name */
	struct addrinfo *ai_next;       /**< the next answer, or NULL */
};

/** A host's names and addresses (gethostbyname()'s static answer). */
struct hostent {
	char *h_name;                   /**< the official name */
	char **h_aliases;               /**< other names, NULL-terminated */
	int h_addrtype;                 /**< AF_INET */
	int h_length;                   /**< 4 */
	char **h_addr_list;             /**< addresses (network order), NULL-terminated */
};
#define h_addr h_addr_list[0]           /**< the first address */

#define AI_PASSIVE      0x0001  /**< no host: the wildcard address (to bind), else loopback */
#define AI_CANONNAME    0x0002  /**< the first answer's ai_canonname is the host's name */
#define AI_NUMERICHOST  0x0004  /**< the host must be dotted decimal (no /etc/hosts) */
#define AI_NUMERICSERV  0x0008  /**< the service must be a decimal port */
#define AI_ADDRCONFIG   0x0400  /**< accepted and ignored (IPv4 is always configured) */

#define NI_NUMERICHOST  0x0001  /**< getnameinfo: the address as dotted decimal */
#define NI_NUMERICSERV  0x0002  /**< getnameinfo: the port as decimal */
#define NI_NOFQDN       0x0004  /**< accepted and ignored */
#define NI_NAMEREQD     0x0008  /**< no name in /etc/hosts: EAI_NONAME */
#define NI_DGRAM        0x0010  /**< the service is a UDP one */
#define NI_MAXHOST      256     /**< room for any host name */
#define NI_MAXSERV      32      /**< room for any service name */

#define EAI_AGAIN       (-3)    /**< try again later (a name server would say so) */
#define EAI_BADFLAGS    (-1)    /**< a flag not known, or AI_CANONNAME without a host */
#define EAI_FAIL        (-4)    /**< a name that can never resolve */
#define EAI_FAMILY      (-6)    /**< a family other than AF_UNSPEC and AF_INET */
#define EAI_MEMORY      (-10)   /**< out of memory */
#define EAI_NONAME      (-2)    /**< neither host nor service, or a name not known */
#define EAI_SERVICE     (-8)    /**< a service not known for the socket type */
#define EAI_SOCKTYPE    (-7)    /**< a socket type other than stream, datagram, raw */
#define EAI_SYSTEM      (-11)   /**< a system error: errno says which */
#define EAI_OVERFLOW    (-12)   /**< getnameinfo: a buffer too small */

/** The addresses of @p host (NULL: by AI_PASSIVE the wildcard, else 127.0.0.1) and port of
 *  @p serv (NULL: port 0) as a list in *@p res, one answer per socket type @p hints
 *  (NULL: any) admits: 0, or an EAI_* code.  Free the list with freeaddrinfo(). */
int getaddrinfo(const char *host, const char *serv, const struct addrinfo *hints,
		struct addrinfo **res);
/** Free a list getaddrinfo() made. */
void freeaddrinfo(struct addrinfo *res);
/** The message of an EAI_* code. */
const char *gai_strerror(int code);
/** The host (in @p host, @p hostlen bytes) and service (in @p serv) of @p sa (a struct
 *  sockaddr_in): a name from /etc/hosts unless NI_NUMERICHOST, the port in decimal unless
 *  a known service fits; 0, or an EAI_* code. */
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
		char *serv, socklen_t servlen, int flags);
/** The IPv4 host called @p name (as getaddrinfo() finds it) in a static struct, or NULL
 *  (h_errno is not kept: getaddrinfo() says why). */
struct hostent *gethostbyname(const char *name);

#endif /* _POSIX_NETDB_H */
