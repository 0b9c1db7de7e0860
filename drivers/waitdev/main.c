/*
 * main.c - the waitdev driver's start (handouts/drivers.md, "A driver whose reads wait"):
 * libdriver's default SEF callbacks (a fresh start and a restart announce drv.chr.waitdev;
 * the restart also prints "waitdev: restarted"), waitdev's live-update prepare, ping
 * answers for RS's heartbeats, SIGTERM ends it; then libdriver's loop.
 */
#include <minnow/syslib.h>
#include "waitdev.h"

int
main(void)
{
	driver_setcb_defaults(DRIVER_CHR);
	sef_setcb_lu_prepare(waitdev_lu_prepare);
	sef_setcb_ping_reply(sef_cb_ping_reply_pong);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	driver_task(&waitdev_tab, NULL);
}
