/**
 * @file sys/syslimits.h
 * @brief BSD's name for the system limits: the values <limits.h> has (ARG_MAX, OPEN_MAX,
 * PATH_MAX, NAME_MAX, PIPE_BUF, LINK_MAX, ...), for programs written on BSD systems, which
 * include this header instead of, or besides, <limits.h> (handouts/libc.md, "Headers").
 */
#ifndef _POSIX_SYS_SYSLIMITS_H
#define _POSIX_SYS_SYSLIMITS_H

#include <limits.h>

#endif /* _POSIX_SYS_SYSLIMITS_H */
