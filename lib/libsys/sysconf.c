/*
 * sysconf.c - the system.conf parser (minnow/sysconf.h; handouts/rs.md, "system.conf").
 *
 * sysconf_parse() reads a whole file held in memory: RS reads the copy the boot loader
 * placed as a data module, a command may read /etc/system.conf, the host unit test
 * (tools/tests/test_sysconf.py) reads strings.  It makes no call, so the same object works
 * everywhere.  The grammar:
 *
 *     file  := { "service" LABEL "{" { KEY { VALUE } ";" } "}" ";" }
 *
 * Words are separated by blanks and newlines; "{", "}" and ";" are words by themselves;
 * "#" starts a comment that runs to the end of the line.  An error is reported with the
 * file and line of the word at fault and marks the entry bad; parsing goes on with the next
 * key (a bad value) or after the entry's "}" (a broken entry), so one bad entry never hides
 * the others.  Entry points: sysconf_parse(), sysconf_find(), sysconf_basic_calls().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/com.h>
#include <minnow/sysconf.h>
#include <minnow/vm.h>

#define TOK_LEN         64      /* longest word kept (longer ones are cut) */
#define MAX_VALUES      32      /* values after one key */

/* The parser's position in the text and where its reports go. */
struct lexer {
	const char *p, *end;
	int line;               /* line of the next character */
	int tok_line;           /* line of the word in tok */
	char tok[TOK_LEN];
	const char *file;
	struct sysconf *sc;
	sysconf_report_t report;
};

/* One name a "system" or "vm" list may use, and the call number(s) it stands for. */
struct call_name {
	const char *name;
	int nr, nr2;            /* nr2: a second call (SAFECOPY), else -1 */
};

static const struct call_name kernel_calls[] = {
	{ "FORK", SYS_FORK, -1 }, { "EXEC", SYS_EXEC, -1 }, { "CLEAR", SYS_CLEAR, -1 },
	{ "SCHEDULE", SYS_SCHEDULE, -1 }, { "PRIVCTL", SYS_PRIVCTL, -1 },
	{ "TRACE", SYS_TRACE, -1 }, { "KILL", SYS_KILL, -1 }, { "GETKSIG", SYS_GETKSIG, -1 },
	{ "ENDKSIG", SYS_ENDKSIG, -1 }, { "SIGSEND", SYS_SIGSEND, -1 },
	{ "SIGRETURN", SYS_SIGRETURN, -1 }, { "MEMSET", SYS_MEMSET, -1 },
	{ "UMAP", SYS_UMAP, -1 }, { "VIRCOPY", SYS_VIRCOPY, -1 },
	{ "PHYSCOPY", SYS_PHYSCOPY, -1 }, { "IRQCTL", SYS_IRQCTL, -1 },
	{ "DEVIO", SYS_DEVIO, -1 }, { "SDEVIO", SYS_SDEVIO, -1 },
	{ "SETALARM", SYS_SETALARM, -1 }, { "TIMES", SYS_TIMES, -1 },
	{ "GETINFO", SYS_GETINFO, -1 }, { "ABORT", SYS_ABORT, -1 },
	{ "SAFECOPY", SYS_SAFECOPYFROM, SYS_SAFECOPYTO },
	{ "SAFECOPYFROM", SYS_SAFECOPYFROM, -1 }, { "SAFECOPYTO", SYS_SAFECOPYTO, -1 },
	{ "VSAFECOPY", SYS_VSAFECOPY, -1 }, { "SETGRANT", SYS_SETGRANT, -1 },
	{ "VMCTL", SYS_VMCTL, -1 }, { "DIAGCTL", SYS_DIAGCTL, -1 },
	{ "RUNCTL", SYS_RUNCTL, -1 }, { "SAFEMAP", SYS_SAFEMAP, -1 },
	{ "SAFEREVMAP", SYS_SAFEREVMAP, -1 }, { "SAFEUNMAP", SYS_SAFEUNMAP, -1 },
	{ "UPDATE", SYS_UPDATE, -1 }, { "EXIT", SYS_EXIT, -1 },
	{ "STATECTL", SYS_STATECTL, -1 }, { "SAFEMEMSET", SYS_SAFEMEMSET, -1 },
	{ NULL, 0, -1 }
};

