/**
 * @file kcall.h
 * @brief Message layouts of the kernel calls (libsys -> SYSTEM), one structure per call.
 *
 * Each kernel call is a message of type KERNEL_CALL + SYS_<CALL> (minnow/com.h) whose payload
 * is the structure named after the call; the kernel answers in the same message with the
 * result in m_type and, where a call returns data, in the fields marked "out".  Every layout
 * is checked to fit the 56-byte payload.  The handler of each call lives in
 * kernel/system/do_\<call\>.c, whose header comment walks through the same fields.
 */
#ifndef MINNOW_KCALL_H
#define MINNOW_KCALL_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/endpoint.h>
#include <minnow/ptrace.h>

/** A virtual address in some process's address space. */
typedef uint32_t vir_bytes;
/** A physical address or a byte count of physical memory. */
typedef uint32_t phys_bytes;
/** A grant id: an index into the granter's grant table plus a generation. */
typedef int32_t cp_grant_id_t;

/** sys_diagctl: kernel diagnostics. */
typedef struct {
	int code;               /**< DIAGCTL_CODE_* */
	vir_bytes buf;          /**< DIAG: the text to print, in the caller */
	int len;                /**< DIAG: its length */
	endpoint_t endpt;       /**< STACKTRACE: whose stack */
	uint8_t padding[40];    /**< unused */
} mess_sys_diagctl;
#define DIAGCTL_CODE_DIAG       1       /**< print text on the console and into kmess */
#define DIAGCTL_CODE_STACKTRACE 2       /**< print a process's registers and stack */

/** sys_getinfo: copy a piece of kernel information to the caller. */
typedef struct {
	int request;            /**< GET_* */
	endpoint_t endpt;       /**< GET_PROC: whose entry; GET_PRIV: whose structure */
	vir_bytes val_ptr;      /**< where to copy the answer, in the caller */
	int val_len;            /**< size of the caller's buffer; out: bytes copied */
	uint8_t padding[40];    /**< unused */
} mess_sys_getinfo;
#define GET_KINFO       0       /**< the boot information (struct kinfo) */
#define GET_PROCTAB     2       /**< a summary of every process slot (struct proc_info[]) */
#define GET_WHOAMI      3       /**< the caller's endpoint, name and privileges: mess_sys_whoami */
#define GET_KMESS       4       /**< the kernel diagnostics buffer (text, oldest first) */
#define GET_PRIV        5       /**< a process's privilege summary (struct priv_info) */
#define GET_CMDLINE     6       /**< the kernel command line (boot parameters) */
#define GET_HZ          7       /**< clock ticks per second: out in val_len */
#define GET_UPTIME      8       /**< clock ticks since boot: out in val_len */
#define GET_PROC        9       /**< one process slot (struct proc_info) by endpoint */

/** sys_getinfo(GET_WHOAMI) reply. */
typedef struct {
	endpoint_t endpt;       /**< out: the caller's endpoint */
	int privflags;          /**< out: its privilege flags */
	int init_flags;         /**< out: reserved for SEF */
	char name[44];          /**< out: its process name */
} mess_sys_whoami;

/** Name length in the process summaries. */
#define PROC_NAME_LEN 16
/** One process as GET_PROCTAB and GET_PROC report it. */
struct proc_info {
	endpoint_t pi_endpoint;         /**< its endpoint (NONE for a free slot) */
	int pi_slot;                    /**< slot number */
	uint32_t pi_rts_flags;          /**< why it cannot run (0: runnable) */
	uint32_t pi_misc_flags;         /**< MF_* */
	int pi_priority;                /**< scheduling queue */
	int pi_privflags;               /**< privilege flags */
	endpoint_t pi_getfrom;          /**< blocked receiving from */
	endpoint_t pi_sendto;           /**< blocked sending to */
	uint32_t pi_delivermsg;         /**< blocked receiving: where the message will go */
	uint32_t pi_user_ticks;         /**< ticks spent running */
	char pi_name[PROC_NAME_LEN];    /**< process name */
	uint32_t pi_ipc_fast;           /**< its SEND/SENDREC calls the IPC fast path ran */
};

