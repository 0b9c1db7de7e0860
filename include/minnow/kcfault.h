/**
 * @file kcfault.h
 * @brief The kernel-call fault hook of libsys (lib/libsys/kernel_call.c): how a fault
 *        injector makes one of a process's kernel calls go wrong.
 *
 * Every system process links libsys, whose _kernel_call() reads the global `kcall_fault`
 * before it traps.  Disarmed (armed == 0, as every process starts) the hook is one load
 * and one branch per kernel call.  A privileged injector (/test/faultinj, handouts/
 * hardening.md, "Driver fault injection") finds the variable in the process's ELF symbol
 * table and writes its words with sys_trace(T_SETDATA): kind, countdown and value first,
 * armed last.  The hook then lets `countdown` kernel calls through and spoils the next one,
 * once: it disarms itself and counts the fault in `fired`.
 */
#ifndef MINNOW_KCFAULT_H
#define MINNOW_KCFAULT_H

#include <stdint.h>

/** kind: the call is not made; it returns `value` (in m_type too). */
#define KCF_SKIP        1
/** kind: the call is made twice; the second answer is returned. */
#define KCF_DUP         2
/** kind: the call is made, but `value` is returned (in m_type too) instead of its answer. */
#define KCF_VALUE       3

/** The hook's state; each field is one word, written separately by the injector. */
struct kcall_fault {
	uint32_t armed;         /**< nonzero: spoil a call (written last by the injector) */
	uint32_t countdown;     /**< kernel calls still to let through before the spoiled one */
	uint32_t kind;          /**< KCF_SKIP, KCF_DUP or KCF_VALUE */
	int32_t value;          /**< KCF_SKIP, KCF_VALUE: the result the caller sees */
	uint32_t fired;         /**< out: faults this process has suffered */
};

/** The hook of this process (libsys; the symbol name is what injectors look for). */
extern volatile struct kcall_fault kcall_fault;

#endif /* MINNOW_KCFAULT_H */
