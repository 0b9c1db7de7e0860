/**
 * @file kerninfo.h
 * @brief The kernel information page: read-only kernel facts mapped into every process.
 *
 * The kernel maps one page, user-readable and read-only, at KERNINFO_ADDR in every address
 * space.  It starts with struct minnow_kerninfo and holds two tiny IPC trampolines: one
 * that traps with `int $33`, one that enters with `sysenter` (present only if the CPU has
 * it).  libsys asks where the page is with the MINIX_KERNINFO IPC call (any process may
 * make it; EBX returns the address) and from then on calls the trampoline the page names,
 * so the IPC entry method is chosen at run time, as in MINIX 3.3.
 *
 * Both trampolines take EAX = call, EBX = message (or SENDA table), ECX = endpoint (or
 * SENDA count); the sysenter one moves the endpoint into ESI itself, because sysenter and
 * sysexit use ECX and EDX for the return stack and address.  Both return EAX = result and
 * EBX = IPC status, like `int $33`.
 */
#ifndef MINNOW_KERNINFO_H
#define MINNOW_KERNINFO_H

/** Where the page is mapped in every process (just above the stack's top). */
#define KERNINFO_ADDR   0xEFFFF000
/** ki_magic: "MNKI". */
#define KERNINFO_MAGIC  0x494B4E4D
/** ki_flags: the sysenter trampoline works on this CPU. */
#define KIF_SYSENTER    0x01
/** ki_flags: a VM server runs (slot VM_PROC_NR): brk and mmap requests reach it. */
#define KIF_VM          0x02
/** ki_flags: a PM server runs (slot PM_PROC_NR): it manages user processes' signals,
 *  and exit, fork, wait, kill ... go to it. */
#define KIF_PM          0x04
/** ki_flags: a VFS server runs (slot VFS_PROC_NR): file calls and exec reach it. */
#define KIF_VFS         0x08

#ifndef __ASSEMBLER__
#include <stdint.h>

/** The start of the kernel information page. */
struct minnow_kerninfo {
	uint32_t ki_magic;              /**< KERNINFO_MAGIC */
	uint32_t ki_flags;              /**< KIF_* */
	uint32_t ki_ipc_int;            /**< address of the `int $33` trampoline */
	uint32_t ki_ipc_sysenter;       /**< address of the sysenter trampoline (0: none) */
	uint32_t ki_hz;                 /**< clock ticks per second */
};
#endif

#endif /* MINNOW_KERNINFO_H */
