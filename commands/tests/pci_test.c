/*
 * pci_test.c - /test/pci_test: the PCI server's gatekeeper seen from a driver
 * (handouts/pci.md; grader/tests/pci.py).
 *
 * A service started from the shell with `service up /test/pci_test -label L -config
 * /test/system.tests -args ROLE`; the entries pcitest1 and pcitest2 of commands/tests/
 * system.conf give it DEVIO, ipc with pci and ds, and the ACL `pci device 10ec:8139` (the
 * RTL8139 the grader's QEMU has, which no driver of the system takes).
 *
 * ROLE first:
 *   pcitest_init          pci_init() finds "pci" in DS and the server greets it
 *   pcitest_only_acl      FIRST_DEV gives the RTL8139, NEXT_DEV after it ENODEV
 *   pcitest_ids           IDS: the ids FIRST_DEV gave, class 02/00
 *   pcitest_attr_vid      ATTR_R16 at 0 and 2 and ATTR_R32 at 0 give the vendor and device
 *   pcitest_attr_bad      ATTR_R16 at offset 1, ATTR_R32 at 0xfe, a negative offset: EINVAL
 *   pcitest_write_unowned ATTR_W8 before reserving: EPERM
 *   pcitest_range         RESERVE of index -1 and 10000: EINVAL
 *   pcitest_not_visible   RESERVE, IDS, ATTR_R16 of a device the ACL does not name: EPERM;
 *                         FIND_DEV of 00:00.0 (the host bridge): EPERM
 *   pcitest_bar           GET_BAR 0x10: an I/O BAR; a line "pcitest bar BUS:DEV.FUNC
 *                         BAR0 io BASE SIZE" the grader compares with lspci -v
 *   pcitest_bar_bad       GET_BAR 0x11, 0x28: EINVAL
 *   pcitest_devio_before  sys_inb on the BAR's first port before RESERVE: EPERM
 *   pcitest_reserve       RESERVE: OK (again: OK, it is ours)
 *   pcitest_devio_after   sys_inb on the same port: OK
 *   pcitest_write_owned   ATTR_W8 of the IRQ line register with its own value: OK
 *   pcitest_acl_not_rs    SET_ACL and DEL_ACL from this service: EPERM
 *   pcitest_unknown       types BUSC_RQ_BASE + 5 and + 0x40: ENOSYS
 *   pcitest_names         DEV_NAME_S names a Realtek device; SLOT_NAME_S "bus.dev.func"
 * then "DONE pci_test N passed, M failed" and it idles, holding the device, until
 * `service down`.
 *
 * ROLE second (same ACL, started while first holds the card):
 *   pcitest_busy          RESERVE: EBUSY; then the line "pcitest second: waiting"
 *   pcitest_after_down    RESERVE again every 200 ms: OK within 30 s (after the grader's
 *                         `service down` of first, RS's DEL_ACL released it); then the line
 *                         "pcitest second: waiting for a new pci"
 *   pcitest_acl_restart   once the PCI server has restarted (the grader's `service refresh
 *                         pci`; its restart count in RS's table grew), within 30 s: RS has
 *                         sent the new server this service's ACL (FIRST_DEV gives the
 *                         RTL8139 and nothing after it, not the host bridge a caller without
 *                         an ACL sees first), the new server took our reservation back from
 *                         DS (ATTR_W8 as owner is OK), and RESERVE is OK again
 * then "DONE pci_test_second N passed, M failed" and it idles.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pci.h>
#include <minnow/sef.h>
#include <minnow/rs.h>
#include <minnow/syslib.h>
#include <minnow/sysinfo.h>
#include "testlib.h"

static int devind = -1;
static uint16_t vid, did;

/* A raw BUSC request (devind, port, value): the server's status; *out the reply. */
static int
raw(int type, int dev, int port, uint32_t value, message *out)
{
	message m;
	endpoint_t ep;
	int r;

	if ((r = ds_retrieve_label_endpt("pci", &ep)) != OK)
		return r;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_pci.devind = dev;
	m.m_pci.port = port;
	m.m_pci.value = value;
	if ((r = ipc_sendrec(ep, &m)) != OK)
		return r;
	if (out != NULL)
		*out = m;
	return m.m_type;
}

