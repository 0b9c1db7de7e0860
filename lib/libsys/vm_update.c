/*
 * vm_update.c - vm_update(): RS asks VM to swap two processes' slots (VM_RS_UPDATE,
 * minnow/vm.h), the last step of a live update and of a restart from a replica.  VM makes
 * the sys_update kernel call and swaps its own records of the two address spaces.
 * vm_makevm(): before a live update of VM itself, RS has VM shape the new VM's address
 * space (VM_RS_MAKEVM), and vm_pin() has VM fault all of RS's own pages in (VM_RS_PIN).
 */
#include <string.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>

int
vm_update(endpoint_t src, endpoint_t dst)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_RS_UPDATE;
	m.m_vm_update.src = src;
	m.m_vm_update.dst = dst;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	return m.m_type;
}

int
vm_makevm(endpoint_t ep)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_RS_MAKEVM;
	m.m_vm_update.src = ep;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	return m.m_type;
}

int
vm_pin(void)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_RS_PIN;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	return m.m_type;
}
