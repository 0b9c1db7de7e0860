/**
 * @file x86.h
 * @brief Inline wrappers for the i386 instructions C cannot express: port I/O, control registers.
 */
#ifndef MINNOW_I386_X86_H
#define MINNOW_I386_X86_H

#include <stdint.h>

/** Read a byte from an I/O port. */
static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/** Write a byte to an I/O port. */
static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/** Write a 16-bit word to an I/O port. */
static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

/** Read CR2, the faulting linear address of the last page fault. */
static inline uint32_t
read_cr2(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr2, %0" : "=r"(v));
	return v;
}

/** Read CR3, the physical address of the current page directory. */
static inline uint32_t
read_cr3(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr3, %0" : "=r"(v));
	return v;
}

/** Load CR3 (switches page directory, flushes non-global TLB entries). */
static inline void
write_cr3(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr3" : : "r"(v) : "memory");
}

/** Read CR0. */
static inline uint32_t
read_cr0(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr0, %0" : "=r"(v));
	return v;
}

/** Read CR4. */
static inline uint32_t
read_cr4(void)
{
	uint32_t v;
	__asm__ volatile("movl %%cr4, %0" : "=r"(v));
	return v;
}

/** Load CR4. */
static inline void
write_cr4(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr4" : : "r"(v) : "memory");
}

/** Read the frame pointer of the calling function. */
static inline uint32_t
read_ebp(void)
{
	uint32_t v;
	__asm__ volatile("movl %%ebp, %0" : "=r"(v));
	return v;
}

/** Read the time-stamp counter (under QEMU -icount shift=0: instructions executed). */
static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/** Enable interrupts. */
static inline void
intr_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

/** Disable interrupts. */
static inline void
intr_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/** Wait for the next interrupt. */
static inline void
halt(void)
{
	__asm__ volatile("hlt" : : : "memory");
}

/** Enable interrupts and wait for the next one, with no window for one to slip in between. */
static inline void
intr_enable_and_halt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

#endif /* MINNOW_I386_X86_H */
