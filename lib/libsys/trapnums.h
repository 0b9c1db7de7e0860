/**
 * @file trapnums.h
 * @brief The trap vectors and IPC call numbers, in a form assembly can include.
 *
 * minnow/com.h and minnow/ipc.h hold the real definitions but also C types, so ipc.S cannot
 * include them.  These copies are checked against them at compile time in kernel_call.c.
 */
#ifndef LIBSYS_TRAPNUMS_H
#define LIBSYS_TRAPNUMS_H

#define LIBSYS_KERNEL_CALL_VECTOR       32      /**< `int $32`: kernel call */
#define LIBSYS_IPC_VECTOR               33      /**< `int $33`: IPC */
#define LIBSYS_SEND                     1       /**< SEND */
#define LIBSYS_RECEIVE                  2       /**< RECEIVE */
#define LIBSYS_SENDREC                  3       /**< SENDREC */
#define LIBSYS_NOTIFY                   4       /**< NOTIFY */
#define LIBSYS_SENDNB                   5       /**< SENDNB */
#define LIBSYS_REPLYREC                 7       /**< REPLYREC */
#define LIBSYS_SENDA                    16      /**< SENDA */

#endif /* LIBSYS_TRAPNUMS_H */
