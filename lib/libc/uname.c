/*
 * uname.c - uname(): the system's names, fixed here (there is no system call for them);
 * the node name is gethostname()'s.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

int
uname(struct utsname *name)
{
	if (name == NULL) {
		errno = EFAULT;
		return -1;
	}
	memset(name, 0, sizeof(*name));
	strlcpy(name->sysname, "Minnow", sizeof(name->sysname));
	gethostname(name->nodename, sizeof(name->nodename));
	strlcpy(name->release, "1.0", sizeof(name->release));
	strlcpy(name->version, "MINIX-3-style microkernel", sizeof(name->version));
	strlcpy(name->machine, "i386", sizeof(name->machine));
	return 0;
}
