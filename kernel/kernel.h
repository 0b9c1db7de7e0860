/**
 * @file kernel.h
 * @brief The map of the kernel: every file, one line each; and the cross-file functions of
 * the modules that have no header of their own, grouped by the file that defines them.
 *
 * Read this page first.  A module with a header of its own (listed with it) is declared
 * there; everything else is declared below, portable files first, then kernel/arch/i386/.
 *
 * **Processes, IPC, signals** (portable, kernel/)
 *  - main.c         kmain(): the high kernel's start-up order, then the first process
 *  - proc.c         the process table and the run queues (proc.h: struct proc, RTS_ flags)
 *  - ipc.c          SEND, RECEIVE, SENDREC, NOTIFY, SENDNB, REPLYREC, the fast path, and
 *                   clearing a process's IPC ties (ipc.h; with asyn.c: ipc_internal.h)
 *  - asyn.c         SENDA: asynchronous messages kept in the sender's memory
 *  - priv.c         the privilege table (priv.h: struct priv, what a process may do)
 *  - signal.c       signals the kernel raises (cause_sig), the end of a process (proc_exit)
 *                   (signal.h)
 *  - system.c       the SYSTEM task: kernel-call dispatch to system/do_\<call\>.c
 *  - system/do_*.c  one kernel-call handler per file (system.h lists them with their calls)
 *  - grant.c        memory grants: verify_grant(), the check of every safe copy, and
 *                   safecopy() (grant.h)
 *  - vmreq.c        memory requests: a kernel copy or call that needs VM's help (vmreq.h)
 *  - sctrace.c      system-call tracing: stops at a traced call's entry and leave
 *  - interrupt.c    interrupt hooks: a hardware interrupt becomes a driver's notification
 *                   (interrupt.h)
 *  - clock.c        the tick counter and the alarms of sys_setalarm
 *  - boot.c         turning boot modules into processes (with lib/libexec's ELF loader)
 *
 * **Output, diagnostics, start-up helpers** (portable, kernel/)
 *  - printf.c       kprintf() and the formatter behind it
 *  - console.c      where kernel output goes: COM1 and the VGA screen
 *  - kmess.c        the diagnostics buffer (what `dmesg` shows)
 *  - panic.c        panic() and the symbolised backtrace
 *  - ksyms.c        the kernel's symbol table, for naming backtrace frames (from ksymtab.S,
 *                   which tools/ksyms.py generates at link time)
 *  - bootparam.c    boot parameters from the multiboot command line
 *  - ktest.c        kernel self-tests (boot parameter ktest=\<name\>)
 *
 * **Shared with user space**, compiled with the kernel's flags (kernel/Makefile.inc)
 *  - lib/libc/      string.c: memset, memcpy, strlen, ... (declared below)
 *  - lib/libexec/   exec_elf.c, exec_stack.c: the ELF loader and argument splitter of boot.c
 *  - lib/imgpack/   unpack.c: boot.c's unpacker of a packed data module (minnow/imgpack.h)
 *
 * **i386** (kernel/arch/i386/; constants in include/mmu.h, include/x86.h, the trap frame in
 * include/trap.h; include/vmpage.h: the inline translation of a message's page)
 *  - kernel.ld      the link map: the unpaged part low, the high kernel at KERNBASE
 *  - head.S         the first instructions (unpaged): stack, pre_init(), paging on
 *  - pre_init.c     unpaged boot: the boot information, the bootstrap page table (pre_init.h)
 *  - unpaged_lib.c  the unpaged code's helpers: fatal-error output (its memset and memcpy are
 *                   lib/libc/string.c compiled once more)
 *  - entry.S        high_entry and the trap vectors: save the registers, call trap()
 *  - exception.c    trap(): interrupts, CPU exceptions, kernel calls and IPC traps
 *  - context.c      choosing the next process and switching to it
 *  - fpu.c          each process's x87/SSE state: switches, fork, exec, signal frames
 *                   (fpu.h)
 *  - protect.c      the GDT, the TSS and the IDT
 *  - memory.c       the kernel's own page directory
 *  - pagetable.c    process page tables, the boot page allocator, copies between spaces
 *  - kinfo_page.c   the kernel information page; sysenter
 *  - usermapped.S   the kernel information page's contents (minnow/kerninfo.h)
 *  - i8259.c        the interrupt controllers
 *  - i8253.c        the interval timer (IRQ 0)
 *  - serial.c       COM1 output
 *  - vga.c          the VGA text screen
 *  - poweroff.c     clean power-off, and halting after a panic
 *
 * **Who calls whom.**  arch/i386/exception.c, the trap entry, calls system.c (kernel calls),
 * ipc.c (IPC traps, page faults to VM), signal.c (faults), clock.c, interrupt.c and vmreq.c.
 * Below it the calls go down: system.c calls the handlers and vmreq.c; system/do_*.c call
 * signal.c, grant.c, vmreq.c, priv.c, interrupt.c, ipc.c and proc.c; signal.c calls ipc.c,
 * interrupt.c, priv.c and proc.c; vmreq.c, clock.c, interrupt.c and asyn.c call ipc.c; ipc.c
 * calls asyn.c (its SENDA half) and proc.c; grant.c calls proc.c.  One call goes up: ipc.c
 * raises SIGSNDELAY with cause_sig() when the send of a process whose stop was delayed
 * (sys_runctl RC_DELAY) finishes.
 */