static void
case_visible(void)
{
	int next;
	uint16_t v2, d2;
	message m;

	memset(&m, 0, sizeof(m));
	test_expect("pcitest_init", pci_init(), OK);
	if (!pci_first_dev(&devind, &vid, &did)) {
		test_fail("pcitest_only_acl", "FIRST_DEV found no device");
		return;
	}
	next = devind;
	test_check("pcitest_only_acl", vid == 0x10ec && did == 0x8139 &&
		   !pci_next_dev(&next, &v2, &d2), "first %04x:%04x, a next one: %s",
		   vid, did, next != devind ? "yes" : "no");
	test_check("pcitest_ids", raw(BUSC_PCI_IDS, devind, 0, 0, &m) == OK &&
		   m.m_pci.vid == vid && m.m_pci.did == did && m.m_pci.baseclass == 2 &&
		   m.m_pci.subclass == 0, "IDS %04x:%04x class %02x/%02x", m.m_pci.vid,
		   m.m_pci.did, m.m_pci.baseclass, m.m_pci.subclass);
	test_check("pcitest_attr_vid", pci_attr_r16(devind, 0) == vid &&
		   pci_attr_r16(devind, 2) == did &&
		   pci_attr_r32(devind, 0) == ((uint32_t)did << 16 | vid),
		   "r16(0) %04x r16(2) %04x r32(0) %08x", pci_attr_r16(devind, 0),
		   pci_attr_r16(devind, 2), (unsigned)pci_attr_r32(devind, 0));
	test_check("pcitest_attr_bad", raw(BUSC_PCI_ATTR_R16, devind, 1, 0, NULL) == -EINVAL &&
		   raw(BUSC_PCI_ATTR_R32, devind, 0xfe, 0, NULL) == -EINVAL &&
		   raw(BUSC_PCI_ATTR_R8, devind, -1, 0, NULL) == -EINVAL &&
		   raw(BUSC_PCI_ATTR_R8, devind, 0x100, 0, NULL) == -EINVAL, "a bad offset passed");
	test_expect("pcitest_write_unowned", raw(BUSC_PCI_ATTR_W8, devind, 0x3c,
						 pci_attr_r8(devind, 0x3c), NULL), -EPERM);
	test_check("pcitest_range", pci_reserve_ok(-1) == -EINVAL &&
		   pci_reserve_ok(10000) == -EINVAL, "reserve -1: %s, 10000: %s",
		   test_errname(pci_reserve_ok(-1)), test_errname(pci_reserve_ok(10000)));
}

static void
case_not_visible(void)
{
	int other = devind == 0 ? 1 : 0;
	message m;

	memset(&m, 0, sizeof(m));
	test_check("pcitest_not_visible", pci_reserve_ok(other) == -EPERM &&
		   raw(BUSC_PCI_IDS, other, 0, 0, NULL) == -EPERM &&
		   raw(BUSC_PCI_ATTR_R16, other, 0, 0, NULL) == -EPERM &&
		   !pci_find_dev(0, 0, 0, &other), "device %d: reserve %s", other,
		   test_errname(pci_reserve_ok(other)));
}

/* GET_BAR, sys_devio before and after RESERVE. */
static void
case_reserve(void)
{
	uint32_t base = 0, size = 0, v;
	int flags = 0, r;
	message m;

	memset(&m, 0, sizeof(m));
	r = pci_get_bar(devind, 0x10, &base, &size, &flags);
	raw(BUSC_PCI_IDS, devind, 0, 0, &m);
	if (test_check("pcitest_bar", r == OK && (flags & PCI_BAR_IO) && size >= 4,
		       "GET_BAR 0x10: %s flags %d size %u", test_errname(r), flags, (unsigned)size))
		printf("pcitest bar %02x:%02x.%x BAR0 io %x %x\n", m.m_pci.bus, m.m_pci.dev,
		       m.m_pci.func, (unsigned)base, (unsigned)size);
	test_check("pcitest_bar_bad", pci_get_bar(devind, 0x11, &v, &v, &flags) == -EINVAL &&
		   pci_get_bar(devind, 0x28, &v, &v, &flags) == -EINVAL, "a bad BAR passed");
	test_expect("pcitest_devio_before", sys_inb(base, &v), -EPERM);
	r = pci_reserve_ok(devind);
	test_check("pcitest_reserve", r == OK && pci_reserve_ok(devind) == OK, "RESERVE: %s",
		   test_errname(r));
	test_expect("pcitest_devio_after", sys_inb(base, &v), OK);
	test_expect("pcitest_write_owned", raw(BUSC_PCI_ATTR_W8, devind, 0x3c,
					       pci_attr_r8(devind, 0x3c), NULL), OK);
}

