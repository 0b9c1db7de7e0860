/*
 * testlib_check.c - a check of testlib itself: its leak checks must not pass as 0 == 0.
 *
 * Grader: grader/tests/pm.py boots it alone (no VM) with poweroff_on_exit=1, and again after
 * VM.  test_free_pages() must print "FAIL testlib_check_vm_info: ..." and end the program
 * when VM does not answer; with VM it returns VM's (non-zero) free page count.  A case that
 * is reached only if test_free_pages() returned without VM fails by name.
 */
#include "testlib.h"

int
main(int argc, char **argv)
{
	uint32_t free_pages;

	test_init("testlib_check", argc, argv);
	free_pages = test_free_pages();
	test_check("testlib_check_free_pages", free_pages > 0,
		   "test_free_pages() returned %u", free_pages);
	return test_done();
}
