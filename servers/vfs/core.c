/*
 * core.c - VFS_PM_DUMPCORE: the core file of a process a signal killed (minnow/vfs.h;
 * handouts/pm.md, "Core files").
 *
 * PM has stopped the process; VFS writes "core" in its working directory, as the process
 * (its uid, gid and umask, mode 0600, the directory's write permission; an existing file
 * must be a regular file it may write, and is truncated).  The file is an ELF core, the
 * format gdb reads (`gdb PROGRAM core`):
 *   ELF header (ET_CORE, EM_386), one PT_NOTE and one PT_LOAD per memory region
 *   the note: NT_PRSTATUS (the signal, the pid, the 17 registers of the i386 user
 *             register set, read with sys_trace T_GETUSER) and NT_PRPSINFO (the program's
 *             name and the ids)
 *   each region's bytes, page-aligned in the file: VM names the regions (VM_REGION);
 *             device memory and a grant's pages are left out
 * The memory is copied by the file server straight from the process (a magic grant), so
 * VFS never holds more than the headers.  The file stops at the process's RLIMIT_CORE
 * (PM sends it): the regions past it are cut (gdb then warns of a truncated core); a limit
 * smaller than the headers means no file (EFBIG).  The answer to PM is OK, or the error that left
 * the core unwritten (PM then does not mark the status "core dumped").
 *
 * Entry point: do_pm_dumpcore (table.c).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/kcall.h>
#include <minnow/ptrace.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "proto.h"

#define CORE_MAX_SEGS   16      /* regions written (a process has a handful) */
#define CORE_PAGE       4096u
#define PRSTATUS_SIZE   144     /* struct elf_prstatus of i386 */
#define PRPSINFO_SIZE   124     /* struct elf_prpsinfo of i386 */
#define NOTE_HDR        20      /* namesz, descsz, type, "CORE\0" padded to 8 */
#define NOTES_SIZE      (2 * NOTE_HDR + PRSTATUS_SIZE + PRPSINFO_SIZE)

/* One memory region of the process. */
struct core_seg {
	uint32_t start, len;
	int writable;
};

/* The headers and notes, built here and written first. */
struct core_head {
	uint8_t ehdr[52];
	uint8_t phdr[(1 + CORE_MAX_SEGS) * 32];
	uint8_t notes[NOTES_SIZE];
};

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void
put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

/* The regions of ep (VM_REGION): how many, at most CORE_MAX_SEGS; device memory left out. */
static int
get_segs(endpoint_t ep, struct core_seg *segs)
{
	message m;
	int n = 0, i;

	for (i = 0; n < CORE_MAX_SEGS; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = VM_REGION;
		m.m_vm_exec.endpt = ep;
		m.m_vm_exec.addr = (uint32_t)i;
		if (ipc_sendrec(VM_PROC_NR, &m) != OK || m.m_type != OK)
			break;
		if (m.m_vm_exec.flags & VM_REGION_DEVICE)
			continue;
		segs[n].start = m.m_vm_exec.addr;
		segs[n].len = m.m_vm_exec.len;
		segs[n].writable = (m.m_vm_exec.prot & VM_PROT_WRITE) != 0;
		n++;
	}
	return n;
}

/* The ELF header of a core with nphdr program headers. */
static void
build_ehdr(uint8_t *e, int nphdr)
{
	static const uint8_t ident[16] = { 0x7F, 'E', 'L', 'F', 1, 1, 1 };

	memset(e, 0, 52);
	memcpy(e, ident, sizeof(ident));
	put16(e + 16, 4);		/* ET_CORE */
	put16(e + 18, 3);		/* EM_386 */
	put32(e + 20, 1);		/* EV_CURRENT */
	put32(e + 28, 52);		/* e_phoff */
	put16(e + 40, 52);		/* e_ehsize */
	put16(e + 42, 32);		/* e_phentsize */
	put16(e + 44, (uint16_t)nphdr);
}

/* One program header. */
static void
build_phdr(uint8_t *p, uint32_t type, uint32_t off, uint32_t vaddr, uint32_t size,
	   uint32_t flags, uint32_t align)
{
	memset(p, 0, 32);
	put32(p, type);
	put32(p + 4, off);
	put32(p + 8, vaddr);
	put32(p + 16, size);
	put32(p + 20, size);
	put32(p + 24, flags);
	put32(p + 28, align);
}

/* A note's header (name "CORE"); returns where its description goes. */
static uint8_t *
note_head(uint8_t *p, uint32_t descsz, uint32_t type)
{
	put32(p, 5);
	put32(p + 4, descsz);
	put32(p + 8, type);
	memcpy(p + 12, "CORE\0\0\0", 8);
	return p + NOTE_HDR;
}

