/**
 * @file pci.h
 * @brief The PCI server's protocol (BUSC_PCI_*) and its libsys client (handouts/pci.md).
 *
 * The PCI server (drivers/pci, label "pci") enumerates every bus with configuration
 * mechanism #1 (ports 0xCF8/0xCFC) and is the gatekeeper of the devices: a driver sees, and
 * may reserve, only the devices its access control list (ACL) names.  RS sets a service's
 * ACL from its system.conf `pci device VID:DID` and `pci class CC[SS[II]]` lines when the
 * service starts (BUSC_PCI_SET_ACL) and deletes it when the service goes away
 * (BUSC_PCI_DEL_ACL); only RS may do either (EPERM).  A caller without an ACL (RS itself)
 * sees every device, and may reserve none (EPERM).  Reserving a device (BUSC_PCI_RESERVE) is what gives the driver the
 * device's I/O ports, memory ranges and IRQ line in the kernel (sys_privctl
 * SYS_PRIV_ADD_IO / ADD_MEM / ADD_IRQ); before that, sys_devio on the card's ports is EPERM.
 *
 * Devices are named by an index (@c devind) the server gives them in enumeration order.
 * Every driver's request is a SENDREC; the reply's m_type is OK or a negated error, with the
 * fields of mess_pci.  RS sends SET_ACL and DEL_ACL asynchronously (SENDA) and the server
 * answers them the same way, so RS never waits on it; each carries a sequence number
 * (m_pci.value) that orders them, whatever order the kernel delivers them in.
 *
 * The errors: EINVAL (index out of range, bad attribute offset or width, bad BAR register),
 * EPERM (the device is not visible through the caller's ACL; an ACL
 * request not from RS), EBUSY (reserved by another driver), ENOMEM (the ACL table is
 * full), ENODEV (FIRST_DEV / NEXT_DEV: no more devices), ENOSYS (unknown request).
 *
 * The server also serves the character device /dev/pci (major PCI_MAJOR): reading it gives
 * one struct pci_info per device, every device regardless of ACLs, for lspci.
 *
 * Numbers: requests from BUSC_RQ_BASE (include/minnow/com.h); replies carry the status in
 * m_type, so BUSC_RS_BASE is unused.
 */
#ifndef MINNOW_PCI_H
#define MINNOW_PCI_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>

/* ---- requests (drivers, RS -> pci) ---------------------------------------------------- */
#define BUSC_PCI_INIT           (BUSC_RQ_BASE + 0)      /**< hello: OK */
#define BUSC_PCI_FIRST_DEV      (BUSC_RQ_BASE + 1)      /**< first visible device: devind, vid, did */
#define BUSC_PCI_NEXT_DEV       (BUSC_RQ_BASE + 2)      /**< the visible device after devind */
#define BUSC_PCI_FIND_DEV       (BUSC_RQ_BASE + 3)      /**< bus, dev, func -> devind */
#define BUSC_PCI_IDS            (BUSC_RQ_BASE + 4)      /**< devind -> vid, did, sub ids, class, irq */
#define BUSC_PCI_RESERVE        (BUSC_RQ_BASE + 7)      /**< reserve devind for the caller */
#define BUSC_PCI_ATTR_R8        (BUSC_RQ_BASE + 8)      /**< config read: devind, port -> value */
#define BUSC_PCI_ATTR_R16       (BUSC_RQ_BASE + 9)      /**< config read, 16 bits */
#define BUSC_PCI_ATTR_R32       (BUSC_RQ_BASE + 10)     /**< config read, 32 bits */
#define BUSC_PCI_ATTR_W8        (BUSC_RQ_BASE + 11)     /**< config write: devind, port, value */
#define BUSC_PCI_ATTR_W16       (BUSC_RQ_BASE + 12)     /**< config write, 16 bits */
#define BUSC_PCI_ATTR_W32       (BUSC_RQ_BASE + 13)     /**< config write, 32 bits */
#define BUSC_PCI_RESCAN         (BUSC_RQ_BASE + 14)     /**< enumerate bus value again */
#define BUSC_PCI_DEV_NAME_S     (BUSC_RQ_BASE + 15)     /**< devind's name into grant, len */
#define BUSC_PCI_SLOT_NAME_S    (BUSC_RQ_BASE + 16)     /**< "bus.dev.func" into grant, len */
#define BUSC_PCI_SET_ACL        (BUSC_RQ_BASE + 17)     /**< RS: struct rs_pci at grant */
#define BUSC_PCI_DEL_ACL        (BUSC_RQ_BASE + 18)     /**< RS: drop endpt's ACL and reservations */
#define BUSC_PCI_GET_BAR        (BUSC_RQ_BASE + 19)     /**< devind, port (0x10..0x24) -> base, size, flags */
/** Is @p t a PCI server request? */
#define IS_BUSC_RQ(t)   ((t) >= BUSC_RQ_BASE && (t) <= BUSC_PCI_GET_BAR)

