/*
 * rlimit.c - getrlimit(2) and setrlimit(2): PM_GETRLIMIT and PM_SETRLIMIT (minnow/pm.h,
 * <sys/resource.h>; handouts/pm.md, "Core files"), but RLIMIT_FSIZE, which VFS keeps and
 * enforces: VFS_FSIZE (minnow/vfs.h; handouts/pm.md, "The file size limit").
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <minnow/pm.h>
#include <minnow/vfs.h>
#include "libc_private.h"
#include "pm_call.h"

/* VFS_FSIZE: read, and with set also write, the file size limits *rl: 0 or -1. */
static int
fsize_call(int set, struct rlimit *rl)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if (set) {
		v.flags = VFS_FSIZE_SET;
		v.offset_lo = rl->rlim_cur;
		v.offset_hi = (int32_t)rl->rlim_max;
	}
	if ((r = __libc_vfs_call(VFS_FSIZE, &v)) < 0)
		return __libc_vfs_result(r);
	rl->rlim_cur = v.offset_lo;
	rl->rlim_max = (rlim_t)v.offset_hi;
	return 0;
}

int
getrlimit(int res, struct rlimit *rl)
{
	message m;
	int r;

	if (res == RLIMIT_FSIZE && rl != NULL)
		return fsize_call(0, rl);
	memset(&m, 0, sizeof(m));
	m.m_pm.how = res;
	if ((r = __libc_pm_call(PM_GETRLIMIT, &m)) < 0)
		return __libc_posix_result(r);
	if (rl == NULL)
		return __libc_posix_result(-EFAULT);
	rl->rlim_cur = m.m_pm.len;
	rl->rlim_max = m.m_pm.len2;
	return 0;
}

int
setrlimit(int res, const struct rlimit *rl)
{
	struct rlimit want;
	message m;

	if (rl == NULL)
		return __libc_posix_result(-EFAULT);
	if (res == RLIMIT_FSIZE) {
		want = *rl;
		return fsize_call(1, &want);
	}
	memset(&m, 0, sizeof(m));
	m.m_pm.how = res;
	m.m_pm.len = rl->rlim_cur;
	m.m_pm.len2 = rl->rlim_max;
	return __libc_posix_result(__libc_pm_call(PM_SETRLIMIT, &m));
}
