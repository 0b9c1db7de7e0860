/*
 * execfuzz.c - /test/execfuzz SEED COUNT [FIRST] [BASE]: the exec fuzzer (handouts/
 * hardening.md, "Exec fuzzer"; grader/tests/fuzz_exec.py).
 *
 * From the valid static program BASE (default /bin/true, which exits 0) it writes COUNT
 * mutated copies to /tmp, one at a time, and executes each: fork, then execve in the child
 * with an alarm set before it (an alarm survives exec, so a program that never ends dies
 * of SIGALRM), and in the parent a watchdog alarm of its own against an exec or a wait that
 * never returns.  File number i (from FIRST, default 0) is made by mutation kind i % NKINDS
 * from a generator seeded with SEED and i alone, so `execfuzz SEED 1 I` replays file I.
 * File 0 is BASE unchanged and must run and exit 0 (the control).
 *
 * The mutations: random bit flips, runs of random, zero or 0xff bytes, and targeted header
 * fields: e_phnum 0 or huge, e_phoff and p_offset past the end, p_filesz > p_memsz, a
 * segment at 0, overlapping segments, segments in kernel space (0xF0000000 and up) or on
 * the stack, a huge p_memsz, a bad e_entry, a truncated file, a wrong class, data, machine,
 * type or version, a PT_INTERP or other segment type, a wrong e_phentsize, a p_offset and
 * p_vaddr that wrap, a misaligned segment; and combinations of them.
 *
 * Every file's outcome is one line, "execfuzz I KIND: execve ENAME", "... exit STATUS",
 * "... signal N" or "... watchdog" (the parent gave up waiting: a hang in exec itself).
 * The last line is the summary the grader reads:
 *   DONE execfuzz seed=S files=N execve_failed=A enoexec=.. enomem=.. einval=.. other_errno=..
 *   exited=B exit0=.. signalled=C sigsegv=.. sigill=.. sigalrm=.. sigkill=.. other_signal=..
 *   watchdog=D failed=F
 * failed counts what the tool itself could not do (write a file, fork) and a control that
 * did not exit 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <minnow/elf.h>
#include "fuzz.h"

#define MAX_IMAGE       (256 * 1024)
#define RUN_SECONDS     1       /* the child's alarm: a program that runs longer dies */
#define WATCHDOG        15      /* the parent's: exec or wait that never returns */
#define KERNEL_SPACE    0xF0000000u
#define STACK_TOP       0xEFFFF000u

static unsigned char base[MAX_IMAGE], image[MAX_IMAGE];
static size_t base_size;

/* The counters of the summary line. */
static struct {
	int files, execve_failed, enoexec, enomem, einval, other_errno;
	int exited, exit0, signalled, sigsegv, sigill, sigalrm, sigkill, other_signal;
	int watchdog, failed;
} n;

static Elf32_Ehdr *
ehdr(void)
{
	return (Elf32_Ehdr *)image;
}

/* Program header i of the (unmutated) table, or NULL if the table is not in the image. */
static Elf32_Phdr *
phdr(int i)
{
	uint32_t off = ((Elf32_Ehdr *)base)->e_phoff + (uint32_t)i * sizeof(Elf32_Phdr);

	return off + sizeof(Elf32_Phdr) <= base_size ? (Elf32_Phdr *)(image + off) : NULL;
}

static Elf32_Phdr *
some_phdr(void)
{
	return phdr((int)below(((Elf32_Ehdr *)base)->e_phnum));
}

/* ---- the mutations: each changes image (and *size) ------------------------------------- */

static void
m_bitflips(size_t *size)
{
	int i, k = 1 + (int)below(8);
	size_t span = below(2) ? *size : 512;

	for (i = 0; i < k; i++) {
		size_t at = below((uint32_t)span);
		image[at] ^= (unsigned char)(1u << below(8));
	}
}

static void
m_byterun(size_t *size)
{
	size_t at = below(below(2) ? (uint32_t)*size : 256), len = 1 + below(64), i;
	int how = (int)below(3);

	for (i = at; i < at + len && i < *size; i++)
		image[i] = how == 0 ? (unsigned char)rnd() : how == 1 ? 0 : 0xff;
}

static void
m_phnum(size_t *size)
{
	static const uint16_t v[] = { 0, 0xffff, 65, 64, 1000, 4 };

	(void)size;
	ehdr()->e_phnum = v[below(6)];
}

static void
m_phoff(size_t *size)
{
	static const uint32_t v[] = { 0xfffffff0u, 0x80000000u, 0xffffffffu };

	ehdr()->e_phoff = below(2) ? (uint32_t)*size - below(64) : v[below(3)];
}

static void
m_offset(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	if (ph != NULL)
		ph->p_offset = below(2) ? (uint32_t)*size + below(8192) : 0xfffff000u + below(4096);
}

static void
m_filesz(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph != NULL) {
		ph->p_filesz = ph->p_memsz + 1 + below(4096);
		if (below(2))
			ph->p_memsz = 0;
	}
}

static void
m_at_zero(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph != NULL)
		ph->p_vaddr = below(2) ? 0 : below(4096);
}

