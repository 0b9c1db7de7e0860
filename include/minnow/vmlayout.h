/**
 * @file vmlayout.h
 * @brief The virtual layout of a user address space (every process below KERNBASE).
 *
 *     0xF0000000  KERNBASE: the kernel (supervisor-only) from here up
 *     0xEFFFF000  USER_STACK_TOP: the initial stack grows down from here
 *                 (the kernel information page is mapped just above it, read-only)
 *        ...      the stack: USER_STACK_SIZE at first, grown by page faults up to
 *                 RLIMIT_STACK, never more than USER_STACK_MAX
 *        ...      a guard gap of USER_STACK_GUARD
 *     USER_MMAP_TOP  mmap regions (VM_MMAP, VM_MAP_PHYS) grow down from here
 *        ...      the break (heap) grows up after the data segment
 *     0x40000000  VM_PHYS_WINDOW: in VM's address space only, all of physical memory
 *     0x08048000  USER_TEXT_BASE: programs are linked here (lib/user.ld)
 *     0x00000000  page 0 is never mapped: NULL dereferences fault
 *
 * The initial stack follows the i386 System V convention: at the stack pointer, argc, then
 * argv[0..argc-1], a NULL, envp[...], a NULL, then the strings.
 */
#ifndef MINNOW_VMLAYOUT_H
#define MINNOW_VMLAYOUT_H

#define USER_TEXT_BASE  0x08048000      /**< link address of user programs */
#define USER_STACK_TOP  0xEFFFF000      /**< initial stack pointer region top */
#define USER_STACK_SIZE (64 * 1024)     /**< stack mapped at exec (and for a boot process) */
/** The most a stack may grow to (VM's ceiling over any RLIMIT_STACK). */
#define USER_STACK_MAX  (64u * 1024 * 1024)
/** The unmapped gap VM keeps between a growing stack and any region below it. */
#define USER_STACK_GUARD (1024u * 1024)
/** The default RLIMIT_STACK soft limit (bytes): a process starts with it. */
#define USER_STACK_RLIMIT (8u * 1024 * 1024)
/** The top of the mmap area and the highest break (below the stack's room and its guard). */
#define USER_MMAP_TOP   (USER_STACK_TOP - USER_STACK_MAX - USER_STACK_GUARD)
#define USER_TOP        0xF0000000      /**< first address user space may not use */
/** VM only: all physical memory is mapped in VM's own address space from here (phys + this). */
#define VM_PHYS_WINDOW  0x40000000

#endif /* MINNOW_VMLAYOUT_H */
