/**
 * @file com.h
 * @brief Protocol number ranges, kernel-call numbers and the kernel's trap vectors.
 *
 * Every protocol owns a range of message types, so a stray number in a dump names its
 * protocol at once.  Kernel calls are messages of type KERNEL_CALL + n sent by trap to the
 * SYSTEM task; the kernel answers in the same message with the result in m_type.
 *
 * Trap ABI (i386):
 *  - IPC:         `int $33`; EAX = call (SEND, RECEIVE, ...), ECX = endpoint (SENDA: entry
 *                 count), EBX = message (SENDA: table) address.  Returns EAX = OK or a negated
 *                 error number, EBX = the IPC status word (after a receive).
 *  - kernel call: `int $32`; EAX = message address.  Returns EAX = the result, also stored
 *                 in the message's m_type.
 */
#ifndef MINNOW_COM_H
#define MINNOW_COM_H

#include <minnow/endpoint.h>

/* Trap vectors user space may use. */
#define KERNEL_CALL_VECTOR  32  /**< `int $32`: kernel call */
#define IPC_TRAP_VECTOR     33  /**< `int $33`: IPC primitive */

/* ---- Protocol ranges -------------------------------------------------------------------
 * Every protocol owns one range of message types.  This table is the only place a range is
 * defined: one line per range, in order of number, giving its base, then in its comment the
 * range, the prefix of its message names, and "client -> server" (the server answers).
 * "reserved" marks a range kept for a protocol that is not implemented; its numbers are
 * MINIX 3's.  Numbers not listed (0x000-0x1FF, 0xD00-0xDFF, 0xF00-0xFFF, 0x1100-0x18FF,
 * 0x1A00-0x1EFF) are free.  No range of their own: the hello driver, like every character
 * driver, answers CDEV_ requests; RS live update (RS_UPDATE, RS_LU_PREPARE) is RS's range.
 *
 * The rule for protocol headers (tools/tests/test_protocols.py checks it on every header in
 * include/minnow/, `make unittest`): a header defines no base of its own, and writes each
 * message type as (BASE + n) with a base of this table, never as a bare number.  The base a
 * message type is written with ties it to its protocol: its value must lie in that base's
 * range, and a message type whose name carries a protocol's prefix must be written with that
 * protocol's base.  A bare number inside a range, named with the range's prefix, is an
 * error (write it as BASE + n).  Ranges never overlap.
 */
#define DL_RQ_BASE      0x200   /**< 0x200-0x27F DL_: inet -> network drivers (minnow/dl.h) */
#define DL_RS_BASE      0x280   /**< 0x280-0x2FF DL_: network drivers' replies to inet (dl.h) */
#define BUSC_RQ_BASE    0x300   /**< 0x300-0x37F BUSC_: drivers, RS -> the PCI server (minnow/pci.h) */
#define BUSC_RS_BASE    0x380   /**< 0x380-0x3FF BUSC_: unused (PCI replies carry the status in m_type) */
#define CDEV_RQ_BASE    0x400   /**< 0x400-0x47F CDEV_: VFS -> character drivers (minnow/cdev.h) */
#define CDEV_RS_BASE    0x480   /**< 0x480-0x4FF CDEV_: character drivers' replies to VFS */
#define BDEV_RQ_BASE    0x500   /**< 0x500-0x57F BDEV_: VFS, file servers -> block drivers (bdev.h) */
#define BDEV_RS_BASE    0x580   /**< 0x580-0x5FF BDEV_: block drivers' replies */
#define KERNEL_CALL     0x600   /**< 0x600-0x6FF SYS_: processes -> the SYSTEM task (+ SYS_*) */
#define RS_RQ_BASE      0x700   /**< 0x700-0x7FF RS_ SIGS_: -> RS; RS -> services: init, signals (rs.h) */
#define DS_RQ_BASE      0x800   /**< 0x800-0x8FF DS_: processes -> DS (minnow/ds.h) */
#define PM_BASE         0x900   /**< 0x900-0x9FF PM_: processes -> PM (minnow/pm.h) */
#define VFS_BASE        0xA00   /**< 0xA00-0xAFF VFS_: processes -> VFS (minnow/vfs.h) */
#define VFS_PM_BASE     0xB00   /**< 0xB00-0xBFF VFS_PM_: PM -> VFS; replies at +0x80 (vfs.h) */
#define VM_RQ_BASE      0xC00   /**< 0xC00-0xCFF VM_: processes, the kernel -> VM (minnow/vm.h) */
#define FS_BASE         0xE00   /**< 0xE00-0xEFF REQ_: VFS -> file servers (minnow/fsif.h) */
#define NOTIFY_BASE     0x1000  /**< 0x1000-0x10FF NOTIFY_: NOTIFY_MESSAGE; nobody answers (ipc.h) */
#define SDEV_RQ_BASE    0x1900  /**< 0x1900-0x197F SDEV_: VFS -> socket drivers, inet (minnow/sdev.h) */
#define SDEV_RS_BASE    0x1980  /**< 0x1980-0x19FF SDEV_: socket drivers' replies to VFS (sdev.h) */
#define TEST_RQ_BASE    0x1F00  /**< 0x1F00-0x1FFF TEST_: in-guest tests' own protocol */

