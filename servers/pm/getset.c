/*
 * getset.c - the calls that read or set a process's identity: pid and parent, user and
 * group ids, process group and session (handouts/pm.md, "struct mproc").
 *
 * setuid/setgid: root (effective uid 0) sets the real, effective and saved ids; anyone
 * else may only set the effective id, to the real or the saved one (else EPERM).
 * seteuid/setegid set only the effective id: root to anything, others to the real or the
 * saved id.  The saved ids are the effective ones an exec left (exec_finish: a set-user-id
 * program's owner), so a set-uid program may drop its privilege with seteuid(getuid())
 * and take it back with seteuid(0) (handouts/pm.md, "Set-user-id programs").  setsid makes the caller
 * leader of a new session and group named by its pid (EPERM if it already leads a group).
 * setpgid(pid, pgid) moves the caller or one of its children (ESRCH otherwise) into group
 * pgid of the same session (pgid 0: the target's pid; EPERM for a session leader, another
 * session, or a group that does not exist there; EINVAL for pgid < 0).
 *
 * getgroups/setgroups read and (root only) replace the supplementary groups, at most
 * NGROUPS_MAX (handouts/pm.md, "Supplementary groups"); fork copies them, exec keeps them.
 *
 * With a VFS, a successful setuid, setgid, setgroups or setsid is also VFS's business (permission
 * checks; a new session loses its controlling terminal): PM tells it (VFS_PM_SETUID,
 * SETGID with the group list, SETSID) and answers the caller when VFS has answered (vfs.c).
 */
#include <minnow/errno.h>
#include <string.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

int
do_getpid(message *m)
{
	struct mproc *pp = &mproc[mp->mp_parent];

	m->m_pm.ppid = (mp->mp_flags & ADOPTED) ? INIT_PID : pp->mp_pid;
	m->m_pm.pid = mp->mp_pid;
	return mp->mp_pid;
}

int
do_getuid(message *m)
{
	m->m_pm.id = mp->mp_realuid;
	m->m_pm.eid = mp->mp_effuid;
	return OK;
}

int
do_getgid(message *m)
{
	m->m_pm.id = mp->mp_realgid;
	m->m_pm.eid = mp->mp_effgid;
	return OK;
}

/* The rule of setuid/setgid (only_eff 0) and seteuid/setegid (1) on the caller's ids
 * (*real, *eff, *saved); root is the caller's effective uid 0 for the group ids too. */
static int
set_id(uint32_t *real, uint32_t *eff, uint32_t *saved, uint32_t id, int only_eff)
{
	if (mp->mp_effuid == 0 && !only_eff) {
		*real = *eff = *saved = id;
		return OK;
	}
	if (mp->mp_effuid != 0 && id != *real && id != *saved)
		return -EPERM;
	*eff = id;
	return OK;
}

/*
 * The caller's ids changed and its answer is result: tell VFS (request rq with effective
 * id eff and real id real) and answer later, or answer now without VFS.
 */
static int
id_changed(int rq, uint32_t eff, uint32_t real, int result)
{
	message m;

	if (vfs_state == VFS_ABSENT)
		return result;
	memset(&m, 0, sizeof(m));
	m.m_vfs_pm.uid = eff;
	m.m_vfs_pm.ruid = real;
	if (rq == VFS_PM_SETGID) {	/* VFS copies the list from mproc while we wait */
		m.m_vfs_pm.path = (uint32_t)mp->mp_groups;
		m.m_vfs_pm.path_len = (uint32_t)mp->mp_ngroups;
	}
	mp->mp_vfs_result = result;
	if (tell_vfs(mp, rq, &m) != OK)
		return result;		/* logged by tell_vfs; the change stands */
	return SUSPEND;
}

