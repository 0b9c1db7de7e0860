/*
 * main.c - the hello driver's start (handouts/hello.md): libdriver's default SEF callbacks,
 * replaced by hello's own init and live-update callbacks (hello.c), ping answers for RS's heartbeats, SIGTERM
 * ends it; then libdriver's loop.  The crashing variant (variant_crash.c) panics right after
 * a successful init, before it serves anything.
 */
#include <minnow/syslib.h>
#include "hello.h"

int
main(void)
{
	driver_setcb_defaults(DRIVER_CHR);
	sef_setcb_init_fresh(hello_init_fresh);
	sef_setcb_init_lu(hello_init_lu);
	sef_setcb_init_restart(hello_init_restart);
	sef_setcb_lu_prepare(hello_lu_prepare);
	sef_setcb_lu_state_save(hello_lu_state_save);
	sef_setcb_ping_reply(sef_cb_ping_reply_pong);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	if (hello_variant == HELLO_CRASH)
		panic("main: hello_crash crashes on purpose after its init");
	driver_task(&hello_tab, NULL);
}
