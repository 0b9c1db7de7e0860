/*
 * main.c - VM, the memory manager: boot, then the request loop.
 *
 * At boot VM fetches the kernel's boot information, takes over the physical memory above
 * what the kernel used (alloc.c), and builds the address spaces of the other boot processes
 * (boot.c).  Then it serves:
 *   VM_PAGEFAULT  from the kernel (IPC_FLG_MSG_FROM_KERNEL), on a faulting process's behalf
 *   VM_INFO       free and total pages (mess_vm_info), for tests and `free`
 *   VM_FORK, VM_EXIT   from PM only (EPERM otherwise): see forkexit.c
 *   VM_BRK        move the caller's break
 *   VM_MMAP, VM_MAP_PHYS, VM_MUNMAP   mappings below the stack (mmap.c)
 *   VM_EXEC_NEWMEM, VM_EXEC_MAP, VM_EXEC_DONE   from VFS only (EPERM): exec.c
 *   VM_SAFEMAP, VM_SAFEREVMAP, VM_SAFEUNMAP   from the kernel (a forwarded safemap kernel
 *                 call; EPERM from anybody else), finished by sys_vmctl: safemap.c
 * Anything else is answered with ENOSYS.  With the boot parameter vm_sanity=1, VM checks
 * its bookkeeping after every request (sanity.c) and panics at the first inconsistency.
 * VM receives through SEF (minnow/sef.h): as in MINIX its sef_startup() returns at once,
 * since RS cannot start before VM has loaded it, and VM answers RS's RS_INIT (and RS's
 * pings) from this loop, inside sef_receive_status().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "glo.h"
#include "proto.h"

struct kinfo vm_kinfo;

/* Answer a request.  Non-blocking: a process that asked is waiting in SENDREC; one that is
 * not (it misbehaves) loses its answer rather than stall VM, which everyone depends on. */
static void
reply(endpoint_t to, message *m, int result)
{
	m->m_type = result;
	if (ipc_sendnb(to, m) != OK)
		printf("vm: endpoint %d is not waiting for its answer; dropped\n", to);
}

static void
do_info(message *m)
{
	endpoint_t who = m->m_source;

	memset(m, 0, sizeof(*m));
	m->m_vm_info.free_pages = alloc_free_pages();
	m->m_vm_info.total_pages = alloc_total_pages();
	m->m_vm_info.page_size = 4096;
	reply(who, m, OK);
}

int
main(void)
{
	message m;
	int status, r;

	if ((r = sys_getkinfo(&vm_kinfo)) != OK)
		panic("cannot get the boot information: %d", r);
	alloc_init();
	vm_sanity = strstr(vm_kinfo.cmdline, "vm_sanity=1") != NULL;
	boot_load_all();
	printf("vm: %u of %u pages free%s\n", alloc_free_pages(), alloc_total_pages(),
	       vm_sanity ? ", sanity checks on" : "");
	sanity_check();
	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK)
			panic("receive failed: %d", r);
		if (m.m_type == VM_PAGEFAULT && (status & IPC_FLG_MSG_FROM_KERNEL))
			do_pagefault(&m);
		else if (m.m_type >= VM_SAFEMAP && m.m_type <= VM_SAFEUNMAP)
			do_safemap_call(&m, (status & IPC_FLG_MSG_FROM_KERNEL) != 0);
		else if (m.m_type == VM_INFO)
			do_info(&m);
		else if (m.m_type == VM_FORK || m.m_type == VM_EXIT)
			reply(m.m_source, &m, m.m_source != PM_PROC_NR ? -EPERM :
			      m.m_type == VM_FORK ? do_fork(&m) : do_exit(&m));
		else if (m.m_type >= VM_EXEC_NEWMEM && m.m_type <= VM_EXEC_DONE)
			reply(m.m_source, &m, m.m_source != VFS_PROC_NR ? -EPERM :
			      m.m_type == VM_EXEC_NEWMEM ? do_exec_newmem(&m) :
			      m.m_type == VM_EXEC_MAP ? do_exec_map(&m) : do_exec_done(&m));
		else if (m.m_type == VM_BRK)
			reply(m.m_source, &m, do_brk(&m));
		else if (m.m_type == VM_MMAP)
			reply(m.m_source, &m, do_mmap(&m));
		else if (m.m_type == VM_MAP_PHYS)
			reply(m.m_source, &m, do_map_phys(&m));
		else if (m.m_type == VM_MUNMAP)
			reply(m.m_source, &m, do_munmap(&m));
		else if (m.m_type != NOTIFY_MESSAGE)
			reply(m.m_source, &m, -ENOSYS);
		sanity_check();
	}
}
