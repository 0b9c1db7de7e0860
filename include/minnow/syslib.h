/**
 * @file syslib.h
 * @brief libsys: one C function per kernel call, plus helpers every service needs.
 *
 * Each sys_* function fills the message layout of its call (minnow/kcall.h), makes the
 * kernel call through _kernel_call() (minnow/ipcstub.h) and returns what the kernel said:
 * OK (0) or a negated error number (-EPERM, -ECALLDENIED, ...).  "Out" values come back
 * through pointer arguments, any of which may be NULL when the caller does not want it.
 * Which process may make which call is the kernel's business (its privilege bitmaps);
 * libsys checks nothing itself.
 *
 * The grant API (cpf_grant_direct() and friends, lib/libsys/grant.c) is declared in
 * minnow/grant.h; lib/libsys/README.md lists what is where.
 */
#ifndef MINNOW_SYSLIB_H
#define MINNOW_SYSLIB_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/errno.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/kcall.h>
#include <minnow/kinfo.h>

struct vscp_vec;        /* one sys_vsafecopy element (minnow/safecopies.h) */

/* ---- diagnostics (sys_diag.c) ---------------------------------------------------------- */
/** sys_diagctl: the general form (@p code DIAGCTL_CODE_*; @p buf, @p len for DIAG; @p endpt
 *  for STACKTRACE). */
int sys_diagctl(int code, const void *buf, int len, endpoint_t endpt);
/** Print @p len bytes of @p buf on the console (and into the kernel's kmess buffer). */
int sys_diagctl_diag(const char *buf, int len);
/** Ask the kernel to print @p endpt's registers and stack. */
int sys_diagctl_stacktrace(endpoint_t endpt);
/** Print the string @p s on the console through sys_diagctl_diag(), unbuffered. */
int kputs(const char *s);

/* ---- kernel information (sys_info.c) --------------------------------------------------- */
/** sys_getinfo: the general form: copy the information @p request (GET_*) about @p endpt into
 *  @p buf of @p len bytes; @p copied (may be NULL) receives the kernel's val_len answer. */
int sys_getinfo(int request, endpoint_t endpt, void *buf, int len, int *copied);
/** Copy the kernel's boot information into @p ki. */
int sys_getkinfo(struct kinfo *ki);
/** Copy the process table summary into @p tab, which must have room for
 *  NR_TASKS + NR_PROCS entries (a free slot has pi_endpoint == NONE). */
int sys_getproctab(struct proc_info *tab);
/** Copy the summary of process @p endpt into @p pi. */
int sys_getproc(endpoint_t endpt, struct proc_info *pi);
/** Learn the caller's own endpoint, name (into @p name of @p len bytes, NUL-terminated) and
 *  privilege flags. */
int sys_whoami(endpoint_t *endpt, char *name, int len, int *privflags);
/** Copy up to @p len bytes of the kernel's diagnostics text (oldest first) into @p buf;
 *  @p copied receives how many. */
int sys_getkmess(char *buf, int len, int *copied);
/** Copy process @p endpt's privilege summary (up to @p len bytes) into @p buf. */
int sys_getpriv(endpoint_t endpt, void *buf, int len);
/** Copy the kernel command line into @p buf of @p len bytes. */
int sys_getcmdline(char *buf, int len);
/** The clock's ticks per second, into @p hz. */
int sys_gethz(uint32_t *hz);
/** Ticks since boot, into @p ticks. */
int sys_getuptime(uint32_t *ticks);
/** The endpoint of the process called @p name (the first match in the process table), or
 *  NONE if there is none or the table cannot be read.  Names longer than the kernel keeps
 *  (PROC_NAME_LEN - 1 characters) are compared on that many. */
endpoint_t proc_lookup(const char *name);

/* ---- processes (sys_proc.c) ------------------------------------------------------------ */
/** A system process ends itself: the kernel raises SIGABRT for its signal manager and never
 *  answers.  Returns only if the kernel refused the call. */
int sys_exit(void);
/** Stop the whole system: @p how is RBT_HALT, RBT_POWEROFF or RBT_PANIC. */
int sys_abort(int how);
/** sys_privctl: privilege request @p request (SYS_PRIV_*) about @p endpt, with the request's
 *  argument (a privilege specification, an I/O or memory range, ...) at @p arg. */
int sys_privctl(endpoint_t endpt, int request, void *arg);
/** sys_runctl: @p action RC_STOP or RC_RESUME on @p endpt, @p flags RC_DELAY or 0. */
int sys_runctl(endpoint_t endpt, int action, int flags);
/** Stop @p endpt at once. */
int sys_stop(endpoint_t endpt);
/** Stop @p endpt, or -EBUSY if it is sending (the stop then happens when the send is done). */
int sys_delay_stop(endpoint_t endpt);
/** Let a stopped @p endpt run again. */
int sys_resume(endpoint_t endpt);
/** sys_trace: tracing request @p request (T_STOP, T_RESUME, T_STEP, T_SYSCALL, T_GET*,
 *  T_SET*; minnow/ptrace.h) on @p endpt at @p address; @p data is the word written (T_SET*)
 *  and receives the word read (T_GET*); may be NULL for the others. */
