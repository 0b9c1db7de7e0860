/*
 * variant_failinit.c - which RS program this build is: /service/rs_failinit, whose
 * live-update init fails after it took the state (EIO; for the rollback tests of
 * `service update ... -label rs`: the old RS goes on).
 */
#include <stdio.h>
#include <minnow/errno.h>
#include "proto.h"

/* The live-update init's last word: EIO, on purpose. */
int
rs_variant_lu_init(void)
{
	printf("rs: rs_failinit: failing the live-update init on purpose\n");
	return -EIO;
}
