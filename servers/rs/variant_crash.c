/*
 * variant_crash.c - which RS program this build is: /service/rs_crash, which dies in its
 * live-update init (a write to address 0; for the rollback tests of `service update ...
 * -label rs`: PM ends it, the old RS goes on).
 */
#include <stdio.h>
#include "proto.h"

/* The live-update init's last word: a page fault, on purpose. */
int
rs_variant_lu_init(void)
{
	printf("rs: rs_crash: crashing in the live-update init on purpose\n");
	*(volatile int *)0 = 1;
	return 0;
}
