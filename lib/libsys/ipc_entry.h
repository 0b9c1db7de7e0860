/**
 * @file ipc_entry.h
 * @brief libsys internals: how the IPC stubs of ipc.S enter the kernel.
 *
 * The stubs call the routine whose address is in _ipc_entry (EAX = call, ECX = endpoint,
 * EBX = message in; EAX = result, EBX = status out; ECX, EDX and ESI clobbered).
 */
#ifndef LIBSYS_IPC_ENTRY_H
#define LIBSYS_IPC_ENTRY_H

#include <stdint.h>

/** Address of the routine the IPC stubs call to enter the kernel. */
extern uint32_t _ipc_entry;
/** libsys's own entry routine: `int $33` (not callable from C). */
void _ipc_entry_int(void);
/** Set _ipc_entry: the kernel information page's trampoline if there is one, else
 *  _ipc_entry_int.  Called by the first IPC of the process. */
void _ipc_choose_entry(void);

#endif /* LIBSYS_IPC_ENTRY_H */
