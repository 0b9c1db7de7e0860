/*
 * sys_info.c - reading kernel information: the sys_getinfo() family and proc_lookup().
 *
 * Protocol: SYS_GETINFO with mess_sys_getinfo: `request` (GET_*) says what, `endpt` about
 * whom (GET_PROC, GET_PRIV), and the kernel copies the answer to `val_ptr` (at most
 * `val_len` bytes) and puts the number of bytes copied back in `val_len`.  Two requests
 * answer in the message instead: GET_HZ and GET_UPTIME return their number in `val_len`,
 * and GET_WHOAMI fills the mess_sys_whoami layout.
 */
#include <string.h>
#include <minnow/syslib.h>

int
sys_getinfo(int request, endpoint_t endpt, void *buf, int len, int *copied)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_getinfo.request = request;
	m.m_sys_getinfo.endpt = endpt;
	m.m_sys_getinfo.val_ptr = (vir_bytes)buf;
	m.m_sys_getinfo.val_len = len;
	r = _kernel_call(SYS_GETINFO, &m);
	if (r == OK && copied != NULL)
		*copied = m.m_sys_getinfo.val_len;
	return r;
}

int
sys_getkinfo(struct kinfo *ki)
{
	return sys_getinfo(GET_KINFO, NONE, ki, sizeof(*ki), NULL);
}

int
sys_getproctab(struct proc_info *tab)
{
	return sys_getinfo(GET_PROCTAB, NONE, tab,
		(NR_TASKS + NR_PROCS) * sizeof(struct proc_info), NULL);
}

int
sys_getproc(endpoint_t endpt, struct proc_info *pi)
{
	return sys_getinfo(GET_PROC, endpt, pi, sizeof(*pi), NULL);
}

int
sys_getkmess(char *buf, int len, int *copied)
{
	return sys_getinfo(GET_KMESS, NONE, buf, len, copied);
}

int
sys_getpriv(endpoint_t endpt, void *buf, int len)
{
	return sys_getinfo(GET_PRIV, endpt, buf, len, NULL);
}

int
sys_getcmdline(char *buf, int len)
{
	return sys_getinfo(GET_CMDLINE, NONE, buf, len, NULL);
}

int
sys_gethz(uint32_t *hz)
{
	int value, r = sys_getinfo(GET_HZ, NONE, NULL, 0, &value);

	if (r == OK && hz != NULL)
		*hz = (uint32_t)value;
	return r;
}

int
sys_getuptime(uint32_t *ticks)
{
	int value, r = sys_getinfo(GET_UPTIME, NONE, NULL, 0, &value);

	if (r == OK && ticks != NULL)
		*ticks = (uint32_t)value;
	return r;
}

int
sys_whoami(endpoint_t *endpt, char *name, int len, int *privflags)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_getinfo.request = GET_WHOAMI;
	r = _kernel_call(SYS_GETINFO, &m);
	if (r != OK)
		return r;
	if (endpt != NULL)
		*endpt = m.m_sys_whoami.endpt;
	if (privflags != NULL)
		*privflags = m.m_sys_whoami.privflags;
	if (name != NULL && len > 0) {
		m.m_sys_whoami.name[sizeof(m.m_sys_whoami.name) - 1] = '\0';
		strlcpy(name, m.m_sys_whoami.name, (size_t)len);
	}
	return OK;
}

/* The process table copy proc_lookup() scans (too big for a service's stack). */
static struct proc_info lookup_tab[NR_TASKS + NR_PROCS];

/* Does the kernel's (possibly truncated) name `pname` stand for `name`? */
static int
name_matches(const char pname[PROC_NAME_LEN], const char *name)
{
	return strncmp(pname, name, PROC_NAME_LEN - 1) == 0 &&
		(strnlen(pname, PROC_NAME_LEN) < PROC_NAME_LEN - 1 ||
		 strlen(name) >= PROC_NAME_LEN - 1);
}

endpoint_t
proc_lookup(const char *name)
{
	if (sys_getproctab(lookup_tab) != OK)
		return NONE;
	for (int i = 0; i < NR_TASKS + NR_PROCS; i++) {
		const struct proc_info *pi = &lookup_tab[i];

		if (pi->pi_endpoint != NONE && name_matches(pi->pi_name, name))
			return pi->pi_endpoint;
	}
	return NONE;
}