/* The basic set: what a service needs to exist (grants, copies through them, time, info). */
static const int basic_calls[] = {
	SYS_EXIT, SYS_SAFECOPYFROM, SYS_SAFECOPYTO, SYS_VSAFECOPY, SYS_SAFEMEMSET, SYS_SETGRANT,
	SYS_SAFEMAP, SYS_SAFEREVMAP, SYS_SAFEUNMAP, SYS_TIMES, SYS_GETINFO, SYS_SETALARM,
	SYS_DIAGCTL, SYS_STATECTL, -1
};

#define VMC(x)  (VM_##x - VM_RQ_BASE)
static const struct call_name vm_calls[] = {
	{ "EXIT", VMC(EXIT), -1 }, { "FORK", VMC(FORK), -1 }, { "BRK", VMC(BRK), -1 },
	{ "MMAP", VMC(MMAP), -1 }, { "MAP_PHYS", VMC(MAP_PHYS), -1 },
	{ "MUNMAP", VMC(MUNMAP), -1 }, { "EXEC_NEWMEM", VMC(EXEC_NEWMEM), -1 },
	{ "EXEC_MAP", VMC(EXEC_MAP), -1 }, { "EXEC_DONE", VMC(EXEC_DONE), -1 },
	{ "INFO", VMC(INFO), -1 },
	{ NULL, 0, -1 }
};

