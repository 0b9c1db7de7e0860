/*
 * tty.h - what the files of the tty driver share: the terminal structure tty_t, the input
 * queue's flag bits, and each file's entry points.
 *
 * One terminal exists: the console (minor CONS_MINOR), whose input comes from COM1
 * (rs232.c) and the PS/2 keyboard (keyboard.c) and whose output goes to COM1 and the VGA
 * text screen (console.c).  The line discipline (line.c) sits between the devices and the
 * CDEV_* requests (tty.c).
 */
#ifndef TTY_TTY_H
#define TTY_TTY_H

#include <stddef.h>
#include <stdint.h>
#include <termios.h>
#include <minnow/driver.h>

#define CONS_MINOR      0       /**< /dev/console */
#define RS232_MINOR     16      /**< /dev/tty00: not served (ENXIO), see tty.c */

#define TTY_IN_BYTES    256     /**< input queue size */
#define TTY_OUT_CHUNK   256     /**< bytes copied from a writer at a time */
#define TTY_ROWS        25      /**< the VGA screen, also what TIOCGWINSZ says */
#define TTY_COLS        80

/* An input queue entry is a byte plus these flags. */
#define IN_CHAR         0x00FF  /**< the byte */
#define IN_EOT          0x0100  /**< it ends a line (raw mode: every byte does) */
#define IN_EOF          0x0200  /**< it is VEOF: ends the line, never given to a reader */

/* IRQ hook bits in HARDWARE notifications. */
#define KBD_HOOK_BIT    1
#define RS_HOOK_BIT     4

/** A terminal. */
typedef struct tty {
	struct termios tty_termios;     /**< the settings (TCGETS/TCSETS) */
	pid_t tty_pgrp;                 /**< foreground process group, 0: none */
	int tty_openct;                 /**< opens minus closes */

	uint16_t tty_inbuf[TTY_IN_BYTES]; /**< the input queue: bytes and IN_* flags */
	int tty_inhead;                 /**< where the next byte goes */
	int tty_intail;                 /**< the oldest byte */
	int tty_incount;                /**< bytes queued */
	int tty_eotct;                  /**< queued bytes with IN_EOT (complete lines) */

	/* the suspended (or being served) read: tty_inleft > 0 while one exists */
	endpoint_t tty_incaller;        /**< who asked (VFS) */
	cdev_id_t tty_inid;             /**< its request id */
	cp_grant_id_t tty_ingrant;      /**< its grant of the reader's buffer */
	size_t tty_inleft;              /**< bytes still wanted */
	size_t tty_incum;               /**< bytes copied so far */
	size_t tty_min;                 /**< raw mode: bytes that complete the read */
	int tty_indone;                 /**< canonical mode: a line end was taken */
	int tty_timer;                  /**< raw mode VTIME: an alarm is set */

	int tty_select_ops;             /**< CDEV_OP_RD if a select waits for input */
	endpoint_t tty_select_proc;     /**< who to tell (CDEV_SEL2_REPLY) */
} tty_t;

extern tty_t tty_table[1];

/* line.c: the line discipline */
void tty_reset_termios(tty_t *tp);
void in_process(tty_t *tp, const char *buf, int count);
void in_flush(tty_t *tp);
void in_settings_changed(tty_t *tp);
int in_transfer(tty_t *tp);
int read_complete(const tty_t *tp);
int input_ready(const tty_t *tp);
void tty_output(tty_t *tp, const char *buf, size_t count);
void handle_events(tty_t *tp);

/* tty.c: completing a suspended read */
void tty_reply_read(tty_t *tp, int status);
void tty_set_timer(tty_t *tp);

/* rs232.c: COM1 */
int rs_init(void);
void rs_interrupt(tty_t *tp);
void rs_write(const char *buf, size_t count);

/* console.c: the VGA text screen */
int cons_init(void);
void cons_write(const char *buf, size_t count);

/* keyboard.c: the PS/2 keyboard */
int kb_init(void);
void kb_interrupt(tty_t *tp);

#endif /* TTY_TTY_H */
