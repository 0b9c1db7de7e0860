/*
 * do_getinfo.c - SYS_GETINFO: copy a piece of kernel information to the caller.
 *
 * Message fields (mess_sys_getinfo; GET_WHOAMI answers in mess_sys_whoami):
 *   request   GET_KINFO (struct kinfo), GET_PROCTAB (struct proc_info for every slot,
 *             kernel tasks first), GET_PROC (the struct proc_info of endpt), GET_KMESS (the
 *             diagnostics buffer, oldest first), GET_CMDLINE (the kernel command line),
 *             GET_HZ and GET_UPTIME (answered in val_len), GET_WHOAMI (the caller's endpoint,
 *             name and privilege flags, in the reply message itself)
 *             GET_PRIV (struct priv_info: the flags, masks, IPC mask pv_ipc_to, resources)
 *   endpt     GET_PROC, GET_PRIV: whose (EINVAL if not a live process)
 *   val_ptr   where to copy the answer, in the caller
 *   val_len   the caller's buffer size: EINVAL if the answer does not fit (GET_KMESS and
 *             GET_CMDLINE copy what fits); out: bytes copied
 * Errors: EINVAL (unknown request, bad endpoint, buffer too small), EFAULT (bad buffer).
 */
#include <minnow/errno.h>
#include <minnow/kinfo.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"

/* struct proc_info hands out the RTS_, MF_ and priv flag bits as they are: their public names
 * (minnow/kcall.h, PI_*) must be the same numbers. */
_Static_assert(PI_RTS_SLOT_FREE == RTS_SLOT_FREE && PI_RTS_PROC_STOP == RTS_PROC_STOP &&
	       PI_RTS_SENDING == RTS_SENDING && PI_RTS_RECEIVING == RTS_RECEIVING &&
	       PI_RTS_SIGNALED == RTS_SIGNALED && PI_RTS_SIG_PENDING == RTS_SIG_PENDING &&
	       PI_RTS_P_STOP == RTS_P_STOP && PI_RTS_NO_PRIV == RTS_NO_PRIV &&
	       PI_RTS_NO_ENDPOINT == RTS_NO_ENDPOINT && PI_RTS_VMINHIBIT == RTS_VMINHIBIT &&
	       PI_RTS_PAGEFAULT == RTS_PAGEFAULT && PI_RTS_VMREQUEST == RTS_VMREQUEST &&
	       PI_RTS_BOOTINHIBIT == RTS_BOOTINHIBIT && PI_MF_REPLY_PEND == MF_REPLY_PEND &&
	       PI_SYS_PROC == SYS_PROC && PI_IPC_WORDS == PRIV_WORDS,
	       "do_getinfo: the PI_ flags of minnow/kcall.h differ from the kernel's");

static void
fill_proc_info(const struct proc *p, struct proc_info *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->pi_slot = p->p_nr;
	pi->pi_endpoint = RTS_ISSET(p, RTS_SLOT_FREE) ? NONE : p->p_endpoint;
	if (pi->pi_endpoint == NONE)
		return;
	pi->pi_rts_flags = p->p_rts_flags;
	pi->pi_misc_flags = p->p_misc_flags;
	pi->pi_priority = p->p_priority;
	pi->pi_privflags = p->p_priv != NULL ? (int)p->p_priv->s_flags : 0;
	pi->pi_getfrom = RTS_ISSET(p, RTS_RECEIVING) ? p->p_getfrom_e : NONE;
	pi->pi_sendto = RTS_ISSET(p, RTS_SENDING) ? p->p_sendto_e : NONE;
	pi->pi_delivermsg = RTS_ISSET(p, RTS_RECEIVING) ? p->p_delivermsg_vir : 0;
	pi->pi_user_ticks = p->p_user_ticks;
	memcpy(pi->pi_name, p->p_name, PROC_NAME_LEN);
	pi->pi_ipc_fast = p->p_ipc_fast;
}

/* Copy len bytes of kernel data to the caller's buffer; the answer must fit. */
static int
reply_data(struct proc *caller, message *m, const void *data, size_t len)
{
	if (m->m_sys_getinfo.val_len < 0 || (size_t)m->m_sys_getinfo.val_len < len)
		return -EINVAL;
	if (vm_copy(NULL, (uint32_t)data, caller, m->m_sys_getinfo.val_ptr, len) != OK)
		return -EFAULT;
	m->m_sys_getinfo.val_len = (int)len;
	return OK;
}

