/*
 * conf.c - the parser of /etc/inet.conf (handouts/inet.md, "inet.conf").
 *
 * One Ethernet interface per line; `#` starts a comment; blank lines are skipped:
 *
 *     eth0 e1000 0 { default; };
 *     eth1 rtl8139 0 { addr 10.0.3.15; netmask 255.255.255.0; gateway 10.0.3.2; default; };
 *
 * The three words are the interface (eth0..eth3), the driver's name and its instance: the
 * driver instance is the service labelled DRIVER_INSTANCE (e1000_0), which inet finds in
 * DS.  The options between the braces, each ended by `;`, at most once each:
 *   addr A.B.C.D     the interface's static address (needs netmask)
 *   netmask M        its netmask: contiguous ones, then zeros
 *   gateway G        the router of the default route (inside addr/netmask; implies default)
 *   default          the default route goes out of this interface (one line at most)
 * A line without addr has no address (not implemented: DHCP, which would give it one): inet
 * still configures its driver, but the interface takes part in no IP traffic.
 *
 * A bad line is reported with its number and what is wrong, and left out whole; the other
 * lines still count.  No system call here: the caller reads the file (main.c) and prints
 * the reports, and the host unit test (tools/tests/test_inet.py) runs this file as is.
 *
 * Entry points: conf_parse(), conf_ip().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "conf.h"

#define MAX_TOKENS      32
#define MAX_LINE        256
#define NR_UNITS        4               /* eth0..eth3: inet.h's NR_ETH */

/* One line split into words and the punctuation { } ; as words of their own. */
struct tokens {
	int n;
	char *w[MAX_TOKENS];
	char buf[2 * MAX_LINE];
};

int
conf_ip(const char *s, uint32_t *addr)
{
	uint32_t a = 0;

	for (int i = 0; i < 4; i++) {
		char *end;
		unsigned long v;

		if (s[0] < '0' || s[0] > '9')
			return 0;
		v = strtoul(s, &end, 10);
		if (v > 255 || end - s > 3 || *end != (i < 3 ? '.' : '\0'))
			return 0;
		a = a << 8 | (uint32_t)v;
		s = end + 1;
	}
	*addr = a;
	return 1;
}

/* Split line (without its newline) into t: 1, or 0 if it has too many words. */
static int
tokenize(const char *line, struct tokens *t)
{
	char *o = t->buf;

	t->n = 0;
	while (*line != '\0' && *line != '#') {
		if (*line == ' ' || *line == '\t' || *line == '\r') {
			line++;
			continue;
		}
		if (t->n == MAX_TOKENS)
			return 0;
		t->w[t->n++] = o;
		if (strchr("{};", *line) != NULL)
			*o++ = *line++;
		else
			while (*line != '\0' && strchr(" \t\r{};#", *line) == NULL)
				*o++ = *line++;
		*o++ = '\0';
	}
	return 1;
}

/* The interface name "ethN": N, or -1. */
static int
unit_of(const char *w)
{
	if (strncmp(w, "eth", 3) != 0 || w[3] < '0' || w[3] >= '0' + NR_UNITS || w[4] != '\0')
		return -1;
	return w[3] - '0';
}

/* Is w a driver name: a lower-case letter, then letters and digits, at most 10? */
static int
driver_ok(const char *w)
{
	size_t n = strlen(w);

	if (n == 0 || n > CONF_DRIVER_LEN || w[0] < 'a' || w[0] > 'z')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= '0' && w[i] <= '9')))
			return 0;
	return 1;
}

/* The instance number (0..CONF_MAX_INSTANCE, decimal), or -1. */
static int
instance_of(const char *w)
{
	char *end;
	long v;

	if (w[0] < '0' || w[0] > '9')
		return -1;
	v = strtol(w, &end, 10);
	return *end == '\0' && v <= CONF_MAX_INSTANCE && strlen(w) <= 2 ? (int)v : -1;
}

/* The head of an entry, "ethN DRIVER INSTANCE {": into c, or a complaint in why. */
static int
parse_head(const struct tokens *t, struct conf_ifc *c, char *why, size_t len)
{
	if (t->n < 4 || strcmp(t->w[3], "{") != 0) {
		snprintf(why, len, "expected \"ethN DRIVER INSTANCE { ... };\"");
		return 0;
	}
	if ((c->unit = unit_of(t->w[0])) < 0) {
		snprintf(why, len, "bad interface \"%s\" (eth0 to eth%d)", t->w[0], NR_UNITS - 1);
		return 0;
	}
	if (!driver_ok(t->w[1])) {
		snprintf(why, len, "bad driver name \"%s\"", t->w[1]);
		return 0;
	}
	strcpy(c->driver, t->w[1]);
	if ((c->instance = instance_of(t->w[2])) < 0) {
		snprintf(why, len, "bad instance \"%s\" (0 to %d)", t->w[2], CONF_MAX_INSTANCE);
		return 0;
	}
	return 1;
}