int sys_trace(int request, endpoint_t endpt, vir_bytes address, uint32_t *data);
/** Raise signal @p sig for @p endpt (delivered to its signal manager). */
int sys_kill(endpoint_t endpt, int sig);
struct sigmsg;
/** sys_sigsend: start @p endpt's handler as @p sm says (minnow/sigcontext.h): OK, EINVAL,
 *  or EFAULT (no room for the frame). */
int sys_sigsend(endpoint_t endpt, const struct sigmsg *sm);
/** sys_sigreturn: restore @p endpt's registers from its struct sigcontext at @p scp: OK,
 *  EFAULT, or EINVAL (not a context the kernel wrote). */
int sys_sigreturn(endpoint_t endpt, vir_bytes scp);
/** Fetch a process with pending kernel signals: its endpoint into @p endpt (NONE if there is
 *  none) and its signal set into @p sigmap (two 32-bit words). */
int sys_getksig(endpoint_t *endpt, uint32_t sigmap[2]);
/** Tell the kernel the signals of @p endpt have been handled. */
int sys_endksig(endpoint_t endpt);
/** Create process slot @p slot as a copy of @p parent (@p flags PFF_VMINHIBIT or 0); the
 *  child's endpoint comes back in @p child. */
int sys_fork(endpoint_t parent, int slot, int flags, endpoint_t *child);
/** Start @p endpt at program counter @p ip with stack pointer @p sp, renamed @p name (may be
 *  NULL). */
int sys_exec(endpoint_t endpt, vir_bytes sp, vir_bytes ip, const char *name);
/** Clean up the slot of the dead process @p endpt. */
int sys_clear(endpoint_t endpt);
/** Swap the slots of the processes @p src and @p dst (live update). */
int sys_update(endpoint_t src, endpoint_t dst);
/** sys_statectl: request @p request (SYS_STATE_*) about the caller itself. */
int sys_statectl(int request);
/** sys_vmctl: VM's request @p param (VMCTL_*) about @p endpt with @p value. */
int sys_vmctl(endpoint_t endpt, int param, uint32_t value);
/** sys_vmctl() with a second value. */
int sys_vmctl2(endpoint_t endpt, int param, uint32_t value, uint32_t value2);

/* ---- copies and grants (sys_copy.c) ---------------------------------------------------- */
/** Copy @p bytes from @p src_addr in @p src to @p dst_addr in @p dst (SELF names the caller);
 *  @p flags CP_FLAG_TRY or 0. */
int sys_vircopy(endpoint_t src, vir_bytes src_addr, endpoint_t dst, vir_bytes dst_addr,
	phys_bytes bytes, int flags);
/** Like sys_vircopy(), but NONE as an endpoint means physical memory. */
int sys_physcopy(endpoint_t src, phys_bytes src_addr, endpoint_t dst, phys_bytes dst_addr,
	phys_bytes bytes, int flags);
/** Copy @p bytes from offset @p offset of @p granter's grant @p grant into the caller's
 *  @p address. */
int sys_safecopyfrom(endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes);
/** Copy @p bytes from the caller's @p address to offset @p offset of @p granter's grant
 *  @p grant. */
int sys_safecopyto(endpoint_t granter, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes address, size_t bytes);
/** Perform the @p count safe copies described at @p vec. */
int sys_vsafecopy(struct vscp_vec *vec, int count);
/** Tell the kernel the caller's grant table is at @p table with @p entries entries. */
int sys_setgrant(const void *table, int entries);
/** Fill @p bytes from offset @p offset of @p granter's grant @p grant with byte @p pattern. */
int sys_safememset(endpoint_t granter, cp_grant_id_t grant, vir_bytes offset, int pattern,
	size_t bytes);
/** Translate @p bytes at @p vir_addr in @p endpt to a physical address, into @p phys. */
int sys_umap(endpoint_t endpt, vir_bytes vir_addr, phys_bytes bytes, phys_bytes *phys);

/* ---- mapping through grants (sys_safemap.c) ------------------------------------------- */
/** Map @p bytes at offset @p offset of @p grantor's grant @p grant at the caller's own
 *  @p my_address, read-only or (@p writable nonzero) writable: the caller and the granter
 *  then share the same physical pages.  The grant must carry CPF_MAP and CPF_READ (and
 *  CPF_WRITE for a writable map); @p offset, @p my_address and @p bytes must be page
 *  multiples, as must the granted address they name.  OK, or -EINVAL (alignment, a bad
 *  granter or id, the address range taken or not user memory), -EPERM (the grant does not
 *  allow it, or the range lies outside it), -ELOOP, -EFAULT (the granter's memory is not
 *  there, or not writable for a writable map), -ENOMEM, -EBUSY (VM's table of mappings is
 *  full), -ENOSYS (no VM). */
int sys_safemap(endpoint_t grantor, cp_grant_id_t grant, vir_bytes offset,
	vir_bytes my_address, size_t bytes, int writable);