/* Report "FILE:LINE: what in service LABEL" (svc NULL: no service) and count it. */
static void
sc_error(struct lexer *lx, struct sc_service *svc, int line, const char *fmt, ...)
{
	char what[SC_MSG_LEN], msg[SC_MSG_LEN + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (svc != NULL) {
		snprintf(msg, sizeof(msg), "%s:%d: %s in service %s", lx->file, line, what,
			 svc->sc_label);
		svc->sc_bad = 1;
	} else {
		snprintf(msg, sizeof(msg), "%s:%d: %s", lx->file, line, what);
	}
	lx->sc->sc_errors++;
	if (lx->report != NULL)
		lx->report(msg);
}

static int
is_punct(char c)
{
	return c == '{' || c == '}' || c == ';';
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Skip blanks and comments, counting lines. */
static void
skip_space(struct lexer *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (is_blank(*lx->p) || *lx->p == '\0') {
			if (*lx->p == '\n')
				lx->line++;
			lx->p++;
		} else {
			return;
		}
	}
}

/* The next word into lx->tok; 0 at the end of the text. */
static int
next_token(struct lexer *lx)
{
	size_t n = 0;

	skip_space(lx);
	if (lx->p >= lx->end)
		return 0;
	lx->tok_line = lx->line;
	if (is_punct(*lx->p)) {
		lx->tok[n++] = *lx->p++;
	} else {
		while (lx->p < lx->end && !is_blank(*lx->p) && !is_punct(*lx->p) &&
		       *lx->p != '#' && *lx->p != '\0') {
			if (n < TOK_LEN - 1)
				lx->tok[n++] = *lx->p;
			lx->p++;
		}
	}
	lx->tok[n] = '\0';
	return 1;
}

static int
tok_is(const struct lexer *lx, const char *s)
{
	return strcmp(lx->tok, s) == 0;
}

/* Skip the ";" that follows an entry's "}", if it is there. */
static void
eat_semicolon(struct lexer *lx)
{
	skip_space(lx);
	if (lx->p < lx->end && *lx->p == ';')
		lx->p++;
}

/* After a broken entry: skip past its "}" (and the ";" after it). */
static void
skip_entry(struct lexer *lx)
{
	while (next_token(lx) && !tok_is(lx, "}"))
		;
	eat_semicolon(lx);
}

/* After a stray word outside an entry: on to the next "service" word; 0 at the end. */
static int
skip_to_service(struct lexer *lx)
{
	while (next_token(lx))
		if (tok_is(lx, "service"))
			return 1;
	return 0;
}

/* s as a number in base (no sign, nothing after it); 0 if it is not one. */
static int
parse_num(const char *s, int base, uint32_t *out)
{
	char *end;

	if (*s == '\0' || *s == '-' || *s == '+')
		return 0;
	*out = (uint32_t)strtoul(s, &end, base);
	return *end == '\0';
}

/* Look name up in table and set its bits in mask[2]; 0 if unknown. */
static int
set_call(const struct call_name *table, const char *name, uint32_t mask[2])
{
	for (; table->name != NULL; table++) {
		if (strcmp(table->name, name) != 0)
			continue;
		mask[table->nr / 32] |= 1u << (table->nr % 32);
		if (table->nr2 >= 0)
			mask[table->nr2 / 32] |= 1u << (table->nr2 % 32);
		return 1;
	}
	return 0;
}

void
sysconf_basic_calls(uint32_t mask[2])
{
	int i;

	mask[0] = mask[1] = 0;
	for (i = 0; basic_calls[i] >= 0; i++)
		mask[basic_calls[i] / 32] |= 1u << (basic_calls[i] % 32);
}

/* Values of one key, with the line of each (for reports). */
struct values {
	int n;
	int line[MAX_VALUES];
	char v[MAX_VALUES][TOK_LEN];
};

/* system / vm: ALL or call names. */
static void
key_calls(struct lexer *lx, struct sc_service *svc, const struct values *vals,
	  const struct call_name *table, uint32_t mask[2], const char *what)
{
	int i;

	for (i = 0; i < vals->n; i++) {
		if (strcmp(vals->v[i], "ALL") == 0)
			mask[0] = mask[1] = 0xFFFFFFFFu;
		else if (!set_call(table, vals->v[i], mask))
			sc_error(lx, svc, vals->line[i], "unknown %s \"%s\"", what, vals->v[i]);
	}
}

/* A list of labels (ipc, control) into names[SC_MAX_NAMES]. */
static void
key_labels(struct lexer *lx, struct sc_service *svc, const struct values *vals,
	   char names[][SC_LABEL_LEN], int *nr, const char *key)
{
	int i;

	for (i = 0; i < vals->n; i++) {
		if (strlen(vals->v[i]) >= SC_LABEL_LEN)
			sc_error(lx, svc, vals->line[i], "label \"%s\" too long", vals->v[i]);
		else if (*nr >= SC_MAX_NAMES)
			sc_error(lx, svc, vals->line[i], "more than %d labels for %s",
				 SC_MAX_NAMES, key);
		else
			strcpy(names[(*nr)++], vals->v[i]);
	}
}

static void
key_ipc(struct lexer *lx, struct sc_service *svc, const struct values *vals)
{
	if (vals->n == 1 && strcmp(vals->v[0], "ALL") == 0) {
		svc->sc_ipc = SC_IPC_ALL;
	} else if (vals->n == 1 && strcmp(vals->v[0], "ALL_SYS_PROC") == 0) {
		svc->sc_ipc = SC_IPC_SYS;
	} else {
		svc->sc_ipc = SC_IPC_LIST;
		key_labels(lx, svc, vals, svc->sc_ipc_to, &svc->sc_nr_ipc, "ipc");
	}
}

/* io / mem: hex base[:count] items. */
static void
key_ranges(struct lexer *lx, struct sc_service *svc, const struct values *vals,
	   struct sc_range *ranges, int *nr, const char *key)
{
	char item[TOK_LEN], *colon;
	uint32_t base, count;
	int i;

	for (i = 0; i < vals->n; i++) {
		strcpy(item, vals->v[i]);
		count = 1;
		if ((colon = strchr(item, ':')) != NULL)
			*colon = '\0';
		if (!parse_num(item, 16, &base) ||
		    (colon != NULL && (!parse_num(colon + 1, 16, &count) || count == 0)) ||
		    base + (count - 1) < base) {
			sc_error(lx, svc, vals->line[i], "bad %s range \"%s\"", key, vals->v[i]);
		} else if (*nr >= SC_MAX_RANGES) {
			sc_error(lx, svc, vals->line[i], "more than %d %s ranges", SC_MAX_RANGES, key);
		} else {
			ranges[*nr].base = base;
			ranges[(*nr)++].limit = base + (count - 1);
		}
	}
}

static void
key_irq(struct lexer *lx, struct sc_service *svc, const struct values *vals)
{
	uint32_t irq;
	int i;

	for (i = 0; i < vals->n; i++) {
		if (!parse_num(vals->v[i], 10, &irq) || irq > 15)
			sc_error(lx, svc, vals->line[i], "bad irq \"%s\"", vals->v[i]);
		else if (svc->sc_nr_irq >= SC_MAX_IRQS)
			sc_error(lx, svc, vals->line[i], "more than %d irqs", SC_MAX_IRQS);
		else
			svc->sc_irq[svc->sc_nr_irq++] = (int)irq;
	}
}

/* uid, priority, quantum: one decimal number no larger than max. */
static void
key_number(struct lexer *lx, struct sc_service *svc, const struct values *vals, int *out,
	   uint32_t max, const char *key)
{
	uint32_t n;

	if (vals->n != 1 || !parse_num(vals->v[0], 10, &n) || n > max)
		sc_error(lx, svc, lx->tok_line, "%s takes one number from 0 to %u", key,
			 (unsigned)max);
	else
		*out = (int)n;
}

/* users yes|no: may user processes send to the service? */
static void
key_users(struct lexer *lx, struct sc_service *svc, const struct values *vals)
{
	if (vals->n == 1 && strcmp(vals->v[0], "yes") == 0)
		svc->sc_users = 1;
	else if (vals->n == 1 && strcmp(vals->v[0], "no") == 0)
		svc->sc_users = 0;
	else
		sc_error(lx, svc, lx->tok_line, "users takes yes or no");
}

/* domain: the socket domain the service serves (handouts/sockets.md), a name (INET, UNIX,
 * LOCAL, INET6) or a number 1..31 (AF_MAX - 1). */
static void
key_domain(struct lexer *lx, struct sc_service *svc, const struct values *vals)
{
	static const struct { const char *name; int nr; } names[] = {
		{ "UNIX", 1 }, { "LOCAL", 1 }, { "INET", 2 }, { "INET6", 24 },
	};
	uint32_t n;
	size_t i;

	for (i = 0; vals->n == 1 && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(vals->v[0], names[i].name) == 0) {
			svc->sc_domain = names[i].nr;
			return;
		}
	}
	if (vals->n != 1 || !parse_num(vals->v[0], 10, &n) || n < 1 || n > SC_MAX_DOMAIN)
		sc_error(lx, svc, lx->tok_line, "domain takes INET, UNIX, LOCAL, INET6 or a "
			 "number from 1 to %d", SC_MAX_DOMAIN);
	else
		svc->sc_domain = (int)n;
}

