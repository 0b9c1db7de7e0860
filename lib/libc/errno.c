/*
 * errno.c - the global errno (one thread per process).
 */
#include <errno.h>

int errno;
