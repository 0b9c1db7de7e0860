/**
 * @file kernel.h
 * @brief The kernel's cross-file functions, grouped by the file that defines them.
 *
 * Read this page first: it is the map of the kernel.  Architecture-specific functions
 * (kernel/arch/i386/) come after the portable ones.
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

/* string.c */
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
/** Program the timer at the boot-parameter rate and unmask its interrupt. */
void clock_init(void);
/** The timer interrupt's handler. */
void clock_tick(void);

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
/** Physical address of a kernel virtual address. */
#define KV2P(va) ((uint32_t)(va) - 0xF0000000u)
/** Kernel virtual address of a physical address (inside the direct map). */
#define KP2V(pa) ((void *)((uint32_t)(pa) + 0xF0000000u))

/* arch/i386/i8259.c */
/** Remap the PICs to IRQ0_VECTOR/IRQ8_VECTOR and mask every line. */
void pic_init(void);
/** Allow interrupts from line @p irq. */
void pic_unmask(int irq);
/** Acknowledge interrupt @p irq (ignoring spurious IRQ 7/15). */
void pic_eoi(int irq);

/* arch/i386/i8253.c */
/** Program the i8253 channel 0 to interrupt @p hz times a second. */
void pit_init(uint32_t hz);

/* arch/i386/poweroff.c */
/** Power the machine off (isa-debug-exit with debugexit=1, else ACPI), or halt. */
void arch_poweroff(void) __attribute__((noreturn));
/** Stop after a panic: isa-debug-exit's panic code with debugexit=1, else halt. */
void arch_halt_after_panic(void) __attribute__((noreturn));

#endif /* MINNOW_KERNEL_H */
