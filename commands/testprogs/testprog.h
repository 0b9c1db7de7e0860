/*
 * testprog.h - what the shell-run test programs share (waittest, drvtest): the case lines
 * the grader reads, "<prog>: <case> ok" or "<prog>: <case> FAILED: <what> (errno ...)", the
 * counts for the summary line, and RS_LOOKUP of a service's pid.  A header of static
 * functions: define TESTPROG_NAME (the program's name in its lines) before including it.
 */
#ifndef TESTPROGS_TESTPROG_H
#define TESTPROGS_TESTPROG_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>

/* Cases that held and cases that failed, for the summary line. */
static int ok, failed;

/* Report case name: held (good), or failed with what. */
static void
check(const char *name, int good, const char *what)
{
	if (good) {
		printf("%s: %s ok\n", TESTPROG_NAME, name);
		ok++;
	} else {
		printf("%s: %s FAILED: %s (errno %s)\n", TESTPROG_NAME, name, what,
		       strerror(errno));
		failed++;
	}
}

/* The pid of service label (RS_LOOKUP), or -1. */
static int
service_pid(const char *label)
{
	message m;

	memset(&m, 0, sizeof(m));
	strncpy(m.m_rs_req.label, label, sizeof(m.m_rs_req.label) - 1);
	m.m_type = RS_LOOKUP;
	if (ipc_sendrec(RS_PROC_NR, &m) != 0 || m.m_type != 0)
		return -1;
	return (int)m.m_rs_req.pid;
}

#endif
