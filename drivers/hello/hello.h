/*
 * hello.h - what the files of the hello driver share (drivers/hello; handouts/hello.md).
 *
 * hello.c is the device and its SEF callbacks; main.c starts it; variant*.c say, at build
 * time, which of the three programs this is: the driver, one whose every init fails, or one
 * that crashes right after a successful init (the last two exist for RS's rollback tests).
 */
#ifndef HELLO_H
#define HELLO_H

#include <stdint.h>
#include <minnow/driver.h>
#include <minnow/sef.h>

/** The only minor: /dev/hello. */
#define HELLO_MINOR     0

/** Which program was built (variant.c, variant_failinit.c, variant_crash.c). */
enum hello_variant { HELLO_NORMAL, HELLO_FAILINIT, HELLO_CRASH };
extern const enum hello_variant hello_variant;

/** The driver's state: what a live update hands over and a restart starts again. */
struct hello_state {
	uint32_t open_count;    /**< the successful opens this state has seen */
	uint32_t open_now;      /**< descriptors open now (opens minus closes) */
};
extern struct hello_state hello_state;

/** The character driver's entry points. */
extern const struct chardriver hello_tab;

/* SEF init callbacks (hello.c). */
int hello_init_fresh(int type, sef_init_info_t *info);
int hello_init_lu(int type, sef_init_info_t *info);
int hello_init_restart(int type, sef_init_info_t *info);
/* Live update, old version: save the state (the count, the open descriptors and libdriver's
 * open-minor table) in DS for the new version.  OK or a negated DS error. */
int hello_state_save(void);
/* SEF live-update callbacks of the old version: is hello in the state RS asked for (OK or
 * ENOTREADY)?  Save the state (hello_state_save). */
int hello_lu_prepare(int state);
int hello_lu_state_save(int state);

#endif /* HELLO_H */