static void
m_overlap(size_t *size)
{
	Elf32_Phdr *a = phdr(0), *b = some_phdr();

	(void)size;
	if (a != NULL && b != NULL && a != b)
		b->p_vaddr = a->p_vaddr + below(a->p_memsz + 1);
	else if (a != NULL && (b = phdr(1)) != NULL)
		b->p_vaddr = a->p_vaddr;
}

static void
m_kernel(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph == NULL)
		return;
	switch (below(3)) {
	case 0: ph->p_vaddr = KERNEL_SPACE + (below(0x100000) & ~0xfffu); break;
	case 1: ph->p_vaddr = KERNEL_SPACE - 0x1000; ph->p_memsz = 0x2000; break;
	default: ph->p_vaddr = 0xfffff000u; ph->p_memsz = 0x2000; break;	/* wraps */
	}
}

static void
m_stack(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph != NULL)
		ph->p_vaddr = STACK_TOP - 0x1000 * (1 + below(32));
}

static void
m_memsz(size_t *size)
{
	static const uint32_t v[] = { 0x7fffffffu, 0x10000000u, 0x4000000u, 0xffffffffu };
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph == NULL)
		return;
	ph->p_memsz = below(2) ? v[below(4)] : KERNEL_SPACE - ph->p_vaddr;
}

static void
m_entry(size_t *size)
{
	static const uint32_t v[] = { 0, 0xffffffffu, KERNEL_SPACE, 0x08050000u, STACK_TOP - 4 };
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (below(2) && ph != NULL)
		ehdr()->e_entry = ph->p_vaddr + below(ph->p_memsz + 1);	/* another segment */
	else
		ehdr()->e_entry = v[below(5)];
}

static void
m_truncate(size_t *size)
{
	*size = below(2) ? below(256) : below((uint32_t)*size);
}

static void
m_ident(size_t *size)
{
	(void)size;
	switch (below(6)) {
	case 0: ehdr()->e_ident[4] = (unsigned char)(below(2) ? 2 : 0); break;	/* class */
	case 1: ehdr()->e_ident[5] = 2; break;			/* big-endian */
	case 2: ehdr()->e_machine = (uint16_t)(below(2) ? 62 : below(300)); break;
	case 3: ehdr()->e_type = (uint16_t)below(5); break;	/* ET_DYN, ET_REL, ET_CORE */
	case 4: ehdr()->e_version = rnd(); ehdr()->e_ident[6] = (unsigned char)rnd(); break;
	default: ehdr()->e_ident[below(4)] ^= (unsigned char)(1 + below(255)); break;
	}
}

static void
m_type(size_t *size)
{
	static const uint32_t v[] = { 3 /* PT_INTERP */, 2 /* DYNAMIC */, 7 /* TLS */,
				      6 /* PHDR */, 0x6474e551u /* GNU_STACK */, 0, 0x70000000u };
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph == NULL)
		return;
	ph->p_type = v[below(7)];
	if (ph->p_type == 3 && below(2)) {	/* an interpreter named inside the file */
		ph->p_offset = 0x100;
		ph->p_filesz = below(2) ? 9 : 0x100000;
		memcpy(image + 0x100, "/bin/sh", 8);
	}
}

static void
m_phentsize(size_t *size)
{
	(void)size;
	ehdr()->e_phentsize = (uint16_t)(below(2) ? 0 : below(2) ? 16 : 0xffff);
}

static void
m_wrap(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph == NULL)
		return;
	if (below(2)) {
		ph->p_offset = 0xffffff00u;
		ph->p_filesz = 0x200;
	} else {
		ph->p_filesz = 0xffffffffu;
		ph->p_memsz = 0xffffffffu;
	}
}

static void
m_misalign(size_t *size)
{
	Elf32_Phdr *ph = some_phdr();

	(void)size;
	if (ph != NULL) {
		ph->p_vaddr += 1 + below(4095);
		if (below(2))
			ph->p_align = rnd();
	}
}

struct kind {
	const char *name;
	void (*fn)(size_t *size);
};

static void m_combo(size_t *size);

static const struct kind kinds[] = {
	{ "bitflips", m_bitflips }, { "byterun", m_byterun }, { "phnum", m_phnum },
	{ "phoff", m_phoff }, { "offset", m_offset }, { "filesz", m_filesz },
	{ "at-zero", m_at_zero }, { "overlap", m_overlap }, { "kernel", m_kernel },
	{ "stack", m_stack }, { "memsz", m_memsz }, { "entry", m_entry },
	{ "truncate", m_truncate }, { "ident", m_ident }, { "type", m_type },
	{ "phentsize", m_phentsize }, { "wrap", m_wrap }, { "misalign", m_misalign },
	{ "combo", m_combo },
};
#define NKINDS ((int)(sizeof(kinds) / sizeof(kinds[0])))

/* Two to four of the other mutations on one file. */
static void
m_combo(size_t *size)
{
	int i, k = 2 + (int)below(3);
	const struct kind *c;

	for (i = 0; i < k; i++) {
		c = &kinds[below(NKINDS - 1)];
		c->fn(size);
		combo_add(i, c->name);
	}
	combo_end();
}

