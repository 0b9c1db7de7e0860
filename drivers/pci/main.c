/*
 * main.c - the PCI server's start and loop (handouts/pci.md).
 *
 * The fresh init enumerates the buses (enumerate.c) and announces /dev/pci to VFS
 * (libdriver's driver_announce: "drv.chr.pci"); a restart does the same and takes the
 * reservations of the instance that died back from DS (saved.c); the ACLs come again from
 * RS, which sends every running service's when the server's init answered.  Then the
 * shared server loop (srv_loop, minnow/srv.h): a notification -- known by the IPC status
 * word -- is ignored; every other message goes to the call table (table.c) and is answered
 * with the result in m_type and the out fields of mess_pci.
 */
#include <stdio.h>
#include <minnow/driver.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "pci.h"

static int
pci_init_fresh(int type, sef_init_info_t *info)
{
	int r;

	(void)type, (void)info;
	if ((r = pci_enumerate()) != OK)
		return r;
	return driver_announce(DRIVER_CHR);
}

static int
pci_init_restart(int type, sef_init_info_t *info)
{
	int r;

	if ((r = pci_init_fresh(type, info)) != OK)
		return r;
	pci_recover_owners();	/* saved.c */
	return OK;
}

static const struct srv_ops pci_ops = {
	.name = "pci",
	.dispatch = pci_dispatch,
};

int
main(void)
{
	sef_setcb_init_fresh(pci_init_fresh);
	sef_setcb_init_restart(pci_init_restart);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&pci_ops));
}
