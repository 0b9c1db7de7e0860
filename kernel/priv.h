/**
 * @file priv.h
 * @brief Privilege structures: what a process may do.
 *
 * Every system process owns a struct priv; all user processes share one (USER_PRIV_ID).  A
 * priv says which IPC traps its owner may use (user processes: SENDREC only), to which
 * processes it may send (a bitmap indexed by the *receiver's* privilege id), which kernel
 * calls it may make, who its signal manager is, and keeps what the kernel must remember
 * for it: pending notifications (a bit per sender privilege id, so repeated notifies
 * collapse), the SENDA table, pending interrupts and kernel signals, I/O ranges and IRQs,
 * and where its grant table is.
 */
#ifndef MINNOW_PRIV_H
#define MINNOW_PRIV_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/ipc.h>

/** Privilege structures: one for users, the kernel tasks', the system processes'. */
#define NR_PRIVS        (NR_SYS_PROCS + 8)
/** Words in a bitmap over privilege ids. */
#define PRIV_WORDS      ((NR_PRIVS + 31) / 32)
/** Words in a bitmap over kernel calls. */
#define CALL_WORDS      ((NR_SYS_CALLS + 31) / 32)

/* Static privilege ids. */
#define USER_PRIV_ID    0       /**< shared by every user process */
#define HARDWARE_PRIV_ID 1      /**< HARDWARE: interrupt notifications */
#define SYSTEM_PRIV_ID  2       /**< SYSTEM: kernel-signal notifications */
#define CLOCK_PRIV_ID   3       /**< CLOCK: alarms */
#define ASYNCM_PRIV_ID  4       /**< ASYNCM: SENDA completions */
#define IDLE_PRIV_ID    5       /**< IDLE */
#define KERNEL_PRIV_IDS 6       /**< first id for system processes */

/* s_flags */
#define SYS_PROC        0x01    /**< a system process (owns its priv) */
#define PREEMPTIBLE     0x02    /**< can lose the CPU when its quantum ends */
#define ROOT_SYS_PROC   0x04    /**< RS: may manage everyone's privileges */
#define VM_SYS_PROC     0x08    /**< VM */
#define USER_CALLABLE   0x10    /**< user processes may send to it (priv_sync_user) */

/** Most I/O port ranges per process. */
#define NR_IO_RANGE     16
/** Most physical memory ranges per process. */
#define NR_MEM_RANGE    20
/** Most IRQ lines per process. */
#define NR_IRQ          8

/** An inclusive range: I/O ports, or physical memory bytes. */
struct io_range {
	uint32_t ior_base;      /**< first port (byte) */
	uint32_t ior_limit;     /**< last port (byte) */
};

/** A privilege structure. */
struct priv {
	int s_id;                       /**< index in priv_table (USER_PRIV_ID for users) */
	int s_proc_nr;                  /**< owner's slot (system privs) */
	uint32_t s_flags;               /**< SYS_PROC, PREEMPTIBLE, ... */
	uint32_t s_trap_mask;           /**< bit (1 << call) per allowed IPC trap */
	uint32_t s_ipc_to[PRIV_WORDS];  /**< may send to the owners of these priv ids */
	uint32_t s_k_call_mask[CALL_WORDS]; /**< may make these kernel calls */
	endpoint_t s_sig_mgr;           /**< who handles its signals (NONE: the kernel kills) */
	uint32_t s_notify_pending[PRIV_WORDS]; /**< notifications waiting, by sender priv id */
	uint32_t s_asyn_pending[PRIV_WORDS];   /**< SENDA messages waiting, by sender priv id */
	vir_bytes s_asyntab;            /**< its SENDA table (0: none) */
	uint32_t s_asynsize;            /**< entries in it */
	uint32_t s_int_pending;         /**< interrupt hooks fired, by hook bit */
	uint32_t s_sig_pending[2];      /**< kernel signals for itself (self-managed) */
	uint32_t s_alarm_tick;          /**< clock tick of its alarm (0: none) */
	int s_nr_io_range;              /**< valid entries of s_io_tab */
	struct io_range s_io_tab[NR_IO_RANGE]; /**< allowed I/O ports */
	int s_nr_mem_range;             /**< valid entries of s_mem_tab */
	struct io_range s_mem_tab[NR_MEM_RANGE]; /**< allowed physical memory (inclusive byte ranges) */
	int s_nr_irq;                   /**< valid entries of s_irq_tab */
	int s_irq_tab[NR_IRQ];          /**< allowed IRQ lines */
	vir_bytes s_grant_table;        /**< its grant table, in its memory (0: none) */
	int s_grant_entries;            /**< entries in it */
};

/** All privilege structures, by id. */
extern struct priv priv_table[NR_PRIVS];

/** The priv of a process. */
#define priv(p)         ((p)->p_priv)
/** Test a bit in a bitmap of words. */
#define bit_isset(map, i)  (((map)[(unsigned)(i) / 32] >> ((unsigned)(i) % 32)) & 1u)
/** Set a bit. */
#define bit_set(map, i)    ((map)[(i) / 32] |= 1u << ((i) % 32))
/** Clear a bit. */
#define bit_unset(map, i)  ((map)[(i) / 32] &= ~(1u << ((i) % 32)))

/** The first set bit at or after @p from in a PRIV_WORDS bitmap, or -1 (skips empty words). */
static inline int
next_priv_bit(const uint32_t *map, int from)
{
	for (; from < PRIV_WORDS * 32; from = (from | 31) + 1) {
		uint32_t w = map[from / 32] >> (from % 32);

		if (w != 0)
			return from + __builtin_ctz(w);
	}
	return -1;
}

/** Is no bit set in a PRIV_WORDS bitmap? */
static inline int
priv_map_empty(const uint32_t *map)
{
	uint32_t any = 0;
	int i;

	for (i = 0; i < PRIV_WORDS; i++)
		any |= map[i];
	return any == 0;
}

/* priv.c */
/** Set up the user and kernel-task privilege structures; mark the rest free. */
void priv_init(void);
/** A free system privilege structure (cleared), or NULL. */
struct priv *priv_alloc(void);
/** Give @p owner the system defaults: every trap, partner and kernel call. */
void priv_set_sys_defaults(struct priv *pr, struct proc *owner);
/** Return a system privilege structure to the free pool. */
void priv_free(struct priv *pr);
/** Make the shared user privileges' s_ipc_to follow @p pr: users may send to its owner
 *  exactly while it is owned and has USER_CALLABLE (call after changing either). */
void priv_sync_user(const struct priv *pr);

#endif /* MINNOW_PRIV_H */
