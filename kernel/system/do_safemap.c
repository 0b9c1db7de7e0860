/*
 * do_safemap.c - SYS_SAFEMAP, SYS_SAFEREVMAP and SYS_SAFEUNMAP: sharing pages through a
 * grant instead of copying them.
 *
 * A grant with CPF_MAP lets its grantee map the granted pages into its own address space,
 * so that both processes then use the same physical memory.  The kernel's part is the
 * check; VM (servers/vm/safemap.c) does the mapping, keeps the table of mappings and takes
 * them away again.  Each handler checks what it can, then forwards the call to VM as a
 * message sent on the caller's behalf (vmreq_forward(), kernel/vmreq.c: VM_SAFEMAP,
 * VM_SAFEREVMAP or VM_SAFEUNMAP, mess_vm_safemap, IPC_FLG_MSG_FROM_KERNEL) and leaves the
 * caller blocked (RTS_VMREQUEST).  VM finishes the call with
 * sys_vmctl(caller, VMCTL_KCALL_REPLY, result): the kernel then stores the result in the
 * caller's message and EAX, as if the call had just returned (do_vmctl.c).
 *
 * SYS_SAFEMAP, by the grantee.  Message fields (mess_sys_safemap), read only:
 *   granter   the endpoint whose grant table holds the grant
 *   grant     the grant id
 *   offset    where the mapping starts inside the granted range (page-aligned)
 *   address   where the pages appear in the caller (page-aligned; the mapping must end
 *             at or below USER_STACK_TOP, where the kernel information page is)
 *   bytes     the length (a positive multiple of the page size)
 *   writable  nonzero: the caller may write the pages (the grant needs CPF_WRITE)
 * Order of the checks: offset, address and bytes page-aligned and the range inside user
 * memory (EINVAL); then verify_grant() (kernel/grant.c) exactly as for a safe copy, with
 * access CPF_MAP | CPF_READ (| CPF_WRITE): EINVAL (bad granter, negative id), EPERM (no
 * table, dead or reused slot, not the grantee, a missing access bit, offset + bytes outside
 * the grant, a magic grant outside VFS), ELOOP; then the granted address it yields must be
 * page-aligned (EINVAL) and its owner alive (EINVAL).  VM may still answer EINVAL (the
 * caller's range overlaps memory it has), EFAULT (the granter's range is not all memory it
 * has, or not writable for a writable map), ENOMEM or EBUSY (its table of mappings is full).
 *
 * SYS_SAFEREVMAP, by the granter.  Fields (mess_sys_saferevmap), read only:
 *   flag      SAFEREVMAP_GID: remove every mapping made through the caller's grant `grant`
 *             (negative: EINVAL); SAFEREVMAP_ADDR: every mapping of the caller's memory
 *             that covers `address`, through whichever grant; anything else EINVAL
 * Every grantee's mapping goes at once; its next access to it faults (SIGSEGV).  No
 * mapping to remove is not an error (OK).  Revoking the grant itself (cpf_revoke) only
 * stops new mappings: the granter revokes the old ones with this call.
 *
 * SYS_SAFEUNMAP, by the grantee.  Field (mess_sys_safeunmap): address, where a mapping the
 * caller made with SYS_SAFEMAP starts (page-aligned, else EINVAL; no such mapping: EINVAL).
 *
 * All three: ENOSYS when there is no VM to forward to, EPERM when VM itself calls.
 */
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include <minnow/vm.h>
#include <minnow/vmlayout.h>
#include "../kernel.h"
#include "../proc.h"
#include "../vmreq.h"
#include "../system.h"
#include "../grant.h"
#include "../arch/i386/include/mmu.h"

#define PAGE_OFFSET(x) ((x) & (PAGE_SIZE - 1))

/* Can the call be forwarded to VM at all?  OK or the error for the caller. */
static int
vm_can_forward(struct proc *caller)
{
	if (caller->p_endpoint == VM_PROC_NR)
		return -EPERM;
	return vmreq_vm_running() ? OK : -ENOSYS;
}

/* The caller's part of a safemap: page-aligned, non-empty, inside user memory below the
 * kernel information page (USER_STACK_TOP), which nobody may map over. */
static int
map_args_ok(const mess_sys_safemap *sm)
{
	return PAGE_OFFSET(sm->offset | sm->address | sm->bytes) == 0 && sm->bytes > 0 &&
	       sm->address + sm->bytes > sm->address &&
	       sm->address + sm->bytes <= USER_STACK_TOP;
}

int
do_safemap(struct proc *caller, message *m)
{
	const mess_sys_safemap *sm = &m->m_sys_safemap;
	int access = CPF_MAP | CPF_READ | (sm->writable ? CPF_WRITE : 0);
	vir_bytes where;
	endpoint_t owner_e;
	message vm;
	int r;

	if ((r = vm_can_forward(caller)) != OK)
		return r;
	if (!map_args_ok(sm))
		return -EINVAL;
	r = verify_grant(sm->granter, caller->p_endpoint, sm->grant, sm->bytes, access,
		sm->offset, &where, &owner_e);
	if (r != OK)
		return r;
	if (PAGE_OFFSET(where) != 0 || endpoint_proc(owner_e) == NULL)
		return -EINVAL;
	memset(&vm, 0, sizeof(vm));
	vm.m_type = VM_SAFEMAP;
	vm.m_vm_safemap.owner = owner_e;
	vm.m_vm_safemap.owner_addr = where;
	vm.m_vm_safemap.addr = sm->address;
	vm.m_vm_safemap.bytes = sm->bytes;
	vm.m_vm_safemap.flags = sm->writable ? VM_PROT_WRITE : 0;
	vm.m_vm_safemap.granter = sm->granter;
	vm.m_vm_safemap.grant = sm->grant;
	return vmreq_forward(caller, &vm);
}

int
do_saferevmap(struct proc *caller, message *m)
{
	const mess_sys_saferevmap *rv = &m->m_sys_saferevmap;
	message vm;
	int r;

	if ((r = vm_can_forward(caller)) != OK)
		return r;
	if ((rv->flag != SAFEREVMAP_GID && rv->flag != SAFEREVMAP_ADDR) ||
	    (rv->flag == SAFEREVMAP_GID && rv->grant < 0))
		return -EINVAL;
	memset(&vm, 0, sizeof(vm));
	vm.m_type = VM_SAFEREVMAP;
	vm.m_vm_safemap.owner = caller->p_endpoint;
	vm.m_vm_safemap.owner_addr = rv->address;
	vm.m_vm_safemap.flags = rv->flag;
	vm.m_vm_safemap.grant = rv->grant;
	return vmreq_forward(caller, &vm);
}

int
do_safeunmap(struct proc *caller, message *m)
{
	message vm;
	int r;

	if ((r = vm_can_forward(caller)) != OK)
		return r;
	if (PAGE_OFFSET(m->m_sys_safeunmap.address) != 0)
		return -EINVAL;
	memset(&vm, 0, sizeof(vm));
	vm.m_type = VM_SAFEUNMAP;
	vm.m_vm_safemap.addr = m->m_sys_safeunmap.address;
	return vmreq_forward(caller, &vm);
}
