/**
 * @file setjmp.h
 * @brief Non-local jumps: setjmp()/longjmp(), and sigsetjmp()/siglongjmp(), which also
 * save and restore the signal mask when asked.
 *
 * A jmp_buf holds the registers the i386 calling convention preserves (EBX, ESI, EDI,
 * EBP), the stack pointer and the return address (lib/libc/setjmp.S).  setjmp() does not
 * save the signal mask and longjmp() does not restore it (as _setjmp/_longjmp): a longjmp
 * out of a signal handler leaves that signal blocked; use sigsetjmp(env, 1) and
 * siglongjmp() to have the mask of the sigsetjmp() call back.
 */
#ifndef _POSIX_SETJMP_H
#define _POSIX_SETJMP_H

#include <signal.h>

/** The saved registers (EBX, ESI, EDI, EBP, ESP, EIP), then a flag "the mask was saved"
 *  and the mask (the two words of a sigset_t). */
typedef int jmp_buf[6 + 1 + 2];
/** The same layout as jmp_buf. */
typedef int sigjmp_buf[6 + 1 + 2];

/** Save the calling environment in @p env, the signal mask included (sigsetjmp(env, 1),
 *  as in BSD and MINIX; POSIX leaves it open): 0 now, and the value given to longjmp()
 *  when it comes back here. */
int setjmp(jmp_buf env) __attribute__((returns_twice));
/** Go back to the setjmp() that filled @p env, with its signal mask, which then returns
 *  @p val (1 if @p val is 0).  The function that called setjmp() must not have returned. */
void longjmp(jmp_buf env, int val) __attribute__((noreturn));
/** setjmp() without the mask (no call to PM: the cheap one). */
int _setjmp(jmp_buf env) __attribute__((returns_twice));
/** longjmp() that restores no mask. */
void _longjmp(jmp_buf env, int val) __attribute__((noreturn));
/** setjmp() that also saves the signal mask in @p env when @p savemask is non-zero. */
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
/** longjmp() to a sigsetjmp(); the signal mask it saved, if it did, is set again first. */
void siglongjmp(sigjmp_buf env, int val) __attribute__((noreturn));

#endif /* _POSIX_SETJMP_H */
