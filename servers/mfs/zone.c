/*
 * zone.c - the zones of a file: mapping file blocks to zones through the direct, single
 * and double indirect slots of an inode (include/minnow/mfs.h; the triple-indirect slot is
 * never used, so files end at the double-indirect range or s_max_size, whichever is
 * smaller), giving file blocks zones, truncating (freeing every zone past the new end and
 * every indirect zone left empty), and counting a file's zones for st_blocks.
 * Zone number 0 is a hole: it reads as zeros.
 */
#include <string.h>
#include "inc.h"

/* The largest size a file may have. */
uint64_t
max_file_size(void)
{
	uint64_t n = sup.nindir, blocks = MFS_NR_DZONES + n + n * n;
	uint64_t by_zones = blocks * sup.bs;
	uint64_t by_super = (uint64_t)(uint32_t)sup.sb.s_max_size;

	if (by_super > 0x7fffffff)
		by_super = 0x7fffffff;
	return by_zones < by_super ? by_zones : by_super;
}

/* The slot path of file block fblock: level (0 direct, 1 single, 2 double), the inode slot
 * and the indexes in the indirect zones.  -EFBIG past the double-indirect range. */
static int
block_path(uint32_t fblock, int *level, int *slot, uint32_t idx[2])
{
	uint64_t b = fblock, n = sup.nindir;

	if (b < MFS_NR_DZONES) {
		*level = 0;
		*slot = (int)b;
		return OK;
	}
	b -= MFS_NR_DZONES;
	if (b < n) {
		*level = 1;
		*slot = MFS_ZONE_IND;
		idx[0] = (uint32_t)b;
		return OK;
	}
	b -= n;
	if (b < n * n) {
		*level = 2;
		*slot = MFS_ZONE_DIND;
		idx[0] = (uint32_t)(b / n);
		idx[1] = (uint32_t)(b % n);
		return OK;
	}
	return -EFBIG;
}

/* Entry i of indirect zone z into *val.  OK or -EIO. */
static int
ind_get(uint32_t z, uint32_t i, uint32_t *val)
{
	struct buf *bp = get_block(z, NORMAL);

	if (bp == NULL)
		return err_code;
	*val = ((uint32_t *)bp->b_data)[i];
	put_block(bp);
	return OK;
}

/* The zone of file block fblock (0: a hole).  OK or an error. */
int
read_map(struct inode *ip, uint32_t fblock, uint32_t *zone)
{
	uint32_t idx[2] = { 0, 0 }, z;
	int level, slot, r, k;

	*zone = 0;
	if ((r = block_path(fblock, &level, &slot, idx)) != OK)
		return r;
	z = ip->d.i_zone[slot];
	for (k = 0; k < level && z != 0; k++)
		if ((r = ind_get(z, idx[k], &z)) != OK)
			return r;
	*zone = z;
	return OK;
}

/* A fresh zone filled with zeros (an indirect zone or a data block): its number or 0. */
static uint32_t
alloc_zeroed(void)
{
	uint32_t z = alloc_zone();
	struct buf *bp;

	if (z == 0)
		return 0;
	if ((bp = get_block(z, NO_READ)) == NULL) {
		free_zone(z);
		return 0;
	}
	mark_dirty(bp);
	put_block(bp);
	return z;
}

/* Set entry i of indirect zone *zp to val, allocating the indirect zone if *zp is 0 (the
 * caller writes *zp back).  With want_child, an empty entry gets a fresh zeroed zone and
 * *val receives the entry.  OK or an error. */
static int
ind_set(uint32_t *zp, uint32_t i, uint32_t *val, int want_child)
{
	struct buf *bp;
	uint32_t *a;

	if (*zp == 0 && (*zp = alloc_zeroed()) == 0)
		return err_code;
	if ((bp = get_block(*zp, NORMAL)) == NULL)
		return err_code;
	a = (uint32_t *)bp->b_data;
	if (want_child) {
		if (a[i] == 0 && (a[i] = alloc_zeroed()) == 0) {
			put_block(bp);
			return err_code;
		}
		*val = a[i];
	} else {
		a[i] = *val;
	}
	mark_dirty(bp);
	put_block(bp);
	return OK;
}

/* Make file block fblock use zone (allocating indirect zones on the way).  OK or an
 * error (-EFBIG, -ENOSPC, -EIO). */
