/*
 * memory.h - what the files of the memory driver share: its minor numbers (MINIX's, as in
 * tools/mfs/rootfs.devices) and the RAM disk entry points (imgrd.c).
 */
#ifndef MEMORY_MEMORY_H
#define MEMORY_MEMORY_H

#include <minnow/driver.h>

#define RAM_DEV         0       /* /dev/ram   (block; not provided: ENXIO) */
#define MEM_DEV         1       /* /dev/mem   (char; physical memory, read-only) */
#define KMEM_DEV        2       /* /dev/kmem  (char; not provided: ENXIO) */
#define NULL_DEV        3       /* /dev/null  (char) */
#define BOOT_DEV        4       /* /dev/boot  (block; not provided: ENXIO) */
#define ZERO_DEV        5       /* /dev/zero  (char) */
#define IMGRD_DEV       6       /* /dev/imgrd (block; the root image boot module) */

/* The copy buffer of /dev/mem and the RAM disk (a multiple of the block size). */
#define MEM_BUF_SIZE    16384

extern uint8_t mem_buf[MEM_BUF_SIZE];

/* Find the root image boot module; OK, or -ENOENT if there is none (imgrd then ENXIO). */
int imgrd_init(void);
/* The block entry points of /dev/imgrd. */
int imgrd_open(devminor_t minor, int access);
int imgrd_transfer(devminor_t minor, int do_write, uint64_t pos, endpoint_t endpt,
		   cp_grant_id_t grant, size_t size, int flags);

#endif /* MEMORY_MEMORY_H */
