/*
 * pci.h - the PCI server's private state and functions, by file (drivers/pci).
 *
 * The device table (enumerate.c) holds every function found on every bus, in
 * enumeration order: a device's index in it is the devind of the protocol (minnow/pci.h).
 * The ACL table (acl.c) holds what RS published for each service.
 */
#ifndef PCI_PRIV_H
#define PCI_PRIV_H

#include <stdint.h>
#include <minnow/ipc.h>
#include <minnow/pci.h>

#define NR_PCIDEV       64      /* devices the table holds */
#define NR_PCIBUS       32      /* buses enumerated (0 and those behind bridges) */
#define NR_ACL          32      /* services with an ACL */
#define NR_BAR          6       /* BARs of a type-0 header */

/* config-space offsets of the type-0 and type-1 headers */
#define PCI_VID         0x00
#define PCI_DID         0x02
#define PCI_CMD         0x04
#define PCI_REV         0x08
#define PCI_CLASS       0x09    /* interface 0x09, subclass 0x0a, base class 0x0b */
#define PCI_HEADT       0x0e
#define PCI_BAR0        0x10
#define PCI_SUBVID      0x2c
#define PCI_SUBDID      0x2e
#define PCI_ILR         0x3c    /* the IRQ line register */
#define PPB_SECBUS      0x19    /* a bridge's secondary bus */
#define PCI_CFG_SIZE    0x100   /* configuration space of one function */

/** One device (function) in the server's table. */
struct pcidev {
	struct pci_info info;   /**< ids, class, BARs, IRQ, owner, name: /dev/pci's record */
	int bar_64[NR_BAR];     /**< the BAR is the low half of a 64-bit memory BAR */
};

extern struct pcidev pcidev[NR_PCIDEV];
extern int nr_pcidev;

/* pci.c-wide: the configuration-space accessors (enumerate.c) */
uint32_t pcicfg_read(int bus, int dev, int func, int port, int width);
void pcicfg_write(int bus, int dev, int func, int port, int width, uint32_t value);

/* enumerate.c */
int pci_enumerate(void);
int pci_rescan(int bus);

/* names.c */
const char *pci_vendor_name(uint16_t vid);
void pci_name_device(struct pci_info *pi);
const char *pci_class_name(uint8_t baseclass, uint8_t subclass);

/* acl.c */
int acl_visible(endpoint_t who, int devind);
int acl_has(endpoint_t who);
int do_set_acl(message *m);
int do_del_acl(message *m);
void acl_release(endpoint_t who);

/* reserve.c */
int do_reserve(message *m);
void pci_release_dev(int devind);

/* saved.c: the owners in DS, for a restart */
void pci_save_owners(void);
void pci_recover_owners(void);
int pci_owner_alive(endpoint_t who);

/* attr.c */
int do_attr(message *m);
int do_get_bar(message *m);

/* table.c */
int pci_dispatch(message *m, int status);
int pci_dev_ok(endpoint_t who, int devind);

/* devices.c: the BUSC_PCI_* requests about the device table; /dev/pci */
int do_init(message *m);
int do_first_dev(message *m);
int do_next_dev(message *m);
int do_find_dev(message *m);
int do_ids(message *m);
int do_rescan(message *m);
int do_dev_name(message *m);
int do_slot_name(message *m);
extern const struct chardriver pci_cdev;

#endif
