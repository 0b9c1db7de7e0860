/**
 * @file assert.h
 * @brief assert(): stop the program when a condition it relies on is false.
 *
 * A failed assertion prints "assertion failed: <expression>, file <f>, line <n>, function
 * <g>" on stderr and calls abort().  Defining NDEBUG before including this header turns
 * every assert() into nothing (the expression is not evaluated).  As in C, the header may
 * be included again after changing NDEBUG.
 */
#undef assert

#ifdef NDEBUG
/** Check that @p e is true (compiled out: NDEBUG is defined). */
#define assert(e) ((void)0)
#else
/** Check that @p e is true; if not, report where and abort(). */
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _POSIX_ASSERT_H
#define _POSIX_ASSERT_H
/** assert()'s failure path: print the expression and where it is, then abort(). */
void __assert_fail(const char *expr, const char *file, int line, const char *func)
	__attribute__((noreturn));
#endif
