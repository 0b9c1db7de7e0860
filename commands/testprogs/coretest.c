/*
 * coretest - make a core file, and check one (handouts/pm.md, "Core files").
 *
 * Usage: coretest crash        set a marker in data, then write through NULL (SIGSEGV)
 *        coretest check FILE   read the ELF core FILE that `coretest crash` left and print
 *                              what it says, one line each:
 *          coretest: elf core i386, N segments
 *          coretest: signal S, pid P, program NAME
 *          coretest: eip in crash()              (or "eip 0x... not in crash()")
 *          coretest: marker 0x5eed1234            (the marker's word, read from the PT_LOAD
 *                                                   that holds its address)
 *          coretest: check ok                    (or "check FAILED: what")
 * Both runs are the same program, so the marker and crash() have the same addresses in
 * the core as in the checker.  Exit status: 0 if the core holds all of it, 1 if not.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MARKER 0x5EED1234u
#define MAX_PHDRS 32            /* program headers the checker reads */
#define MAX_NOTES 1024          /* bytes of notes the checker reads */

volatile uint32_t marker;
static volatile uintptr_t null_addr;    /* 0, read at run time: the compiler cannot see it */

/* Crash: a write through a NULL pointer. */
__attribute__((noinline)) void
crash(void)
{
	*(volatile int *)null_addr = 1;
}

static uint32_t
get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static int
failed(const char *what)
{
	printf("coretest: check FAILED: %s\n", what);
	return 1;
}

/* The notes at [p, p+len): print NT_PRSTATUS's signal, pid, eip and NT_PRPSINFO's name. */
static int
check_notes(const uint8_t *p, uint32_t len)
{
	uint32_t eip = 0, sig = 0, pid = 0, off = 0;
	char name[17] = "";

	while (off + 12 <= len) {
		uint32_t nsz = get32(p + off), dsz = get32(p + off + 4), type = get32(p + off + 8);
		const uint8_t *d = p + off + 12 + ((nsz + 3) & ~3u);

		if (type == 1 && dsz >= 144) {
			sig = get32(d), pid = get32(d + 24), eip = get32(d + 72 + 12 * 4);
		} else if (type == 3 && dsz >= 124) {
			memcpy(name, d + 28, 16);
		}
		off += 12 + ((nsz + 3) & ~3u) + ((dsz + 3) & ~3u);
	}
	printf("coretest: signal %u, pid %u, program %s\n", sig, pid, name);
	if (eip >= (uint32_t)(uintptr_t)crash && eip < (uint32_t)(uintptr_t)crash + 32)
		printf("coretest: eip in crash()\n");
	else
		printf("coretest: eip 0x%x not in crash()\n", eip);
	return sig == 11 && pid > 0 && strcmp(name, "coretest") == 0 &&
	       eip >= (uint32_t)(uintptr_t)crash && eip < (uint32_t)(uintptr_t)crash + 32;
}

/* Read len bytes at off of fd into buf: 1 if all came. */
static int
read_at(int fd, uint32_t off, void *buf, uint32_t len)
{
	return lseek(fd, (off_t)off, SEEK_SET) == (off_t)off &&
	       read(fd, buf, len) == (ssize_t)len;
}

/* The word at address addr, from the PT_LOAD segments (headers ph); 1 if found. */
static int
find_word(int fd, const uint8_t *ph, int nph, uint32_t addr, uint32_t *word)
{
	for (int i = 0; i < nph; i++, ph += 32) {
		uint32_t off = get32(ph + 4), va = get32(ph + 8), fsz = get32(ph + 16);

		if (get32(ph) == 1 && addr >= va && addr + 4 <= va + fsz)
			return read_at(fd, off + (addr - va), word, 4);
	}
	return 0;
}

/* The notes of the PT_NOTE among headers ph, checked. */
static int
notes_of(int fd, const uint8_t *ph, int nph)
{
	static uint8_t notes[MAX_NOTES];

	for (int i = 0; i < nph; i++, ph += 32)
		if (get32(ph) == 4 && get32(ph + 16) <= sizeof(notes) &&
		    read_at(fd, get32(ph + 4), notes, get32(ph + 16)))
			return check_notes(notes, get32(ph + 16));
	return 0;
}

static int
check(const char *path)
{
	uint8_t eh[52], ph[32 * MAX_PHDRS];
	int fd = open(path, O_RDONLY), nph, ok;
	uint32_t word = 0;

	if (fd < 0)
		return failed("no core file");
	if (!read_at(fd, 0, eh, sizeof(eh)) || memcmp(eh, "\177ELF", 4) != 0 || eh[16] != 4 ||
	    eh[18] != 3 || (nph = eh[44] | eh[45] << 8) > MAX_PHDRS ||
	    !read_at(fd, get32(eh + 28), ph, 32 * (uint32_t)nph)) {
		close(fd);
		return failed("not an i386 ELF core");
	}
	printf("coretest: elf core i386, %d segments\n", nph);
	ok = notes_of(fd, ph, nph);
	ok = ok ? find_word(fd, ph, nph, (uint32_t)(uintptr_t)&marker, &word) + 1 : 0;
	close(fd);
	if (ok == 0)
		return failed("the notes do not name SIGSEGV, the pid, coretest and crash()");
	if (ok == 1)
		return failed("no segment holds the marker's address");
	printf("coretest: marker 0x%x\n", word);
	if (word != MARKER)
		return failed("the marker's word is wrong");
	printf("coretest: check ok\n");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "crash") == 0) {
		marker = MARKER;
		crash();
		return 2;
	}
	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return check(argv[2]);
	fprintf(stderr, "usage: coretest crash | coretest check FILE\n");
	return 2;
}
