/*
 * stty - show or change the terminal's settings (tcgetattr/tcsetattr on standard input:
 * TCGETS/TCSETS to the terminal driver; handouts/tty.md).
 *
 * Usage: stty [-a]              show the flags (on: name, off: -name) and, with -a, the
 *                               control characters
 *        stty SETTING...        [-]echo [-]icanon [-]isig [-]tostop [-]icrnl [-]opost
 *                               [-]echoe, raw (no icanon, isig, icrnl, opost; VMIN 1,
 *                               VTIME 0), cooked or -raw or sane (the driver's defaults:
 *                               icanon isig echo echoe icrnl opost -tostop)
 * An unknown setting is reported and nothing is changed (exit 1); standard input that is
 * not a terminal is reported (exit 1).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The flags stty knows: name, which word of struct termios, the bit. */
static const struct flag {
	const char *name;
	int word;		/* 0 c_iflag, 1 c_oflag, 3 c_lflag */
	tcflag_t bit;
} flags[] = {
	{ "icanon", 3, ICANON }, { "isig", 3, ISIG }, { "echo", 3, ECHO },
	{ "echoe", 3, ECHOE }, { "tostop", 3, TOSTOP }, { "icrnl", 0, ICRNL },
	{ "opost", 1, OPOST },
};
#define NR_FLAGS ((int)(sizeof(flags) / sizeof(flags[0])))

/* The word of t a flag lives in. */
static tcflag_t *
word_of(struct termios *t, int word)
{
	return word == 0 ? &t->c_iflag : word == 1 ? &t->c_oflag : &t->c_lflag;
}

/* Show the settings. */
static void
show(struct termios *t, int all)
{
	for (int i = 0; i < NR_FLAGS; i++)
		printf("%s%s%s", i ? " " : "", (*word_of(t, flags[i].word) & flags[i].bit) ? "" : "-",
		       flags[i].name);
	printf("\n");
	if (all)
		printf("intr ^%c quit ^%c erase 0x%02x kill ^%c eof ^%c susp ^%c min %d time %d\n",
		       t->c_cc[VINTR] + '@', t->c_cc[VQUIT] + '@', t->c_cc[VERASE],
		       t->c_cc[VKILL] + '@', t->c_cc[VEOF] + '@', t->c_cc[VSUSP] + '@',
		       t->c_cc[VMIN], t->c_cc[VTIME]);
}

/* Set or clear the bits of raw mode. */
static void
set_raw(struct termios *t, int on)
{
	tcflag_t l = ICANON | ISIG, i = ICRNL, o = OPOST;

	t->c_lflag = on ? t->c_lflag & ~l : t->c_lflag | l;
	t->c_iflag = on ? t->c_iflag & ~i : t->c_iflag | i;
	t->c_oflag = on ? t->c_oflag & ~o : t->c_oflag | o;
	if (on) {
		t->c_cc[VMIN] = 1;
		t->c_cc[VTIME] = 0;
	}
}

/* Apply one setting to t: 0, or -1 if it is unknown. */
static int
apply(struct termios *t, const char *arg)
{
	int off = arg[0] == '-';
	const char *name = arg + off;

	if (strcmp(arg, "raw") == 0 || strcmp(arg, "-raw") == 0 || strcmp(arg, "cooked") == 0) {
		set_raw(t, strcmp(arg, "raw") == 0);
		return 0;
	}
	if (strcmp(arg, "sane") == 0) {
		set_raw(t, 0);
		t->c_lflag = (t->c_lflag | ECHO | ECHOE) & ~TOSTOP;
		return 0;
	}
	for (int i = 0; i < NR_FLAGS; i++) {
		if (strcmp(name, flags[i].name) != 0)
			continue;
		if (off)
			*word_of(t, flags[i].word) &= ~flags[i].bit;
		else
			*word_of(t, flags[i].word) |= flags[i].bit;
		return 0;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct termios t;

	if (tcgetattr(0, &t) < 0) {
		fprintf(stderr, "stty: standard input: %s\n", strerror(errno));
		return 1;
	}
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0)) {
		show(&t, argc == 2);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (apply(&t, argv[i]) < 0) {
			fprintf(stderr, "stty: unknown setting '%s'\n", argv[i]);
			fprintf(stderr, "usage: stty [-a] | stty [-]echo [-]icanon [-]isig "
				"[-]tostop [-]icrnl [-]opost [-]echoe raw cooked sane\n");
			return 1;
		}
	}
	if (tcsetattr(0, TCSANOW, &t) < 0) {
		fprintf(stderr, "stty: standard input: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