/* pi_rts_flags bits: why a process cannot run (0: it can).  The kernel's own RTS_* flags
 * (kernel/proc.h), named here for programs such as ps; do_getinfo.c checks that they agree. */
#define PI_RTS_SLOT_FREE        0x01    /**< the slot is unused */
#define PI_RTS_PROC_STOP        0x02    /**< stopped (sys_runctl, or not yet started) */
#define PI_RTS_SENDING          0x04    /**< blocked sending (pi_sendto: to whom) */
#define PI_RTS_RECEIVING        0x08    /**< blocked receiving (pi_getfrom: from whom) */
#define PI_RTS_SIGNALED         0x10    /**< a kernel signal is pending for its manager */
#define PI_RTS_SIG_PENDING      0x20    /**< its signal manager has not finished with it */
#define PI_RTS_P_STOP           0x40    /**< stopped by a tracer */
#define PI_RTS_NO_PRIV          0x80    /**< no privileges yet (RS has not allowed it) */
#define PI_RTS_NO_ENDPOINT      0x100   /**< being torn down */
#define PI_RTS_VMINHIBIT        0x200   /**< VM is working on its address space */
#define PI_RTS_PAGEFAULT        0x400   /**< waiting for VM to resolve a page fault */
#define PI_RTS_VMREQUEST        0x800   /**< waiting for VM to finish a kernel call */
#define PI_RTS_BOOTINHIBIT      0x10000 /**< boot process whose address space VM has not built */
/* pi_privflags bits (the kernel's priv flags, kernel/priv.h). */
#define PI_SYS_PROC             0x01    /**< a system process (owns its privileges) */
#define PI_PREEMPTIBLE          0x02    /**< loses the CPU when its quantum ends */
#define PI_USER_CALLABLE        0x10    /**< user processes may send to it (system.conf "users") */
/* pi_misc_flags bits (the kernel's MF_*). */
#define PI_MF_REPLY_PEND        0x01    /**< in SENDREC: blocked for the reply (or sending) */

/** Words of struct priv_info's pv_ipc_to: a bitmap over the kernel's privilege ids. */
#define PI_IPC_WORDS            3
/** A process's privileges as GET_PRIV reports them. */
struct priv_info {
	int pv_id;                      /**< privilege id (0: the shared user privileges) */
	uint32_t pv_flags;              /**< SYS_PROC, PREEMPTIBLE, ROOT_SYS_PROC, VM_SYS_PROC */
	uint32_t pv_trap_mask;          /**< allowed IPC traps, bit (1 << call) */
	uint32_t pv_k_call_mask[2];     /**< allowed kernel calls, by SYS_* index */
	endpoint_t pv_sig_mgr;          /**< signal manager (NONE: the kernel) */
	int pv_nr_io_range;             /**< I/O ranges allowed */
	int pv_nr_mem_range;            /**< memory ranges allowed */
	int pv_nr_irq;                  /**< IRQ lines allowed */
	uint32_t pv_grant_table;        /**< its grant table (0: none) */
	int pv_grant_entries;           /**< entries in it */
	uint32_t pv_ipc_to[PI_IPC_WORDS]; /**< may send to the owners of these privilege ids
	                                       (bit i of word i / 32; bit 0: every user process) */
};

/** sys_exit: a system process ends itself (no fields; the caller never gets a reply). */
typedef struct {
	uint8_t padding[56];    /**< unused */
} mess_sys_exit;

