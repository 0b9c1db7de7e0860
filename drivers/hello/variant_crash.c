/*
 * variant_crash.c - which hello program this build is: hello_crash, which panics right
 * after a successful init (for RS's rollback tests).
 */
#include "hello.h"

const enum hello_variant hello_variant = HELLO_CRASH;
