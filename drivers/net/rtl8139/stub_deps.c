/* THROWAWAY build stand-in for libnetdriver until h27-e1000 is merged; deleted before the
 * final commit. */
#include <minnow/errno.h>
#include <minnow/netdriver.h>
#include <minnow/syslib.h>
void netdriver_task(const struct netdriver *ndp) { (void)ndp; panic("stub"); }
int netdriver_copyin(struct netdriver_data *d, size_t o, void *p, size_t s) { (void)d,(void)o,(void)p,(void)s; return -ENOSYS; }
int netdriver_copyout(struct netdriver_data *d, size_t o, const void *p, size_t s) { (void)d,(void)o,(void)p,(void)s; return -ENOSYS; }
void netdriver_send(void) {}
void netdriver_recv(void) {}