/** sys_privctl: manage privileges. */
typedef struct {
	endpoint_t endpt;       /**< whose privileges */
	int request;            /**< SYS_PRIV_* */
	vir_bytes arg_ptr;      /**< request argument in the caller (struct priv_spec, io/mem range) */
	uint8_t padding[44];    /**< unused */
} mess_sys_privctl;
#define SYS_PRIV_ALLOW          1       /**< let the process run (clear RTS_NO_PRIV) */
#define SYS_PRIV_DISALLOW       2       /**< stop it from running (set RTS_NO_PRIV) */
#define SYS_PRIV_SET_SYS        3       /**< give it a system privilege structure */
#define SYS_PRIV_SET_USER       4       /**< give it the shared user privilege structure */
#define SYS_PRIV_ADD_IO         5       /**< allow an I/O port range */
#define SYS_PRIV_ADD_MEM        6       /**< allow a physical memory range */
#define SYS_PRIV_ADD_IRQ        7       /**< allow an IRQ line */
#define SYS_PRIV_QUERY_MEM      8       /**< is a memory range allowed? */
#define SYS_PRIV_UPDATE_SYS     9       /**< replace the masks of a running service */
#define SYS_PRIV_SET_SIGMGR     11      /**< a new signal manager (endpoint at arg) */
#define SYS_PRIV_YIELD          10      /**< run the target, block the caller */
#define SYS_PRIV_SET_IPC        12      /**< replace only the IPC mask (RS: system.conf's ipc lines) */

/** Most explicit IPC targets in a struct priv_spec. */
#define PRIV_SPEC_IPC_TO 64
/** sys_privctl(SYS_PRIV_SET_SYS, ...) argument: the privileges to install. */
struct priv_spec {
	uint32_t ps_flags;                      /**< PI_PREEMPTIBLE, PI_USER_CALLABLE (SYS_PROC implied) */
	uint32_t ps_trap_mask;                  /**< bit (1 << call) per allowed IPC trap */
	uint32_t ps_k_call_mask[2];             /**< bit per allowed kernel call (SYS_* index) */
	endpoint_t ps_sig_mgr;                  /**< signal manager (SELF: itself; NONE: the kernel) */
	int ps_ipc_all;                         /**< nonzero: may send to every process */
	int ps_nr_ipc_to;                       /**< else: how many entries of ps_ipc_to count */
	endpoint_t ps_ipc_to[PRIV_SPEC_IPC_TO]; /**< the processes it may send to */
};

/** sys_privctl(SYS_PRIV_ADD_IO/ADD_MEM) argument: an inclusive range. */
struct priv_range {
	uint32_t pr_base;       /**< first port or byte */
	uint32_t pr_limit;      /**< last port or byte */
};

/** sys_vircopy / sys_physcopy: copy bytes between processes (or physical memory). */
typedef struct {
	endpoint_t src_endpt;   /**< source process (NONE: physical for physcopy) */
	vir_bytes src_addr;     /**< source address */
	endpoint_t dst_endpt;   /**< destination process */
	vir_bytes dst_addr;     /**< destination address */
	phys_bytes nr_bytes;    /**< how many bytes */
	int flags;              /**< CP_FLAG_TRY: fail with EFAULT, do not ask VM */
	uint8_t padding[32];    /**< unused */
} mess_sys_copy;
#define CP_FLAG_TRY 0x01        /**< do not resolve missing pages through VM */

/** sys_safecopyfrom / sys_safecopyto: copy through a grant. */
typedef struct {
	endpoint_t granter;     /**< who made the grant */
	cp_grant_id_t grant;    /**< the grant id, in the granter's table */
	vir_bytes offset;       /**< offset into the granted range */
	vir_bytes address;      /**< the caller's own buffer */
	size_t bytes;           /**< how many bytes */
	uint8_t padding[36];    /**< unused */
} mess_sys_safecopy;

/** sys_vsafecopy: a vector of safe copies. */
typedef struct {
	vir_bytes vec_addr;     /**< array of struct vscp_vec in the caller */
	int vec_size;           /**< number of elements */
	uint8_t padding[48];    /**< unused */
} mess_sys_vsafecopy;

/** sys_setgrant: tell the kernel where the caller's grant table is. */
typedef struct {
	vir_bytes addr;         /**< the table, in the caller */
	int size;               /**< number of entries */
	uint8_t padding[48];    /**< unused */
} mess_sys_setgrant;

/** sys_safememset: fill a granted range. */
typedef struct {
	endpoint_t granter;     /**< who made the grant */
	cp_grant_id_t grant;    /**< the grant id */
	vir_bytes offset;       /**< offset into the granted range */
	int pattern;            /**< byte value */
	size_t bytes;           /**< how many bytes */
	uint8_t padding[36];    /**< unused */
} mess_sys_safememset;