/* sigmgr, scheduler: one label. */
static void
key_one_label(struct lexer *lx, struct sc_service *svc, const struct values *vals,
	      char *out, const char *key)
{
	if (vals->n != 1 || strlen(vals->v[0]) >= SC_LABEL_LEN)
		sc_error(lx, svc, lx->tok_line, "%s takes one label", key);
	else
		strcpy(out, vals->v[0]);
}

/* Parse up to max hex numbers of at most limit separated by sep in item into part[]: how
 * many, or -1 if malformed. */
static int
hex_parts(const char *item, char sep, int max, uint32_t limit, uint32_t *part)
{
	char buf[TOK_LEN], *s, *next;
	int j;

	strcpy(buf, item);
	for (s = buf, j = 0; s != NULL; j++, s = next) {
		if ((next = strchr(s, sep)) != NULL)
			*next++ = '\0';
		if (j >= max || !parse_num(s, 16, &part[j]) || part[j] > limit)
			return -1;
	}
	return j;
}

/* One `pci device` item, VID:DID or VID:DID/SVID:SDID: OK (stored) or -1. */
static int
pci_device_item(struct sc_service *svc, const char *item)
{
	uint32_t id[2], sub[2] = { 0, 0 };
	const char *slash = strchr(item, '/');
	char head[TOK_LEN];

	strcpy(head, item);
	if (slash != NULL)
		head[slash - item] = '\0';
	if (hex_parts(head, ':', 2, 0xFFFF, id) != 2 ||
	    (slash != NULL && hex_parts(slash + 1, ':', 2, 0xFFFF, sub) != 2) ||
	    svc->sc_nr_pci_dev >= SC_MAX_PCI)
		return -1;
	svc->sc_pci_sub[svc->sc_nr_pci_dev] = sub[0] << 16 | sub[1];
	svc->sc_pci_dev[svc->sc_nr_pci_dev++] = id[0] << 16 | id[1];
	return 0;
}

/* One `pci class` item, C, C/S or C/S/I: OK (stored, with the mask of the parts given) or
 * -1. */
