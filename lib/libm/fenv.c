/*
 * fenv.c - the floating-point environment (<fenv.h>) over the x87 FPU, and the functions
 * that round by its mode: rint, nearbyint.
 *
 * The rounding mode is the control word's RC field (bits 10-11, the FE_* values); the
 * exception flags are the status word's low bits (FE_* too), cleared with FNCLEX or by
 * rewriting the environment (FNSTENV / FLDENV: there is no instruction that clears
 * one flag).  User code is x87-only (compiled for the i686), so the SSE MXCSR is left
 * alone.  Entry points: the C99 functions of fenv.h, rint, nearbyint.
 */
#include <fenv.h>
#include <math.h>

/* FNINIT's environment: every exception masked, 64-bit precision, round to nearest. */
const fenv_t __fe_dfl_env = { .__control = 0x037f, .__status = 0,
			      .__rest = { 0xffff, 0, 0, 0, 0 } };

static unsigned short
control_word(void)
{
	unsigned short cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

static unsigned short
status_word(void)
{
	unsigned short sw;

	__asm__ volatile("fnstsw %0" : "=am"(sw));
	return sw;
}

int
fegetenv(fenv_t *envp)
{
	/* FNSTENV masks every exception as a side effect: put the control word back. */
	__asm__ volatile("fnstenv %0; fldcw %0" : "=m"(*envp));
	return 0;
}

int
fesetenv(const fenv_t *envp)
{
	__asm__ volatile("fldenv %0" : : "m"(*envp));
	return 0;
}

/* Replace the flags in excepts by those of bits: through the stored environment. */
static void
set_flags(int excepts, unsigned short bits)
{
	fenv_t env;

	fegetenv(&env);
	env.__status = (unsigned short)((env.__status & ~(excepts & FE_ALL_EXCEPT)) |
					(bits & excepts & FE_ALL_EXCEPT));
	fesetenv(&env);
}

int
feclearexcept(int excepts)
{
	set_flags(excepts, 0);
	return 0;
}

int
fetestexcept(int excepts)
{
	return status_word() & excepts & FE_ALL_EXCEPT;
}

int
fegetexceptflag(fexcept_t *flagp, int excepts)
{
	*flagp = (fexcept_t)fetestexcept(excepts);
	return 0;
}

int
fesetexceptflag(const fexcept_t *flagp, int excepts)
{
	set_flags(excepts, *flagp);
	return 0;
}

/* Raise by setting the flags and letting FWAIT deliver what is unmasked (the x87 reports
 * a pending unmasked exception at the next waiting instruction). */
int
feraiseexcept(int excepts)
{
	set_flags(excepts, (unsigned short)excepts);
	__asm__ volatile("fwait");
	return 0;
}

int
fegetround(void)
{
	return control_word() & 0xc00;
}

int
fesetround(int round)
{
	unsigned short cw;

	if (round & ~0xc00)
		return 1;
	cw = (unsigned short)((control_word() & ~0xc00) | round);
	__asm__ volatile("fldcw %0" : : "m"(cw));
	return 0;
}

int
feholdexcept(fenv_t *envp)
{
	fenv_t env;

	fegetenv(envp);
	env = *envp;
	env.__control |= FE_ALL_EXCEPT | 0x02;	/* mask all, the denormal one too */
	env.__status &= (unsigned short)~0x80ff;	/* flags, error summary, busy */
	fesetenv(&env);
	return 0;
}

int
feupdateenv(const fenv_t *envp)
{
	int raised = fetestexcept(FE_ALL_EXCEPT);

	fesetenv(envp);
	return feraiseexcept(raised);
}

double
rint(double x)
{
	double r;

	__asm__("frndint" : "=t"(r) : "0"(x));
	return r;
}

/* rint without the inexact flag: the flags are put back as they were. */
double
nearbyint(double x)
{
	fexcept_t saved;
	double r;

	fegetexceptflag(&saved, FE_INEXACT);
	r = rint(x);
	fesetexceptflag(&saved, FE_INEXACT);
	return r;
}
