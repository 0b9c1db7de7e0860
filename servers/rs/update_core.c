/*
 * update_core.c - what is different when the service updated is VM itself (minnow/rs.h;
 * handouts/rs.md, "Updating RS and VM"), and the privilege copy RS's own update shares.
 *
 * update.c runs a live update of VM like any other (prepare, swap, SEF_INIT_LU, rollback)
 * with these differences:
 *   - the new VM is `/service/vm lu` (`self`, or the path given, with the argument "lu"
 *     that tells its main() not to boot, then the request's -args), with VM's own
 *     privileges copied from the kernel and RS as its signal manager until it commits
 *     (update_vm_create);
 *   - before the prepare, the old VM makes the new process fit to be VM (vm_makevm:
 *     VM_RS_MAKEVM), since once swapped in it cannot page-fault: nobody else would serve
 *     it; and RS's own pages are all faulted in (vm_pin: VM_RS_PIN; the fork of the new VM
 *     left them copy-on-write), since a fault of RS's while VM sends it the prepare answer
 *     would leave each waiting for the other;
 *   - the swap is RS's own sys_update (update_swap): VM cannot swap its own page tables
 *     through its own VM_RS_UPDATE, and the new VM finishes the job in its init
 *     (servers/vm/lu.c: it copies the old VM's data and bss and swaps its records);
 *   - the commit comes with the init's answer (update.c), not after a ping: the new VM's
 *     tables move on with the first fault it serves, and the old VM's could not be taken
 *     back; then the new VM becomes its own signal manager (update_vm_commit).
 * PM and VFS stay EPERM as boot services (update.c, target()).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/endpoint.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define VM_PROGRAM      "/service/vm"   /* `service update self -label vm` */

int
update_is_vm(const struct rproc *rp)
{
	return rp->r_pub->endpoint == VM_PROC_NR;
}

int
rs_copy_privileges(endpoint_t from, endpoint_t to, endpoint_t sig_mgr)
{
	struct priv_spec ps;
	struct priv_info pi;
	int r;

	if ((r = sys_getpriv(from, &pi, sizeof(pi))) != OK)
		return r;
	memset(&ps, 0, sizeof(ps));
	ps.ps_flags = pi.pv_flags;
	ps.ps_trap_mask = pi.pv_trap_mask;
	ps.ps_k_call_mask[0] = pi.pv_k_call_mask[0];
	ps.ps_k_call_mask[1] = pi.pv_k_call_mask[1];
	ps.ps_sig_mgr = sig_mgr;
	ps.ps_ipc_all = 1;
	return sys_privctl(to, SYS_PRIV_SET_SYS, &ps);
}

/* The new VM's arguments: "lu", then those of the request (args, without a leading "lu"). */
static void
vm_args(char *args, size_t size)
{
	char given[RS_ARGS_LEN];
	const char *g = args;

	if (strncmp(g, "lu", 2) == 0 && (g[2] == '\0' || g[2] == ' '))
		g += 2;
	while (*g == ' ')
		g++;
	strlcpy(given, g, sizeof(given));
	snprintf(args, size, given[0] != '\0' ? "lu %s" : "lu", given);
}

int
update_vm_create(struct rproc *tmp)
{
	endpoint_t ep;
	int pid, r;

	if (tmp->r_start.path[0] == '\0')
		strlcpy(tmp->r_start.path, VM_PROGRAM, sizeof(tmp->r_start.path));
	vm_args(tmp->r_start.args, sizeof(tmp->r_start.args));
	if ((r = rs_spawn(tmp->r_start.path, tmp->r_start.args, &ep, &pid)) != OK)
		return r;
	if ((r = rs_copy_privileges(VM_PROC_NR, ep, rs_self)) != OK ||
	    (r = vm_makevm(ep)) != OK || (r = vm_pin()) != OK) {
		pm_srv_kill(ep);
		return r;
	}
	tmp->r_pub->endpoint = ep;
	tmp->r_pid = pid;
	return OK;
}

int
update_swap(endpoint_t old, endpoint_t new)
{
	if (old == VM_PROC_NR || new == VM_PROC_NR)
		return sys_update(old, new);	/* VM cannot do it for itself */
	return vm_update(old, new);
}

void
update_vm_commit(void)
{
	endpoint_t self = VM_PROC_NR;
	int r;

	if ((r = sys_privctl(VM_PROC_NR, SYS_PRIV_SET_SIGMGR, &self)) != OK)
		printf("rs: the new VM cannot be its own signal manager: %s\n", rs_errname(r));
}
