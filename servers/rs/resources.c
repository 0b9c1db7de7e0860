/*
 * resources.c - the hardware a driver may use, from its system.conf entry (handouts/rs.md,
 * "system.conf"):
 *   irq 1 4;                  IRQ lines          -> sys_privctl(SYS_PRIV_ADD_IRQ)
 *   io 3f8:8 60 64;           I/O ports, hex base[:count]
 *                                                -> sys_privctl(SYS_PRIV_ADD_IO)
 *   mem b8000:1000;           physical memory, hex base[:count] bytes (VM_MAP_PHYS checks
 *                             them)              -> sys_privctl(SYS_PRIV_ADD_MEM)
 * The parser (lib/libsys/sysconf.c) has already checked the syntax; a call the kernel
 * refuses is reported on the console and skipped: the service then runs without that
 * resource.  Entry points: grant_resources(), grant_resources_to() (a replica, restart.c).
 */
#include <stdio.h>
#include <minnow/kcall.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Report a refused resource (kind "irq", "io" or "mem"). */
static void
refused(const struct rproc *rp, const char *kind, uint32_t base, uint32_t limit, int r)
{
	printf("rs: %s: %s 0x%x-0x%x not granted (%s)\n", rp->r_pub->label, kind,
	       (unsigned)base, (unsigned)limit, rs_errname(r));
}

/* Grant the ranges of one kind (SYS_PRIV_ADD_IO or SYS_PRIV_ADD_MEM). */
static void
add_ranges(const struct rproc *rp, endpoint_t ep, int request, const struct sc_range *ranges,
	   int n)
{
	struct priv_range range;
	int i, r;

	for (i = 0; i < n; i++) {
		range.pr_base = ranges[i].base;
		range.pr_limit = ranges[i].limit;
		r = sys_privctl(ep, request, &range);
		if (r != OK)
			refused(rp, request == SYS_PRIV_ADD_IO ? "io" : "mem", range.pr_base,
				range.pr_limit, r);
	}
}

void
grant_resources(struct rproc *rp)
{
	grant_resources_to(rp, rp->r_pub->endpoint);
}

/* rp's resources, to the process ep (rp's instance or a replica of it). */
void
grant_resources_to(struct rproc *rp, endpoint_t ep)
{
	const struct sc_service *conf = rp->r_conf;
	int i, irq, r;

	if (conf == NULL)
		return;
	for (i = 0; i < conf->sc_nr_irq; i++) {
		irq = conf->sc_irq[i];
		if ((r = sys_privctl(ep, SYS_PRIV_ADD_IRQ, &irq)) != OK)
			refused(rp, "irq", (uint32_t)irq, (uint32_t)irq, r);
	}
	add_ranges(rp, ep, SYS_PRIV_ADD_IO, conf->sc_io, conf->sc_nr_io);
	add_ranges(rp, ep, SYS_PRIV_ADD_MEM, conf->sc_mem, conf->sc_nr_mem);
}
