/**
 * @file pci.c
 * @brief The PCI server's client (minnow/pci.h; handouts/pci.md, "Requests").
 *
 * pci_init() finds the server's endpoint under the DS label "pci" and greets it; every
 * other call is one SENDREC of a BUSC_PCI_* request with the fields of mess_pci, whose
 * answer carries the status in m_type.  Calls made before pci_init() (or after it failed)
 * answer as the server would for an unknown device: EINVAL, or no device.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/pci.h>
#include <minnow/syslib.h>

static endpoint_t pci_ep = NONE;

/* Send request type with the fields of *mp; the answer's fields back in *mp.  The status. */
static int
pci_call(int type, message *mp)
{
	int r;

	if (pci_ep == NONE)
		return -EINVAL;
	mp->m_type = type;
	if ((r = ipc_sendrec(pci_ep, mp)) != OK)
		return r;
	return mp->m_type;
}

/* A request about devind alone (and port): its status, the answer in *mp. */
static int
pci_dev_call(int type, int devind, int port, message *mp)
{
	memset(mp, 0, sizeof(*mp));
	mp->m_pci.devind = devind;
	mp->m_pci.port = port;
	return pci_call(type, mp);
}

int
pci_init(void)
{
	message m;
	int r;

	if ((r = ds_retrieve_label_endpt("pci", &pci_ep)) != OK) {
		pci_ep = NONE;
		return -ESRCH;
	}
	memset(&m, 0, sizeof(m));
	return pci_call(BUSC_PCI_INIT, &m);
}

/* FIRST_DEV or NEXT_DEV: 1 and the device, or 0. */
static int
walk(int type, int *devind, uint16_t *vid, uint16_t *did)
{
	message m;

	if (pci_dev_call(type, type == BUSC_PCI_NEXT_DEV ? *devind : 0, 0, &m) != OK)
		return 0;
	*devind = m.m_pci.devind;
	*vid = m.m_pci.vid;
	*did = m.m_pci.did;
	return 1;
}

int
pci_first_dev(int *devind, uint16_t *vid, uint16_t *did)
{
	return walk(BUSC_PCI_FIRST_DEV, devind, vid, did);
}

int
pci_next_dev(int *devind, uint16_t *vid, uint16_t *did)
{
	return walk(BUSC_PCI_NEXT_DEV, devind, vid, did);
}

int
pci_find_dev(uint8_t bus, uint8_t dev, uint8_t func, int *devind)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pci.bus = bus, m.m_pci.dev = dev, m.m_pci.func = func;
	if (pci_call(BUSC_PCI_FIND_DEV, &m) != OK)
		return 0;
	*devind = m.m_pci.devind;
	return 1;
}

void
pci_ids(int devind, uint16_t *vid, uint16_t *did)
{
	message m;

	if (pci_dev_call(BUSC_PCI_IDS, devind, 0, &m) != OK) {
		*vid = *did = 0xffff;
		return;
	}
	*vid = m.m_pci.vid;
	*did = m.m_pci.did;
}

int
pci_reserve_ok(int devind)
{
	message m;

	return pci_dev_call(BUSC_PCI_RESERVE, devind, 0, &m);
}

void
pci_reserve(int devind)
{
	int r;

	if ((r = pci_reserve_ok(devind)) != OK)
		panic("pci_reserve: device %d: %d", devind, r);
}

/* An ATTR read of width's type: the value, or ~0. */
static uint32_t
attr_read(int type, int devind, int port, uint32_t err)
{
	message m;

	if (pci_dev_call(type, devind, port, &m) != OK)
		return err;
	return m.m_pci.value;
}

uint8_t
pci_attr_r8(int devind, int port)
{
	return attr_read(BUSC_PCI_ATTR_R8, devind, port, 0xff);
}

uint16_t
pci_attr_r16(int devind, int port)
{
	return attr_read(BUSC_PCI_ATTR_R16, devind, port, 0xffff);
}

uint32_t
pci_attr_r32(int devind, int port)
{
	return attr_read(BUSC_PCI_ATTR_R32, devind, port, 0xffffffffu);
}

/* An ATTR write; an error is said on the console (the calls return nothing). */
static void
attr_write(int type, int devind, int port, uint32_t value)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_pci.devind = devind;
	m.m_pci.port = port;
	m.m_pci.value = value;
	if ((r = pci_call(type, &m)) != OK)
		printf("attr_write: device %d offset 0x%x: %d\n", devind, port, r);
}

void
pci_attr_w8(int devind, int port, uint8_t value)
{
	attr_write(BUSC_PCI_ATTR_W8, devind, port, value);
}

void
pci_attr_w16(int devind, int port, uint16_t value)
{
	attr_write(BUSC_PCI_ATTR_W16, devind, port, value);
}

void
pci_attr_w32(int devind, int port, uint32_t value)
{
	attr_write(BUSC_PCI_ATTR_W32, devind, port, value);
}

int
pci_get_bar(int devind, int port, uint32_t *base, uint32_t *size, int *ioflag)
{
	message m;
	int r;

	if ((r = pci_dev_call(BUSC_PCI_GET_BAR, devind, port, &m)) != OK)
		return r;
	*base = m.m_pci.base;
	*size = m.m_pci.size;
	*ioflag = m.m_pci.flags;
	return OK;
}

/* DEV_NAME_S or SLOT_NAME_S into buf. */
static int
name_call(int type, int devind, char *buf, size_t len)
{
	message m;
	int r;

	if (len == 0)
		return -EINVAL;
	memset(&m, 0, sizeof(m));
	m.m_pci.devind = devind;
	m.m_pci.len = len;
	if (pci_ep == NONE)
		return -EINVAL;
	if ((m.m_pci.grant = cpf_grant_direct(pci_ep, (vir_bytes)buf, len, CPF_WRITE)) < 0)
		return -ENOMEM;
	r = pci_call(type, &m);
	cpf_revoke(m.m_pci.grant);
	return r;
}

int
pci_dev_name(int devind, char *buf, size_t len)
{
	return name_call(BUSC_PCI_DEV_NAME_S, devind, buf, len);
}

int
pci_slot_name(int devind, char *buf, size_t len)
{
	return name_call(BUSC_PCI_SLOT_NAME_S, devind, buf, len);
}

int
pci_rescan_bus(uint8_t busnr)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pci.bus = busnr;
	return pci_call(BUSC_PCI_RESCAN, &m);
}

int
pci_set_acl(const struct rs_pci *acl)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_pci.len = sizeof(*acl);
	if (pci_ep == NONE)
		return -EINVAL;
	if ((m.m_pci.grant = cpf_grant_direct(pci_ep, (vir_bytes)acl, sizeof(*acl), CPF_READ)) < 0)
		return -ENOMEM;
	r = pci_call(BUSC_PCI_SET_ACL, &m);
	cpf_revoke(m.m_pci.grant);
	return r;
}

int
pci_del_acl(endpoint_t endpt)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pci.endpt = endpt;
	return pci_call(BUSC_PCI_DEL_ACL, &m);
}