#ifndef MINNOW_KERNEL_H
#define MINNOW_KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/** The kernel's version, printed in the boot banner. */
#define MINNOW_VERSION "0.1"

/* main.c */
/** The high kernel's entry (called by high_entry on the boot stack); never returns. */
void kmain(void) __attribute__((noreturn));

/* printf.c */
/** Output function used by kvprintf(): emits one character @p c; @p arg is kvprintf()'s. */
typedef void (*kputc_fn)(int c, void *arg);
/** Format @p fmt with @p ap, sending each character to @p out; returns the characters produced. */
int kvprintf(kputc_fn out, void *arg, const char *fmt, va_list ap);
/** kprintf() with a va_list. */
int vkprintf(const char *fmt, va_list ap);
/** Print to the console and the diagnostics buffer; returns the characters printed. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Format into @p buf (at most @p size bytes, always NUL-terminated); returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* console.c */
/** Initialise the serial and VGA consoles; output before this is dropped. */
void cons_init(void);
/** Write one character to every console. */
void cons_putc(int c);

/* kmess.c */
/** Size of the kernel diagnostics buffer (a ring). */
#define KMESS_BUF_SIZE 16384
/** The kernel diagnostics buffer: every character kprintf() printed, newest last. */
struct kmessages {
	uint32_t km_next;               /**< index where the next character goes */
	uint32_t km_size;               /**< characters stored, at most KMESS_BUF_SIZE */
	char km_buf[KMESS_BUF_SIZE];    /**< the ring itself */
};
/** The one diagnostics buffer. */
extern struct kmessages kmess;
/** Append one character to the diagnostics buffer. */
void kmess_putc(int c);
/** Copy up to @p len buffered characters, oldest first, into @p dst; returns how many. */
size_t kmess_read(char *dst, size_t len);

/* panic.c */
/** Stop the system with a message naming the calling function. */
#define panic(...) panic_at(__func__, __VA_ARGS__)
/** panic()'s body: print "panic in <func>: <message>" and a backtrace, then stop. */
void panic_at(const char *func, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
/** Like panic_at(), with the backtrace starting at a given frame (a trap's EIP and EBP). */
void panic_frame(const char *func, uint32_t eip, uint32_t ebp, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));
/** Print a symbolised backtrace: frame 0 at @p eip, then the saved-EBP chain from @p ebp. */
void backtrace_print(uint32_t eip, uint32_t ebp);

/* ksyms.c */
/** Name the kernel function containing @p addr (NULL if none); @p offset gets the distance from its start. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

/* bootparam.c */
/** Copy boot parameter @p key's value into @p buf; returns @p buf, or NULL if absent. */
const char *bootparam_get(const char *key, char *buf, size_t len);
/** Boot parameter @p key as a decimal number; @p dflt if absent or malformed (reported). */
long bootparam_int(const char *key, long dflt);
/** True if boot parameter @p key is present and not "0", "no" or "off". */
int bootparam_flag(const char *key);