static int
pci_class_item(struct sc_service *svc, const char *item)
{
	static const uint32_t masks[] = { 0, 0xff0000, 0xffff00, 0xffffff };
	uint32_t part[3] = { 0, 0, 0 };
	int n = hex_parts(item, '/', 3, 0xFF, part);

	if (n < 1 || svc->sc_nr_pci_class >= SC_MAX_PCI)
		return -1;
	svc->sc_pci_class_mask[svc->sc_nr_pci_class] = masks[n];
	svc->sc_pci_class[svc->sc_nr_pci_class++] = part[0] << 16 | part[1] << 8 | part[2];
	return 0;
}

/* pci device vid:did[/svid:sdid] ... / pci class c[/s[/i]] ... (hex). */
static void
key_pci(struct lexer *lx, struct sc_service *svc, const struct values *vals)
{
	int is_dev = vals->n > 0 && strcmp(vals->v[0], "device") == 0, i, r;

	if (!is_dev && (vals->n == 0 || strcmp(vals->v[0], "class") != 0)) {
		sc_error(lx, svc, lx->tok_line, "pci takes \"device\" or \"class\"");
		return;
	}
	for (i = 1; i < vals->n; i++) {
		r = is_dev ? pci_device_item(svc, vals->v[i]) : pci_class_item(svc, vals->v[i]);
		if (r != 0)
			sc_error(lx, svc, vals->line[i], "bad pci %s \"%s\"", vals->v[0], vals->v[i]);
	}
}

/* Apply "key values;" to svc. */
static void
apply_key(struct lexer *lx, struct sc_service *svc, const char *key, int line,
	  const struct values *vals)
{
	lx->tok_line = line;
	if (strcmp(key, "system") == 0)
		key_calls(lx, svc, vals, kernel_calls, svc->sc_k_calls, "kernel call");
	else if (strcmp(key, "vm") == 0)
		key_calls(lx, svc, vals, vm_calls, svc->sc_vm_calls, "VM call");
	else if (strcmp(key, "ipc") == 0)
		key_ipc(lx, svc, vals);
	else if (strcmp(key, "io") == 0)
		key_ranges(lx, svc, vals, svc->sc_io, &svc->sc_nr_io, "io");
	else if (strcmp(key, "mem") == 0)
		key_ranges(lx, svc, vals, svc->sc_mem, &svc->sc_nr_mem, "mem");
	else if (strcmp(key, "irq") == 0)
		key_irq(lx, svc, vals);
	else if (strcmp(key, "users") == 0)
		key_users(lx, svc, vals);
	else if (strcmp(key, "uid") == 0)
		key_number(lx, svc, vals, &svc->sc_uid, 65535, key);
	else if (strcmp(key, "priority") == 0)
		key_number(lx, svc, vals, &svc->sc_priority, 15, key);
	else if (strcmp(key, "quantum") == 0)
		key_number(lx, svc, vals, &svc->sc_quantum, 100000, key);
	else if (strcmp(key, "sigmgr") == 0)
		key_one_label(lx, svc, vals, svc->sc_sigmgr, key);
	else if (strcmp(key, "scheduler") == 0)
		key_one_label(lx, svc, vals, svc->sc_scheduler, key);
	else if (strcmp(key, "pci") == 0)
		key_pci(lx, svc, vals);
	else if (strcmp(key, "domain") == 0)
		key_domain(lx, svc, vals);
	else if (strcmp(key, "control") == 0)
		key_labels(lx, svc, vals, svc->sc_control, &svc->sc_nr_control, key);
	else
		sc_error(lx, svc, line, "unknown key \"%s\"", key);
}

/* Read the values of the key in lx->tok up to ";"; 0 if the entry is broken (reported). */
static int
read_values(struct lexer *lx, struct sc_service *svc, const char *key, struct values *vals)
{
	int key_line = lx->tok_line;

	vals->n = 0;
	for (;;) {
		if (!next_token(lx)) {
			sc_error(lx, svc, key_line, "missing \";\" after \"%s\"", key);
			return 0;
		}
		if (tok_is(lx, ";"))
			return 1;
		if (tok_is(lx, "}")) {
			sc_error(lx, svc, key_line, "missing \";\" after \"%s\"", key);
			return 0;
		}
		if (is_punct(lx->tok[0])) {
			sc_error(lx, svc, lx->tok_line, "unexpected \"%s\"", lx->tok);
			return 0;
		}
		if (vals->n >= MAX_VALUES) {
			sc_error(lx, svc, lx->tok_line, "more than %d values", MAX_VALUES);
			return 0;
		}
		vals->line[vals->n] = lx->tok_line;
		strcpy(vals->v[vals->n++], lx->tok);
	}
}

