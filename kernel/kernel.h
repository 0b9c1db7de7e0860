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
void kmain(void) __attribute__((noreturn));

/* printf.c */
/** Output function used by kvprintf(): emits one character. */
typedef void (*kputc_fn)(int c, void *arg);
int kvprintf(kputc_fn out, void *arg, const char *fmt, va_list ap);
int vkprintf(const char *fmt, va_list ap);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* console.c */
void cons_init(void);
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
extern struct kmessages kmess;
void kmess_putc(int c);
size_t kmess_read(char *dst, size_t len);

/* panic.c */
/** Stop the system with a message naming the calling function. */
#define panic(...) panic_at(__func__, __VA_ARGS__)
void panic_at(const char *func, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void panic_frame(const char *func, uint32_t eip, uint32_t ebp, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));
void backtrace_print(uint32_t eip, uint32_t ebp);

/* ksyms.c */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

/* bootparam.c */
const char *bootparam_get(const char *key, char *buf, size_t len);
long bootparam_int(const char *key, long dflt);
int bootparam_flag(const char *key);

/* string.c */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* ktest.c */
void ktest_run(void);

/* clock.c */
extern volatile uint32_t clock_ticks;
extern uint32_t clock_hz;
void clock_init(void);
void clock_tick(void);

/* arch/i386/serial.c */
void serial_init(void);
void serial_putc(int c);

/* arch/i386/vga.c */
void vga_init(void);
void vga_putc(int c);

/* arch/i386/protect.c */
void prot_init(void);

/* arch/i386/memory.c */
void paging_init(void);
/** Physical address of a kernel virtual address. */
#define KV2P(va) ((uint32_t)(va) - 0xF0000000u)
/** Kernel virtual address of a physical address (inside the direct map). */
#define KP2V(pa) ((void *)((uint32_t)(pa) + 0xF0000000u))

/* arch/i386/i8259.c */
void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);

/* arch/i386/i8253.c */
void pit_init(uint32_t hz);

/* arch/i386/poweroff.c */
void arch_poweroff(void) __attribute__((noreturn));
void arch_halt_after_panic(void) __attribute__((noreturn));

#endif /* MINNOW_KERNEL_H */
