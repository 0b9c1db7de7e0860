/*
 * sysconf_dump.c - host driver of the system.conf parser (lib/libsys/sysconf.c) for
 * tools/tests/test_sysconf.py.
 *
 * Usage: sysconf_dump FILE.  Parses FILE with sysconf_parse() (reports named after FILE's
 * last component, as RS names them), prints every report as "error: <line>", then one
 * block per entry: "service LABEL line N good|bad" and one line per field that was set,
 * then "errors N".  The exit status is 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/sysconf.h>

static struct sysconf sc;

static void
report(const char *msg)
{
	printf("error: %s\n", msg);
}

static void
dump_names(const char *key, char names[][SC_LABEL_LEN], int n)
{
	int i;

	printf("  %s", key);
	for (i = 0; i < n; i++)
		printf(" %s", names[i]);
	printf("\n");
}

static void
dump_ranges(const char *key, const struct sc_range *r, int n)
{
	int i;

	if (n == 0)
		return;
	printf("  %s", key);
	for (i = 0; i < n; i++)
		printf(" %x-%x", (unsigned)r[i].base, (unsigned)r[i].limit);
	printf("\n");
}

static void
dump_numbers(const char *key, const uint32_t *v, int n)
{
	int i;

	if (n == 0)
		return;
	printf("  %s", key);
	for (i = 0; i < n; i++)
		printf(" %x", (unsigned)v[i]);
	printf("\n");
}

static void
dump(const struct sc_service *s)
{
	static const char *ipc[] = { "unset", "ALL", "ALL_SYS_PROC", "list" };
	int i;

	printf("service %s line %d %s\n", s->sc_label, s->sc_line, s->sc_bad ? "bad" : "good");
	printf("  system %08x %08x\n", (unsigned)s->sc_k_calls[0], (unsigned)s->sc_k_calls[1]);
	printf("  vm %08x %08x\n", (unsigned)s->sc_vm_calls[0], (unsigned)s->sc_vm_calls[1]);
	printf("  ipc %s\n", ipc[s->sc_ipc]);
	if (s->sc_ipc == SC_IPC_LIST)
		dump_names("ipc_to", (char (*)[SC_LABEL_LEN])s->sc_ipc_to, s->sc_nr_ipc);
	dump_ranges("io", s->sc_io, s->sc_nr_io);
	dump_ranges("mem", s->sc_mem, s->sc_nr_mem);
	if (s->sc_nr_irq > 0) {
		printf("  irq");
		for (i = 0; i < s->sc_nr_irq; i++)
			printf(" %d", s->sc_irq[i]);
		printf("\n");
	}
	printf("  uid %d priority %d quantum %d\n", s->sc_uid, s->sc_priority, s->sc_quantum);
	printf("  sigmgr '%s' scheduler '%s'\n", s->sc_sigmgr, s->sc_scheduler);
	printf("  users %s\n", s->sc_users ? "yes" : "no");
	printf("  domain %d\n", s->sc_domain);
	dump_numbers("pci_dev", s->sc_pci_dev, s->sc_nr_pci_dev);
	dump_numbers("pci_sub", s->sc_pci_sub, s->sc_nr_pci_dev);
	dump_numbers("pci_class", s->sc_pci_class, s->sc_nr_pci_class);
	dump_numbers("pci_class_mask", s->sc_pci_class_mask, s->sc_nr_pci_class);
	if (s->sc_nr_control > 0)
		dump_names("control", (char (*)[SC_LABEL_LEN])s->sc_control, s->sc_nr_control);
}

int
main(int argc, char *argv[])
{
	static char text[1 << 16];
	const char *name;
	uint32_t basic[2];
	size_t len;
	FILE *f;
	int i, errors;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL)
		return 2;
	len = fread(text, 1, sizeof(text), f);
	fclose(f);
	name = strrchr(argv[1], '/') != NULL ? strrchr(argv[1], '/') + 1 : argv[1];
	errors = sysconf_parse(text, len, name, &sc, report);
	for (i = 0; i < sc.sc_nr; i++)
		dump(&sc.sc_svc[i]);
	sysconf_basic_calls(basic);
	printf("basic %08x %08x\n", (unsigned)basic[0], (unsigned)basic[1]);
	printf("find tty %s\n", sysconf_find(&sc, "tty") != NULL ? "yes" : "no");
	printf("errors %d %d\n", errors, sc.sc_errors);
	return 0;
}
