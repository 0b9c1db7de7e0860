/*
 * table.c - VM's call table: message type (minnow/vm.h) -> handler, and who may send it.
 *
 *   VM_PAGEFAULT       kernel only: a process faulted (fault.c; never answered)
 *   VM_SAFEMAP, VM_SAFEREVMAP, VM_SAFEUNMAP   kernel only: a forwarded safemap kernel call
 *                      (safemap.c; finished by sys_vmctl, not answered)
 *   VM_FORK, VM_EXIT   PM only (forkexit.c)
 *   VM_STACK_LIMIT     PM only: a process's RLIMIT_STACK (region.c)
 *   VM_EXEC_NEWMEM, VM_EXEC_MAP, VM_EXEC_DONE   VFS only (exec.c)
 *   VM_BRK             anyone: move the caller's break (forkexit.c)
 *   VM_MMAP, VM_MAP_PHYS, VM_MUNMAP   anyone: mappings below the stack (mmap.c)
 *   VM_INFO            anyone: free and total pages (alloc.c)
 *   VM_REGION          VFS: a process's regions, for its core file (region.c)
 *   VM_RS_UPDATE       RS (or a new RS swapping itself in): swap two processes' slots
 *                      (update.c)
 *   VM_RS_MAKEVM       RS only: make a process fit to become VM (update.c)
 *   VM_RS_PIN          RS only: RS's own pages all present and private (update.c)
 *   VM_SANITY          anyone asks, root is served: the bookkeeping checks now (sanity.c)
 * A refused sender gets EPERM, a type without a row ENOSYS (minnow/srv.h).
 *
 * Entry point: vm_dispatch(), the dispatch hook of the loop (main.c).
 */
#include <minnow/vm.h>
#include "proto.h"

#define CALL(type, handler, who) [(type) - VM_RQ_BASE] = { #type, (who), (handler) }

static const struct vm_call vm_calls[] = {
	CALL(VM_EXIT,        do_exit,        srv_pm_only),
	CALL(VM_FORK,        do_fork,        srv_pm_only),
	CALL(VM_STACK_LIMIT, do_stack_limit, srv_pm_only),
	CALL(VM_BRK,         do_brk,         srv_anyone),
	CALL(VM_MMAP,        do_mmap,        srv_anyone),
	CALL(VM_MAP_PHYS,    do_map_phys,    srv_anyone),
	CALL(VM_MUNMAP,      do_munmap,      srv_anyone),
	CALL(VM_EXEC_NEWMEM, do_exec_newmem, srv_vfs_only),
	CALL(VM_EXEC_MAP,    do_exec_map,    srv_vfs_only),
	CALL(VM_EXEC_DONE,   do_exec_done,   srv_vfs_only),
	CALL(VM_INFO,        do_info,        srv_anyone),
	CALL(VM_RS_UPDATE,   do_rs_update,   rs_update_caller),
	CALL(VM_RS_MAKEVM,   do_rs_makevm,   srv_rs_only),
	CALL(VM_RS_PIN,      do_rs_pin,      srv_rs_only),
	CALL(VM_REGION,      do_region,      srv_vfs_only),
	CALL(VM_SANITY,      do_sanity,      srv_anyone),
	CALL(VM_SAFEMAP,     do_safemap,     srv_kernel_only),
	CALL(VM_SAFEREVMAP,  do_saferevmap,  srv_kernel_only),
	CALL(VM_SAFEUNMAP,   do_safeunmap,   srv_kernel_only),
	CALL(VM_PAGEFAULT,   do_pagefault,   srv_kernel_only),
};

int
vm_dispatch(message *m, int status)
{
	const struct vm_call *c = SRV_ROW(vm_calls, SRV_NR(vm_calls), VM_RQ_BASE, m->m_type);
	int r;

	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	return c->handler(m);
}
