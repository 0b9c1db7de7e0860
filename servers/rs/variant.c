/*
 * variant.c - which RS program this build is: RS itself (the boot module and
 * /service/rs).  The rollback tests' RS programs have their own variant_*.c.
 */
#include <minnow/errno.h>
#include "proto.h"

/* The live-update init's last word: OK. */
int
rs_variant_lu_init(void)
{
	return OK;
}
