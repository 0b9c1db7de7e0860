/*
 * conf.h - /etc/inet.conf as inet's parser sees it (conf.c; handouts/inet.md, "inet.conf").
 * The parser is plain C with no system calls, so tools/tests/test_inet.py compiles it on
 * the host too.
 */
#ifndef INET_CONF_H
#define INET_CONF_H

#include <stdint.h>

/** Longest driver name in an inet.conf line ("e1000", "rtl8139"). */
#define CONF_DRIVER_LEN 10
/** Highest driver instance number. */
#define CONF_MAX_INSTANCE 99

/** One good line of inet.conf: an Ethernet interface and how it is set up. */
struct conf_ifc {
	int line;                       /**< its line number */
	int unit;                       /**< N of ethN */
	char driver[CONF_DRIVER_LEN + 1];       /**< the driver's name: "e1000" */
	int instance;                   /**< its instance: the label is DRIVER_INSTANCE */
	uint32_t addr;                  /**< the static address (0: none given) */
	uint32_t netmask;               /**< its netmask (with addr) */
	uint32_t gateway;               /**< the default route's router (0: none) */
	int is_default;                 /**< the default route goes out of this interface */
};

/** What conf_parse() calls for each bad line: @p line and the complaint. */
typedef void (*conf_report_t)(int line, const char *what);

/** Parse the inet.conf text @p text into at most @p max good lines in @p out; every bad
 *  line goes to @p report and is left out whole.  Returns the number of good lines. */
int conf_parse(const char *text, struct conf_ifc *out, int max, conf_report_t report);
/** Parse a dotted quad "a.b.c.d" (each 0..255, nothing else) into @p addr: 1 or 0. */
int conf_ip(const char *s, uint32_t *addr);

#endif /* INET_CONF_H */