/** sys_safemap: map pages of a granter into the caller (the grantee) through a grant with
 *  CPF_MAP.  offset, address and bytes must be page-aligned (EINVAL). */
typedef struct {
	endpoint_t granter;     /**< who made the grant */
	cp_grant_id_t grant;    /**< the grant id, in the granter's table */
	vir_bytes offset;       /**< offset into the granted range (page-aligned) */
	vir_bytes address;      /**< where the pages appear in the caller (page-aligned) */
	size_t bytes;           /**< how many bytes (a positive multiple of the page size) */
	int writable;           /**< nonzero: a writable mapping (the grant needs CPF_WRITE) */
	uint8_t padding[32];    /**< unused */
} mess_sys_safemap;

/** sys_saferevmap: the granter removes every mapping made through one of its grants, or
 *  of its memory at one address, from every grantee. */
typedef struct {
	int flag;               /**< SAFEREVMAP_GID or SAFEREVMAP_ADDR */
	cp_grant_id_t grant;    /**< SAFEREVMAP_GID: the grant id, in the caller's table */
	vir_bytes address;      /**< SAFEREVMAP_ADDR: an address of the caller's own memory */
	uint8_t padding[44];    /**< unused */
} mess_sys_saferevmap;
#define SAFEREVMAP_GID  0       /**< revoke by grant id */
#define SAFEREVMAP_ADDR 1       /**< revoke by an address inside the mapped memory */

/** sys_safeunmap: the grantee removes the mapping that starts at @c address. */
typedef struct {
	vir_bytes address;      /**< the start of the mapping, in the caller */
	uint8_t padding[52];    /**< unused */
} mess_sys_safeunmap;

/** sys_runctl: stop or resume a process. */
typedef struct {
	endpoint_t endpt;       /**< the process */
	int action;             /**< RC_STOP or RC_RESUME */
	int flags;              /**< RC_DELAY */
	uint8_t padding[44];    /**< unused */
} mess_sys_runctl;
#define RC_STOP         0       /**< stop the process */
#define RC_RESUME       1       /**< let it run again */
#define RC_DELAY        1       /**< flag: delay the stop while it is sending (EBUSY) */

/** sys_kill: raise a signal for a process (delivered to its signal manager). */
typedef struct {
	endpoint_t endpt;       /**< the process */
	int sig;                /**< the signal number */
	uint8_t padding[48];    /**< unused */
} mess_sys_kill;

/** sys_getksig / sys_endksig: a signal manager collects kernel signals. */
typedef struct {
	endpoint_t endpt;       /**< out (getksig): a process with pending signals, or NONE; in (endksig) */
	uint32_t sigmap[2];     /**< out (getksig): its pending signals */
	uint8_t padding[44];    /**< unused */
} mess_sys_ksig;

/** sys_umap: translate a virtual address of a process to physical. */
typedef struct {
	endpoint_t endpt;       /**< the process */
	vir_bytes vir_addr;     /**< the address */
	phys_bytes nr_bytes;    /**< length that must be physically contiguous */
	phys_bytes phys_addr;   /**< out: the physical address */
	uint8_t padding[40];    /**< unused */
} mess_sys_umap;

/** sys_devio: one I/O port access, checked against the caller's I/O ranges. */
typedef struct {
	int request;            /**< DIO_INPUT/DIO_OUTPUT | DIO_BYTE/WORD/LONG */
	uint32_t port;          /**< the port */
	uint32_t value;         /**< in for output, out for input */
	uint8_t padding[44];    /**< unused */
} mess_sys_devio;
#define DIO_INPUT  0x00         /**< read the port */
#define DIO_OUTPUT 0x10         /**< write the port */
#define DIO_BYTE   0x01         /**< 8-bit access */
#define DIO_WORD   0x02         /**< 16-bit access */
#define DIO_LONG   0x04         /**< 32-bit access */

/** sys_sdevio: a string of port accesses to or from the caller's buffer. */
typedef struct {
	int request;            /**< DIO_INPUT/DIO_OUTPUT | DIO_BYTE/WORD/LONG */
	uint32_t port;          /**< the port */
	vir_bytes vec_addr;     /**< the caller's buffer */
	uint32_t vec_size;      /**< number of items (bytes, words or longs) */
	uint8_t padding[40];    /**< unused */
} mess_sys_sdevio;