/* ---- running one file ------------------------------------------------------------------ */

static void
count_errno(int e)
{
	n.execve_failed++;
	if (e == ENOEXEC)
		n.enoexec++;
	else if (e == ENOMEM)
		n.enomem++;
	else if (e == EINVAL)
		n.einval++;
	else
		n.other_errno++;
}

static void
count_status(int st)
{
	if (WIFEXITED(st)) {
		n.exited++;
		n.exit0 += WEXITSTATUS(st) == 0;
		printf("exit %d\n", WEXITSTATUS(st));
		return;
	}
	n.signalled++;
	switch (WTERMSIG(st)) {
	case SIGSEGV: n.sigsegv++; break;
	case SIGILL: n.sigill++; break;
	case SIGALRM: n.sigalrm++; break;
	case SIGKILL: n.sigkill++; break;
	default: n.other_signal++; break;
	}
	printf("signal %d\n", WTERMSIG(st));
}

/* Fork, execve path in the child under an alarm; the wait status, or -1 (watchdog). */
static int
run_file(const char *path, int *exec_errno)
{
	char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };
	int fds[2], st = 0, e = 0;
	pid_t pid;

	*exec_errno = 0;
	if (pipe2(fds, O_CLOEXEC) != 0)
		return -2;
	if ((pid = fork()) < 0) {
		close(fds[0]), close(fds[1]);
		return -2;
	}
	if (pid == 0) {
		close(fds[0]);
		alarm(RUN_SECONDS);
		execve(path, argv, envp);
		e = errno;
		write(fds[1], &e, sizeof(e));
		_exit(127);
	}
	close(fds[1]);
	woke = 0;
	alarm(WATCHDOG);
	if (read(fds[0], &e, sizeof(e)) == (ssize_t)sizeof(e))
		*exec_errno = e;
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0 && !woke)
		;
	alarm(0);
	if (woke) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		return -1;
	}
	return st;
}

/* Make file i from the base, write it, run it, count its outcome. */
static void
one_file(uint32_t seed, int i)
{
	const struct kind *k = i == 0 ? NULL : &kinds[(i - 1) % NKINDS];
	char path[64];
	size_t size = base_size;
	int fd, st, e;

	fuzz_seed(seed, i);
	memcpy(image, base, base_size);
	combo_names[0] = '\0';
	if (k != NULL)
		k->fn(&size);
	snprintf(path, sizeof(path), "/tmp/execfuzz.%d", i);
	printf("execfuzz %d %s%s: ", i, k ? k->name : "control", combo_names);
	fflush(stdout);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755)) < 0 ||
	    write(fd, image, size) != (ssize_t)size || close(fd) != 0) {
		printf("FAILED: writing %s: %s\n", path, strerror(errno));
		n.failed++;
		return;
	}
	n.files++;
	st = run_file(path, &e);
	unlink(path);
	if (st == -2) {
		printf("FAILED: fork: %s\n", strerror(errno));
		n.failed++;
	} else if (st == -1) {
		printf("watchdog\n");
		n.watchdog++;
	} else if (e != 0) {
		printf("execve %s\n", strerror(e));
		count_errno(e);
	} else {
		count_status(st);
	}
	if (k == NULL && (st < 0 || e != 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)) {
		printf("execfuzz: FAILED: the control (the base unchanged) did not exit 0\n");
		n.failed++;
	}
}

static int
load_base(const char *path)
{
	long got = read_base(path, base, sizeof(base));

	if (got < (long)sizeof(Elf32_Ehdr))
		return -1;
	base_size = (size_t)got;
	return 0;
}

int
main(int argc, char **argv)
{
	uint32_t seed;
	int count, first, i;
	const char *path;

	if (argc < 3) {
		fprintf(stderr, "usage: execfuzz SEED COUNT [FIRST] [BASE]\n");
		return 2;
	}
	seed = (uint32_t)strtoul(argv[1], NULL, 0);
	count = atoi(argv[2]);
	first = argc > 3 ? atoi(argv[3]) : 0;
	path = argc > 4 ? argv[4] : "/bin/true";
	if (load_base(path) != 0) {
		printf("execfuzz: cannot read the base program %s\n", path);
		return 1;
	}
	watchdog_init();
	printf("execfuzz: seed %u, files %d..%d from %s (%u bytes), uid %d\n", seed, first,
	       first + count - 1, path, (unsigned)base_size, (int)getuid());
	for (i = first; i < first + count; i++)
		one_file(seed, i);
	printf("DONE execfuzz seed=%u files=%d execve_failed=%d enoexec=%d enomem=%d einval=%d "
	       "other_errno=%d exited=%d exit0=%d signalled=%d sigsegv=%d sigill=%d sigalrm=%d "
	       "sigkill=%d other_signal=%d watchdog=%d failed=%d\n", seed, n.files,
	       n.execve_failed, n.enoexec, n.enomem, n.einval, n.other_errno, n.exited, n.exit0,
	       n.signalled, n.sigsegv, n.sigill, n.sigalrm, n.sigkill, n.other_signal,
	       n.watchdog, n.failed);
	return n.failed ? 1 : 0;
}