/** GET_BAR reply flag: an I/O-port BAR (else memory). */
#define PCI_BAR_IO      0x01
/** GET_BAR reply, /dev/pci flag: a 64-bit memory BAR (the next register is its upper half). */
#define PCI_BAR_64      0x02
/** SET_ACL flag: a new instance of the service (a start or a restart): what its endpoint and
 *  its label's previous endpoint reserved is released (and the cards stopped) first. */
#define PCI_ACL_NEW     0x01
/** Command register bits (/dev/pci's command, lspci -v's Control line): I/O decoding. */
#define PCI_CMD_IO_EN   0x0001
/** Memory decoding. */
#define PCI_CMD_MEM_EN  0x0002
/** Bus master: the card may start DMA. */
#define PCI_CMD_MASTER_EN 0x0004
/** /dev/pci's major device number (tools/mfs/rootfs.devices). */
#define PCI_MAJOR       20

/** Fields of every BUSC_PCI_* request and reply. */
typedef struct {
	int devind;             /**< device index */
	uint16_t vid;           /**< vendor id */
	uint16_t did;           /**< device id */
	uint16_t sub_vid;       /**< subsystem vendor id (IDS reply) */
	uint16_t sub_did;       /**< subsystem device id (IDS reply) */
	uint8_t bus;            /**< bus: FIND_DEV request, IDS reply; RESCAN: the bus */
	uint8_t dev;            /**< device (slot): FIND_DEV request, IDS reply */
	uint8_t func;           /**< function: FIND_DEV request, IDS reply */
	uint8_t rev;            /**< revision (IDS reply) */
	uint8_t baseclass;      /**< class code: base class (IDS reply) */
	uint8_t subclass;       /**< class code: subclass (IDS reply) */
	uint8_t infclass;       /**< class code: programming interface (IDS reply) */
	uint8_t irq;            /**< IRQ line register (IDS reply) */
	int port;               /**< ATTR_*: config-space offset; GET_BAR: the BAR register */
	uint32_t value;         /**< ATTR_*: the value read or to write; SET_ACL, DEL_ACL: RS's
				     sequence number (the answer repeats it) */
	uint32_t base;          /**< GET_BAR reply: the BAR's base */
	uint32_t size;          /**< GET_BAR reply: its size */
	int flags;              /**< GET_BAR reply: PCI_BAR_IO; SET_ACL: PCI_ACL_NEW */
	cp_grant_id_t grant;    /**< DEV_NAME_S, SLOT_NAME_S, SET_ACL: the caller's buffer */
	int len;                /**< its size in bytes */
	endpoint_t endpt;       /**< DEL_ACL: whose ACL; SET_ACL, DEL_ACL answer: whose it was */
} mess_pci;
_Static_assert(sizeof(mess_pci) <= 56, "layout size");

/** Device ids an ACL may name. */
#define RS_NR_PCI_DEVICE        32
/** Class patterns an ACL may name. */
#define RS_NR_PCI_CLASS         4

/** A service's ACL, as RS sends it with BUSC_PCI_SET_ACL (system.conf's pci lines). */
struct rs_pci {
	char label[16];                 /**< the service's label */
	endpoint_t endpoint;            /**< its endpoint */
	int nr_device;                  /**< entries used in device[] */
	/** The `pci device` lines' ids. */
	struct {
		uint16_t vid;           /**< `pci device VID:DID`: the vendor */
		uint16_t did;           /**< the device */
		uint16_t sub_vid;       /**< `VID:DID/SVID:SDID`: the subsystem vendor; 0: any */
		uint16_t sub_did;       /**< the subsystem device; 0 (with sub_vid 0): any */
	} device[RS_NR_PCI_DEVICE];
	int nr_class;                   /**< entries used in class[] */
	/** The `pci class` lines' patterns. */
	struct {
		uint32_t pciclass;      /**< class code: base << 16 | sub << 8 | interface */
		uint32_t mask;          /**< which bits of it must match */
	} class[RS_NR_PCI_CLASS];
};

