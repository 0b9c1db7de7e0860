/**
 * @file fenv.h
 * @brief The floating-point environment (lib/libm/fenv.c): the rounding mode and the
 * exception flags of the x87 FPU, which is all user programs compute with (they are
 * compiled for the i686, without SSE).
 *
 * The environment is per process (the kernel saves and restores the FPU state at each
 * switch, and a signal handler starts with a fresh one: handouts/kernel-calls.md,
 * "Floating point").  Every exception starts masked, so a flag is only recorded (no
 * SIGFPE); feenableexcept-style unmasking is not implemented.
 */
#ifndef _FENV_H
#define _FENV_H

/** The saved environment: the x87's 28-byte FNSTENV image. */
typedef struct {
	unsigned short __control;       /**< control word (masks, precision, rounding) */
	unsigned short __pad0;          /**< (unused half of the word) */
	unsigned short __status;        /**< status word (the sticky exception flags) */
	unsigned short __pad1;          /**< (unused half of the word) */
	unsigned int __rest[5];         /**< tag word, last instruction and operand */
} fenv_t;
/** A saved set of exception flags. */
typedef unsigned short fexcept_t;

#define FE_INVALID      0x01    /**< an invalid operation (sqrt(-1) by the FPU, 0/0) */
#define FE_DIVBYZERO    0x04    /**< division by zero */
#define FE_OVERFLOW     0x08    /**< a result too large */
#define FE_UNDERFLOW    0x10    /**< a result too small */
#define FE_INEXACT      0x20    /**< a rounded result */
/** Every exception flag. */
#define FE_ALL_EXCEPT   (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

#define FE_TONEAREST    0x000   /**< round to nearest, ties to even (the default) */
#define FE_DOWNWARD     0x400   /**< round toward -infinity */
#define FE_UPWARD       0x800   /**< round toward +infinity */
#define FE_TOWARDZERO   0xc00   /**< round toward zero */

/** The environment a program starts with (lib/libm/fenv.c). */
extern const fenv_t __fe_dfl_env;
/** The default environment, for fesetenv and feupdateenv. */
#define FE_DFL_ENV      (&__fe_dfl_env)

/** Clear the flags in @p excepts: 0. */
int feclearexcept(int excepts);
/** Store the flags in @p excepts that are set in *@p flagp: 0. */
int fegetexceptflag(fexcept_t *flagp, int excepts);
/** Raise the exceptions in @p excepts (by operations that raise them): 0. */
int feraiseexcept(int excepts);
/** Set the flags in @p excepts to their state in *@p flagp (no trap): 0. */
int fesetexceptflag(const fexcept_t *flagp, int excepts);
/** Which of the flags in @p excepts are set. */
int fetestexcept(int excepts);
/** The rounding mode (FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO). */
int fegetround(void);
/** Set the rounding mode @p round: 0, or nonzero if it is not one of the four. */
int fesetround(int round);
/** Store the environment in *@p envp: 0. */
int fegetenv(fenv_t *envp);
/** Store the environment in *@p envp, clear the flags and mask every exception: 0. */
int feholdexcept(fenv_t *envp);
/** Install the environment *@p envp (from fegetenv, feholdexcept or FE_DFL_ENV): 0. */
int fesetenv(const fenv_t *envp);
/** Install *@p envp, then raise the exceptions that were flagged before: 0. */
int feupdateenv(const fenv_t *envp);

#endif /* _FENV_H */
