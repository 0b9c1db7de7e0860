/**
 * @file debugexit.h
 * @brief How the kernel ends a QEMU run: the isa-debug-exit device and its exit codes.
 *
 * The grader boots QEMU with `-device isa-debug-exit,iobase=0xf4,iosize=0x04` and the kernel
 * command-line option `debugexit=1`.  Writing a byte @e v to port #DEBUGEXIT_PORT makes QEMU
 * exit at once with status (@e v << 1) | 1, so a clean power-off and a panic are told apart by
 * QEMU's exit status alone (33 and 65), never by a timeout.  On a machine without the device
 * the write does nothing and the kernel falls back to ACPI power-off or a halt.
 */
#ifndef MINNOW_DEBUGEXIT_H
#define MINNOW_DEBUGEXIT_H

/** I/O port of QEMU's isa-debug-exit device. */
#define DEBUGEXIT_PORT          0xf4
/** Value written for a clean power-off: QEMU exits with status 33. */
#define DEBUGEXIT_POWEROFF      0x10
/** Value written on a kernel panic: QEMU exits with status 65. */
#define DEBUGEXIT_PANIC         0x20
/** QEMU's exit status after a clean power-off. */
#define DEBUGEXIT_STATUS_POWEROFF ((DEBUGEXIT_POWEROFF << 1) | 1)
/** QEMU's exit status after a panic. */
#define DEBUGEXIT_STATUS_PANIC  ((DEBUGEXIT_PANIC << 1) | 1)

#endif /* MINNOW_DEBUGEXIT_H */
