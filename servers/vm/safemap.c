/*
 * safemap.c - VM's half of safemap: a grantee maps a granter's pages through a grant.
 *
 * The kernel checks a SYS_SAFEMAP call against the grant (kernel/system/do_safemap.c) and
 * forwards it here as VM_SAFEMAP, sent on the caller's behalf (IPC_FLG_MSG_FROM_KERNEL);
 * SYS_SAFEREVMAP and SYS_SAFEUNMAP come the same way.  VM never replies by message: it
 * finishes each call with sys_vmctl(caller, VMCTL_KCALL_REPLY, result) (do_safemap,
 * do_saferevmap, do_safeunmap); a process that sends VM one of these itself is refused with
 * EPERM by VM's call table (table.c: from the kernel only).
 *
 *   VM_SAFEMAP    the owner's range [owner_addr, owner_addr + bytes) must lie in its
 *                 regions (else EFAULT; neither device memory nor pages the owner itself
 *                 mapped through a grant are shared this way), writable ones
 *                 for a writable map.  Its pages are made present first, and a page the owner
 *                 shares copy-on-write since a fork gets its own copy in the owner first
 *                 (cow_break), so that owner and grantee really share from now on.  The
 *                 grantee gets a region of its own at exactly [addr, addr + bytes)
 *                 (VR_SAFEMAP, VR_WRITABLE for a writable map; EINVAL if that overlaps one
 *                 of its regions), whose pages are the owner's physical pages, each counting
 *                 one more mapping (page_share).  The mapping is recorded in a small table
 *                 (NR_SAFEMAPS entries, EBUSY when full).
 *   VM_SAFEREVMAP by the granter: every mapping made through its grant id, or of its
 *                 memory covering an address, is removed from whichever grantee has it; the
 *                 grantee's next access there is outside every region: SIGSEGV.
 *   VM_SAFEUNMAP  by the grantee: its mapping starting at addr goes (EINVAL if none).
 *
 * Who frees what.  A shared page is counted once per mapping, like a page shared by fork,
 * so it goes back to the free pool only with its last mapping: the owner may unmap it or
 * exit first and the grantee keeps using it, or the other way round.  A grantee's exit
 * frees its mappings with the rest of its memory (safemap_forget drops its table entries).
 * Fork: a grantee's safemap regions are not inherited by the child; an owner's shared pages
 * must not become copy-on-write (the owner's first write would take it away from the
 * grantee), so the child gets its own copy of those pages at once (safemap_fork).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include <minnow/vmlayout.h>
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_W 0x002
#define PTE_U 0x004
#define NR_SAFEMAPS 64

/** One mapping made through a grant. */
struct safemap {
	int sm_inuse;                   /* the entry holds a mapping */
	endpoint_t sm_grantee;          /* who mapped the pages ... */
	uint32_t sm_addr, sm_len;       /* ... where, and how much */
	endpoint_t sm_owner;            /* whose memory they are (NONE once it is gone) */
	uint32_t sm_owner_addr;         /* ... at which address of the owner */
	endpoint_t sm_granter;          /* the granter the grantee named (NONE once gone) */
	int32_t sm_grant;               /* ... and its grant id */
};

static struct safemap safemaps[NR_SAFEMAPS];

/* The owner's page at va, present and (if its region is writable) privately writable,
 * so that it can be shared for good; its physical address in *pa.  OK or an error. */
static int
owner_page(struct vmproc *owner, uint32_t va, int write, uint32_t *pa)
{
	struct vm_region *r = region_find(owner, va);
	int err;

	if (r == NULL || (r->r_flags & (VR_DIRECT | VR_SAFEMAP)) ||
	    (write && !(r->r_flags & VR_WRITABLE)))
		return -EFAULT;
	if (pt_lookup(owner->vm_pd, va, pa) != OK &&
	    (err = region_fill(owner, va, PAGE, r->r_flags)) != OK)
		return err;
	if ((r->r_flags & VR_WRITABLE) && !(pt_flags(owner->vm_pd, va) & PTE_W) &&
	    (pt_lookup(owner->vm_pd, va, pa) != OK ||
	     (err = cow_break(owner->vm_pd, va, *pa)) != OK))
		return -EFAULT;
	if (pt_lookup(owner->vm_pd, va, pa) != OK)
		return -EFAULT;
	*pa &= ~(PAGE - 1);
	return OK;
}