/* An address option's value at t->w[*i + 1] into *v, then its ';'. */
static int
option_ip(const struct tokens *t, int *i, uint32_t *v, int *seen, char *why, size_t len)
{
	const char *name = t->w[*i];

	if (*seen) {
		snprintf(why, len, "%s given twice", name);
		return 0;
	}
	if (*i + 2 >= t->n || !conf_ip(t->w[*i + 1], v) || strcmp(t->w[*i + 2], ";") != 0) {
		snprintf(why, len, "%s wants an address a.b.c.d and \";\"", name);
		return 0;
	}
	*seen = 1;
	*i += 3;
	return 1;
}

/* The options up to "}" and the final ";". */
static int
parse_options(const struct tokens *t, struct conf_ifc *c, char *why, size_t len)
{
	int i = 4, s_addr = 0, s_mask = 0, s_gw = 0, ok = 1;

	while (ok && i < t->n && strcmp(t->w[i], "}") != 0) {
		const char *w = t->w[i];

		if (strcmp(w, "addr") == 0)
			ok = option_ip(t, &i, &c->addr, &s_addr, why, len);
		else if (strcmp(w, "netmask") == 0)
			ok = option_ip(t, &i, &c->netmask, &s_mask, why, len);
		else if (strcmp(w, "gateway") == 0)
			ok = option_ip(t, &i, &c->gateway, &s_gw, why, len);
		else if (strcmp(w, "default") == 0 && !c->is_default && i + 1 < t->n &&
			 strcmp(t->w[i + 1], ";") == 0)
			c->is_default = 1, i += 2;
		else
			ok = 0, snprintf(why, len, strcmp(w, "default") == 0 ?
					 "default given twice or without \";\"" :
					 "unknown option \"%s\"", w);
	}
	if (ok && (i + 2 != t->n || strcmp(t->w[i + 1], ";") != 0))
		ok = 0, snprintf(why, len, "expected \"};\" at the end");
	return ok;
}

/* Is m a netmask: ones, then zeros? */
static int
mask_ok(uint32_t m)
{
	return m != 0 && ((~m + 1) & ~m) == 0;
}

/* The options together make sense? */
static int
check_entry(struct conf_ifc *c, char *why, size_t len)
{
	if (c->netmask != 0 && !mask_ok(c->netmask)) {
		snprintf(why, len, "netmask is not contiguous ones then zeros");
		return 0;
	}
	if ((c->addr != 0) != (c->netmask != 0)) {
		snprintf(why, len, "addr and netmask go together");
		return 0;
	}
	if (c->gateway != 0 && (c->addr == 0 || (c->gateway & c->netmask) !=
				(c->addr & c->netmask) || c->gateway == c->addr)) {
		snprintf(why, len, "gateway must be another address inside addr/netmask");
		return 0;
	}
	if (c->gateway != 0)
		c->is_default = 1;
	return 1;
}

/* Does c clash with the good lines before it? */
static int
check_clash(const struct conf_ifc *c, const struct conf_ifc *out, int n, char *why,
	    size_t len)
{
	for (int k = 0; k < n; k++) {
		if (out[k].unit == c->unit) {
			snprintf(why, len, "eth%d already on line %d", c->unit, out[k].line);
			return 0;
		}
		if (strcmp(out[k].driver, c->driver) == 0 && out[k].instance == c->instance) {
			snprintf(why, len, "%s_%d already on line %d", c->driver, c->instance,
				 out[k].line);
			return 0;
		}
		if (out[k].is_default && c->is_default) {
			snprintf(why, len, "a second default route (line %d has one)", out[k].line);
			return 0;
		}
	}
	return 1;
}

/* One line (number ln): 1 and *c if good, 0 and a complaint if bad, -1 if empty. */
static int
parse_line(const char *line, int ln, struct conf_ifc *c, const struct conf_ifc *out, int n,
	   char *why, size_t len)
{
	struct tokens t;

	memset(c, 0, sizeof(*c));
	c->line = ln;
	if (!tokenize(line, &t)) {
		snprintf(why, len, "too many words");
		return 0;
	}
	if (t.n == 0)
		return -1;
	if (!parse_head(&t, c, why, len) || !parse_options(&t, c, why, len) ||
	    !check_entry(c, why, len) || !check_clash(c, out, n, why, len))
		return 0;
	return 1;
}

int
conf_parse(const char *text, struct conf_ifc *out, int max, conf_report_t report)
{
	char line[MAX_LINE + 1], why[120];
	struct conf_ifc c;
	int n = 0, ln = 0;

	while (*text != '\0') {
		size_t len = strcspn(text, "\n");
		int r;

		ln++;
		if (len > MAX_LINE) {
			report(ln, "line too long");
			r = 0;
		} else {
			memcpy(line, text, len);
			line[len] = '\0';
			r = parse_line(line, ln, &c, out, n, why, sizeof(why));
			if (r == 0)
				report(ln, why);
			else if (r == 1 && n == max)
				report(ln, "too many interfaces"), r = 0;
		}
		if (r == 1)
			out[n++] = c;
		text += len + (text[len] == '\n');
	}
	return n;
}
