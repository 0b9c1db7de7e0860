/*
 * resources.c - the hardware a boot driver may use, from its boot module's words (MINIX
 * reads the same facts from system.conf's "irq", "io" and "mem" lines).
 *
 * Words, each a list joined with '+' (',' separates module words in the Makefile):
 *   irq=1+4                   IRQ lines          -> sys_privctl(SYS_PRIV_ADD_IRQ)
 *   io=0x3f8-0x3ff+0x60       I/O ports, a single port or an inclusive range
 *                                                -> sys_privctl(SYS_PRIV_ADD_IO)
 *   mem=0xb8000-0xb8fff       physical memory, inclusive byte ranges (VM_MAP_PHYS checks
 *                             them)              -> sys_privctl(SYS_PRIV_ADD_MEM)
 * Only system services get them.  A malformed item or a refused call is reported on the
 * console and skipped: the service then runs without that resource.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/kcall.h>
#include <minnow/syslib.h>
#include "../../lib/libexec/libexec.h"
#include "glo.h"
#include "proto.h"

#define MAX_ARGS 16

/* Parse "base[-limit]" into range; 0 if malformed. */
static int
parse_range(const char *item, struct priv_range *range)
{
	char *end;

	range->pr_base = strtoul(item, &end, 0);
	range->pr_limit = range->pr_base;
	if (*end == '-')
		range->pr_limit = strtoul(end + 1, &end, 0);
	return end != item && *end == '\0' && range->pr_limit >= range->pr_base;
}

/* Grant one item of a word (kind "irq", "io" or "mem") to rp. */
static void
add_item(const struct rproc *rp, const char *kind, const char *item)
{
	endpoint_t ep = rp->r_pub->endpoint;
	struct priv_range range;
	int irq, r = -1;

	if (strcmp(kind, "irq") == 0) {
		irq = (int)strtol(item, NULL, 0);
		r = sys_privctl(ep, SYS_PRIV_ADD_IRQ, &irq);
	} else if (parse_range(item, &range)) {
		r = sys_privctl(ep, strcmp(kind, "io") == 0 ? SYS_PRIV_ADD_IO : SYS_PRIV_ADD_MEM,
				&range);
	}
	if (r != OK)
		printf("rs: %s: %s=%s not granted (%s)\n", rp->r_pub->label, kind, item,
		       r == -1 ? "malformed" : rs_errname(r));
}

void
grant_resources(struct rproc *rp)
{
	char buf[KINFO_MODNAME_LEN], *argv[MAX_ARGS + 1], *item, *save, *eq;
	int argc, a;

	memcpy(buf, rs_kinfo.mods[rp->r_module].mod_name, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	argc = libexec_split_words(buf, argv, MAX_ARGS);
	for (a = 1; a < argc; a++) {
		if ((eq = strchr(argv[a], '=')) == NULL)
			continue;
		*eq = '\0';
		if (strcmp(argv[a], "irq") != 0 && strcmp(argv[a], "io") != 0 &&
		    strcmp(argv[a], "mem") != 0)
			continue;
		for (item = strtok_r(eq + 1, "+", &save); item != NULL;
		     item = strtok_r(NULL, "+", &save))
			add_item(rp, argv[a], item);
	}
}