/** sys_irqctl: hook, enable or disable an interrupt line. */
typedef struct {
	int request;            /**< IRQ_SETPOLICY, IRQ_RMPOLICY, IRQ_ENABLE, IRQ_DISABLE */
	int vector;             /**< the IRQ line */
	int policy;             /**< IRQ_REENABLE: re-enable automatically */
	int hook_id;            /**< in: the caller's bit number for notifications; out: kernel hook id */
	uint8_t padding[40];    /**< unused */
} mess_sys_irqctl;
#define IRQ_SETPOLICY   1       /**< install a hook */
#define IRQ_RMPOLICY    2       /**< remove it */
#define IRQ_ENABLE      3       /**< unmask the line */
#define IRQ_DISABLE     4       /**< mask the line */
#define IRQ_REENABLE    0x001   /**< policy: re-enable after each notification */

/** sys_setalarm: a CLOCK notification after some ticks. */
typedef struct {
	uint32_t exp_time;      /**< ticks from now (or absolute, see abs_time); 0 cancels */
	int abs_time;           /**< exp_time is an absolute tick count */
	uint32_t time_left;     /**< out: ticks the previous alarm had left (0: none) */
	uint8_t padding[44];    /**< unused */
} mess_sys_setalarm;

/** sys_times: process and system times. */
typedef struct {
	endpoint_t endpt;       /**< the process (NONE: only the system times) */
	uint32_t user_time;     /**< out: ticks it spent in user mode */
	uint32_t system_time;   /**< out: ticks the kernel spent on its behalf */
	uint32_t real_ticks;    /**< out: ticks since boot */
	uint8_t padding[40];    /**< unused */
} mess_sys_times;

/** sys_vmctl: VM's control of processes and address spaces. */
typedef struct {
	endpoint_t endpt;       /**< the process */
	int param;              /**< VMCTL_* */
	uint32_t value;         /**< parameter value (a page directory's physical address, ...) */
	uint32_t value2;        /**< second value */
	uint8_t padding[40];    /**< unused */
} mess_sys_vmctl;
#define VMCTL_CLEAR_PAGEFAULT   12      /**< let a process whose fault VM resolved run again */
#define VMCTL_BOOTINHIBIT_CLEAR 33      /**< VM built a boot process's address space */
#define VMCTL_SETADDRSPACE      34      /**< install a page directory for a process */
#define VMCTL_MEMREQ_GET        14      /**< fetch a pending kernel memory request */
#define VMCTL_MEMREQ_REPLY      15      /**< answer it */
#define VMCTL_CLEAR_VMINHIBIT   35      /**< a forked child's address space is ready */
#define VMCTL_KCALL_REPLY       36      /**< finish a kernel call forwarded to VM (safemap):
					     value is its result */

/** sys_exec: start a process at a new program counter and stack. */
typedef struct {
	endpoint_t endpt;       /**< the process */
	vir_bytes stack_ptr;    /**< initial stack pointer */
	vir_bytes ip;           /**< initial program counter */
	vir_bytes name_ptr;     /**< the program name, in the caller (or 0) */
	uint8_t padding[40];    /**< unused */
} mess_sys_exec;

/** sys_fork: create a process slot as a copy of another. */
typedef struct {
	endpoint_t parent;      /**< the parent */
	int slot;               /**< the child's slot */
	int flags;              /**< PFF_VMINHIBIT */
	endpoint_t child;       /**< out: the child's endpoint */
	uint8_t padding[40];    /**< unused */
} mess_sys_fork;
#define PFF_VMINHIBIT 0x01      /**< keep the child from running until VM has set it up */

/** sys_abort: stop the whole system (PM's reboot; in-guest test runners' power-off). */
typedef struct {
	int how;                /**< RBT_HALT, RBT_POWEROFF or RBT_PANIC */
	uint8_t padding[52];    /**< unused */
} mess_sys_abort;
#define RBT_HALT        0       /**< halt the CPU */
#define RBT_POWEROFF    1       /**< power off (QEMU exits with status 33 under debugexit=1) */
#define RBT_PANIC       2       /**< a server asks for a panic */

