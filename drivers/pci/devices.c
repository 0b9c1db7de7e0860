/*
 * devices.c - the requests about the device table (handouts/pci.md, "Requests") and the
 * character device /dev/pci.
 *
 * BUSC_PCI_INIT (hello), FIRST_DEV / NEXT_DEV (walk the devices visible through the
 * caller's ACL: devind, vid, did; ENODEV past the last), FIND_DEV (bus/dev/func -> devind),
 * IDS (every id of a device), DEV_NAME_S / SLOT_NAME_S (a string into the caller's grant,
 * truncated to len and NUL-terminated) and RESCAN (walk a bus again; new devices get new
 * indexes, the old ones keep theirs).
 *
 * /dev/pci (major PCI_MAJOR): a read at position pos gives the bytes of the array of every
 * device's struct pci_info from pos on (a short count at the end, 0 past it), whatever the
 * reader's ACL: lspci shows the machine.  Each record's command is the device's command
 * register read at that moment (bus master, decoding: lspci -v's Control line).  Writes are EIO (libdriver's default).
 *
 * Entry points: do_init() ... do_slot_name(), pci_cdev.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/driver.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "pci.h"

int
do_init(message *m)
{
	(void)m;
	return OK;
}

/* The first device at or after devind visible to who: OK with its ids in m, or ENODEV. */
static int
visible_from(message *m, endpoint_t who, int devind)
{
	for (; devind < nr_pcidev; devind++)
		if (acl_visible(who, devind)) {
			m->m_pci.devind = devind;
			m->m_pci.vid = pcidev[devind].info.vid;
			m->m_pci.did = pcidev[devind].info.did;
			return OK;
		}
	return -ENODEV;
}

int
do_first_dev(message *m)
{
	return visible_from(m, m->m_source, 0);
}

int
do_next_dev(message *m)
{
	if (m->m_pci.devind < 0 || m->m_pci.devind >= nr_pcidev)
		return -EINVAL;
	return visible_from(m, m->m_source, m->m_pci.devind + 1);
}

int
do_find_dev(message *m)
{
	for (int i = 0; i < nr_pcidev; i++) {
		const struct pci_info *pi = &pcidev[i].info;

		if (pi->bus != m->m_pci.bus || pi->dev != m->m_pci.dev || pi->func != m->m_pci.func)
			continue;
		if (!acl_visible(m->m_source, i))
			return -EPERM;
		m->m_pci.devind = i;
		return OK;
	}
	return -ENODEV;
}

int
do_ids(message *m)
{
	const struct pci_info *pi;
	int r;

	if ((r = pci_dev_ok(m->m_source, m->m_pci.devind)) != OK)
		return r;
	pi = &pcidev[m->m_pci.devind].info;
	m->m_pci.vid = pi->vid, m->m_pci.did = pi->did;
	m->m_pci.sub_vid = pi->sub_vid, m->m_pci.sub_did = pi->sub_did;
	m->m_pci.bus = pi->bus, m->m_pci.dev = pi->dev, m->m_pci.func = pi->func;
	m->m_pci.rev = pi->rev;
	m->m_pci.baseclass = pi->baseclass, m->m_pci.subclass = pi->subclass;
	m->m_pci.infclass = pi->infclass;
	m->m_pci.irq = pi->irq;
	return OK;
}

int
do_rescan(message *m)
{
	return pci_rescan(m->m_pci.bus);
}

/* Copy string s into the caller's grant (m_pci.grant, m_pci.len bytes), NUL-terminated. */
static int
reply_string(const message *m, const char *s)
{
	size_t n = strlen(s) + 1;

	if (m->m_pci.len <= 0)
		return -EINVAL;
	if (n > (size_t)m->m_pci.len)
		n = m->m_pci.len;
	if (sys_safecopyto(m->m_source, m->m_pci.grant, 0, (vir_bytes)s, n - 1) != OK ||
	    sys_safecopyto(m->m_source, m->m_pci.grant, n - 1, (vir_bytes)"", 1) != OK)
		return -EFAULT;
	return OK;
}

int
do_dev_name(message *m)
{
	int r;

	if ((r = pci_dev_ok(m->m_source, m->m_pci.devind)) != OK)
		return r;
	return reply_string(m, pcidev[m->m_pci.devind].info.name);
}

int
do_slot_name(message *m)
{
	const struct pci_info *pi;
	char slot[16];
	int r;

	if ((r = pci_dev_ok(m->m_source, m->m_pci.devind)) != OK)
		return r;
	pi = &pcidev[m->m_pci.devind].info;
	snprintf(slot, sizeof(slot), "%u.%u.%u", pi->bus, pi->dev, pi->func);
	return reply_string(m, slot);
}

/* /dev/pci: the records of every device, from byte pos. */
static int
pci_read(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant, size_t size,
	 int flags, cdev_id_t id)
{
	static struct pci_info all[NR_PCIDEV];
	size_t total = nr_pcidev * sizeof(all[0]);
	int i, r;

	(void)minor, (void)flags, (void)id;
	if (pos >= total)
		return 0;
	for (i = 0; i < nr_pcidev; i++) {
		all[i] = pcidev[i].info;
		all[i].command = pcicfg_read(all[i].bus, all[i].dev, all[i].func, PCI_CMD, 2);
	}
	if (size > total - pos)
		size = total - pos;
	if ((r = sys_safecopyto(endpt, grant, 0, (vir_bytes)((char *)all + pos), size)) != OK)
		return r;
	return size;
}

static int
pci_open(devminor_t minor, int access, endpoint_t user)
{
	(void)access, (void)user;
	return minor == 0 ? OK : -ENXIO;
}

const struct chardriver pci_cdev = {
	.cdr_open = pci_open,
	.cdr_read = pci_read,
};
