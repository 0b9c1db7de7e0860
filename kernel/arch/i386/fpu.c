/*
 * fpu.c - each process's x87/SSE state: saved, restored, copied at fork, reset at exec.
 *
 * The kernel itself never touches the FPU (it is built with -mgeneral-regs-only); user
 * programs do.  Each process slot has a 512-byte FXSAVE area (fpu_areas[], 16-byte aligned,
 * indexed like proc_table); MF_FPU_USED says it holds the process's state.  A process that
 * has never used the FPU has none: its first floating-point instruction traps (#NM, CR0.TS
 * set) and fpu_nm_trap() gives it the state FNINIT leaves (all exceptions masked, MXCSR
 * 0x1F80).  Servers and drivers never use it, so they never pay for it.
 *
 * fpu_owner is the process whose state is in the FPU registers.  switch_to_user() calls
 * fpu_switch_to(p): if p is the owner, CR0.TS is cleared; if p has FPU state, the owner's
 * registers go to its area and p's are loaded (eager switching, FPU_EAGER below, chosen by
 * measurement); otherwise CR0.TS is set and p's first FPU instruction traps to
 * fpu_nm_trap(), which does the same.  handouts/kernel-calls.md, "Floating point".  There
 * is one CPU, so "the owner" is one variable.
 *
 * Entry points: fpu_init (boot), fpu_switch_to (fpu.h, for context.c; its slow path
 * fpu_switch_slow), fpu_nm_trap (exception.c),
 * fpu_proc_reset (exec, exit, a handler's fresh state), fpu_proc_copy (fork),
 * fpu_state_get / fpu_state_set (signal frames), fpu_proc_swap (live update).
 */
#include "../../kernel.h"
#include "../../proc.h"
#include "fpu.h"
#include "x86.h"

#define CR0_MP   0x00000002     /* WAIT honours TS */
#define CR0_EM   0x00000004     /* emulate the FPU: must be clear */
#define CR0_TS   0x00000008     /* task switched: the next FPU instruction traps (#NM) */
#define CR0_NE   0x00000020     /* x87 errors as #MF (vector 16), not IRQ 13 */
#define CR4_OSFXSR     0x00000200   /* FXSAVE/FXRSTOR and SSE enabled */
#define CR4_OSXMMEXCPT 0x00000400   /* unmasked SSE exceptions as #XM (vector 19) */
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE  (1u << 25)
#define MXCSR_OFFSET      24        /* in the FXSAVE area */
#define MXCSR_MASK_OFFSET 28

/*
 * FPU_EAGER 1: switch_to_user() loads an FPU user's state whenever it switches to it (no #NM
 * after the first use); 0: lazily, at its first FPU instruction after the switch (#NM).
 * `make bench` (guest instructions; base = the kernel without FPU support; lazy and eager
 * with fpu_switch_to() out of line, "final" = eager with its inline fast path):
 *                       base    lazy   eager   final
 *   getpid              2489    2525    2528    2513
 *   pipe_pingpong      38907   39248   39276   39136   (no FPU use)
 *   pipe_pingpong_fp       -   39648   39450   39398   (both processes use the FPU)
 * Eager saves the #NM trap on every switch between FPU users (-198 per round trip) and costs
 * 3 instructions elsewhere, so it is the default.  (The counts are instructions: FXSAVE and
 * FXRSTOR count one each although they take tens of cycles, as does the trap.)
 */
#ifndef FPU_EAGER
#define FPU_EAGER 1
#endif

struct fpu_area {
	uint8_t fx[FPU_AREA_SIZE];
} __attribute__((aligned(16)));

static struct fpu_area fpu_areas[NR_TASKS + NR_PROCS];
static struct fpu_area fpu_initial;     /* the state after FNINIT, for a first use */
struct proc *fpu_owner;                 /* whose state is in the registers (NULL: nobody's) */
int fpu_ts;                             /* CR0.TS as last written */
static uint32_t mxcsr_mask;             /* the MXCSR bits FXRSTOR accepts */
static const uint32_t mxcsr_default = 0x1F80;   /* every SSE exception masked */

static struct fpu_area *
area_of(struct proc *p)
{
	return &fpu_areas[p - proc_table];
}

static void
write_cr0(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr0" : : "r"(v) : "memory");
}