/** sys_sigsend / sys_sigreturn. */
typedef struct {
	endpoint_t endpt;       /**< the process */
	vir_bytes ptr;          /**< sigsend: struct sigmsg in the caller; sigreturn: the
				     struct sigcontext in the process */
	uint8_t padding[48];    /**< unused */
} mess_sys_sig;

/** sys_trace: a debugger's access to a stopped process (through PM). */
typedef struct {
	endpoint_t endpt;       /**< the traced process */
	int request;            /**< T_* */
	vir_bytes address;      /**< T_GET/SET INS/DATA: address; T_GET/SETUSER: offset */
	uint32_t data;          /**< in for T_SET*, out for T_GET* */
	uint8_t padding[40];    /**< unused */
} mess_sys_trace;
/* sys_trace requests: T_STOP, T_RESUME, T_STEP, T_SYSCALL, T_GET/SET INS, DATA, USER
 * (minnow/ptrace.h). */

/** sys_clear / sys_update / sys_statectl. */
typedef struct {
	endpoint_t endpt;       /**< clear: the dead process; update: the source */
	endpoint_t endpt2;      /**< update: the destination */
	int request;            /**< statectl: SYS_STATE_* */
	uint8_t padding[44];    /**< unused */
} mess_sys_proc;
#define SYS_STATE_CLEAR_IPC_REFS 1      /**< cancel every IPC reference to the caller */
#define SYS_STATE_CLEAR_REPLIES  2      /**< wake those waiting for the caller's answer */

_Static_assert(sizeof(mess_sys_diagctl) == 56, "layout size");
_Static_assert(sizeof(mess_sys_getinfo) == 56, "layout size");
_Static_assert(sizeof(mess_sys_whoami) == 56, "layout size");
_Static_assert(sizeof(mess_sys_exit) == 56, "layout size");
_Static_assert(sizeof(mess_sys_privctl) == 56, "layout size");
_Static_assert(sizeof(mess_sys_copy) == 56, "layout size");
_Static_assert(sizeof(mess_sys_safecopy) == 56, "layout size");
_Static_assert(sizeof(mess_sys_vsafecopy) == 56, "layout size");
_Static_assert(sizeof(mess_sys_setgrant) == 56, "layout size");
_Static_assert(sizeof(mess_sys_safememset) == 56, "layout size");
_Static_assert(sizeof(mess_sys_safemap) == 56, "layout size");
_Static_assert(sizeof(mess_sys_saferevmap) == 56, "layout size");
_Static_assert(sizeof(mess_sys_safeunmap) == 56, "layout size");
_Static_assert(sizeof(mess_sys_runctl) == 56, "layout size");
_Static_assert(sizeof(mess_sys_kill) == 56, "layout size");
_Static_assert(sizeof(mess_sys_ksig) == 56, "layout size");
_Static_assert(sizeof(mess_sys_umap) == 56, "layout size");
_Static_assert(sizeof(mess_sys_devio) == 56, "layout size");
_Static_assert(sizeof(mess_sys_irqctl) == 56, "layout size");
_Static_assert(sizeof(mess_sys_setalarm) == 56, "layout size");
_Static_assert(sizeof(mess_sys_times) == 56, "layout size");
_Static_assert(sizeof(mess_sys_vmctl) == 56, "layout size");
_Static_assert(sizeof(mess_sys_exec) == 56, "layout size");
_Static_assert(sizeof(mess_sys_fork) == 56, "layout size");
_Static_assert(sizeof(mess_sys_proc) == 56, "layout size");
_Static_assert(sizeof(mess_sys_abort) == 56, "layout size");
_Static_assert(sizeof(mess_sys_sig) == 56, "layout size");
_Static_assert(sizeof(mess_sys_trace) == 56, "layout size");
_Static_assert(sizeof(mess_sys_sdevio) == 56, "layout size");

#endif /* MINNOW_KCALL_H */
