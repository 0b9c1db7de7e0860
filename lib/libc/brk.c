/*
 * brk.c - the program break: brk() and sbrk(), through VM (the VM_BRK request).
 *
 * VM keeps a heap region right after the loaded program and moves its end on request,
 * making the pages present at once (ENOMEM when memory runs out).  The kernel information
 * page says whether a VM server runs at all (KIF_VM): a process the kernel loaded without
 * VM (the kernel's own tests) has no break to move, and brk/sbrk fail with ENOMEM.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <minnow/ipcstub.h>
#include <minnow/kerninfo.h>
#include <minnow/vm.h>

static uintptr_t cur_brk;	/* 0: not asked yet */

/* Ask VM to set the break to addr (0: just tell it); OK with *now set, or an error. */
static int
vm_brk(uintptr_t addr, uintptr_t *now)
{
	const struct minnow_kerninfo *ki = (const struct minnow_kerninfo *)KERNINFO_ADDR;
	message m;

	if (!(ki->ki_flags & KIF_VM))
		return -ENOMEM;
	memset(&m, 0, sizeof(m));
	m.m_type = VM_BRK;
	m.m_vm_proc.addr = (uint32_t)addr;
	if (ipc_sendrec(VM_PROC_NR, &m) != OK)
		return -ENOMEM;
	if (m.m_type != OK)
		return m.m_type;
	*now = m.m_vm_proc.addr;
	return OK;
}

int
brk(void *addr)
{
	uintptr_t now;
	int r = vm_brk((uintptr_t)addr, &now);

	if (r != OK) {
		errno = -r;
		return -1;
	}
	cur_brk = (uintptr_t)addr;
	return 0;
}

void *
sbrk(intptr_t increment)
{
	uintptr_t old;
	int r;

	if (cur_brk == 0 && (r = vm_brk(0, &cur_brk)) != OK) {
		errno = -r;
		return (void *)-1;
	}
	old = cur_brk;
	if (increment != 0 && brk((void *)(old + increment)) != 0)
		return (void *)-1;
	return (void *)old;
}