/* Take the pages of [addr, addr + len) out of vmp's page table, one reference each. */
static void
unmap_pages(struct vmproc *vmp, uint32_t addr, uint32_t len)
{
	uint32_t va, pa;

	for (va = addr; va < addr + len; va += PAGE) {
		if (pt_lookup(vmp->vm_pd, va, &pa) != OK)
			continue;
		pt_unmap(vmp->vm_pd, va);
		free_page(pa & ~(PAGE - 1));
	}
}

/* Share the owner's pages into the grantee's new region; OK or an error (nothing kept). */
static int
share_pages(struct vmproc *owner, struct vmproc *grantee, const mess_vm_safemap *sm)
{
	int write = (sm->flags & VM_PROT_WRITE) != 0, err = OK;
	uint32_t off, pa;

	for (off = 0; off < sm->bytes && err == OK; off += PAGE) {
		if ((err = owner_page(owner, sm->owner_addr + off, write, &pa)) != OK)
			break;
		if (!page_share(pa))
			err = -ENOMEM;
		else if ((err = pt_map(grantee->vm_pd, sm->addr + off, pa,
				       PTE_U | (write ? PTE_W : 0))) != OK)
			free_page(pa);
	}
	if (err != OK)
		unmap_pages(grantee, sm->addr, sm->bytes);
	return err;
}

static struct safemap *
free_entry(void)
{
	int i;

	for (i = 0; i < NR_SAFEMAPS; i++)
		if (!safemaps[i].sm_inuse)
			return &safemaps[i];
	return NULL;
}

static int
safemap_map(const message *m)
{
	const mess_vm_safemap *sm = &m->m_vm_safemap;
	struct vmproc *grantee = vmp_of(m->m_source), *owner = vmp_of(sm->owner);
	uint32_t flags = VR_SAFEMAP | ((sm->flags & VM_PROT_WRITE) ? VR_WRITABLE : 0);
	struct safemap *e = free_entry();
	int err;

	if (grantee == NULL || owner == NULL || sm->addr + sm->bytes < sm->addr ||
	    sm->addr + sm->bytes > USER_STACK_TOP)	/* the kernel information page */
		return -EINVAL;
	if (e == NULL)
		return -EBUSY;
	if ((err = region_insert(grantee, sm->addr, sm->bytes, flags)) != OK)
		return err;
	if ((err = share_pages(owner, grantee, sm)) != OK) {
		region_remove(grantee, sm->addr, sm->bytes, VR_SAFEMAP);
		return err;
	}
	e->sm_inuse = 1;
	e->sm_grantee = grantee->vm_endpoint;
	e->sm_addr = sm->addr, e->sm_len = sm->bytes;
	e->sm_owner = owner->vm_endpoint;
	e->sm_owner_addr = sm->owner_addr;
	e->sm_granter = sm->granter;
	e->sm_grant = sm->grant;
	return OK;
}

/* Remove mapping e from its grantee and forget it. */
static void
remove_entry(struct safemap *e)
{
	struct vmproc *grantee = vmp_of(e->sm_grantee);

	if (grantee != NULL) {
		unmap_pages(grantee, e->sm_addr, e->sm_len);
		if (region_remove(grantee, e->sm_addr, e->sm_len, VR_SAFEMAP) != OK)
			panic("safemap: endpoint %d lost its region at 0x%x", e->sm_grantee,
			      e->sm_addr);
	}
	e->sm_inuse = 0;
}

static int
safemap_revmap(const message *m)
{
	const mess_vm_safemap *sm = &m->m_vm_safemap;
	struct safemap *e;

	for (e = safemaps; e < safemaps + NR_SAFEMAPS; e++) {
		if (!e->sm_inuse)
			continue;
		if (sm->flags == SAFEREVMAP_GID ?
		    e->sm_granter == m->m_source && e->sm_grant == sm->grant :
		    e->sm_owner == m->m_source && sm->owner_addr >= e->sm_owner_addr &&
		    sm->owner_addr - e->sm_owner_addr < e->sm_len)
			remove_entry(e);
	}
	return OK;
}

static int
safemap_unmap(const message *m)
{
	struct safemap *e;

	for (e = safemaps; e < safemaps + NR_SAFEMAPS; e++) {
		if (e->sm_inuse && e->sm_grantee == m->m_source &&
		    e->sm_addr == m->m_vm_safemap.addr) {
			remove_entry(e);
			return OK;
		}
	}
	return -EINVAL;
}

/* Finish the kernel call the kernel forwarded with result r (sys_vmctl VMCTL_KCALL_REPLY
 * releases the caller): the request loop sends no reply. */
