/*
 * vm_info.c - vm_info(): VM's page counts (VM_INFO, minnow/vm.h), which any process may ask
 * for; the free and total pages are how tests prove that nothing leaks and how `free`
 * reports memory.
 */
#include <string.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>

int
vm_info(mess_vm_info *info)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_INFO;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	if (m.m_type != OK)
		return m.m_type;
	*info = m.m_vm_info;
	return OK;
}