int
write_map(struct inode *ip, uint32_t fblock, uint32_t zone)
{
	uint32_t idx[2] = { 0, 0 }, child = 0;
	int level, slot, r;

	if ((r = block_path(fblock, &level, &slot, idx)) != OK)
		return r;
	if (level == 0) {
		ip->d.i_zone[slot] = zone;
	} else if (level == 1) {
		r = ind_set(&ip->d.i_zone[slot], idx[0], &zone, 0);
	} else {
		r = ind_set(&ip->d.i_zone[slot], idx[0], &child, 1);
		if (r == OK)
			r = ind_set(&child, idx[1], &zone, 0);
	}
	if (rw_inode(ip) != OK)
		r = -EIO;
	return r;
}

/* Free the zones of file blocks >= from in the tree under *zp: a data zone (level 0) or an
 * indirect zone (level 1 or 2) whose first file block is base.  An indirect zone left with
 * no entries is freed too. */
static void
free_tree(uint32_t *zp, int level, uint64_t base, uint64_t from)
{
	uint64_t n = sup.nindir, sub = level == 2 ? n : 1, span = sub * n;
	struct buf *bp;
	uint32_t *a, i;
	int empty = 1;

	if (*zp == 0 || (level > 0 && base + span <= from) || (level == 0 && base < from))
		return;
	if (level == 0) {
		free_zone(*zp);
		*zp = 0;
		return;
	}
	if ((bp = get_block(*zp, NORMAL)) == NULL)
		return;
	a = (uint32_t *)bp->b_data;
	for (i = 0; i < n; i++) {
		free_tree(&a[i], level - 1, base + i * sub, from);
		empty &= a[i] == 0;
	}
	mark_dirty(bp);
	put_block(bp);
	if (empty) {
		free_zone(*zp);
		*zp = 0;
	}
}

/* Zero the bytes from offset on of file block fblock, if it has a zone. */
static int
zero_tail(struct inode *ip, uint32_t fblock, uint32_t offset)
{
	uint32_t z;
	struct buf *bp;
	int r;

	if ((r = read_map(ip, fblock, &z)) != OK || z == 0)
		return r;
	if ((bp = get_block(z, NORMAL)) == NULL)
		return err_code;
	memset(bp->b_data + offset, 0, sup.bs - offset);
	mark_dirty(bp);
	put_block(bp);
	return OK;
}

/* Make the file newsize bytes: shrinking frees the zones past the end and zeroes the rest
 * of the last block; growing leaves a hole.  OK or an error. */
int
truncate_inode(struct inode *ip, uint64_t newsize)
{
	uint64_t from = (newsize + sup.bs - 1) / sup.bs, n = sup.nindir;
	int i, r = OK;

	if (newsize > max_file_size())
		return -EFBIG;
	if (is_type(ip, MFS_S_IFCHR) || is_type(ip, MFS_S_IFBLK))
		return OK;              /* i_zone[0] is the device number */
	if (newsize < i_size(ip)) {
		for (i = 0; i < MFS_NR_DZONES; i++)
			free_tree(&ip->d.i_zone[i], 0, (uint64_t)i, from);
		free_tree(&ip->d.i_zone[MFS_ZONE_IND], 1, MFS_NR_DZONES, from);
		free_tree(&ip->d.i_zone[MFS_ZONE_DIND], 2, MFS_NR_DZONES + n, from);
		if (newsize % sup.bs != 0)
			r = zero_tail(ip, (uint32_t)(newsize / sup.bs), newsize % sup.bs);
	}
	ip->d.i_size = (int32_t)newsize;
	if (rw_inode(ip) != OK)
		r = -EIO;
	return r;
}

/* Zones of the tree under z (level as in free_tree), indirect zones included. */
static uint32_t
tree_zones(uint32_t z, int level)
{
	uint32_t i, count = 1, a = 0;

	if (z == 0)
		return 0;
	if (level == 0)
		return 1;
	for (i = 0; i < sup.nindir; i++) {
		if (ind_get(z, i, &a) != OK)
			break;
		count += tree_zones(a, level - 1);
	}
	return count;
}

/* Zones a file uses (data and indirect; 0 for a device). */
uint32_t
count_zones(struct inode *ip)
{
	uint32_t count = 0;
	int i;

	if (is_type(ip, MFS_S_IFCHR) || is_type(ip, MFS_S_IFBLK))
		return 0;
	for (i = 0; i < MFS_NR_DZONES; i++)
		count += ip->d.i_zone[i] != 0;
	count += tree_zones(ip->d.i_zone[MFS_ZONE_IND], 1);
	count += tree_zones(ip->d.i_zone[MFS_ZONE_DIND], 2);
	return count;
}
