/*
 * variant_failinit.c - which hello program this build is: hello_failinit, whose every
 * init fails (EIO; for RS's rollback tests).
 */
#include "hello.h"

const enum hello_variant hello_variant = HELLO_FAILINIT;
