/*
 * sanity.c - VM checks its own bookkeeping: after every request (boot parameter
 * vm_sanity=1), or once when root asks (VM_SANITY, `free -s`).
 *
 * VM recounts the world and stops at the first inconsistency, so a bug shows where it
 * happens instead of as a corrupted process later.  The tests boot with vm_sanity=1: then
 * an inconsistency is a panic.  VM_SANITY runs the same checks on demand, whatever the
 * boot parameter, and answers OK or EIO with the first inconsistency in words
 * (mess_vm_sanity); only a process whose effective uid is 0 may ask (EPERM otherwise:
 * VM asks PM, see root_caller()).  Checked:
 *   - every process's regions are page-aligned, sorted and do not overlap;
 *   - every page a page table maps (outside device regions and the kernel information page)
 *     is allocated, and its reference count equals the number of mappings of it: no page is
 *     both free and in use, none leaks, none is shared without being counted;
 *   - every page directory and page table is allocated and used once;
 *   - every mapping made through a grant (safemap.c) has its own region in the grantee,
 *     with every page present.
 *
 * Entry points: sanity_check() (the request loop's after hook), do_sanity() (VM_SANITY).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ipcstub.h>
#include <minnow/kerninfo.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include <minnow/vmlayout.h>
#include "glo.h"
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define MAX_PAGES (0x10000000u / PAGE)
#define PTE_P 0x001

static uint8_t mappings[MAX_PAGES];
static char why[sizeof(((mess_vm_sanity *)0)->why)];	/* the first inconsistency */
static uint32_t counted;				/* mappings counted */
int vm_sanity;

/* Record the first inconsistency in why; returns -1. */
static int __attribute__((format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -1;
}

static int
check_regions(const struct vmproc *vmp)
{
	const struct vm_region *r;
	uint32_t last_end = 0;

	for (r = vmp->vm_regions; r != NULL; r = r->r_next) {
		if ((r->r_start | r->r_len) & (PAGE - 1) || r->r_len == 0)
			return fail("%d: region 0x%x+0x%x not page-aligned", vmp->vm_endpoint,
				    r->r_start, r->r_len);
		if (r->r_start < last_end)
			return fail("%d: region 0x%x overlaps the one below", vmp->vm_endpoint,
				    r->r_start);
		last_end = r->r_start + r->r_len;
	}
	return OK;
}

static int
count(uint32_t pa, endpoint_t e, uint32_t va)
{
	uint32_t n = pa / PAGE;

	if (n >= MAX_PAGES || page_refcount(pa) == 0)
		return fail("%d: 0x%x maps page 0x%x, which is free", e, va, pa);
	mappings[n]++;
	counted++;
	return OK;
}

/* Count the pages one page table maps (the one at pd index i of vmp). */
static int
count_table(struct vmproc *vmp, uint32_t i, const uint32_t *pt)
{
	uint32_t j;

	for (j = 0; j < 1024; j++) {
		uint32_t va = (i << 22) | (j << 12);
		const struct vm_region *r = region_find(vmp, va);

		if (!(pt[j] & PTE_P) || va == KERNINFO_ADDR)
			continue;
		if (r == NULL)
			return fail("%d: 0x%x is mapped outside every region",
				    vmp->vm_endpoint, va);
		if (!(r->r_flags & VR_DIRECT) &&
		    count(pt[j] & ~(PAGE - 1), vmp->vm_endpoint, va) != OK)
			return -1;
	}
	return OK;
}

static int
count_process(struct vmproc *vmp)
{
	uint32_t *pd = phys_ptr(vmp->vm_pd), i;

	if (vmp->vm_pd == 0)
		return OK;	/* the boot VM after an update of VM: not VM's memory */
	if (count(vmp->vm_pd, vmp->vm_endpoint, 0) != OK)
		return -1;
	for (i = 0; i < USER_TOP >> 22; i++) {
		if (!pt_is_table(pd[i]))
			continue;
		if (count(pd[i] & ~(PAGE - 1), vmp->vm_endpoint, i << 22) != OK ||
		    count_table(vmp, i, phys_ptr(pd[i] & ~(PAGE - 1))) != OK)
			return -1;
	}
	return OK;
}

/* Run every check: OK, or -1 with the first inconsistency in why.  *procs: processes seen. */
static int
sanity_run(uint32_t *procs)
{
	uint32_t n;
	int s;

	memset(mappings, 0, sizeof(mappings));
	counted = 0;
	*procs = 0;
	for (s = 0; s < NR_PROCS; s++) {
		if (!vmproc[s].vm_inuse)
			continue;
		(*procs)++;
		if (check_regions(&vmproc[s]) != OK || count_process(&vmproc[s]) != OK)
			return -1;
	}
	if (safemap_sanity(why, sizeof(why)) != OK)
		return -1;
	for (n = 0; n < MAX_PAGES; n++)
		if (mappings[n] != page_refcount(n * PAGE))
			return fail("page 0x%x: %u references, %u mappings", n * PAGE,
				    page_refcount(n * PAGE), mappings[n]);
	return OK;
}

void
sanity_check(void)
{
	uint32_t procs;

	if (vm_sanity && sanity_run(&procs) != OK)
		panic("sanity: %s", why);
}

/*
 * Is m's sender a process whose effective uid is 0?  OK, -EPERM, or -EAGAIN.  PM knows
 * (PM_GETEPINFO), but VM must never wait for PM: PM waits for VM (fork, exit) and a VM
 * queued on a busy PM would deadlock with it.  So the question goes non-blocking (EAGAIN
 * if PM is busy: the caller asks again), and PM answers VM with a blocking send
 * (servers/pm/main.c, reply()), which the receive below takes at once.
 */
static int
root_caller(const message *m)
{
	message pm;
	int r, status;

	memset(&pm, 0, sizeof(pm));
	pm.m_type = PM_GETEPINFO;
	pm.m_pm.endpt = m->m_source;
	if ((r = ipc_sendnb(PM_PROC_NR, &pm)) == -ENOTREADY)
		return -EAGAIN;
	if (r != OK || (r = ipc_receive(PM_PROC_NR, &pm, &status)) != OK)
		return r;
	return pm.m_type >= 0 && pm.m_pm.eid == 0 ? OK : -EPERM;
}

/* VM_SANITY: run the checks now (root only; see the file comment). */
int
do_sanity(message *m)
{
	uint32_t procs;
	int r;

	if ((r = root_caller(m)) != OK)
		return r;
	r = sanity_run(&procs) == OK ? OK : -EIO;
	memset(&m->m_vm_sanity, 0, sizeof(m->m_vm_sanity));
	m->m_vm_sanity.processes = procs;
	m->m_vm_sanity.pages = counted;
	if (r != OK)
		strncpy(m->m_vm_sanity.why, why, sizeof(m->m_vm_sanity.why) - 1);
	return r;
}
