/*
 * head.S - the kernel's first instructions (unpaged, linked low).
 *
 * A multiboot loader (GRUB, or QEMU's -kernel) finds the multiboot header below in the first
 * 8 KiB of the image, loads the ELF segments at their physical addresses and jumps to
 * multiboot_entry with paging off, EAX = 0x2BADB002 and EBX = the multiboot information.
 *
 * This file is part of the kernel's *unpaged* half: it is linked at its physical address
 * (1 MiB) and, after linking it into unpaged.o, the build renames every symbol it defines or
 * uses with the prefix __k_unpaged_ (objcopy --prefix-symbols).  So a reference to a high
 * kernel symbol such as kmain cannot resolve by accident: only the bridges that the linker
 * script names explicitly (high_entry, kinfo, ...) exist.
 *
 * The sequence:
 *   1. switch to a small low stack and call pre_init(magic, mbi), which records the boot
 *      information in kinfo and returns the physical address of the bootstrap page directory;
 *   2. load CR3, turn on 4 MiB pages (CR4.PSE) and paging (CR0.PG), then jump to
 *      high_entry, which lives at 0xF01xxxxx and runs kmain on the high boot stack.
 */
#include <minnow/multiboot.h>
#include "mmu.h"

	.section .multiboot, "a"
	.align 4
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

	.text
	.globl multiboot_entry
multiboot_entry:
	cli
	cld
	movl	$early_stack_top, %esp
	xorl	%ebp, %ebp		/* the backtrace stops here */
	pushl	%ebx			/* struct multiboot_info * (physical) */
	pushl	%eax			/* the loader's magic */
	call	pre_init		/* -> %eax = bootstrap page directory (physical) */
	addl	$8, %esp

	/* LAB(boot) BEGIN: turn on paging with the bootstrap page directory, jump high */
	movl	%eax, %cr3
	movl	%cr4, %ecx
	orl	$CR4_PSE, %ecx		/* PDEs with PS set map 4 MiB */
	movl	%ecx, %cr4
	movl	%cr0, %ecx
	orl	$(CR0_PG | CR0_WP), %ecx
	movl	%ecx, %cr0		/* paging is on: we run through the identity map */
	movl	$high_entry, %eax	/* an absolute address above 0xF0000000 */
	jmp	*%eax
	/* LAB(boot) STUB */
	//~ call	lab_boot_jump_missing
	/* LAB(boot) END */

	.bss
	.align 16
early_stack:
	.space	4096
early_stack_top:
