/*
 * imgrd.c - /dev/imgrd (minor 6): the root file system image as a RAM disk.
 *
 * The image (build/rootfs.img) is a boot module marked "type=data": the kernel makes no
 * process of it and VM does not reclaim its pages (kernel/boot.c, servers/vm/boot.c), so it
 * stays in physical memory where the loader put it.  At init the driver finds the first
 * such module in the boot information (sys_getkinfo) and serves it as a block device of
 * 4096-byte blocks.  It does not map it: every transfer goes through a local buffer, with
 * sys_physcopy between the image and the buffer and sys_safecopyto / sys_safecopyfrom
 * between the buffer and the caller's grant (physcopy is a kernel call RS gives every
 * system service).  Writes change the image in memory (it is the root file system).
 *
 * Rules: position and size must be multiples of IMGRD_BLOCK (EINVAL); a position at or past
 * the end is EIO; a transfer running past the end is cut at the end.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kinfo.h>
#include <minnow/syslib.h>
#include "memory.h"

#define IMGRD_BLOCK     4096

static struct kinfo ki;
static phys_bytes imgrd_base;
static uint32_t imgrd_size;

/* Does the module string s carry the word "type=data"? */
static int
is_data_module(const char *s)
{
	const char *p = strstr(s, " type=data");

	return p != NULL && (p[10] == '\0' || p[10] == ' ');
}

int
imgrd_init(void)
{
	uint32_t i;

	imgrd_size = 0;
	if (sys_getkinfo(&ki) != OK)
		return -ENOENT;
	for (i = 0; i < ki.mods_recorded; i++) {
		if (!is_data_module(ki.mods[i].mod_name))
			continue;
		imgrd_base = ki.mods[i].mod_start;
		imgrd_size = (ki.mods[i].mod_end - ki.mods[i].mod_start) & ~(IMGRD_BLOCK - 1);
		printf("memory: /dev/imgrd is module %u, %u KiB at 0x%08x\n", i,
		       imgrd_size / 1024, imgrd_base);
		return OK;
	}
	return -ENOENT;
}

int
imgrd_open(devminor_t minor, int access)
{
	(void)access;
	return minor == IMGRD_DEV && imgrd_size > 0 ? OK : -ENXIO;
}

/* Move chunk bytes between image offset pos and offset off of the caller's grant. */
static int
imgrd_chunk(int do_write, uint32_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t off,
	    size_t chunk)
{
	int r;

	if (do_write) {
		r = sys_safecopyfrom(endpt, grant, off, (vir_bytes)mem_buf, chunk);
		if (r == OK)
			r = sys_physcopy(SELF, (vir_bytes)mem_buf, NONE, imgrd_base + pos, chunk, 0);
	} else {
		r = sys_physcopy(NONE, imgrd_base + pos, SELF, (vir_bytes)mem_buf, chunk, 0);
		if (r == OK)
			r = sys_safecopyto(endpt, grant, off, (vir_bytes)mem_buf, chunk);
	}
	return r;
}

int
imgrd_transfer(devminor_t minor, int do_write, uint64_t pos, endpoint_t endpt,
	       cp_grant_id_t grant, size_t size, int flags)
{
	size_t done, chunk;
	int r;

	(void)flags;
	if (minor != IMGRD_DEV || imgrd_size == 0)
		return -ENXIO;
	if (pos % IMGRD_BLOCK != 0 || size % IMGRD_BLOCK != 0)
		return -EINVAL;
	if (pos >= imgrd_size)
		return -EIO;
	if (size > imgrd_size - pos)
		size = imgrd_size - (uint32_t)pos;
	for (done = 0; done < size; done += chunk) {
		chunk = size - done < MEM_BUF_SIZE ? size - done : MEM_BUF_SIZE;
		if ((r = imgrd_chunk(do_write, (uint32_t)pos + done, endpt, grant, done, chunk)) != OK)
			return r;
	}
	return (int)done;
}