/* The keys of svc's entry, after its "{"; 0 if the entry is broken (reported). */
static int
parse_body(struct lexer *lx, struct sc_service *svc)
{
	static struct values vals;      /* too big for a small stack */
	char key[TOK_LEN];
	int line;

	for (;;) {
		if (!next_token(lx)) {
			sc_error(lx, svc, svc->sc_line, "missing \"}\"");
			return 1;       /* nothing left to skip */
		}
		if (tok_is(lx, "}"))
			break;
		if (is_punct(lx->tok[0])) {
			sc_error(lx, svc, lx->tok_line, "unexpected \"%s\"", lx->tok);
			return 0;
		}
		strcpy(key, lx->tok);
		line = lx->tok_line;
		if (!read_values(lx, svc, key, &vals)) {
			if (!tok_is(lx, "}"))
				return 0;
			eat_semicolon(lx);
			return 1;
		}
		apply_key(lx, svc, key, line, &vals);
	}
	skip_space(lx);
	if (lx->p < lx->end && *lx->p == ';')
		lx->p++;
	else
		sc_error(lx, svc, lx->tok_line, "missing \";\" after \"}\"");
	return 1;
}

/* A new entry named by lx->tok; NULL (reported) if the label is bad or the table full. */
static struct sc_service *
new_entry(struct lexer *lx)
{
	struct sysconf *sc = lx->sc;
	const struct sc_service *old;
	struct sc_service *svc;

	if (sc->sc_nr >= SC_MAX_SERVICES) {
		sc_error(lx, NULL, lx->tok_line, "more than %d services", SC_MAX_SERVICES);
		return NULL;
	}
	if (is_punct(lx->tok[0]) || strlen(lx->tok) >= SC_LABEL_LEN) {
		sc_error(lx, NULL, lx->tok_line, "bad service label \"%s\"", lx->tok);
		return NULL;
	}
	svc = &sc->sc_svc[sc->sc_nr];
	memset(svc, 0, sizeof(*svc));
	strcpy(svc->sc_label, lx->tok);
	svc->sc_line = lx->tok_line;
	svc->sc_uid = svc->sc_priority = svc->sc_quantum = -1;
	sysconf_basic_calls(svc->sc_k_calls);
	if ((old = sysconf_find(sc, svc->sc_label)) != NULL)
		sc_error(lx, svc, svc->sc_line, "duplicate entry (first at line %d)", old->sc_line);
	sc->sc_nr++;
	return svc;
}

int
sysconf_parse(const char *text, size_t len, const char *file, struct sysconf *sc,
	      sysconf_report_t report)
{
	struct lexer lx = { text, text + len, 1, 1, "", file, sc, report };
	struct sc_service *svc;

	memset(sc, 0, sizeof(*sc));
	while (next_token(&lx)) {
		if (!tok_is(&lx, "service")) {
			sc_error(&lx, NULL, lx.tok_line, "expected \"service\", found \"%s\"", lx.tok);
			if (!skip_to_service(&lx))
				break;
		}
		if (!next_token(&lx)) {
			sc_error(&lx, NULL, lx.tok_line, "missing label after \"service\"");
			break;
		}
		if ((svc = new_entry(&lx)) == NULL) {
			skip_entry(&lx);
			continue;
		}
		if (!next_token(&lx) || !tok_is(&lx, "{")) {
			sc_error(&lx, svc, lx.tok_line, "missing \"{\"");
			skip_entry(&lx);
		} else if (!parse_body(&lx, svc)) {
			skip_entry(&lx);
		}
	}
	return sc->sc_errors;
}

const struct sc_service *
sysconf_find(const struct sysconf *sc, const char *label)
{
	int i;

	for (i = 0; i < sc->sc_nr; i++)
		if (strcmp(sc->sc_svc[i].sc_label, label) == 0)
			return &sc->sc_svc[i];
	return NULL;
}
