/*
 * memory.c - the memory driver (label "memory", boot slot 3, major 1): the character
 * devices /dev/null, /dev/zero and /dev/mem, and the block device /dev/imgrd (imgrd.c).
 *
 * It is a libdriver driver (include/minnow/driver.h) serving both protocols, character
 * (minnow/cdev.h) and block (minnow/bdev.h), from one loop, as MINIX 3.3's memory driver:
 *   null  (3)  reads return 0 bytes (end of file); writes swallow everything
 *   zero  (5)  reads fill the caller's grant with zeros (sys_safememset); writes swallow
 *   mem   (1)  physical memory, read-only: a read at position p copies from physical
 *              address p (sys_physcopy into a local buffer, then sys_safecopyto); the kernel
 *              refuses addresses outside RAM (EFAULT); opening for writing is EACCES
 *   imgrd (6)  the root file system image, a RAM disk (imgrd.c)
 *   ram (0), kmem (2), boot (4) are not provided (ENXIO), nor is any other minor.
 * select: null, zero and mem are always ready to read and to write (their calls never block).
 * Only VFS (here: a test playing VFS) talks to it; it trusts the access bits VFS checked.
 *
 * SEF: the same init for a fresh start and a restart: find the image, then driver_announce()
 * publishes drv.chr.memory and drv.blk.memory (after clearing IPC references).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "memory.h"

uint8_t mem_buf[MEM_BUF_SIZE];

static int
mem_open(devminor_t minor, int access, endpoint_t user)
{
	(void)user;
	switch (minor) {
	case NULL_DEV:
	case ZERO_DEV:
		return OK;
	case MEM_DEV:
		return (access & CDEV_W_BIT) ? -EACCES : OK;
	default:
		return -ENXIO;	/* kmem, the block minors, unknown minors */
	}
}

/* /dev/mem: copy size bytes of physical memory at pos into the grant. */
static int
physmem_read(uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size)
{
	size_t done = 0, chunk;
	int r;

	if (pos >= 0x100000000ull)
		return 0;
	if (size > 0x100000000ull - pos)
		size = 0x100000000ull - pos;
	while (done < size) {
		chunk = size - done < MEM_BUF_SIZE ? size - done : MEM_BUF_SIZE;
		r = sys_physcopy(NONE, (phys_bytes)(pos + done), SELF, (vir_bytes)mem_buf, chunk, 0);
		if (r == OK)
			r = sys_safecopyto(endpt, grant, done, (vir_bytes)mem_buf, chunk);
		if (r != OK)
			return done > 0 ? (int)done : r;
		done += chunk;
	}
	return (int)done;
}

static int
mem_read(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	 int flags, cdev_id_t id)
{
	int r;

	(void)flags;
	(void)id;
	switch (minor) {
	case NULL_DEV:
		return 0;
	case ZERO_DEV:
		r = size > 0 ? sys_safememset(endpt, grant, 0, 0, size) : OK;
		return r == OK ? (int)size : r;
	case MEM_DEV:
		return physmem_read(pos, endpt, grant, size);
	default:
		return -ENXIO;
	}
}

static int
mem_write(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	  int flags, cdev_id_t id)
{
	(void)pos;
	(void)endpt;
	(void)grant;
	(void)flags;
	(void)id;
	switch (minor) {
	case NULL_DEV:
	case ZERO_DEV:
		return (int)size;
	case MEM_DEV:
		return -EACCES;
	default:
		return -ENXIO;
	}
}

/* Select: a read or write of null, zero or mem never blocks, so they are always ready to
 * read and to write (never an error condition); nothing to remember for CDEV_NOTIFY. */
static int
mem_select(devminor_t minor, int ops, endpoint_t endpt)
{
	(void)endpt;
	switch (minor) {
	case NULL_DEV:
	case ZERO_DEV:
	case MEM_DEV:
		return ops & (CDEV_OP_RD | CDEV_OP_WR);
	default:
		return -ENXIO;
	}
}

static const struct chardriver mem_cdtab = {
	.cdr_open = mem_open,
	.cdr_read = mem_read,
	.cdr_write = mem_write,
	.cdr_select = mem_select,
};

static const struct blockdriver mem_bdtab = {
	.bdr_open = imgrd_open,
	.bdr_transfer = imgrd_transfer,
};

/* SEF init, fresh start and restart alike. */
static int
mem_init(int type, sef_init_info_t *info)
{
	int r;

	(void)info;
	memset(mem_buf, 0, sizeof(mem_buf));	/* make the buffer's pages present */
	if (imgrd_init() != OK)
		printf("memory: no root image module: /dev/imgrd is not available\n");
	if ((r = driver_announce(DRIVER_CHR | DRIVER_BLK)) != OK)
		printf("memory: driver_announce failed (%d)\n", r);
	if (type == SEF_INIT_RESTART)
		printf("memory: restarted\n");
	return OK;
}

int
main(void)
{
	sef_setcb_init_fresh(mem_init);
	sef_setcb_init_restart(mem_init);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	driver_task(&mem_cdtab, &mem_bdtab);
}