static int
get_proctab(struct proc *caller, message *m)
{
	struct proc_info pi;
	vir_bytes dst = m->m_sys_getinfo.val_ptr;
	int i, n = NR_TASKS + NR_PROCS;

	if (m->m_sys_getinfo.val_len < n * (int)sizeof(pi))
		return -EINVAL;
	for (i = 0; i < n; i++, dst += sizeof(pi)) {
		fill_proc_info(&proc_table[i], &pi);
		if (vm_copy(NULL, (uint32_t)&pi, caller, dst, sizeof(pi)) != OK)
			return -EFAULT;
	}
	m->m_sys_getinfo.val_len = n * (int)sizeof(pi);
	return OK;
}

static int
get_priv(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_getinfo.endpt);
	struct priv_info pv;
	struct priv *pr;

	if (p == NULL || (pr = priv(p)) == NULL)
		return -EINVAL;
	memset(&pv, 0, sizeof(pv));
	pv.pv_id = pr->s_id;
	pv.pv_flags = pr->s_flags;
	pv.pv_trap_mask = pr->s_trap_mask;
	pv.pv_k_call_mask[0] = pr->s_k_call_mask[0];
	pv.pv_k_call_mask[1] = pr->s_k_call_mask[1];
	pv.pv_sig_mgr = pr->s_sig_mgr;
	pv.pv_nr_io_range = pr->s_nr_io_range;
	pv.pv_nr_mem_range = pr->s_nr_mem_range;
	pv.pv_nr_irq = pr->s_nr_irq;
	pv.pv_grant_table = pr->s_grant_table;
	pv.pv_grant_entries = pr->s_grant_entries;
	memcpy(pv.pv_ipc_to, pr->s_ipc_to, sizeof(pv.pv_ipc_to));
	return reply_data(caller, m, &pv, sizeof(pv));
}

static int
get_whoami(struct proc *caller, message *m)
{
	memset(&m->m_sys_whoami, 0, sizeof(m->m_sys_whoami));
	m->m_sys_whoami.endpt = caller->p_endpoint;
	m->m_sys_whoami.privflags = (int)priv(caller)->s_flags;
	memcpy(m->m_sys_whoami.name, caller->p_name, PROC_NAME_LEN);
	return OK;
}

static int
get_text(struct proc *caller, message *m, const char *text, size_t len)
{
	if (m->m_sys_getinfo.val_len <= 0)
		return -EINVAL;
	if ((size_t)m->m_sys_getinfo.val_len < len)
		len = (size_t)m->m_sys_getinfo.val_len;
	return reply_data(caller, m, text, len);
}

static int
get_kmess(struct proc *caller, message *m)
{
	static char buf[KMESS_BUF_SIZE];

	return get_text(caller, m, buf, kmess_read(buf, sizeof(buf)));
}

int
do_getinfo(struct proc *caller, message *m)
{
	struct proc_info pi;
	struct proc *p;

	switch (m->m_sys_getinfo.request) {
	case GET_KINFO:
		return reply_data(caller, m, &kinfo, sizeof(kinfo));
	case GET_PROCTAB:
		return get_proctab(caller, m);
	case GET_PROC:
		if ((p = endpoint_proc(m->m_sys_getinfo.endpt)) == NULL)
			return -EINVAL;
		fill_proc_info(p, &pi);
		return reply_data(caller, m, &pi, sizeof(pi));
	case GET_KMESS:
		return get_kmess(caller, m);
	case GET_CMDLINE:
		return get_text(caller, m, kinfo.cmdline, strlen(kinfo.cmdline) + 1);
	case GET_HZ:
		m->m_sys_getinfo.val_len = (int)clock_hz;
		return OK;
	case GET_UPTIME:
		m->m_sys_getinfo.val_len = (int)clock_ticks;
		return OK;
	case GET_WHOAMI:
		return get_whoami(caller, m);
	case GET_PRIV:
		return get_priv(caller, m);
	default:
		return -EINVAL;
	}
}
