/**
 * @file time.h
 * @brief time(): seconds since 1970-01-01 00:00 UTC (through PM, like gettimeofday()).
 */
#ifndef _POSIX_TIME_H
#define _POSIX_TIME_H

#include <sys/types.h>

/** The current time in seconds since 1970 (UTC); also stored in *@p t unless @p t is NULL.
 *  (time_t)-1 with errno on failure (ENOSYS without PM). */
time_t time(time_t *t);

#endif /* _POSIX_TIME_H */
