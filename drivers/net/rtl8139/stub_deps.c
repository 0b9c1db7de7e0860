/* THROWAWAY build stand-in for libnetdriver and the libsys PCI client until h27-e1000 and
 * h27-pci are merged; deleted before the final commit. */
#include <minnow/errno.h>
#include <minnow/netdriver.h>
#include <minnow/pci.h>
#include <minnow/syslib.h>
void netdriver_task(const struct netdriver *ndp) { (void)ndp; panic("stub"); }
int netdriver_copyin(struct netdriver_data *d, size_t o, void *p, size_t s) { (void)d,(void)o,(void)p,(void)s; return -ENOSYS; }
int netdriver_copyout(struct netdriver_data *d, size_t o, const void *p, size_t s) { (void)d,(void)o,(void)p,(void)s; return -ENOSYS; }
void netdriver_send(void) {}
void netdriver_recv(void) {}
int pci_init(void) { return -ESRCH; }
int pci_first_dev(int *a, uint16_t *b, uint16_t *c) { (void)a,(void)b,(void)c; return 0; }
int pci_next_dev(int *a, uint16_t *b, uint16_t *c) { (void)a,(void)b,(void)c; return 0; }
int pci_reserve_ok(int d) { (void)d; return -EPERM; }
uint8_t pci_attr_r8(int d, int p) { (void)d,(void)p; return 0xff; }
uint16_t pci_attr_r16(int d, int p) { (void)d,(void)p; return 0xffff; }
void pci_attr_w16(int d, int p, uint16_t v) { (void)d,(void)p,(void)v; }
int pci_get_bar(int d, int p, uint32_t *b, uint32_t *s, int *i) { (void)d,(void)p,(void)b,(void)s,(void)i; return -EINVAL; }
