/*
 * glo.h - VM's global state.
 */
#ifndef VM_GLO_H
#define VM_GLO_H

#include <minnow/kinfo.h>

/** The boot information, fetched once at startup. */
extern struct kinfo vm_kinfo;

#endif
