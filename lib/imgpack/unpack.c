/*
 * unpack.c - imgpack_unpack(): the packed image's sequences back into the image.
 *
 * The format is described in include/minnow/imgpack.h.  Compiled into the kernel (which
 * unpacks the ISO's root image at boot: kernel/boot.c) and into the host packer
 * tools/imgpack.c, which unpacks what it wrote and compares it with its input, so the
 * build proves this code on every image it ships.  Every length is checked against both
 * buffers before it is used.
 *
 * Copies are where the time goes (under TCG the kernel runs at a fraction of the host's
 * speed): a copy that does not overlap its source is one memcpy, a distance of 1 (runs of
 * one byte, mostly zeros) one memset; only short-distance overlapping copies go byte by
 * byte.
 */
#include <stdint.h>
#include <string.h>
#include <minnow/imgpack.h>

struct cursor {
	const uint8_t *p, *end;
};

/* An unsigned LEB128 number; -1 if the input runs out or it needs more than 32 bits. */
static int
leb128(struct cursor *in, uint32_t *value)
{
	uint32_t v = 0;
	int shift;

	for (shift = 0; shift < 35; shift += 7) {
		if (in->p == in->end || (shift == 28 && (*in->p & 0x70) != 0))
			return -1;
		v |= (uint32_t)(*in->p & 0x7f) << shift;
		if ((*in->p++ & 0x80) == 0) {
			*value = v;
			return 0;
		}
	}
	return -1;
}

/* A token field of 15 continues: add the LEB128 number that follows.  -1 if the input
 * runs out or the field would pass 2^31 (no image is that large; it keeps the sums below
 * from wrapping). */
static int
extend(struct cursor *in, uint32_t *field)
{
	uint32_t more;

	if (*field != 15)
		return 0;
	if (leb128(in, &more) != 0 || more > 0x7fffffff)
		return -1;
	*field += more;
	return 0;
}

/* Copy len bytes from distance back in the output at out (checked by the caller). */
static void
copy_back(uint8_t *out, uint32_t distance, uint32_t len)
{
	const uint8_t *from = out - distance;
	uint32_t i;

	if (distance >= len)
		memcpy(out, from, len);
	else if (distance == 1)
		memset(out, *from, len);
	else
		for (i = 0; i < len; i++)
			out[i] = from[i];
}

int
imgpack_unpack(void *dst, uint32_t dst_len, const void *src, uint32_t src_len)
{
	struct cursor in = { src, (const uint8_t *)src + src_len };
	uint8_t *out = dst, *out_end = out + dst_len;
	uint32_t lits, len, distance;

	while (in.p < in.end) {
		uint8_t token = *in.p++;

		lits = token >> 4;
		len = token & 15;
		if (extend(&in, &lits) != 0 || lits > (uint32_t)(in.end - in.p) ||
		    lits > (uint32_t)(out_end - out))
			return -1;
		memcpy(out, in.p, lits);
		out += lits;
		in.p += lits;
		if (out == out_end)
			return in.p == in.end ? 0 : -1;
		if (leb128(&in, &distance) != 0 || extend(&in, &len) != 0)
			return -1;
		len += IMGPACK_MIN_MATCH;
		if (distance == 0 || distance > (uint32_t)(out - (uint8_t *)dst) ||
		    len > (uint32_t)(out_end - out))
			return -1;
		copy_back(out, distance, len);
		out += len;
	}
	return out == out_end ? 0 : -1;
}
