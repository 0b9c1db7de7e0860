/**
 * @file endpoint.h
 * @brief Process slots and endpoints: how every IPC names its partner.
 *
 * A process occupies a slot of the kernel's process table.  Kernel tasks have negative slot
 * numbers (-NR_TASKS .. -1), the boot processes the fixed slots 0 .. INIT_PROC_NR, everything
 * else the rest.  An endpoint is `generation * ENDPOINT_GENERATION_SIZE + slot`: the kernel
 * bumps the generation each time a slot is reused, so an endpoint kept by someone after its
 * process died names nobody (EDEADSRCDST) instead of reaching the slot's next occupant.
 * Generation 0 makes the endpoint equal to the slot number, which is why the boot processes'
 * numbers below are also their endpoints.
 */
#ifndef MINNOW_ENDPOINT_H
#define MINNOW_ENDPOINT_H

/** An IPC address: a process slot plus a generation. */
typedef int endpoint_t;

/** Number of kernel tasks (slots -NR_TASKS .. -1). */
#define NR_TASKS        5
/** Number of process slots (user and system processes). */
#define NR_PROCS        256
/** Number of privilege structures for system processes (plus one shared by user processes). */
#define NR_SYS_PROCS    64

/* Kernel tasks (their slot numbers are their endpoints). */
#define ASYNCM          (-5)    /**< source of SENDA completion notifications */
#define IDLE            (-4)    /**< runs when nothing else can */
#define CLOCK           (-3)    /**< alarms and timeouts */
#define SYSTEM          (-2)    /**< kernel calls; source of kernel-signal notifications */
#define KERNEL          (-1)    /**< pseudo-process: the kernel itself */
#define HARDWARE        KERNEL  /**< source of interrupt notifications */

/* Boot processes, in boot-image order (slot == endpoint). */
#define PM_PROC_NR      0       /**< process manager */
#define VFS_PROC_NR     1       /**< virtual file system */
#define RS_PROC_NR      2       /**< reincarnation server */
#define MEM_PROC_NR     3       /**< memory driver */
#define SCHED_PROC_NR   4       /**< scheduler */
#define TTY_PROC_NR     5       /**< terminal driver */
#define DS_PROC_NR      6       /**< data store */
#define MFS_PROC_NR     7       /**< root file server */
#define VM_PROC_NR      8       /**< memory manager */
#define PFS_PROC_NR     9       /**< pipe file server */
#define INIT_PROC_NR    10      /**< first user process */

/** Size of the slot part of an endpoint. */
#define ENDPOINT_GENERATION_SIZE 32768
/** Largest number of kernel tasks the endpoint encoding allows. */
#define MAX_NR_TASKS    1023

/* Special endpoints (just below the top of the slot range). */
#define ANY             (ENDPOINT_GENERATION_SIZE - MAX_NR_TASKS - 1)   /**< receive from anyone (31744) */
#define NONE            (ENDPOINT_GENERATION_SIZE - MAX_NR_TASKS - 2)   /**< nobody (31743) */
#define SELF            (ENDPOINT_GENERATION_SIZE - MAX_NR_TASKS - 3)   /**< the caller itself (31742) */

/** Build an endpoint from a generation and a slot number. */
#define MAKE_ENDPOINT(gen, slot) ((endpoint_t)((gen) * ENDPOINT_GENERATION_SIZE + (slot)))
/** The slot number of an endpoint. */
#define ENDPOINT_SLOT(e) \
	((((e) + MAX_NR_TASKS) & (ENDPOINT_GENERATION_SIZE - 1)) - MAX_NR_TASKS)
/** The generation of an endpoint. */
#define ENDPOINT_GEN(e) \
	(((e) + MAX_NR_TASKS) / ENDPOINT_GENERATION_SIZE)

#endif /* MINNOW_ENDPOINT_H */
