/*
 * imgpack_harness.c - host checks of the packed image's unpacker (lib/imgpack/unpack.c),
 * run by test_imgpack.py.
 *
 * Each check feeds imgpack_unpack() a hand-written sequence stream (include/minnow/
 * imgpack.h) and prints "ok <name>" when the result is what the format says: literals
 * only, a copy at a distance, the overlapping copies (a distance of 1 repeats a byte, 3 a
 * three-byte pattern), extended literal counts and lengths, and the refusals: a distance of
 * 0 or before the output's start, a copy or literals past the output's end, a stream cut
 * short, bytes left over, output left unfilled.  A failed check prints "FAIL <name>".
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <minnow/imgpack.h>

static int failures;

static void
check(int ok, const char *name)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", name);
	failures += !ok;
}

/* Unpack n stream bytes into exactly want_len bytes; 1 if it returns r and, for r == 0,
 * the output is want. */
static int
unpacks(const uint8_t *stream, uint32_t n, const char *want, uint32_t want_len, int r)
{
	char out[1024];

	if (want_len > sizeof(out) || imgpack_unpack(out, want_len, stream, n) != r)
		return 0;
	return r != 0 || memcmp(out, want, want_len) == 0;
}

static void
good_streams(void)
{
	static const uint8_t lits[] = { 0x30, 'a', 'b', 'c' };
	/* "abc", then 5 bytes from distance 3 (overlapping), then "d" */
	static const uint8_t pattern[] = { 0x31, 'a', 'b', 'c', 3, 0x10, 'd' };
	/* "x", then 20 more from distance 1: the length 4 + 15 + 1 */
	static const uint8_t run[] = { 0x1f, 'x', 1, 1, 0x00 };
	/* "ab", "cd", then 4 bytes from distance 4: a copy that does not overlap */
	static const uint8_t far[] = { 0x40, 'a', 'b', 'c', 'd', 4, 0x00 };
	uint8_t longlit[3 + 300];
	char want[300];

	check(unpacks(lits, sizeof(lits), "abc", 3, 0), "literals");
	check(unpacks(pattern, sizeof(pattern), "abcabcabd", 9, 0), "overlapping_copy");
	check(unpacks(run, sizeof(run), "xxxxxxxxxxxxxxxxxxxxx", 21, 0), "run_of_one_byte");
	check(unpacks(far, sizeof(far), "abcdabcd", 8, 0), "copy_without_overlap");
	check(unpacks(far, sizeof(far) - 1, "abcdabcd", 8, 0), "last_copy_ends_the_stream");
	/* 300 literals: 15 + 285, LEB128 0x9d 0x02 */
	memset(want, 'q', sizeof(want));
	memset(longlit, 'q', sizeof(longlit));
	longlit[0] = 0xf0, longlit[1] = 0x9d, longlit[2] = 0x02;
	check(unpacks(longlit, sizeof(longlit), want, 300, 0), "extended_literal_count");
	check(unpacks(NULL, 0, "", 0, 0), "empty");
}

static void
bad_streams(void)
{
	static const uint8_t zero_distance[] = { 0x10, 'a', 0, 0x00 };
	static const uint8_t before_start[] = { 0x10, 'a', 2, 0x00 };
	static const uint8_t copy_past_end[] = { 0x15, 'a', 1 };        /* 9 bytes into 5 */
	static const uint8_t cut_short[] = { 0x30, 'a', 'b' };
	static const uint8_t three[] = { 0x30, 'a', 'b', 'c' };
	static const uint8_t ends_early[] = { 0x40, 'a', 'b', 'c', 'd', 4 };
	static const uint8_t cut_in_distance[] = { 0x10, 'a', 0x81 };
	static const uint8_t left_over[] = { 0x10, 'a', 0x00 };
	static const uint8_t cut_in_length[] = { 0x1f, 'a', 1 };

	check(unpacks(zero_distance, sizeof(zero_distance), NULL, 5, -1), "distance_zero");
	check(unpacks(before_start, sizeof(before_start), NULL, 5, -1), "distance_before_start");
	check(unpacks(copy_past_end, sizeof(copy_past_end), NULL, 5, -1), "copy_past_end");
	check(unpacks(cut_short, sizeof(cut_short), NULL, 3, -1), "literals_cut_short");
	check(unpacks(three, sizeof(three), NULL, 2, -1), "literals_past_end");
	check(unpacks(cut_in_distance, sizeof(cut_in_distance), NULL, 6, -1), "distance_cut");
	check(unpacks(left_over, sizeof(left_over), NULL, 1, -1), "bytes_left_over");
	check(unpacks(cut_in_length, sizeof(cut_in_length), NULL, 30, -1), "length_cut");
	check(unpacks(ends_early, sizeof(ends_early), NULL, 10, -1), "output_unfilled");
}

int
main(void)
{
	good_streams();
	bad_streams();
	return failures != 0;
}
