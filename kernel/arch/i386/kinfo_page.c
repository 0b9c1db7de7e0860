/*
 * kinfo_page.c - filling the kernel information page and enabling sysenter.
 *
 * The page itself is in usermapped.S; pt_new() maps it at KERNINFO_ADDR (read-only, user)
 * in every address space.  If the CPU supports sysenter (CPUID leaf 1, EDX bit 11), its
 * MSRs are programmed: code selector SEL_KCODE (SS follows from
 * the GDT order), the kernel stack, and sysenter_entry; the page then offers both
 * trampolines and libsys picks one.
 */
#include <minnow/kerninfo.h>
#include "../../kernel.h"
#include "mmu.h"
#include "x86.h"

extern char usermapped_start[], usermapped_ipc_int[], usermapped_ipc_sysenter[];
extern char boot_stack_top[];
extern void sysenter_entry(void);

#define MSR_SYSENTER_CS  0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176
#define CPUID_EDX_SEP    (1u << 11)

static void
wrmsr(uint32_t msr, uint32_t lo)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"(lo), "d"(0));
}

static int
cpu_has_sysenter(void)
{
	uint32_t a = 1, b, c, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return (d & CPUID_EDX_SEP) != 0;
}

/* Where a symbol of the page appears in user space. */
static uint32_t
user_addr(const char *sym)
{
	return KERNINFO_ADDR + (uint32_t)(sym - usermapped_start);
}

/* Physical address of the page, for pt_new(). */
uint32_t
kinfo_page_phys(void)
{
	return KV2P(usermapped_start);
}

void
kinfo_page_init(void)
{
	struct minnow_kerninfo *ki = (struct minnow_kerninfo *)usermapped_start;

	ki->ki_magic = KERNINFO_MAGIC;
	ki->ki_hz = clock_hz;
	ki->ki_ipc_int = user_addr(usermapped_ipc_int);
	if (cpu_has_sysenter() && !bootparam_flag("no_sysenter")) {
		wrmsr(MSR_SYSENTER_CS, SEL_KCODE);
		wrmsr(MSR_SYSENTER_ESP, (uint32_t)boot_stack_top);
		wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
		ki->ki_flags |= KIF_SYSENTER;
		ki->ki_ipc_sysenter = user_addr(usermapped_ipc_sysenter);
	}
	kprintf("kerninfo: page at 0x%08x, IPC by int $33%s\n", KERNINFO_ADDR,
		(ki->ki_flags & KIF_SYSENTER) ? " or sysenter" : "");
}

/* Tell processes that a VM server exists (boot.c, once VM is loaded). */
void
kinfo_page_set_flag(uint32_t flag)
{
	((struct minnow_kerninfo *)usermapped_start)->ki_flags |= flag;
}
