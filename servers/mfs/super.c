/*
 * super.c - MFS's superblock and bitmaps: reading and checking the superblock at mount, the
 * clean flag, and allocating and freeing inodes and zones in the two bitmaps
 * (include/minnow/mfs.h: bit n of the inode map is inode n; bit n of the zone map is zone
 * s_firstdatazone - 1 + n; bit 0 of both is always set).
 */
#include <string.h>
#include "inc.h"

struct super sup;
int err_code;

static uint8_t super_block[MFS_MAX_BLOCK_SIZE];

/* Read the superblock (the first MFS_MAX_BLOCK_SIZE bytes of the device: block drivers
 * such as the memory driver accept only whole 4096-byte blocks) and check it: OK, -EIO, or
 * -EINVAL for anything but a sane MFS. */
int
read_super(void)
{
	struct mfs_super *sb = (struct mfs_super *)(super_block + MFS_SUPER_OFFSET);
	uint32_t bs, itable_blocks;

	if (dev_io(0, 0, super_block, sizeof(super_block)) != OK)
		return -EIO;
	bs = sb->s_block_size;
	if (sb->s_magic != MFS_MAGIC || (bs != 1024 && bs != 2048 && bs != 4096) ||
	    sb->s_log_zone_size != 0 || sb->s_ninodes == 0 || sb->s_imap_blocks == 0 ||
	    sb->s_zmap_blocks == 0)
		return -EINVAL;
	itable_blocks = (sb->s_ninodes + MFS_INODES_PER_BLOCK(bs) - 1) / MFS_INODES_PER_BLOCK(bs);
	if (sb->s_firstdatazone != MFS_IMAP_BLOCK + sb->s_imap_blocks + sb->s_zmap_blocks +
	    itable_blocks || sb->s_firstdatazone >= sb->s_zones ||
	    (uint64_t)sb->s_imap_blocks * MFS_BITS_PER_BLOCK(bs) < sb->s_ninodes + 1 ||
	    (uint64_t)sb->s_zmap_blocks * MFS_BITS_PER_BLOCK(bs) <
	    sb->s_zones - sb->s_firstdatazone + 1)
		return -EINVAL;
	sup.sb = *sb;
	sup.bs = bs;
	sup.nindir = MFS_INDIRECTS(bs);
	sup.zmap_start = MFS_IMAP_BLOCK + sb->s_imap_blocks;
	sup.ino_table = sup.zmap_start + sb->s_zmap_blocks;
	return OK;
}

/* Set or clear the clean flag on the disk (cleared while mounted read-write), through the
 * cache: the block holding the superblock (with 1024-byte blocks, block 1). */
int
write_super_flags(int clean)
{
	struct buf *bp = get_block(MFS_SUPER_OFFSET / sup.bs, NORMAL);
	struct mfs_super *sb;

	if (bp == NULL)
		return err_code;
	sb = (struct mfs_super *)(bp->b_data + MFS_SUPER_OFFSET % sup.bs);
	if (clean)
		sb->s_flags |= MFS_FLAG_CLEAN;
	else
		sb->s_flags &= ~MFS_FLAG_CLEAN;
	sup.sb.s_flags = sb->s_flags;
	mark_dirty(bp);
	put_block(bp);
	return OK;
}

static uint32_t
map_bits(int map)
{
	return map == IMAP ? sup.sb.s_ninodes + 1 : sup.sb.s_zones - sup.sb.s_firstdatazone + 1;
}

static uint32_t
map_start(int map)
{
	return map == IMAP ? MFS_IMAP_BLOCK : sup.zmap_start;
}

/* Find a clear bit in map from origin on (wrapping), set it: its number, or 0 if none. */
uint32_t
alloc_bit(int map, uint32_t origin)
{
	uint32_t nbits = map_bits(map), per = MFS_BITS_PER_BLOCK(sup.bs), n, bit;
	struct buf *bp = NULL;

	if (origin == 0 || origin >= nbits)
		origin = 1;
	for (n = 0; n < nbits; n++) {
		bit = (origin + n) % nbits;
		if (bp == NULL || bp->b_blocknr != map_start(map) + bit / per) {
			put_block(bp);
			if ((bp = get_block(map_start(map) + bit / per, NORMAL)) == NULL)
				return 0;
		}
		if (bit == 0)
			continue;
		if (!(bp->b_data[(bit % per) / 8] & (1u << (bit % 8)))) {
			bp->b_data[(bit % per) / 8] |= (uint8_t)(1u << (bit % 8));
			mark_dirty(bp);
			put_block(bp);
			return bit;
		}
	}
	put_block(bp);
	return 0;
}

/* Clear a bit of map.  OK or an error. */
int
free_bit(int map, uint32_t bit)
{
	uint32_t per = MFS_BITS_PER_BLOCK(sup.bs);
	struct buf *bp;

	if (bit == 0 || bit >= map_bits(map))
		return -EINVAL;
	if ((bp = get_block(map_start(map) + bit / per, NORMAL)) == NULL)
		return err_code;
	bp->b_data[(bit % per) / 8] &= (uint8_t)~(1u << (bit % 8));
	mark_dirty(bp);
	put_block(bp);
	return OK;
}

/* Number of clear bits in map (free inodes or zones). */
uint32_t
count_free(int map)
{
	uint32_t nbits = map_bits(map), per = MFS_BITS_PER_BLOCK(sup.bs), bit, nfree = 0;
	struct buf *bp = NULL;

	for (bit = 1; bit < nbits; bit++) {
		if (bp == NULL || bit % per == 0) {
			put_block(bp);
			if ((bp = get_block(map_start(map) + bit / per, NORMAL)) == NULL)
				return 0;
		}
		if (!(bp->b_data[(bit % per) / 8] & (1u << (bit % 8))))
			nfree++;
	}
	put_block(bp);
	return nfree;
}

static uint32_t zone_search_start = 1;

/* A free zone, marked in use (not zeroed): its number, or 0 (err_code -ENOSPC or -EIO). */
uint32_t
alloc_zone(void)
{
	uint32_t bit = alloc_bit(ZMAP, zone_search_start);

	if (bit == 0) {
		err_code = -ENOSPC;
		return 0;
	}
	zone_search_start = bit + 1;
	return sup.sb.s_firstdatazone - 1 + bit;
}

void
free_zone(uint32_t zone)
{
	uint32_t bit;

	if (zone < sup.sb.s_firstdatazone || zone >= sup.sb.s_zones)
		return;
	bit = zone - (sup.sb.s_firstdatazone - 1);
	if (free_bit(ZMAP, bit) == OK && bit < zone_search_start)
		zone_search_start = bit;
}
