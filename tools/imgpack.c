/*
 * imgpack.c - imgpack: pack a boot module (the ISO's root image) for the kernel to unpack.
 *
 *   imgpack -o packed input
 *
 * Writes the packed form of include/minnow/imgpack.h: the header, then sequences of literal
 * bytes and copies of earlier output.  The copies are found greedily: at each position the
 * longest earlier match among the last MAX_CHAIN positions whose first four bytes hash
 * alike (a hash chain over the whole input: no window limit, so each statically linked
 * program packs against the ones before it), taken when it is long enough to pay for its
 * distance.  Then the program unpacks what it wrote with the kernel's own unpacker
 * (lib/imgpack/unpack.c) and compares the result with the input: a packed image that would
 * not come back byte for byte is never written.  Any error names itself and exits 1
 * without leaving an output file.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minnow/imgpack.h>

#define HASH_BITS       20
#define MAX_CHAIN       48
#define NO_POS          UINT32_MAX

struct out {
	uint8_t *buf;
	size_t len, cap;
};

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("imgpack: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

static void
put(struct out *o, const void *data, size_t n)
{
	if (o->len + n > o->cap) {
		o->cap = (o->len + n) * 2;
		o->buf = realloc(o->buf, o->cap);
		if (o->buf == NULL)
			die("out of memory (%zu bytes)", o->cap);
	}
	memcpy(o->buf + o->len, data, n);
	o->len += n;
}

static void
put_byte(struct out *o, uint8_t b)
{
	put(o, &b, 1);
}

static void
put_leb128(struct out *o, uint32_t v)
{
	for (; v >= 0x80; v >>= 7)
		put_byte(o, (uint8_t)(v | 0x80));
	put_byte(o, (uint8_t)v);
}

/* A field's extension (the field itself, 15 or more, went into the token as 15). */
static void
put_extension(struct out *o, uint32_t field)
{
	if (field >= 15)
		put_leb128(o, field - 15);
}

static unsigned
leb128_len(uint32_t v)
{
	unsigned n = 1;

	while (v >= 0x80)
		v >>= 7, n++;
	return n;
}

/* One sequence: lits literal bytes at lit, then (if len > 0) a copy of len bytes from
 * distance back. */
static void
put_sequence(struct out *o, const uint8_t *lit, uint32_t lits, uint32_t distance, uint32_t len)
{
	uint32_t code = len > 0 ? len - IMGPACK_MIN_MATCH : 0;

	put_byte(o, (uint8_t)((lits < 15 ? lits : 15) << 4 | (code < 15 ? code : 15)));
	put_extension(o, lits);
	put(o, lit, lits);
	if (len == 0)
		return;
	put_leb128(o, distance);
	put_extension(o, code);
}

static uint32_t
hash4(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* The longest earlier match for position i worth a copy: its length (0 if none), and its
 * distance in *distance. */
static uint32_t
longest_match(const uint8_t *in, uint32_t n, uint32_t i, const uint32_t *prev,
	      uint32_t cand, uint32_t *distance)
{
	uint32_t best = 0, depth, len;

	for (depth = 0; cand != NO_POS && depth < MAX_CHAIN; cand = prev[cand], depth++) {
		for (len = 0; i + len < n && in[cand + len] == in[i + len]; len++)
			;
		if (len > best && len >= 3 + leb128_len(i - cand)) {
			best = len;
			*distance = i - cand;
		}
	}
	return best >= IMGPACK_MIN_MATCH ? best : 0;
}

/* Pack the n bytes at in into o (header first). */
static void
pack(const uint8_t *in, uint32_t n, struct out *o)
{
	uint32_t *head = xmalloc(sizeof(uint32_t) << HASH_BITS), *prev = xmalloc(4 * (size_t)n);
	uint32_t i = 0, lit = 0, len, distance = 0;
	struct imgpack_header h = { IMGPACK_MAGIC, n, 0, 0 };

	put(o, &h, sizeof(h));
	memset(head, 0xff, sizeof(uint32_t) << HASH_BITS);
	while (i < n) {
		len = 0;
		if (i + 4 <= n) {
			uint32_t hv = hash4(in + i);

			len = longest_match(in, n, i, prev, head[hv], &distance);
			prev[i] = head[hv];
			head[hv] = i;
		}
		if (len == 0) {
			i++;
			continue;
		}
		put_sequence(o, in + lit, i - lit, distance, len);
		/* the positions inside the copy join their chains too */
		for (i++, lit = i + len - 1; i < lit && i + 4 <= n; i++) {
			uint32_t hv = hash4(in + i);

			prev[i] = head[hv];
			head[hv] = i;
		}
		i = lit;
	}
	put_sequence(o, in + lit, n - lit, 0, 0);
	((struct imgpack_header *)o->buf)->packed = (uint32_t)(o->len - sizeof(h));
	free(head);
	free(prev);
}

static uint8_t *
read_file(const char *path, uint32_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		die("cannot read %s", path);
	if (size > 0x7fffffff)
		die("%s: too large (%ld bytes)", path, size);
	buf = xmalloc((size_t)size);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size)
		die("cannot read %s", path);
	fclose(f);
	*n = (uint32_t)size;
	return buf;
}

int
main(int argc, char **argv)
{
	struct out o = { NULL, 0, 0 };
	const char *outpath = NULL;
	uint8_t *in, *back;
	uint32_t n;
	FILE *f;
	int c;

	while ((c = getopt(argc, argv, "o:")) != -1) {
		if (c != 'o')
			die("usage: imgpack -o packed input");
		outpath = optarg;
	}
	if (outpath == NULL || optind != argc - 1)
		die("usage: imgpack -o packed input");
	in = read_file(argv[optind], &n);
	pack(in, n, &o);
	back = xmalloc(n);
	if (imgpack_unpack(back, n, o.buf + sizeof(struct imgpack_header),
			   (uint32_t)(o.len - sizeof(struct imgpack_header))) != 0 ||
	    memcmp(back, in, n) != 0)
		die("%s: the packed form does not unpack to the input (a bug in the packer)",
		    argv[optind]);
	f = fopen(outpath, "wb");
	if (f == NULL || fwrite(o.buf, 1, o.len, f) != o.len || fclose(f) != 0) {
		unlink(outpath);
		die("cannot write %s", outpath);
	}
	return 0;
}