static int
kcall_reply(const message *m, int r)
{
	if ((r = sys_vmctl(m->m_source, VMCTL_KCALL_REPLY, (uint32_t)r)) != OK)
		printf("vm: endpoint %d no longer waits for its safemap call (%d)\n",
		       m->m_source, r);
	return -EDONTREPLY;
}

int
do_safemap(message *m)
{
	return kcall_reply(m, safemap_map(m));
}

int
do_saferevmap(message *m)
{
	return kcall_reply(m, safemap_revmap(m));
}

int
do_safeunmap(message *m)
{
	return kcall_reply(m, safemap_unmap(m));
}

void
safemap_forget(endpoint_t e)
{
	struct safemap *s;

	for (s = safemaps; s < safemaps + NR_SAFEMAPS; s++) {
		if (s->sm_inuse && s->sm_grantee == e)
			s->sm_inuse = 0;	/* its pages go with the rest of its memory */
		if (s->sm_owner == e)
			s->sm_owner = NONE;
		if (s->sm_granter == e)
			s->sm_granter = NONE;
	}
}

/* The processes a and b swapped slots (update.c): each mapping follows its memory. */
static endpoint_t
swapped(endpoint_t e, endpoint_t a, endpoint_t b)
{
	return e == a ? b : e == b ? a : e;
}

void
safemap_swap(endpoint_t a, endpoint_t b)
{
	struct safemap *s;

	for (s = safemaps; s < safemaps + NR_SAFEMAPS; s++) {
		if (!s->sm_inuse)
			continue;
		s->sm_grantee = swapped(s->sm_grantee, a, b);
		s->sm_owner = swapped(s->sm_owner, a, b);
		s->sm_granter = swapped(s->sm_granter, a, b);
	}
}

/* A forked child must not share page va of owner copy-on-write: give it its own copy. */
static int
unshare_page(struct vmproc *owner, struct vmproc *child, uint32_t va)
{
	const struct vm_region *r = region_find(owner, va);
	uint32_t pte, pa, cpa, copy;
	int err;

	if (r == NULL || pt_lookup(owner->vm_pd, va, &pa) != OK ||
	    pt_lookup(child->vm_pd, va, &cpa) != OK || (pa & ~(PAGE - 1)) != (cpa & ~(PAGE - 1)))
		return OK;	/* the owner unmapped it since, or it is not shared */
	pa &= ~(PAGE - 1);
	pte = PTE_U | ((r->r_flags & VR_WRITABLE) ? PTE_W : 0);
	if ((copy = alloc_page()) == 0)
		return -ENOMEM;
	memcpy(phys_ptr(copy), phys_ptr(pa), PAGE);
	if ((err = pt_map(child->vm_pd, va, copy, pte)) != OK) {
		free_page(copy);
		return err;
	}
	free_page(pa);				/* the child's reference */
	return pt_map(owner->vm_pd, va, pa, pte);	/* the owner's, as before the fork */
}

int
safemap_fork(struct vmproc *parent, struct vmproc *child)
{
	const struct safemap *s;
	uint32_t off;
	int err;

	for (s = safemaps; s < safemaps + NR_SAFEMAPS; s++) {
		if (!s->sm_inuse || s->sm_owner != parent->vm_endpoint)
			continue;
		for (off = 0; off < s->sm_len; off += PAGE)
			if ((err = unshare_page(parent, child, s->sm_owner_addr + off)) != OK)
				return err;
	}
	return OK;
}

/* Every safemap has its region in the grantee, every page present: OK, or -1 with the
 * first inconsistency written to why (sanity.c). */
int
safemap_sanity(char *why, size_t n)
{
	const struct safemap *s;
	struct vmproc *vmp;
	const struct vm_region *r;
	uint32_t pa, off;

	for (s = safemaps; s < safemaps + NR_SAFEMAPS; s++) {
		if (!s->sm_inuse)
			continue;
		if ((vmp = vmp_of(s->sm_grantee)) == NULL ||
		    (r = region_find(vmp, s->sm_addr)) == NULL || r->r_start != s->sm_addr ||
		    r->r_len != s->sm_len || !(r->r_flags & VR_SAFEMAP)) {
			snprintf(why, n, "safemap of %d at 0x%x has no region", s->sm_grantee,
				 s->sm_addr);
			return -1;
		}
		for (off = 0; off < s->sm_len; off += PAGE)
			if (pt_lookup(vmp->vm_pd, s->sm_addr + off, &pa) != OK) {
				snprintf(why, n, "safemap of %d: 0x%x not mapped",
					 s->sm_grantee, s->sm_addr + off);
				return -1;
			}
	}
	return OK;
}
