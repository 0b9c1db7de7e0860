/*
 * variant.c - which hello program this build is: the driver itself,
 * build/drivers/hello/hello.
 */
#include "hello.h"

const enum hello_variant hello_variant = HELLO_NORMAL;
