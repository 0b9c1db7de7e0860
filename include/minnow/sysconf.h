/**
 * @file sysconf.h
 * @brief The system.conf parser (lib/libsys/sysconf.c): services' privileges from text.
 *
 * /etc/system.conf (etc/system.conf in the tree; a boot module of type=data for RS) holds
 * one entry per service, found by the service's label:
 *
 *     service tty {
 *             system  ALL;            # kernel calls: ALL, or names (DEVIO IRQCTL ...)
 *             ipc     ALL;            # ALL, ALL_SYS_PROC, or labels
 *             irq     1 4;            # IRQ lines (decimal)
 *             io      3f8:8 60 64;    # I/O ports, hex base[:count]
 *             mem     b8000:1000;     # physical memory, hex base[:count] (bytes)
 *     };
 *
 * Other keys: users (yes: user processes may send to it; default no), vm (VM calls, by
 * name), uid, sigmgr (a label), scheduler, priority, quantum,
 * pci device vid:did[/svid:sdid], pci class c[/s[/i]] (hex; what the PCI server lets the
 * service see and reserve), control (labels), domain (the socket domain it serves: INET,
 * UNIX, LOCAL, INET6 or a number; handouts/sockets.md).  `#` starts a comment.  The parser only
 * fills struct sysconf: it makes no call and works the same in RS, in a command and on the
 * host (tools/tests/test_sysconf.py).  What each field does is in handouts/rs.md,
 * "system.conf".
 *
 * A malformed entry or an unknown key is reported through the caller's report function as
 * `FILE:LINE: what in service LABEL` and marks that entry bad (@c sc_bad): whoever starts
 * services refuses to start it.  The other entries are unaffected.
 */
#ifndef MINNOW_SYSCONF_H
#define MINNOW_SYSCONF_H

#include <stddef.h>
#include <stdint.h>

#define SC_MAX_SERVICES 64      /**< entries one file may hold */
#define SC_LABEL_LEN    16      /**< a label, NUL included (RS_MAX_LABEL_LEN) */
#define SC_MAX_NAMES    16      /**< labels in one ipc or control list */
#define SC_MAX_RANGES   8       /**< io or mem ranges of one service */
#define SC_MAX_IRQS     8       /**< IRQ lines of one service */
#define SC_MAX_PCI      8       /**< pci device or pci class items of one service */
#define SC_MSG_LEN      128     /**< longest report line */
#define SC_MAX_DOMAIN   31      /**< the largest socket domain number (AF_MAX - 1) */

/** sc_ipc: whom the service may send to. */
#define SC_IPC_UNSET    0       /**< no ipc key: the default (ALL) */
#define SC_IPC_ALL      1       /**< every process */
#define SC_IPC_SYS      2       /**< every system process (ALL_SYS_PROC) */
#define SC_IPC_LIST     3       /**< the labels in sc_ipc_to (and RS) */

/** An inclusive range of ports or physical bytes. */
struct sc_range {
	uint32_t base;          /**< first port or byte */
	uint32_t limit;         /**< last port or byte */
};

/** One service entry of the file. */
struct sc_service {
	char sc_label[SC_LABEL_LEN];            /**< the label after "service" */
	int sc_line;                            /**< line of the "service" word */
	int sc_bad;                             /**< an error was reported: do not start it */
	uint32_t sc_k_calls[2];                 /**< kernel calls (bit per SYS_*), basic set included */
	uint32_t sc_vm_calls[2];                /**< VM calls (bit per VM_RQ_BASE offset, < 64) */
	int sc_ipc;                             /**< SC_IPC_* */
	int sc_nr_ipc;                          /**< labels in sc_ipc_to */
	char sc_ipc_to[SC_MAX_NAMES][SC_LABEL_LEN]; /**< ipc labels */
	int sc_nr_io;                           /**< ranges in sc_io */
	struct sc_range sc_io[SC_MAX_RANGES];   /**< I/O port ranges */
	int sc_nr_mem;                          /**< ranges in sc_mem */
	struct sc_range sc_mem[SC_MAX_RANGES];  /**< physical memory ranges */
	int sc_nr_irq;                          /**< lines in sc_irq */
	int sc_irq[SC_MAX_IRQS];                /**< IRQ lines */
	int sc_users;                           /**< "users yes": user processes may send to it */
	int sc_uid;                             /**< uid (-1: not given) */
	char sc_sigmgr[SC_LABEL_LEN];           /**< signal manager's label ("": RS) */
	char sc_scheduler[SC_LABEL_LEN];        /**< scheduler label or KERNEL ("": not given) */
	int sc_priority;                        /**< scheduling queue (-1: not given) */
	int sc_quantum;                         /**< quantum in ms (-1: not given) */
	int sc_nr_pci_dev;                      /**< items in sc_pci_dev */
	uint32_t sc_pci_dev[SC_MAX_PCI];        /**< vid << 16 | did */
	uint32_t sc_pci_sub[SC_MAX_PCI];        /**< its svid << 16 | sdid; 0: any subsystem */
	int sc_nr_pci_class;                    /**< items in sc_pci_class */
	uint32_t sc_pci_class[SC_MAX_PCI];      /**< class << 16 | subclass << 8 | interface */
	uint32_t sc_pci_class_mask[SC_MAX_PCI]; /**< the parts given: 0xff0000, 0xffff00 or
						     0xffffff */
	int sc_nr_control;                      /**< labels in sc_control */
	char sc_control[SC_MAX_NAMES][SC_LABEL_LEN]; /**< labels that may control it */
	int sc_domain;                          /**< the socket domain it serves (AF_*; 0:
						     none): RS maps it in VFS after the init */
};

/** A whole parsed file. */
struct sysconf {
	int sc_nr;                              /**< entries in sc_svc */
	int sc_errors;                          /**< errors reported */
	struct sc_service sc_svc[SC_MAX_SERVICES]; /**< the entries, in file order */
};

/** Where the parser sends each error line (no newline at its end). */
typedef void (*sysconf_report_t)(const char *msg);

/**
 * @brief Parse @p len bytes of @p text (a system.conf named @p file in reports) into @p sc.
 * @return the number of errors reported (0: every entry good).
 */
int sysconf_parse(const char *text, size_t len, const char *file, struct sysconf *sc,
		  sysconf_report_t report);

/** @brief The entry of @p label (bad ones included), or NULL. */
const struct sc_service *sysconf_find(const struct sysconf *sc, const char *label);

/** @brief The kernel calls every service gets (the bits sc_k_calls starts from). */
void sysconf_basic_calls(uint32_t mask[2]);

#endif
