/**
 * @file imgpack.h
 * @brief The packed form of a data boot module (the ISO's root image), and its unpacker.
 *
 * GRUB reads every byte of every boot module through the BIOS, about 30 ms of host time per
 * MiB under TCG; its own decompressors (gzip, xz) cost more than the reads they save
 * (handouts/boot.md, "The GRUB boot's time").  So the ISO carries the root image packed by
 * tools/imgpack.c, and the kernel unpacks it at boot (kernel/boot.c) into memory of its own,
 * before any process sees the module: from then on the module is the plain image.
 *
 * The format is a header (struct imgpack_header) followed by `packed` bytes of sequences,
 * each a run of literal bytes and then a copy of earlier output:
 *
 *  - a token byte: the literal count in its high 4 bits, the copy's length minus
 *    IMGPACK_MIN_MATCH in its low 4 bits; a field of 15 continues: the rest of it (the
 *    field minus 15) follows as a number (the literal count's right after the token, the
 *    length's after the distance);
 *  - the literal bytes;
 *  - unless the output is now complete (the last sequence ends here): the copy's distance
 *    back from the current output position, 1 or more, as a number; then the length's
 *    rest.
 *
 * Every number is unsigned LEB128: 7 bits a byte, low bits first, the high bit set on
 * every byte but the last.
 *
 * A copy may overlap its own output (distance below length): a distance of 1 repeats the
 * last byte, which is how runs of zero bytes shrink.  The distance has no upper limit but
 * the output so far, so the statically linked programs of the image, which share most of
 * their library code, pack against each other.
 */
#ifndef MINNOW_IMGPACK_H
#define MINNOW_IMGPACK_H

#include <stdint.h>

/** The header's magic number: the bytes "MPK1". */
#define IMGPACK_MAGIC           0x314b504du
/** The shortest copy a sequence encodes. */
#define IMGPACK_MIN_MATCH       4

/** The first 16 bytes of a packed module. */
struct imgpack_header {
	uint32_t magic;         /**< IMGPACK_MAGIC */
	uint32_t size;          /**< bytes of the unpacked image */
	uint32_t packed;        /**< bytes of sequences after this header */
	uint32_t reserved;      /**< 0 */
};

/**
 * Unpack the sequences at @p src (the @p src_len bytes after the header) into exactly
 * @p dst_len bytes at @p dst.  Returns 0, or -1 if the sequences are malformed (a field or
 * distance running past either buffer, or input left over): the output is then partial.
 */
int imgpack_unpack(void *dst, uint32_t dst_len, const void *src, uint32_t src_len);

#endif /* MINNOW_IMGPACK_H */
