/**
 * @file vmlayout.h
 * @brief The virtual layout of a user address space (every process below KERNBASE).
 *
 *     0xF0000000  KERNBASE: the kernel (supervisor-only) from here up
 *     0xEFFFF000  USER_STACK_TOP: the initial stack grows down from here
 *                 (the kernel information page is mapped just above it, read-only)
 *        ...      mmap regions (VM_MMAP, VM_MAP_PHYS) grow down below the stack
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
#define USER_STACK_SIZE (64 * 1024)     /**< stack the loader maps for a boot process */
#define USER_TOP        0xF0000000      /**< first address user space may not use */
/** VM only: all physical memory is mapped in VM's own address space from here (phys + this). */
#define VM_PHYS_WINDOW  0x40000000

#endif /* MINNOW_VMLAYOUT_H */