/** The granter takes back every mapping any grantee made through its grant @p grant.
 *  OK (also when there was none), or -ENOSYS. */
int sys_saferevmap_gid(cp_grant_id_t grant);
/** The granter takes back every mapping, made through any grant, of its own memory at
 *  @p addr.  OK (also when there was none), or -ENOSYS. */
int sys_saferevmap_addr(vir_bytes addr);
/** The grantee removes the mapping it made with sys_safemap() at @p my_address.  OK, or
 *  -EINVAL if no safemap mapping starts there. */
int sys_safeunmap(vir_bytes my_address);

/* ---- I/O ports and interrupts (sys_io.c) ----------------------------------------------- */
/** sys_devio: the general form (@p request DIO_INPUT/DIO_OUTPUT | DIO_BYTE/WORD/LONG). */
int sys_devio(int request, uint32_t port, uint32_t value, uint32_t *result);
/** Read a byte from I/O port @p port into @p value. */
int sys_inb(uint32_t port, uint32_t *value);
/** Read a 16-bit word from @p port into @p value. */
int sys_inw(uint32_t port, uint32_t *value);
/** Read a 32-bit word from @p port into @p value. */
int sys_inl(uint32_t port, uint32_t *value);
/** Write the byte @p value to @p port. */
int sys_outb(uint32_t port, uint32_t value);
/** Write the 16-bit @p value to @p port. */
int sys_outw(uint32_t port, uint32_t value);
/** Write the 32-bit @p value to @p port. */
int sys_outl(uint32_t port, uint32_t value);
/** sys_sdevio: move @p count items (bytes, words or longs, as @p request says) between
 *  port @p port and the caller's buffer @p buf. */
int sys_sdevio(int request, uint32_t port, void *buf, uint32_t count);
/** Hook IRQ line @p irq (@p policy IRQ_REENABLE or 0).  On entry @p hook_id holds the bit
 *  the caller wants in its interrupt notifications; on return the kernel's hook id, to be
 *  passed to the three calls below. */
int sys_irqsetpolicy(int irq, int policy, int *hook_id);
/** Remove the IRQ hook @p hook_id. */
int sys_irqrmpolicy(int *hook_id);
/** Unmask the line of hook @p hook_id. */
int sys_irqenable(int *hook_id);
/** Mask the line of hook @p hook_id. */
int sys_irqdisable(int *hook_id);

/* ---- time (sys_time.c) ----------------------------------------------------------------- */
/** Ask for a CLOCK notification in @p exp_time ticks (at tick @p exp_time if @p abs_time);
 *  0 cancels.  @p time_left receives what the previous alarm had left. */
int sys_setalarm(uint32_t exp_time, int abs_time, uint32_t *time_left);
/** Times in ticks: @p endpt's user and system time (NONE: skip them) and the ticks since
 *  boot. */
int sys_times(endpoint_t endpt, uint32_t *user_time, uint32_t *system_time,
	uint32_t *real_ticks);
/** The DS key under which PM publishes the boot time (seconds since 1970 at tick 0). */
#define CLOCK_BOOT_KEY  "pm.boot_time"
/** The DS key of the boot time's fraction of a second, in clock ticks (0 until root sets
 *  the clock to a time that is not a whole number of seconds after the boot's). */
#define CLOCK_BOOT_TICKS_KEY "pm.boot_ticks"
/** The wall clock for servers: seconds since 1970 (UTC), the boot time PM published in DS
 *  (CLOCK_BOOT_KEY and CLOCK_BOOT_TICKS_KEY, asked again a second after the last time, as
 *  root may set the clock) plus the ticks since boot: the seconds of gettimeofday().  Until
 *  PM has published it, the seconds since boot.  File servers stamp inode times with it. */
uint32_t clock_time(void);

/* ---- services (panic.c) ---------------------------------------------------------------- */
/** A service gives up: flush stdout, print "panic in <process name>: <message>" on the
 *  console, then sys_exit() (and spin if even that fails). */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/** VM's page counts (VM_INFO; any process may ask): OK and *info filled, or a negated
 *  error (the IPC failed, or VM refused). */
int vm_info(mess_vm_info *info);

/** RS only: swap processes @p src (the old instance) and @p dst (its new version or
 *  replica, not yet allowed to run) in the kernel and in VM (VM_RS_UPDATE), so that the
 *  new code runs under @p src's endpoint and slot (handouts/rs.md, "Live update").  OK, or
 *  a negated error: EINVAL (not two live processes), EPERM (not system processes; a
 *  caller other than RS), EBUSY (either is not stopped where it may be swapped). */
int vm_update(endpoint_t src, endpoint_t dst);
/** RS: have VM make process @p ep fit to become VM (VM_RS_MAKEVM: every page present, the
 *  physical-memory window mapped) before a live update of VM.  OK or VM's error. */
int vm_makevm(endpoint_t ep);
/** RS: have VM make every page of RS's own present and private (VM_RS_PIN), so that RS
 *  takes no fault while VM is updated.  OK or VM's error. */
int vm_pin(void);

#endif /* MINNOW_SYSLIB_H */