/* NT_PRSTATUS: signal, pid and the registers in the i386 user register set's order. */
static void
build_prstatus(uint8_t *d, const struct fproc *fp, int sig)
{
	static const int regs[17] = {
		T_REG_EBX, 24, 20, T_REG_ESI, T_REG_EDI, T_REG_EBP, T_REG_EAX,
		44, 40, 36, 32, -1, T_REG_EIP, 60, T_REG_EFLAGS, T_REG_ESP, 72,
	};	/* ebx ecx edx esi edi ebp eax ds es fs gs orig_eax eip cs eflags esp ss */
	uint32_t v;
	int i;

	memset(d, 0, PRSTATUS_SIZE);
	put32(d, (uint32_t)sig);		/* pr_info.si_signo */
	put16(d + 12, (uint16_t)sig);		/* pr_cursig */
	put32(d + 24, (uint32_t)fp->fp_pid);	/* pr_pid */
	for (i = 0; i < 17; i++) {
		v = 0;
		if (regs[i] >= 0)
			sys_trace(T_GETUSER, fp->fp_endpoint, (vir_bytes)regs[i], &v);
		put32(d + 72 + 4 * i, v);
	}
}

/* NT_PRPSINFO: the program's name and ids. */
static void
build_prpsinfo(uint8_t *d, const struct fproc *fp, const char *name)
{
	memset(d, 0, PRPSINFO_SIZE);
	d[1] = 'R';				/* pr_sname */
	put16(d + 8, (uint16_t)fp->fp_uid);
	put16(d + 10, (uint16_t)fp->fp_gid);
	put32(d + 12, (uint32_t)fp->fp_pid);
	strncpy((char *)d + 28, name, 15);	/* pr_fname */
	strncpy((char *)d + 44, name, 79);	/* pr_psargs */
}

/* Build the headers for segs; the file offset where the first region goes. */
static uint32_t
build_head(struct core_head *h, const struct fproc *fp, const struct core_seg *segs, int n,
	   int sig, const char *name)
{
	uint32_t notes_off = 52 + 32 * (uint32_t)(n + 1), off;
	int i;

	build_ehdr(h->ehdr, n + 1);
	build_phdr(h->phdr, 4, notes_off, 0, NOTES_SIZE, 0, 4);	/* PT_NOTE */
	build_prstatus(note_head(h->notes, PRSTATUS_SIZE, 1), fp, sig);
	build_prpsinfo(note_head(h->notes + NOTE_HDR + PRSTATUS_SIZE, PRPSINFO_SIZE, 3), fp,
		       name);
	off = (notes_off + NOTES_SIZE + CORE_PAGE - 1) & ~(CORE_PAGE - 1);
	for (i = 0; i < n; i++) {
		build_phdr(h->phdr + 32 * (i + 1), 1, off, segs[i].start, segs[i].len,
			   4 | (segs[i].writable ? 2 : 1), CORE_PAGE);	/* PT_LOAD */
		off += segs[i].len;
	}
	return notes_off;
}

/* Open "core" in fp's working directory for writing, empty. */
static int
open_core(struct fproc *fp, struct vnode **vp)
{
	int created = 0, r;

	if ((r = open_create(fp, "core", 0, 0600, vp, &created)) != OK)
		return r;
	if (!created && (!S_ISREG((*vp)->v_mode) || (r = forbidden(fp, *vp, 2)) != OK ||
			 (r = req_ftrunc(*vp, 0)) != OK)) {
		put_vnode(*vp);
		return r != OK ? r : -EACCES;
	}
	return OK;
}

/* Write the core of fp's process, killed by sig, at most limit bytes. */
static int
dump(struct fproc *fp, int sig, const char *name, uint32_t limit)
{
	static struct core_head h;
	struct core_seg segs[CORE_MAX_SEGS];
	uint32_t notes_off, off;
	struct vnode *vp;
	int n = get_segs(fp->fp_endpoint, segs), i, r;

	memset(&h, 0, sizeof(h));
	notes_off = build_head(&h, fp, segs, n, sig, name);
	if (limit < notes_off + NOTES_SIZE)
		return -EFBIG;
	if ((r = open_core(fp, &vp)) != OK)
		return r;
	r = req_rdwr_own(REQ_WRITE, vp, 0, &h, 52 + 32 * (uint32_t)(n + 1));
	if (r >= 0)
		r = req_rdwr_own(REQ_WRITE, vp, notes_off, h.notes, NOTES_SIZE);
	off = (notes_off + NOTES_SIZE + CORE_PAGE - 1) & ~(CORE_PAGE - 1);
	for (i = 0; i < n && r >= 0 && off < limit; i++) {
		r = req_rdwr(REQ_WRITE, vp, off, fp->fp_endpoint, segs[i].start,
			     segs[i].len < limit - off ? segs[i].len : limit - off, NULL);
		off += segs[i].len;
	}
	put_vnode(vp);
	return r < 0 ? r : OK;
}

/* VFS_PM_DUMPCORE: endpt's core file (the signal in ruid, the size limit in uid). */
int
do_pm_dumpcore(struct fproc *fp, message *m)
{
	struct proc_info pi;

	if (fp == NULL)
		return pm_answer(m, -EINVAL);
	memset(&pi, 0, sizeof(pi));
	sys_getproc(fp->fp_endpoint, &pi);	/* its name, for NT_PRPSINFO */
	pi.pi_name[sizeof(pi.pi_name) - 1] = '\0';
	return pm_answer(m, dump(fp, (int)m->m_vfs_pm.ruid, pi.pi_name, m->m_vfs_pm.uid));
}