static void
set_ts(int on)
{
	if (on == fpu_ts)
		return;
	if (on)
		write_cr0(read_cr0() | CR0_TS);
	else
		__asm__ volatile("clts" : : : "memory");
	fpu_ts = on;
}

static void
fxsave(struct fpu_area *a)
{
	__asm__ volatile("fxsave %0" : "=m"(*a) : : "memory");
}

static void
fxrstor(const struct fpu_area *a)
{
	__asm__ volatile("fxrstor %0" : : "m"(*a) : "memory");
}

void
fpu_init(void)
{
	uint32_t eax = 1, ebx, ecx, edx;

	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
	if ((edx & (CPUID_FXSR | CPUID_SSE)) != (CPUID_FXSR | CPUID_SSE))
		panic("fpu_init: the CPU has no FXSAVE/SSE (cpuid edx 0x%08x)", edx);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	fpu_ts = 0;
	__asm__ volatile("fninit");
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr_default));
	memset(&fpu_initial, 0, sizeof(fpu_initial));
	fxsave(&fpu_initial);
	memcpy(&mxcsr_mask, &fpu_initial.fx[MXCSR_MASK_OFFSET], 4);
	if (mxcsr_mask == 0)
		mxcsr_mask = 0xFFBF;    /* the architectural default */
	set_ts(1);
}

/* Put the owner's registers in its area; nobody owns the FPU afterwards. */
static void
fpu_flush(void)
{
	if (fpu_owner == NULL)
		return;
	set_ts(0);
	fxsave(area_of(fpu_owner));
	fpu_owner = NULL;
}

/* Load p's state (its own, or the initial one) into the registers: p owns the FPU. */
static void
fpu_load(struct proc *p)
{
	set_ts(0);
	if (fpu_owner != NULL && fpu_owner != p)
		fxsave(area_of(fpu_owner));
	if (!(p->p_misc_flags & MF_FPU_USED)) {
		*area_of(p) = fpu_initial;
		p->p_misc_flags |= MF_FPU_USED;
	}
	fxrstor(area_of(p));
	fpu_owner = p;
}

void
fpu_switch_slow(struct proc *p)
{
	if (p == fpu_owner) {
		set_ts(0);
		return;
	}
	if (FPU_EAGER && (p->p_misc_flags & MF_FPU_USED)) {
		fpu_load(p);
		return;
	}
	set_ts(1);
}

int
fpu_nm_trap(struct proc *p)
{
	if (p == fpu_owner && !fpu_ts)
		return 0;               /* not ours: #NM with TS clear means EM, a bug */
	fpu_load(p);
	return 1;
}

void
fpu_proc_reset(struct proc *p)
{
	if (fpu_owner == p)
		fpu_owner = NULL;
	p->p_misc_flags &= ~MF_FPU_USED;
}

void
fpu_proc_copy(struct proc *child, struct proc *parent)
{
	fpu_proc_reset(child);
	if (!(parent->p_misc_flags & MF_FPU_USED))
		return;
	if (fpu_owner == parent)
		fpu_flush();
	*area_of(child) = *area_of(parent);
	child->p_misc_flags |= MF_FPU_USED;
}

int
fpu_state_get(struct proc *p, uint8_t *buf)
{
	if (!(p->p_misc_flags & MF_FPU_USED))
		return 0;
	if (fpu_owner == p)
		fpu_flush();
	memcpy(buf, area_of(p)->fx, FPU_AREA_SIZE);
	return 1;
}

void
fpu_state_set(struct proc *p, const uint8_t *buf)
{
	struct fpu_area *a = area_of(p);
	uint32_t mxcsr;

	if (fpu_owner == p)
		fpu_owner = NULL;       /* the registers hold a stale state now */
	memcpy(a->fx, buf, FPU_AREA_SIZE);
	memcpy(&mxcsr, &a->fx[MXCSR_OFFSET], 4);
	mxcsr &= mxcsr_mask;            /* a reserved bit set would make FXRSTOR fault */
	memcpy(&a->fx[MXCSR_OFFSET], &mxcsr, 4);
	p->p_misc_flags |= MF_FPU_USED;
}

void
fpu_proc_swap(struct proc *a, struct proc *b)
{
	struct fpu_area tmp;

	fpu_flush();
	tmp = *area_of(a);
	*area_of(a) = *area_of(b);
	*area_of(b) = tmp;
}