/* ---- Kernel calls (index from KERNEL_CALL; numbers as in MINIX 3.3) -------------------- */
#define SYS_FORK        0       /**< sys_fork: a new process slot as a copy */
#define SYS_EXEC        1       /**< sys_exec: set PC and SP of a process */
#define SYS_CLEAR       2       /**< sys_clear: clean up a dead process's slot */
#define SYS_SCHEDULE    3       /**< sys_schedule */
#define SYS_PRIVCTL     4       /**< sys_privctl: privilege structures */
#define SYS_TRACE       5       /**< sys_trace */
#define SYS_KILL        6       /**< sys_kill: raise a signal */
#define SYS_GETKSIG     7       /**< sys_getksig: fetch pending kernel signals */
#define SYS_ENDKSIG     8       /**< sys_endksig: done with a process's kernel signals */
#define SYS_SIGSEND     9       /**< sys_sigsend */
#define SYS_SIGRETURN   10      /**< sys_sigreturn */
#define SYS_MEMSET      13      /**< sys_memset */
#define SYS_UMAP        14      /**< sys_umap: virtual to physical */
#define SYS_VIRCOPY     15      /**< sys_vircopy */
#define SYS_PHYSCOPY    16      /**< sys_physcopy */
#define SYS_IRQCTL      19      /**< sys_irqctl */
#define SYS_DEVIO       21      /**< sys_devio: one port access */
#define SYS_SDEVIO      22      /**< sys_sdevio: string port access */
#define SYS_SETALARM    24      /**< sys_setalarm */
#define SYS_TIMES       25      /**< sys_times */
#define SYS_GETINFO     26      /**< sys_getinfo */
#define SYS_ABORT       27      /**< sys_abort: halt, power off or panic the system */
#define SYS_SAFECOPYFROM 31     /**< sys_safecopyfrom */
#define SYS_SAFECOPYTO  32      /**< sys_safecopyto */
#define SYS_VSAFECOPY   33      /**< sys_vsafecopy */
#define SYS_SETGRANT    34      /**< sys_setgrant */
#define SYS_VMCTL       43      /**< sys_vmctl */
#define SYS_DIAGCTL     44      /**< sys_diagctl: kernel diagnostics output */
#define SYS_RUNCTL      46      /**< sys_runctl */
/* The safemap calls keep their MINIX 3.1 numbers (3.3 dropped the calls). */
#define SYS_SAFEMAP     47      /**< sys_safemap: map a granter's pages through a grant */
#define SYS_SAFEREVMAP  48      /**< sys_saferevmap_gid/addr: the granter takes mappings back */
#define SYS_SAFEUNMAP   49      /**< sys_safeunmap: the grantee drops a mapping */
#define SYS_UPDATE      52      /**< sys_update */
#define SYS_EXIT        53      /**< sys_exit: a system process ends itself */
#define SYS_STATECTL    55      /**< sys_statectl */
#define SYS_SAFEMEMSET  56      /**< sys_safememset */
#define NR_SYS_CALLS    57      /**< number of kernel-call slots */

/** Is m_type a kernel call? */
#define IS_KERNEL_CALL(t) ((t) >= KERNEL_CALL && (t) < KERNEL_CALL + NR_SYS_CALLS)

#endif /* MINNOW_COM_H */