/* lib/libc/string.c, compiled with the kernel's flags */
/** Fill @p n bytes at @p dst with @p c. */
void *memset(void *dst, int c, size_t n);
/** Copy @p n bytes; the ranges must not overlap. */
void *memcpy(void *dst, const void *src, size_t n);
/** Copy @p n bytes; the ranges may overlap. */
void *memmove(void *dst, const void *src, size_t n);
/** Compare @p n bytes; <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n);
/** Length of a NUL-terminated string. */
size_t strlen(const char *s);
/** Compare two strings; <0, 0 or >0. */
int strcmp(const char *a, const char *b);
/** Compare at most @p n characters of two strings. */
int strncmp(const char *a, const char *b, size_t n);

/* ktest.c */
/** Run the kernel self-test named by the boot parameter ktest, if any. */
void ktest_run(void);

/* clock.c */
/** Timer interrupts since clock_init(). */
extern volatile uint32_t clock_ticks;
/** Timer interrupts per second (boot parameter hz). */
extern uint32_t clock_hz;
/** Set by kmain once the process tables exist. */
extern int proc_table_ready;
/** Program the timer at the boot-parameter rate and unmask its interrupt. */
void clock_init(void);
/** The timer interrupt's handler. */
void clock_tick(void);

/* sctrace.c */
struct proc;
/** An IPC trap of @p p with MF_SC_ANY: 1 if its entry was reported (SIGTRAP) and the call
 *  must not run now, 0 if it runs. */
int sc_trace_enter(struct proc *p);
/** The traced call of @p p ran: a stop delayed for it may happen now. */
void sc_trace_ran(struct proc *p);
/** @p p is about to return to user mode with MF_SC_ANY: 1 if its leave was reported
 *  (SIGTRAP: it cannot run), else 0. */
int sc_trace_leave(struct proc *p);
/** vmreq.c rewound @p p's trap: a traced call that was running will come again. */
void sc_trace_rewound(struct proc *p);

/* arch/i386/serial.c */
/** Program COM1 for 115200 baud, 8N1. */
void serial_init(void);
/** Send one character on COM1 ('\\n' becomes "\\r\\n"). */
void serial_putc(int c);

/* arch/i386/vga.c */
/** Clear the VGA text screen. */
void vga_init(void);
/** Put one character on the VGA text screen, scrolling when full. */
void vga_putc(int c);

/* arch/i386/protect.c */
/** Load the flat GDT, the TSS and the IDT. */
void prot_init(void);

/* arch/i386/memory.c */
/** Switch to the kernel's own page directory; drops the boot identity map. */
void paging_init(void);
/** Print EIP, ESP, CR0/CR3/CR4 and the kernel's bootstrap PDEs (before paging_init). */
void paging_report_boot(void);
/** End of the physical memory the kernel direct-maps. */
uint32_t kernel_direct_top(void);

/* arch/i386/pagetable.c */
struct proc;
/** Where the last failed copy failed (vmreq.c turns it into a request for VM). */
struct copy_fault {
	struct proc *cf_proc;   /**< whose memory (NULL: none recorded) */
	uint32_t cf_addr;       /**< the address */
	int cf_write;           /**< the copy wanted to write */
	int cf_debug;           /**< a debugger's write (sys_trace): VM gives the page its own
	                             copy even where the process may not write (VMPF_DEBUG) */
};
/** The last failed copy. */
extern struct copy_fault copy_fault;
/** Start the boot-time page allocator below @p top. */
void phys_alloc_init(uint32_t top);
/** A zeroed physical page from the boot allocator, or 0. */
uint32_t phys_alloc_page(void);
/** A new page directory with the kernel's mappings; 0 if out of memory. */
uint32_t pt_new(void);
/** Map page @p va to @p pa in directory @p pd with PTE flags @p flags. */
int pt_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t flags);
/** Map all physical memory below @p top at VM_PHYS_WINDOW in @p pd (VM's address space). */
void pt_map_phys_window(uint32_t pd, uint32_t top);
/** Translate @p va in @p pd for reading (or writing); OK with *pa, or -EFAULT. */
int pt_lookup(uint32_t pd, uint32_t va, int write, uint32_t *pa);
/** Copy between address spaces (a NULL process means kernel addresses); OK or -EFAULT. */
int vm_copy(struct proc *src, uint32_t sa, struct proc *dst, uint32_t da, size_t bytes);
/** vm_copy() from the kernel's @p m to @p p's @p va, quicker for a small copy (a message)
 *  into one page of @p p; OK or -EFAULT. */