/* setuid, seteuid (group 0) or setgid, setegid (group 1; only_eff for the e- calls). */
static int
change_id(int group, uint32_t id, int only_eff)
{
	uint32_t *real = group ? &mp->mp_realgid : &mp->mp_realuid;
	uint32_t *eff = group ? &mp->mp_effgid : &mp->mp_effuid;
	int r = set_id(real, eff, group ? &mp->mp_savedgid : &mp->mp_saveduid, id, only_eff);

	if (r != OK)
		return r;
	mp->mp_flags |= SUGID;
	return id_changed(group ? VFS_PM_SETGID : VFS_PM_SETUID, *eff, *real, OK);
}

/* PM_SETUID, PM_SETGID, PM_SETEUID and PM_SETEGID (told apart by m_type). */
int
do_setid(message *m)
{
	int t = m->m_type;

	return change_id(t == PM_SETGID || t == PM_SETEGID, m->m_pm.id,
			 t == PM_SETEUID || t == PM_SETEGID);
}

/* PM_GETGROUPS: the number of supplementary groups; with len > 0 also the list. */
int
do_getgroups(message *m)
{
	size_t bytes = (size_t)mp->mp_ngroups * sizeof(mp->mp_groups[0]);

	if (m->m_pm.len == 0)
		return mp->mp_ngroups;
	if (m->m_pm.len < (uint32_t)mp->mp_ngroups)
		return -EINVAL;
	if (bytes > 0 && sys_vircopy(SELF, (vir_bytes)mp->mp_groups, mp->mp_endpoint,
				     m->m_pm.addr, bytes, 0) != OK)
		return -EFAULT;
	return mp->mp_ngroups;
}

/* PM_SETGROUPS: root replaces the list (VFS learns it with VFS_PM_SETGID). */
int
do_setgroups(message *m)
{
	uint32_t groups[NGROUPS_MAX];
	size_t n = m->m_pm.len;

	if (mp->mp_effuid != 0)
		return -EPERM;
	if (n > NGROUPS_MAX)
		return -EINVAL;
	if (n > 0 && sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)groups,
				 n * sizeof(groups[0]), 0) != OK)
		return -EFAULT;
	memcpy(mp->mp_groups, groups, n * sizeof(groups[0]));
	mp->mp_ngroups = (int)n;
	mp->mp_flags |= SUGID;
	return id_changed(VFS_PM_SETGID, mp->mp_effgid, mp->mp_realgid, OK);
}

/* PM_ISSETUGID: is the caller tainted by a set-id exec or an id change (SUGID)? */
int
do_issetugid(message *m)
{
	(void)m;
	return (mp->mp_flags & SUGID) != 0;
}

int
do_setsid(message *m)
{
	if (mp->mp_procgrp == mp->mp_pid)
		return -EPERM;
	mp->mp_session = mp->mp_procgrp = mp->mp_pid;
	m->m_pm.pid = mp->mp_pid;
	return id_changed(VFS_PM_SETSID, 0, 0, mp->mp_pid);
}

int
do_getpgrp(message *m)
{
	m->m_pm.pid = mp->mp_procgrp;
	return mp->mp_procgrp;
}

/* Is there a live process in group pgid of session sid? */
static int
group_exists(int pgid, int sid)
{
	struct mproc *rmp;

	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++)
		if (MP_LIVE(rmp) && rmp->mp_procgrp == pgid &&
		    rmp->mp_session == sid)
			return 1;
	return 0;
}

int
do_setpgid(message *m)
{
	struct mproc *tp = m->m_pm.pid == 0 ? mp : find_pid(m->m_pm.pid);
	int pgid = m->m_pm.pgid;

	if (pgid < 0)
		return -EINVAL;
	if (tp == NULL || (tp->mp_flags & ZOMBIE) ||
	    (tp != mp && tp->mp_parent != (int)(mp - mproc)))
		return -ESRCH;
	if (pgid == 0)
		pgid = tp->mp_pid;
	if (tp->mp_session != mp->mp_session || tp->mp_session == tp->mp_pid)
		return -EPERM;
	if (pgid != tp->mp_pid && !group_exists(pgid, mp->mp_session))
		return -EPERM;
	tp->mp_procgrp = pgid;
	return OK;
}
