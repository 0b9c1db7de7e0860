/*
 * libc_rename.h - included first (-include) when tools/tests/test_libc.py compiles
 * Minnow's pure libc files for the host: every function they define that the host's C
 * library also has gets an mn_ name, so the harness (libc_harness.c) can call both and
 * compare them.
 */
#define strftime mn_strftime
#define asctime mn_asctime
#define asctime_r mn_asctime_r
#define ctime mn_ctime
#define ctime_r mn_ctime_r
#define gmtime mn_gmtime
#define gmtime_r mn_gmtime_r
#define localtime mn_localtime
#define localtime_r mn_localtime_r
#define mktime mn_mktime
#define timegm mn_timegm
#define tzset mn_tzset
#define tzname mn_tzname
