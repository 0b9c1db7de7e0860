/*
 * exec.c - execve: PM's half (handouts/pm.md, "exec"; the frame: minnow/vfs.h).
 *
 * PM_EXEC(addr = path, len = its length with the NUL, addr2 = argument frame, len2 = its
 * size).  PM checks what it can without reading the program: a length of 0 is EINVAL, a
 * path longer than PATH_MAX is ENAMETOOLONG, a frame larger than ARG_MAX is E2BIG, a path
 * PM cannot read is EFAULT, one without its NUL at len - 1 is EINVAL.  PM keeps the path's
 * last component as the new program's name, then asks VFS (VFS_PM_EXEC) to load the
 * program; the caller stays blocked in its call.  Without a VFS there is nothing to load
 * from: ENOSYS.
 *
 * VFS_PM_EXEC_REPLY (exec_restart):
 *  - status OK: the new image is in place; a set-user-id or set-group-id program's file
 *    owner or group is the new effective id (VFS_PM_EXF_SETUID, _SETGID: VFS ignores the
 *    bits when PM asked with VFS_PM_EXF_NOSUID, for a traced process), and the saved ids
 *    are the effective ones; handlers return to SIG_DFL (ignored signals stay ignored), the kernel restarts the process at pc with sp and the new name (sys_exec,
 *    which also ends the process's wait for PM's answer: exec never answers);
 *  - an error without VFS_PM_EXF_GONE: nothing changed, the caller gets the error;
 *  - an error with VFS_PM_EXF_GONE (VFS failed after VM_EXEC_NEWMEM emptied the process):
 *    there is nothing to return to; the process dies as if by SIGKILL (its parent's wait
 *    sees WTERMSIG 9), as MINIX does.
 * RS's PM_SRV_EXEC (service.c) takes the same path (exec_start); its answers go to RS.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

/* Keep the last component of path as rmp's next name (mp_exec_name). */
static void
set_exec_name(struct mproc *rmp, const char *path)
{
	const char *last = strrchr(path, '/');

	last = last != NULL ? last + 1 : path;
	memset(rmp->mp_exec_name, 0, sizeof(rmp->mp_exec_name));
	strncpy(rmp->mp_exec_name, last, sizeof(rmp->mp_exec_name) - 1);
}

/* Check PM_EXEC's lengths and read its path from rmp: OK or a negated errno. */
static int
exec_check(struct mproc *rmp, const mess_pm *x, char *path)
{
	if (x->len == 0 || x->len2 == 0)
		return -EINVAL;
	if (x->len > PATH_MAX)
		return -ENAMETOOLONG;
	if (x->len2 > ARG_MAX)
		return -E2BIG;
	if (sys_vircopy(rmp->mp_endpoint, x->addr, SELF, (vir_bytes)path, x->len, 0) != OK)
		return -EFAULT;
	if (path[x->len - 1] != '\0')
		return -EINVAL;
	return OK;
}

/* Ask VFS to load the program x names (path and frame in rmp's memory) into rmp: SUSPEND
 * (answered by exec_restart) or a negated errno. */
int
exec_start(struct mproc *rmp, const mess_pm *x)
{
	static char path[PATH_MAX];
	message vm;
	int r;

	if ((r = exec_check(rmp, x, path)) != OK)
		return r;
	if (vfs_state == VFS_ABSENT)
		return -ENOSYS;
	set_exec_name(rmp, path);
	memset(&vm, 0, sizeof(vm));
	vm.m_vfs_pm.path = x->addr;
	vm.m_vfs_pm.path_len = x->len;
	vm.m_vfs_pm.frame = x->addr2;
	vm.m_vfs_pm.frame_len = x->len2;
	vm.m_vfs_pm.flags = rmp->mp_tracer != NULL ? VFS_PM_EXF_NOSUID : 0;
	if ((r = tell_vfs(rmp, VFS_PM_EXEC, &vm)) != OK)
		return -EAGAIN;
	return SUSPEND;
}

int
do_exec(message *m)
{
	return exec_start(mp, &m->m_pm);
}

/* VFS answered VFS_PM_EXEC for rmp (*m: status, flags, pc, sp). */
void
exec_restart(struct mproc *rmp, const message *m)
{
	const mess_vfs_pm *x = &m->m_vfs_pm;
	message rm;

	if (rmp->mp_flags & SYS_PROCESS) {
		srv_exec_answer(rmp, m);	/* RS asked: service.c */
		return;
	}
	if (x->status != OK && !(x->flags & VFS_PM_EXF_GONE)) {
		memset(&rm, 0, sizeof(rm));
		reply(rmp, x->status < 0 ? x->status : -ENOEXEC, &rm);
		return;
	}
	if (x->status != OK) {
		exit_proc(rmp, SIGKILL);
		return;
	}
	exec_finish(rmp, x);
}

/* A set-user-id (set-group-id) program makes its file's owner (group) rmp's effective id;
 * either way the saved ids become the effective ones (POSIX).  issetugid() (SUGID) turns
 * true when this changes an effective id, and false again at the exec of an ordinary
 * program with equal real and effective ids (as FreeBSD). */
static void
exec_ids(struct mproc *rmp, const mess_vfs_pm *x)
{
	uint32_t euid = rmp->mp_effuid, egid = rmp->mp_effgid;

	if (x->flags & VFS_PM_EXF_SETUID)
		rmp->mp_effuid = x->uid;
	if (x->flags & VFS_PM_EXF_SETGID)
		rmp->mp_effgid = x->gid;
	rmp->mp_saveduid = rmp->mp_effuid;
	rmp->mp_savedgid = rmp->mp_effgid;
	if (rmp->mp_effuid != euid || rmp->mp_effgid != egid)
		rmp->mp_flags |= SUGID;
	else if (rmp->mp_realuid == rmp->mp_effuid && rmp->mp_realgid == rmp->mp_effgid)
		rmp->mp_flags &= ~SUGID;
}

/* The new image of rmp is in place (x: VFS's answer): start it.  OK, or the process is
 * ended and the error returned. */
int
exec_finish(struct mproc *rmp, const mess_vfs_pm *x)
{
	char name[PROC_NAME_LEN];
	int r;

	memset(name, 0, sizeof(name));
	strncpy(name, rmp->mp_exec_name, sizeof(name) - 1);
	memcpy(rmp->mp_name, rmp->mp_exec_name, sizeof(rmp->mp_name));
	exec_ids(rmp, x);
	sig_exec_reset(rmp);
	if ((r = trace_exec(rmp, 0)) != OK ||	/* a tracee is held for its tracer */
	    (r = sys_exec(rmp->mp_endpoint, x->sp, x->pc, name)) != OK) {
		printf("pm: sys_exec of %s (%d) failed: %d\n", rmp->mp_name, rmp->mp_endpoint, r);
		exit_proc(rmp, SIGKILL);
		return r;
	}
	return trace_exec(rmp, 1);	/* (SIGTRAP, or SIGSTOP with TO_ALTEXEC) */
}