static void
case_misc(void)
{
	static struct rs_pci acl;
	char name[48] = "", slot[16] = "", want[16];
	message m;

	memset(&m, 0, sizeof(m));
	strlcpy(acl.label, "pcitest1", sizeof(acl.label));
	test_check("pcitest_acl_not_rs", pci_set_acl(&acl) == -EPERM &&
		   pci_del_acl(sef_self()) == -EPERM, "SET_ACL: %s",
		   test_errname(pci_set_acl(&acl)));
	test_check("pcitest_unknown", raw(BUSC_RQ_BASE + 5, devind, 0, 0, NULL) == -ENOSYS &&
		   raw(BUSC_RQ_BASE + 0x40, devind, 0, 0, NULL) == -ENOSYS, "not ENOSYS");
	raw(BUSC_PCI_IDS, devind, 0, 0, &m);
	snprintf(want, sizeof(want), "%u.%u.%u", m.m_pci.bus, m.m_pci.dev, m.m_pci.func);
	test_check("pcitest_names", pci_dev_name(devind, name, sizeof(name)) == OK &&
		   strncmp(name, "Realtek", 7) == 0 &&
		   pci_slot_name(devind, slot, sizeof(slot)) == OK && strcmp(slot, want) == 0,
		   "name '%s', slot '%s' (want %s)", name, slot, want);
}

/* Sleep about ms milliseconds (an alarm; SEF handles RS's signals meanwhile). */
static void
nap(unsigned ms)
{
	uint32_t hz = 100;
	message m;
	int status;

	sys_gethz(&hz);
	sys_setalarm(hz * ms / 1000 + 1, 0, NULL);
	while (sef_receive_status(ANY, &m, &status) == OK)
		if (IPC_STATUS_CALL(status) == NOTIFY && m.m_source == CLOCK)
			return;
}

/* Is the device, by FIRST_DEV and NEXT_DEV, the RTL8139 and nothing else? */
static int
only_rtl(void *arg)
{
	int next;
	uint16_t v, d, v2, d2;

	(void)arg;
	if (!pci_first_dev(&devind, &v, &d))
		return 0;
	next = devind;
	return v == 0x10ec && d == 0x8139 && !pci_next_dev(&next, &v2, &d2);
}

/* The PCI server's restart count in RS's table, or -1 while it does not run. */
static int
pci_restarts(void)
{
	static struct rs_svcinfo rows[64];
	int n, i;

	if ((n = getsysinfo_rs(rows, sizeof(rows), NULL)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].label, "pci") == 0 && (rows[i].flags & RSI_ACTIVE))
			return (int)rows[i].restarts;
	return -1;
}

/* Does the server know us as the owner (a config write is ours to make)? */
static int
still_owner(void)
{
	return raw(BUSC_PCI_ATTR_W8, devind, 0x3c, pci_attr_r8(devind, 0x3c), NULL) == OK;
}

/* pcitest_acl_restart: wait for a new PCI server (the restart keeps its endpoint: it is
 * known by its restart count, which was `before`), then see what it shows us.  In the
 * moment between its init and RS's SET_ACL we have no ACL there and see every device, so
 * the ACL is looked for during 5 s; without RS's SET_ACL, FIRST_DEV keeps giving the host
 * bridge. */
static void
after_restart(int before)
{
	int i, fresh = 0, only = 0, kept;

	for (i = 0; i < 150 && !(fresh = pci_restarts() > before); i++)
		nap(200);
	for (i = 0; i < 25 && fresh && !(only = only_rtl(NULL)); i++)
		nap(200);
	kept = still_owner();
	test_check("pcitest_acl_restart", fresh && only && kept && pci_reserve_ok(devind) == OK,
		   "a new server: %s; only the RTL8139: %s; our reservation kept: %s; reserve %s",
		   fresh ? "yes" : "no", only ? "yes" : "no", kept ? "yes" : "no",
		   test_errname(pci_reserve_ok(devind)));
}

static void
second(void)
{
	int i, r = -EBUSY;
	uint16_t v, d;

	test_set_program("pci_test_second");
	if (pci_init() != OK || !pci_first_dev(&devind, &v, &d)) {
		test_fail("pcitest_busy", "no device");
		return;
	}
	test_expect("pcitest_busy", pci_reserve_ok(devind), -EBUSY);
	printf("pcitest second: waiting\n");
	for (i = 0; i < 150 && (r = pci_reserve_ok(devind)) == -EBUSY; i++)
		nap(200);
	test_expect("pcitest_after_down", r, OK);
	i = pci_restarts();
	printf("pcitest second: waiting for a new pci\n");
	after_restart(i);
}

int
main(int argc, char **argv)
{
	message m;
	int status;

	argc = test_init("pci_test", argc, argv);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	if (argc > 1 && strcmp(argv[1], "second") == 0) {
		second();
	} else {
		case_visible();
		case_not_visible();
		if (devind >= 0)
			case_reserve();
		case_misc();
	}
	test_done();
	for (;;)
		sef_receive_status(ANY, &m, &status);	/* until service down (SIGTERM) */
}