/** One device as /dev/pci lists it (for lspci). */
struct pci_info {
	uint8_t bus;                    /**< bus number */
	uint8_t dev;                    /**< device (slot) */
	uint8_t func;                   /**< function */
	uint8_t rev;                    /**< revision */
	uint16_t vid;                   /**< vendor id */
	uint16_t did;                   /**< device id */
	uint16_t sub_vid;               /**< subsystem vendor id (0 for a bridge) */
	uint16_t sub_did;               /**< subsystem device id */
	uint8_t baseclass;              /**< class code: base class */
	uint8_t subclass;               /**< class code: subclass */
	uint8_t infclass;               /**< class code: programming interface */
	uint8_t irq;                    /**< IRQ line; 0xff: none */
	endpoint_t owner;               /**< the driver that reserved it, or NONE */
	/** The BARs, by register (0x10 + 4 * index). */
	struct {
		uint32_t base;          /**< the base port or physical address */
		uint32_t size;          /**< its size; 0: no BAR here */
		int flags;              /**< PCI_BAR_IO, PCI_BAR_64 */
	} bar[6];
	char name[48];                  /**< the server's name for the device */
	uint16_t command;               /**< the command register, read when /dev/pci is read */
	uint16_t pad;                   /**< unused (keeps the record a multiple of 4) */
};

/* ---- the libsys client (lib/libsys/pci.c); the server's endpoint comes from DS ------------ */
/** Find the PCI server (DS label "pci") and greet it: OK, or ESRCH if it does not run. */
int pci_init(void);
/** The first device visible to the caller: 1 and @p devind, @p vid, @p did; 0 if none. */
int pci_first_dev(int *devind, uint16_t *vid, uint16_t *did);
/** The visible device after *devind: 1 and the next one's index and ids, or 0 if none. */
int pci_next_dev(int *devind, uint16_t *vid, uint16_t *did);
/** The index of the device at bus/dev/func: 1 and @p devind, or 0. */
int pci_find_dev(uint8_t bus, uint8_t dev, uint8_t func, int *devind);
/** The device's vendor and device ids (0xffff each on an error). */
void pci_ids(int devind, uint16_t *vid, uint16_t *did);
/** Reserve the device for the caller; panics on an error (use pci_reserve_ok to handle it). */
void pci_reserve(int devind);
/** Reserve the device: OK, EINVAL, EPERM (not visible) or EBUSY (another driver's). */
int pci_reserve_ok(int devind);
/** Configuration-space read of the byte at @p port (0xff on an error). */
uint8_t pci_attr_r8(int devind, int port);
/** Read of the 16 bits at @p port, a multiple of 2 (0xffff on an error). */
uint16_t pci_attr_r16(int devind, int port);
/** Read of the 32 bits at @p port, a multiple of 4 (0xffffffff on an error). */
uint32_t pci_attr_r32(int devind, int port);
/** Configuration-space write of a byte (a reserved device only: the owner's; an error is
 *  said on the console). */
void pci_attr_w8(int devind, int port, uint8_t value);
/** Write of 16 bits (as pci_attr_w8()). */
void pci_attr_w16(int devind, int port, uint16_t value);
/** Write of 32 bits (as pci_attr_w8()). */
void pci_attr_w32(int devind, int port, uint32_t value);
/** The BAR at config offset @p port (0x10..0x24): OK and base, size, PCI_BAR_IO in *ioflag;
 *  EINVAL if there is no BAR there. */
int pci_get_bar(int devind, int port, uint32_t *base, uint32_t *size, int *ioflag);
/** The device's name ("Intel 82540EM Gigabit Ethernet"), NUL-terminated in buf: OK or error. */
int pci_dev_name(int devind, char *buf, size_t len);
/** Its slot, "bus.dev.func": OK or an error. */
int pci_slot_name(int devind, char *buf, size_t len);
/** Enumerate bus @p busnr again: OK or an error. */
int pci_rescan_bus(uint8_t busnr);
/** SET_ACL of @p acl by SENDREC (OK, EPERM, ENOMEM): RS itself sends it asynchronously
 *  (servers/rs/pci.c); anyone else is answered EPERM. */
int pci_set_acl(const struct rs_pci *acl);
/** DEL_ACL of endpt by SENDREC: as pci_set_acl(), RS only. */
int pci_del_acl(endpoint_t endpt);

#endif /* MINNOW_PCI_H */
