/**
 * @file ipc.h
 * @brief Messages and the IPC primitives: the only system call there is.
 *
 * Every interaction between processes, and every kernel call, is a 64-byte message: the
 * sender's endpoint (filled in by the kernel, so it cannot be forged), a type, and 56 bytes
 * of payload whose layout depends on the protocol.  Each layout is a named structure below
 * with a compile-time size check; protocols own number ranges (include/minnow/com.h).
 *
 * The primitives (trap numbers): SEND blocks until the destination receives; RECEIVE blocks
 * until a message arrives (from ANY or one endpoint); SENDREC sends then receives the reply
 * from the same partner, ignoring notifications meanwhile (the only primitive user processes
 * may use); NOTIFY never blocks and collapses repeats into one pending bit; SENDNB fails with
 * ENOTREADY instead of blocking; SENDA hands the kernel a table of asynchronous messages kept
 * in the sender's memory.  The receiver learns how a message came from the IPC status word.
 */
#ifndef MINNOW_IPC_H
#define MINNOW_IPC_H

#include <stdint.h>
#include <stddef.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>
#include <minnow/vm.h>
#include <minnow/rs.h>
#include <minnow/ds.h>
#include <minnow/pm.h>
#include <minnow/cdev.h>
#include <minnow/bdev.h>
#include <minnow/vfs.h>
#include <minnow/fsif.h>
#include <minnow/pci.h>
#include <minnow/dl.h>
#include <minnow/sdev.h>

/* IPC trap numbers (the call number in EAX). */
#define SEND            1       /**< blocking send */
#define RECEIVE         2       /**< blocking receive */
#define SENDREC         3       /**< send, then receive the reply from the same endpoint */
#define NOTIFY          4       /**< non-blocking notification */
#define SENDNB          5       /**< non-blocking send */
#define MINIX_KERNINFO  6       /**< ask for the address of the kernel information page */
#define REPLYREC        7       /**< a server's reply (a SENDNB; ECX NONE: none) then RECEIVE
                                     from ANY into the same buffer; EDX the reply's result */
#define SENDA           16      /**< asynchronous send of a table of messages */

/** IPC status word: the call that delivered the message is in the low 6 bits. */
#define IPC_STATUS_CALL(status)  ((status) & 0x3F)
/** IPC status flag: the kernel made this message on the sender's behalf (never reply to it). */
#define IPC_FLG_MSG_FROM_KERNEL  (1 << 16)

/** Message type of a notification; the payload carries a timestamp and a bitmap. */
#define NOTIFY_MESSAGE  (NOTIFY_BASE + 0)

/** Generic payload: fourteen 32-bit words. */
typedef struct {
	uint32_t m_u32[14];     /**< the words */
} mess_u32;

/** Payload of a notification (built by the kernel). */
typedef struct {
	uint32_t timestamp;     /**< clock ticks when the notification was built */
	uint32_t map;           /**< HARDWARE: pending IRQ-hook bits; SYSTEM: pending signals 0-31 */
	uint32_t map_hi;        /**< SYSTEM: pending signals 32-63 (SIGKSIG, SIGKSIGSM, ...) */
	uint8_t padding[44];    /**< unused */
} mess_notify;

