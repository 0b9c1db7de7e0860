/*
 * misc.c - PM's system-wide calls: reboot.
 *
 * reboot(how): root only (EPERM); PM asks the kernel to halt, power off or panic
 * (sys_abort with RBT_*).  In MINIX PM first tells VFS to sync; that comes with VFS.
 */
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

int
do_reboot(message *m)
{
	if (mp->mp_effuid != 0)
		return -EPERM;
	return sys_abort(m->m_pm.how);
}