int vm_copy_out(struct proc *p, uint32_t va, const void *m, size_t bytes);
/** vm_copy_msg(): nothing copied; a buffer crosses a page, or the destination's page cannot
 *  be written (the caller copies through the kernel, which says which). */
#define VM_MSG_LONG 1
/** One message from @p src's @p sa straight to @p dst's @p da with m_source = @p stamp (IPC's
 *  one copy): OK, -EFAULT if the source cannot be read (or, @p src_write, written), or
 *  VM_MSG_LONG. */
int vm_copy_msg(struct proc *src, uint32_t sa, int src_write, struct proc *dst, uint32_t da,
		int stamp);
/** Kernel address of @p p's @p bytes at @p va if they lie in one page @p p may write, else
 *  NULL (then vm_copy() and vm_check_writable() say why). */
void *vm_msg_ptr(struct proc *p, uint32_t va, size_t bytes);
/** Write into a process's memory regardless of its write permission; OK or -EFAULT. */
int vm_poke(struct proc *p, uint32_t va, const void *src, size_t bytes);
/** OK if the process may write the whole range, else -EFAULT. */
int vm_check_writable(struct proc *p, uint32_t va, size_t bytes);

/* arch/i386/kinfo_page.c */
/** Fill the kernel information page; enable sysenter when the CPU has it. */
void kinfo_page_init(void);
/** Set a KIF_* flag in the kernel information page. */
void kinfo_page_set_flag(uint32_t flag);
/** Physical address of the kernel information page. */
uint32_t kinfo_page_phys(void);

/* boot.c */
/** Create a process for every boot module and let them run. */
void boot_image_load(void);

/* system.c (the handlers: system.h) */
/** Handle `int $32` from @p caller; returns the result for its EAX. */
int kernel_call(struct proc *caller, uint32_t m_ptr);

/* arch/i386/context.c */
/** Run the most urgent runnable process (idling until there is one); never returns. */
void switch_to_user(void) __attribute__((noreturn));
/** Resume @p p from its saved registers (entry.S); never returns. */
void restore_user_context(struct proc *p) __attribute__((noreturn));
/** Point the TSS's ring-0 stack just past a process's saved registers. */
void tss_set_kstack(uint32_t esp0);
/** Physical address of a kernel virtual address. */
#define KV2P(va) ((uint32_t)(va) - 0xF0000000u)
/** Kernel virtual address of a physical address (inside the direct map). */
#define KP2V(pa) ((void *)((uint32_t)(pa) + 0xF0000000u))

/* arch/i386/i8259.c */
/** Remap the PICs to IRQ0_VECTOR/IRQ8_VECTOR and mask every line. */
void pic_init(void);
/** Allow interrupts from line @p irq. */
void pic_unmask(int irq);
/** Block interrupts from line @p irq. */
void pic_mask(int irq);
/** Acknowledge interrupt @p irq (ignoring spurious IRQ 7/15). */
void pic_eoi(int irq);

/* interrupt.c */
/** Notify the drivers hooked to line @p irq (called for every IRQ but the clock's). */
void irq_dispatch(int irq);

/* arch/i386/i8253.c */
/** Program the i8253 channel 0 to interrupt @p hz times a second. */
void pit_init(uint32_t hz);

/* arch/i386/poweroff.c */
/** Power the machine off (isa-debug-exit with debugexit=1, else ACPI), or halt. */
void arch_poweroff(void) __attribute__((noreturn));
/** Stop after a panic: isa-debug-exit's panic code with debugexit=1, else halt. */
void arch_halt_after_panic(void) __attribute__((noreturn));

#endif /* MINNOW_KERNEL_H */
