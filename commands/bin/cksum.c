/*
 * cksum - the POSIX checksum (a 32-bit CRC) and the size of files.
 *
 * Usage: cksum [file...]
 * Prints "crc size name" for each file ("crc size" for standard input).  The CRC is the
 * one POSIX defines: polynomial 0x04C11DB7, most significant bit first, over the bytes of
 * the file and then its length (low byte first, as few bytes as it needs), complemented.
 * Exit status: 0; 1 if a file could not be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static uint32_t table[256];

static void
make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i << 24;

		for (int k = 0; k < 8; k++)
			c = c & 0x80000000u ? (c << 1) ^ 0x04C11DB7u : c << 1;
		table[i] = c;
	}
}

static uint32_t
crc_byte(uint32_t crc, unsigned char b)
{
	return (crc << 8) ^ table[(crc >> 24) ^ b];
}

/* Checksum fd (called name, printed if not NULL): 0 or -1 with errno. */
static int
cksum(int fd, const char *name)
{
	unsigned char buf[4096];
	uint32_t crc = 0;
	unsigned long long size = 0, len;
	ssize_t got;

	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < got; i++)
			crc = crc_byte(crc, buf[i]);
		size += (unsigned long long)got;
	}
	if (got < 0)
		return -1;
	for (len = size; len != 0; len >>= 8)
		crc = crc_byte(crc, (unsigned char)(len & 0xff));
	printf("%lu %llu", (unsigned long)(~crc & 0xffffffffu), size);
	if (name != NULL)
		printf(" %s", name);
	putchar('\n');
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 0, fd;

	make_table();
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0' && strcmp(argv[1], "--") != 0) {
		fprintf(stderr, "usage: cksum [file...]\n");
		return 1;
	}
	if (argc == 1 && cksum(0, NULL) < 0) {
		fprintf(stderr, "cksum: standard input: %s\n", strerror(errno));
		rc = 1;
	}
	for (int i = 1 + (argc > 1 && strcmp(argv[1], "--") == 0); i < argc; i++) {
		if ((fd = open(argv[i], O_RDONLY)) < 0 || cksum(fd, argv[i]) < 0) {
			fprintf(stderr, "cksum: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return rc;
}