/** A message: 64 bytes in all. */
typedef struct {
	endpoint_t m_source;    /**< who sent it (set by the kernel) */
	int m_type;             /**< what it is: a request, a reply status, NOTIFY_MESSAGE, ... */
	union {
		mess_u32 m_u32;         /**< generic words */
		mess_notify m_notify;   /**< notifications */
		mess_sys_diagctl m_sys_diagctl;         /**< sys_diagctl */
		mess_sys_getinfo m_sys_getinfo;         /**< sys_getinfo */
		mess_sys_whoami m_sys_whoami;           /**< sys_getinfo(GET_WHOAMI) reply */
		mess_sys_exit m_sys_exit;               /**< sys_exit */
		mess_sys_privctl m_sys_privctl;         /**< sys_privctl */
		mess_sys_copy m_sys_copy;               /**< sys_vircopy, sys_physcopy */
		mess_sys_safecopy m_sys_safecopy;       /**< sys_safecopyfrom/to */
		mess_sys_vsafecopy m_sys_vsafecopy;     /**< sys_vsafecopy */
		mess_sys_setgrant m_sys_setgrant;       /**< sys_setgrant */
		mess_sys_safememset m_sys_safememset;   /**< sys_safememset */
		mess_sys_safemap m_sys_safemap;         /**< sys_safemap */
		mess_sys_saferevmap m_sys_saferevmap;   /**< sys_saferevmap_gid/addr */
		mess_sys_safeunmap m_sys_safeunmap;     /**< sys_safeunmap */
		mess_sys_runctl m_sys_runctl;           /**< sys_runctl */
		mess_sys_kill m_sys_kill;               /**< sys_kill */
		mess_sys_ksig m_sys_ksig;               /**< sys_getksig, sys_endksig */
		mess_sys_umap m_sys_umap;               /**< sys_umap */
		mess_sys_devio m_sys_devio;             /**< sys_devio */
		mess_sys_sdevio m_sys_sdevio;           /**< sys_sdevio */
		mess_sys_irqctl m_sys_irqctl;           /**< sys_irqctl */
		mess_sys_setalarm m_sys_setalarm;       /**< sys_setalarm */
		mess_sys_times m_sys_times;             /**< sys_times */
		mess_sys_vmctl m_sys_vmctl;             /**< sys_vmctl */
		mess_sys_exec m_sys_exec;               /**< sys_exec */
		mess_sys_fork m_sys_fork;               /**< sys_fork */
		mess_sys_proc m_sys_proc;               /**< sys_clear, sys_update, sys_statectl */
		mess_sys_abort m_sys_abort;             /**< sys_abort */
		mess_sys_sig m_sys_sig;                 /**< sys_sigsend, sys_sigreturn */
		mess_sys_trace m_sys_trace;             /**< sys_trace */
		mess_vm_pagefault m_vm_pagefault;       /**< VM_PAGEFAULT (kernel to VM) */
		mess_vm_info m_vm_info;                 /**< VM_INFO reply */
		mess_vm_sanity m_vm_sanity;             /**< VM_SANITY reply */
		mess_vm_fork m_vm_fork;                 /**< VM_FORK */
		mess_vm_proc m_vm_proc;                 /**< VM_EXIT, VM_BRK */
		mess_vm_update m_vm_update;             /**< VM_RS_UPDATE */
		mess_vm_mmap m_vm_mmap;                 /**< VM_MMAP, VM_MAP_PHYS, VM_MUNMAP */
		mess_vm_exec m_vm_exec;                 /**< VM_EXEC_NEWMEM, _MAP, _DONE */
		mess_vm_safemap m_vm_safemap;           /**< VM_SAFEMAP, _REVMAP, _UNMAP (kernel) */
		mess_vfs m_vfs;                         /**< VFS_* file calls (minnow/vfs.h) */
		mess_vfs_pm m_vfs_pm;                   /**< VFS_PM_* (PM <-> VFS) */
		mess_fs_req m_fs_req;                   /**< REQ_* (VFS -> file server) */
		mess_fs_reply m_fs_reply;               /**< file server replies */
		mess_rs_init m_rs_init;                 /**< RS_INIT, both ways */
		mess_rs_lu m_rs_lu;                     /**< RS_LU_PREPARE, both ways */
		mess_sigs m_sigs;                       /**< SIGS_SIGNAL_RECEIVED */
		mess_rs_sysinfo m_rs_sysinfo;           /**< RS_GETSYSINFO */
		mess_rs_req m_rs_req;                   /**< RS_UP, RS_DOWN, RS_LOOKUP, ... */
		mess_ds m_ds;                           /**< DS requests and replies */
		mess_ds_sysinfo m_ds_sysinfo;           /**< DS_GETSYSINFO */
		mess_pm m_pm;                           /**< PM requests and replies */
		mess_cdev m_cdev;                       /**< CDEV_* requests (minnow/cdev.h) */
		mess_cdev_reply m_cdev_reply;           /**< CDEV_REPLY, CDEV_SEL*_REPLY */
		mess_bdev m_bdev;                       /**< BDEV_* requests (minnow/bdev.h) */
		mess_bdev_reply m_bdev_reply;           /**< BDEV_REPLY */
		mess_pci m_pci;                         /**< BUSC_PCI_* (minnow/pci.h) */
		mess_dl m_dl;                           /**< DL_* (minnow/dl.h) */
		mess_sdev m_sdev;                       /**< SDEV_* requests (minnow/sdev.h) */
		mess_sdev_reply m_sdev_reply;           /**< SDEV_*_REPLY */
		uint8_t size[56];       /**< fixes the payload size */
	};
} message;

_Static_assert(sizeof(mess_u32) == 56, "mess_u32 must be 56 bytes");
_Static_assert(sizeof(mess_notify) == 56, "mess_notify must be 56 bytes");
_Static_assert(sizeof(message) == 64, "message must be 64 bytes");

/* SENDA table entries. */
#define AMF_EMPTY       0       /**< slot unused */
#define AMF_VALID       1       /**< slot holds a message to send */
#define AMF_DONE        2       /**< the kernel has delivered it (or failed): see result */
#define AMF_NOTIFY      4       /**< notify the sender (from ASYNCM) when done */
#define AMF_NOREPLY     8       /**< never use it as the reply of a SENDREC */
#define AMF_NOTIFY_ERR  16      /**< notify the sender only if delivery failed */

/** One entry of a SENDA table, kept in the sender's own memory. */
typedef struct {
	uint32_t flags;         /**< AMF_* */
	endpoint_t dst;         /**< destination */
	int result;             /**< delivery result, valid once AMF_DONE is set */
	message msg;            /**< the message */
} asynmsg_t;

#endif /* MINNOW_IPC_H */
