/**
 * @file unistd.h
 * @brief POSIX system interface (the part Minnow's libc has so far).
 */
#ifndef _LIBC_UNISTD_H_
#define _LIBC_UNISTD_H_

#include <stdint.h>

/** Set the program break to @p addr (through VM).  0, or -1 with errno (ENOMEM, EINVAL). */
int brk(void *addr);
/** Move the break by @p increment bytes; the old break, or (void *)-1 with errno ENOMEM. */
void *sbrk(intptr_t increment);

#endif /* _LIBC_UNISTD_H_ */
