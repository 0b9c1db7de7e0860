/*
 * sha256sum - the SHA-256 digests of files (FIPS 180-4), or a check of listed digests.
 *
 * Usage: sha256sum [file...]     sha256sum -c [list]
 * Prints "digest  name" for each file (name "-" for standard input).  -c reads lines in
 * that form from list (or standard input) and prints "name: OK" or "name: FAILED" for
 * each, and a warning with the number that failed.
 * Exit status: 0; 1 if a file could not be read or (with -c) a digest did not match or a
 * line was malformed; 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/getline.h"

struct sha256 {
	uint32_t h[8];
	unsigned char block[64];
	size_t used;                    /* bytes in block */
	uint64_t bits;                  /* message length so far */
};

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, h0, sizeof(h0));
	s->used = 0;
	s->bits = 0;
}

/* The compression function on one 64-byte block (FIPS 180-4, 6.2.2). */
static void
sha256_block(struct sha256 *s, const unsigned char *p)
{
	uint32_t w[64], v[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
			(uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++)
		w[i] = (ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10)) + w[i - 7] +
			(ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 16];
	memcpy(v, s->h, sizeof(v));
	for (i = 0; i < 64; i++) {
		t1 = v[7] + (ROTR(v[4], 6) ^ ROTR(v[4], 11) ^ ROTR(v[4], 25)) +
			((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
		t2 = (ROTR(v[0], 2) ^ ROTR(v[0], 13) ^ ROTR(v[0], 22)) +
			((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		s->h[i] += v[i];
}

static void
sha256_update(struct sha256 *s, const unsigned char *p, size_t n)
{
	s->bits += (uint64_t)n * 8;
	while (n > 0) {
		size_t take = 64 - s->used < n ? 64 - s->used : n;

		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		n -= take;
		if (s->used == 64) {
			sha256_block(s, s->block);
			s->used = 0;
		}
	}
}

/* Pad (a 1 bit, zeros, the 64-bit length) and write the digest in hex to out[65]. */
static void
sha256_final(struct sha256 *s, char *out)
{
	uint64_t bits = s->bits;
	unsigned char pad = 0x80, len[8];

	sha256_update(s, &pad, 1);
	pad = 0;
	while (s->used != 56)
		sha256_update(s, &pad, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, len, 8);
	for (int i = 0; i < 8; i++)
		sprintf(out + 8 * i, "%08lx", (unsigned long)s->h[i]);
}

/* The digest of file name ("-": standard input) in out: 0 or -1 with errno. */
static int
digest(const char *name, char *out)
{
	unsigned char buf[4096];
	struct sha256 s;
	ssize_t got;
	int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);

	if (fd < 0)
		return -1;
	sha256_init(&s);
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&s, buf, (size_t)got);
	if (fd != 0)
		close(fd);
	if (got < 0)
		return -1;
	sha256_final(&s, out);
	return 0;
}

/* -c: check the digests listed in f.  The exit status. */
static int
check(FILE *f)
{
	char *line = NULL, out[65];
	size_t cap = 0;
	int failed = 0, bad = 0;

	while (read_line(f, &line, &cap, NULL) >= 0) {
		if (strlen(line) < 67 || strspn(line, "0123456789abcdef") != 64 ||
		    line[64] != ' ' || (line[65] != ' ' && line[65] != '*')) {
			bad++;
			continue;
		}
		line[64] = '\0';
		if (digest(line + 66, out) < 0) {
			fprintf(stderr, "sha256sum: %s: %s\n", line + 66, strerror(errno));
			printf("%s: FAILED open or read\n", line + 66);
			failed++;
			continue;
		}
		printf("%s: %s\n", line + 66, strcmp(out, line) == 0 ? "OK" : "FAILED");
		failed += strcmp(out, line) != 0;
	}
	if (bad > 0)
		fprintf(stderr, "sha256sum: WARNING: %d line(s) improperly formatted\n", bad);
	if (failed > 0)
		fprintf(stderr, "sha256sum: WARNING: %d computed checksum(s) did NOT match\n",
			failed);
	return failed > 0 || bad > 0;
}

int
main(int argc, char **argv)
{
	int c, opt_c = 0, rc = 0;
	char out[65];
	FILE *f = stdin;

	while ((c = getopt(argc, argv, "c")) != -1) {
		if (c != 'c') {
			fprintf(stderr, "usage: sha256sum [file...]\n       sha256sum -c [list]\n");
			return 2;
		}
		opt_c = 1;
	}
	if (opt_c) {
		if (optind < argc && (f = fopen(argv[optind], "r")) == NULL) {
			fprintf(stderr, "sha256sum: %s: %s\n", argv[optind], strerror(errno));
			return 1;
		}
		return check(f);
	}
	for (int i = optind; i < argc || i == optind; i++) {
		const char *name = i < argc ? argv[i] : "-";

		if (digest(name, out) < 0) {
			fprintf(stderr, "sha256sum: %s: %s\n", name, strerror(errno));
			rc = 1;
			continue;
		}
		printf("%s  %s\n", out, name);
	}
	return rc;
}
