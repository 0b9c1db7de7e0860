/*
 * eeprom.c - the card's MAC address from its serial EEPROM (handouts/netdriver.md, "fxp").
 *
 * The 8255x's EEPROM is a 93C46-style serial one (64 words; 256 on some 82559s) whose four
 * pins the driver moves itself through the SCB's EEPROM register: chip select (CS), clock
 * (SK), data in (DI) and data out (DO).  A read is: raise CS; clock out the start bit and
 * the read opcode (1, 1 0), then the word's address, most significant bit first; the
 * EEPROM answers a dummy 0 on DO after the last address bit, then the word's 16 bits, each
 * after a rising clock edge; drop CS.  The address width is found the same way: clock out
 * 0s until DO goes 0.  Words 0 to 2 hold the MAC address, low byte first.
 *
 * Every pin change is one sys_devio; the chip's EEPROM interface needs no more delay than
 * that (a few microseconds per kernel call).
 *
 * Entry point: fxp_eeprom_mac().
 */
#include <minnow/syslib.h>
#include "fxp.h"

static int ee_addrbits;                 /* 0 until found */

/* Put bit on DI and clock it in (CS held). */
static void
ee_bit_out(int bit)
{
	uint16_t di = bit ? EE_DI : 0;

	fxp_outw(SCB_EEPROM, EE_CS | di);
	fxp_outw(SCB_EEPROM, EE_CS | di | EE_SK);
	fxp_outw(SCB_EEPROM, EE_CS | di);
}

/* Clock one bit out of the EEPROM: DO after the rising edge. */
static int
ee_bit_in(void)
{
	int bit;

	fxp_outw(SCB_EEPROM, EE_CS | EE_SK);
	bit = (fxp_inw(SCB_EEPROM) & EE_DO) != 0;
	fxp_outw(SCB_EEPROM, EE_CS);
	return bit;
}

/* Start a read: select the chip, clock out start bit and opcode. */
static void
ee_start_read(void)
{
	int i;

	fxp_outw(SCB_EEPROM, 0);
	fxp_outw(SCB_EEPROM, EE_CS);
	for (i = 2; i >= 0; i--)
		ee_bit_out((EE_READ_OPCODE >> i) & 1);
}

/* End the cycle: drop CS. */
static void
ee_stop(void)
{
	fxp_outw(SCB_EEPROM, 0);
}

/* The number of address bits: 0s until the EEPROM answers its dummy 0. */
static int
ee_find_addrbits(void)
{
	int n, i;

	ee_start_read();
	for (n = 1; n <= EE_MAX_ADDRBITS; n++) {
		ee_bit_out(0);
		if (!(fxp_inw(SCB_EEPROM) & EE_DO))
			break;
	}
	if (n > EE_MAX_ADDRBITS)
		n = 6;          /* no answer: the common 64-word part */
	for (i = 0; i < 16; i++)
		(void)ee_bit_in();
	ee_stop();
	return n;
}

/* Word addr of the EEPROM. */
static uint16_t
ee_read(int addr)
{
	uint16_t word = 0;
	int i;

	ee_start_read();
	for (i = ee_addrbits - 1; i >= 0; i--)
		ee_bit_out((addr >> i) & 1);
	for (i = 0; i < 16; i++)
		word = (uint16_t)(word << 1 | ee_bit_in());
	ee_stop();
	return word;
}

/* The MAC address from words 0-2. */
void
fxp_eeprom_mac(uint8_t mac[ETH_ADDR_LEN])
{
	uint16_t w;
	int i;

	if (ee_addrbits == 0)
		ee_addrbits = ee_find_addrbits();
	for (i = 0; i < ETH_ADDR_LEN / 2; i++) {
		w = ee_read(EE_MAC_WORD + i);
		mac[2 * i] = (uint8_t)(w & 0xff);
		mac[2 * i + 1] = (uint8_t)(w >> 8);
	}
}
