/**
 * @file libexec.h
 * @brief ELF program loading, shared by the kernel (loading VM), VM (boot processes), RS and exec.
 *
 * The loader only parses and checks: the caller supplies two callbacks that do the memory
 * work in whatever address space is being built, so the same code serves the kernel (which
 * fills pages through its direct map) and user-space servers (which use kernel calls).
 */
#ifndef MINNOW_LIBEXEC_H
#define MINNOW_LIBEXEC_H

#include <stddef.h>
#include <stdint.h>

/** What libexec_load_elf() needs and returns. */
struct exec_info {
	const uint8_t *image;   /**< the whole ELF file, readable by the caller */
	size_t image_size;      /**< its size in bytes */
	void *opaque;           /**< for the callbacks */
	/** Make [va, va+len) present, zero-filled, writable or not; OK or a negated error. */
	int (*alloc_map)(struct exec_info *ei, uint32_t va, uint32_t len, int writable);
	/** Copy len bytes from src into the new image at va; OK or a negated error. */
	int (*copy_to)(struct exec_info *ei, uint32_t va, const void *src, uint32_t len);
	uint32_t entry;         /**< out: the entry point */
	uint32_t load_end;      /**< out: first address after the highest segment (the break) */
};

/**
 * Check the ELF image and load its PT_LOAD segments through the callbacks.
 * @return OK, -ENOEXEC for a malformed or foreign file, or a callback's error.
 */
int libexec_load_elf(struct exec_info *ei);

/**
 * Lay out a new program's initial stack (i386 System V): argc, argv[], NULL, envp[], NULL,
 * then the strings, for a stack whose top is at address @p top.  The image is written at
 * the end of @p buf (@p bufsize bytes); *@p sp gets the new stack pointer, and the image is
 * the top - *sp bytes ending at buf + bufsize (copy them to *sp in the new process).
 * @p envp may be NULL.  @return OK, or -E2BIG if the image does not fit in @p buf.
 */
int libexec_build_stack(char *const argv[], char *const envp[], uint32_t top,
			uint8_t *buf, size_t bufsize, uint32_t *sp);

/**
 * Split a boot module's string (path and arguments, separated by spaces) into words, in
 * place: @p argv gets up to @p max words and a NULL after them (so it needs max + 1 slots).
 * @return the number of words.
 */
int libexec_split_words(char *s, char *argv[], int max);

#endif /* MINNOW_LIBEXEC_H */
