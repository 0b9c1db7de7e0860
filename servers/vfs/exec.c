/*
 * exec.c - VFS's half of exec (VFS_PM_EXEC; handouts/vfs.md, "Exec").
 *
 * PM forwards a process's execve(path, frame) to VFS.  Before the point of no return VFS:
 * looks the program up (EACCES unless a regular file with an x bit the caller may use),
 * reads it whole into its own memory (REQ_READ over a direct grant), checks the ELF with a
 * dry run of lib/libexec's loader that only records the segments (ENOEXEC), copies the
 * argument frame from the process (E2BIG over ARG_MAX; the layout is in minnow/vfs.h) and
 * checks that every pointer in it is an offset inside it (EINVAL).
 * Then VM builds the new image (minnow/vm.h): VM_EXEC_NEWMEM empties the process (the point
 * of no return), VM_EXEC_MAP maps each segment (pages two segments share merged, with the
 * union of their rights) and the stack (lazy), VFS copies the segments and the relocated
 * frame in with sys_vircopy, and VM_EXEC_DONE seals the image and sets the break.
 * NEWMEM is told how many bytes the segments need at once: a program bigger than the
 * memory VM could give it is ENOMEM while the old image still stands.  Files
 * with FD_CLOEXEC are closed.  PM gets the entry point and the stack pointer (at argc); a
 * failure after the point of no return is an error status with VFS_PM_EXF_GONE, and PM
 * ends the process.  Either way the image and the frame are freed and VFS's heap trimmed
 * (malloc_trim): an exec of a large file must not leave VFS that much bigger for good.
 * A program file with S_ISUID (S_ISGID) makes the file's owner (group) the process's
 * effective uid (gid): VFS changes its own copy and tells PM (VFS_PM_EXF_SETUID, _SETGID),
 * unless PM said the process is traced (VFS_PM_EXF_NOSUID; handouts/pm.md, "Set-user-id
 * programs").
 */
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>
#include <minnow/vmlayout.h>
#include "../../lib/libexec/libexec.h"
#include "proto.h"

#define PAGE 4096u
#define EXEC_MAX (8u * 1024 * 1024)     /* largest program file */
#define MAX_SEGS 16

struct seg { uint32_t start, end; int writable; };

struct exec_job {
	endpoint_t endpt;
	mode_t mode;			/* the program file's mode, owner and group */
	uid_t uid;
	gid_t gid;
	struct seg segs[MAX_SEGS];
	int nsegs;
};

/* Merge recorded segment i into every later one it overlaps, until none does. */
static void
coalesce_segs(struct exec_job *job)
{
	int i, j;

	for (i = 0; i < job->nsegs; i++)
		for (j = i + 1; j < job->nsegs; j++) {
			struct seg *a = &job->segs[i], *b = &job->segs[j];

			if (!(a->start < b->end && b->start < a->end))
				continue;
			a->start = b->start < a->start ? b->start : a->start;
			a->end = b->end > a->end ? b->end : a->end;
			a->writable |= b->writable;
			*b = job->segs[--job->nsegs];
			j = i;		/* a grew: look at every later one again */
		}
}

/* Dry run: record [va, va+len), merged with every segment it overlaps (a segment that joins
 * two recorded ones makes one of the three: VM maps no region over another). */
static int
record_seg(struct exec_info *ei, uint32_t va, uint32_t len, int writable)
{
	struct exec_job *job = ei->opaque;

	if (job->nsegs == MAX_SEGS || va + len > USER_MMAP_TOP)
		return -ENOEXEC;
	job->segs[job->nsegs++] = (struct seg){ va, va + len, writable };
	coalesce_segs(job);
	return OK;
}

static int
no_copy(struct exec_info *ei, uint32_t va, const void *src, uint32_t len)
{
	(void)ei, (void)va, (void)src, (void)len;
	return OK;
}

static int
no_map(struct exec_info *ei, uint32_t va, uint32_t len, int writable)
{
	(void)ei, (void)va, (void)len, (void)writable;
	return OK;
}

static int
copy_seg(struct exec_info *ei, uint32_t va, const void *src, uint32_t len)
{
	struct exec_job *job = ei->opaque;

	return sys_vircopy(SELF, (vir_bytes)src, job->endpt, va, len, 0) == OK ? OK : -EFAULT;
}

static int
vm_exec(int type, endpoint_t e, uint32_t addr, uint32_t len, int prot, int flags)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_vm_exec.endpt = e;
	m.m_vm_exec.addr = addr;
	m.m_vm_exec.len = len;
	m.m_vm_exec.prot = prot;
	m.m_vm_exec.flags = flags;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	return m.m_type;
}

/* Read the program at path (from fp's view) into a new buffer; its mode and ids go to job. */
static int
read_program(struct fproc *fp, const char *path, uint8_t **image, size_t *size,
	     struct exec_job *job)
{
	struct vnode *vp;
	size_t done = 0;
	int r;

	if ((r = lookup(fp, path, &vp)) != OK)
		return r;
	if (!S_ISREG(vp->v_mode) || forbidden(fp, vp, 1) != OK)
		r = -EACCES;
	else if (vp->v_size == 0 || vp->v_size > EXEC_MAX)
		r = vp->v_size == 0 ? -ENOEXEC : -ENOMEM;
	else if ((*image = malloc(vp->v_size)) == NULL)
		r = -ENOMEM;
	*size = vp->v_size;
	job->mode = vp->v_mode, job->uid = vp->v_uid, job->gid = vp->v_gid;
	while (r == OK && done < *size) {
		int n = req_rdwr_own(REQ_READ, vp, done, *image + done, *size - done);

		if (n <= 0)
			r = n < 0 ? n : -ENOEXEC;
		done += n > 0 ? n : 0;
	}
	put_vnode(vp);
	if (r != OK && *image != NULL) {
		free(*image);
		*image = NULL;
	}
	return r;
}

/* Check the frame: argc, argv[] and envp[] NULL-terminated, each an offset to a string. */
static int
check_frame(uint32_t *w, uint32_t len)
{
	uint32_t n = len / 4, i = 1, lists = 0, argc = w[0];

	if (len < 12 || (len & 3))
		return -EINVAL;
	for (; i < n && lists < 2; i++) {
		if (w[i] == 0) {
			if (lists == 0 && i - 1 != argc)
				return -EINVAL;
			lists++;
			continue;
		}
		if (w[i] >= len || memchr((char *)w + w[i], '\0', len - w[i]) == NULL)
			return -EINVAL;
	}
	return lists == 2 ? OK : -EINVAL;
}

/* Make frame's offsets addresses of its final place, base. */
static void
relocate_frame(uint32_t *w, uint32_t base)
{
	uint32_t i, lists = 0;

	for (i = 1; lists < 2; i++) {
		if (w[i] == 0)
			lists++;
		else
			w[i] += base;
	}
}

/* After the point of no return: build the new image. */
static int
build_image(struct exec_job *job, struct exec_info *ei, uint32_t *frame, uint32_t flen,
	    uint32_t *sp, int *gone)
{
	uint32_t base = USER_STACK_TOP - flen, stack = USER_STACK_SIZE + ((flen + PAGE - 1) &
							     ~(PAGE - 1));
	uint32_t need = 0;
	int i, r;

	for (i = 0; i < job->nsegs; i++)
		need += job->segs[i].end - job->segs[i].start;
	if ((r = vm_exec(VM_EXEC_NEWMEM, job->endpt, 0, need, 0, 0)) != OK)
		return r;	/* ENOMEM: the segments cannot fit; the old image is intact */
	*gone = 1;		/* the old image is no more */
	for (i = 0; i < job->nsegs; i++)
		if ((r = vm_exec(VM_EXEC_MAP, job->endpt, job->segs[i].start,
				 job->segs[i].end - job->segs[i].start,
				 job->segs[i].writable ? VM_PROT_WRITE : 0, 0)) != OK)
			return r;
	if ((r = vm_exec(VM_EXEC_MAP, job->endpt, USER_STACK_TOP - stack, stack, VM_PROT_WRITE,
			 VM_MAP_LAZY)) != OK)
		return r;
	ei->alloc_map = no_map;
	ei->copy_to = copy_seg;
	if ((r = libexec_load_elf(ei)) != OK)
		return r;
	relocate_frame(frame, base);
	if (sys_vircopy(SELF, (vir_bytes)frame, job->endpt, base, flen, 0) != OK)
		return -EFAULT;
	*sp = base;
	return vm_exec(VM_EXEC_DONE, job->endpt, ei->load_end, 0, 0, 0);
}

/* The new image is in place: a set-user-id or set-group-id program changes fp's effective
 * ids (not for a traced process: nosuid), and out tells PM. */
static void
set_ids(struct fproc *fp, const struct exec_job *job, int nosuid, mess_vfs_pm *out)
{
	if (nosuid)
		return;
	if (job->mode & S_ISUID) {
		fp->fp_uid = out->uid = job->uid;
		out->flags |= VFS_PM_EXF_SETUID;
	}
	if (job->mode & S_ISGID) {
		fp->fp_gid = out->gid = job->gid;
		out->flags |= VFS_PM_EXF_SETGID;
	}
}

int
pm_exec(struct fproc *fp, const message *m, mess_vfs_pm *out)
{
	const mess_vfs_pm *p = &m->m_vfs_pm;
	static struct exec_job job;
	struct exec_info ei;
	uint8_t *image = NULL;
	uint32_t *frame = NULL;
	char path[PATH_MAX];
	size_t size;
	int r, fd, gone = 0;

	memset(&job, 0, sizeof(job));
	job.endpt = fp->fp_endpoint;
	if ((r = fetch_name(fp, p->path, p->path_len, path)) != OK ||
	    (r = read_program(fp, path, &image, &size, &job)) != OK)
		goto out;
	memset(&ei, 0, sizeof(ei));
	ei.image = image, ei.image_size = size, ei.opaque = &job;
	ei.alloc_map = record_seg, ei.copy_to = no_copy;
	if ((r = libexec_load_elf(&ei)) != OK)
		goto out;
	r = p->frame_len > ARG_MAX ? -E2BIG : (frame = malloc(p->frame_len + 4)) == NULL ?
	    -ENOMEM : OK;
	if (r != OK)
		goto out;
	if (sys_vircopy(fp->fp_endpoint, p->frame, SELF, (vir_bytes)frame, p->frame_len, 0) != OK)
		r = -EFAULT;
	else if ((r = check_frame(frame, p->frame_len)) == OK &&
		 (r = build_image(&job, &ei, frame, p->frame_len, &out->sp, &gone)) == OK) {
		out->pc = ei.entry;
		set_ids(fp, &job, (p->flags & VFS_PM_EXF_NOSUID) != 0, out);
		for (fd = 0; fd < OPEN_MAX; fd++)
			if (fp->fp_cloexec & (1u << fd))
				close_fd(fp, fd);
	}
out:
	out->flags |= gone ? VFS_PM_EXF_GONE : 0;	/* nothing to return to */
	free(frame);
	free(image);
	malloc_trim(0);		/* a program file of up to EXEC_MAX must not stay in VFS's heap */
	return r;
}
