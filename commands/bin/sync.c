/*
 * sync - write every file system's dirty blocks back to its device (VFS_SYNC, which sends
 * REQ_SYNC to each mounted file server).  Exit status 0.
 */
#include <unistd.h>

int
main(void)
{
	sync();
	return 0;
}
