/*
 * test_rtc.c - kernel/time/rtc.c: rtc_to_unix, the calendar arithmetic that
 * turns the CMOS clock's date into seconds since 1970-01-01 00:00:00 UTC.
 * (rtc_read_unix reads I/O ports and is not called here.) Fixed dates were
 * computed with Python's calendar.timegm; a sweep over 600 years compares
 * every day with the C library's timegm.
 */
#include <time.h>


#include "host_test.h"

#include "clock.h"

static void
test_epoch(void **state)
{
	(void)state;
	assert_int_equal(rtc_to_unix(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(rtc_to_unix(1970, 1, 1, 0, 0, 1), 1);
	assert_int_equal(rtc_to_unix(1970, 1, 2, 0, 0, 0), 86400);
	assert_int_equal(rtc_to_unix(1969, 12, 31, 23, 59, 59), -1);
}

static void
test_known_dates(void **state)
{
	(void)state;
	assert_int_equal(rtc_to_unix(2000, 3, 1, 0, 0, 0), 951868800);
	assert_int_equal(rtc_to_unix(2000, 2, 29, 12, 0, 0), 951825600);   /* 2000 is leap (400) */
	assert_int_equal(rtc_to_unix(2024, 1, 1, 0, 0, 0), 1704067200);
	assert_int_equal(rtc_to_unix(2024, 2, 29, 0, 0, 0), 1709164800);   /* leap day */
	assert_int_equal(rtc_to_unix(2024, 2, 29, 23, 59, 59), 1709251199);
	assert_int_equal(rtc_to_unix(2024, 12, 31, 23, 59, 59), 1735689599);
	assert_int_equal(rtc_to_unix(2025, 1, 1, 0, 0, 0), 1735689600);
	assert_int_equal(rtc_to_unix(2026, 11, 30, 12, 34, 56), 1796042096);
	assert_int_equal(rtc_to_unix(2100, 2, 28, 0, 0, 0), 4107456000);   /* 2100 is not leap */
	assert_int_equal(rtc_to_unix(2100, 3, 1, 0, 0, 0), 4107542400);
	assert_int_equal(rtc_to_unix(1900, 1, 1, 0, 0, 0), -2208988800);
}

static void
test_past_2038(void **state)
{
	(void)state;
	/* One second past the 32-bit time_t limit. */
	assert_int_equal(rtc_to_unix(2038, 1, 19, 3, 14, 7), 2147483647);
	assert_int_equal(rtc_to_unix(2038, 1, 19, 3, 14, 8), 2147483648);
}

static void
test_time_of_day(void **state)
{
	(void)state;
	int64_t day = rtc_to_unix(2024, 6, 15, 0, 0, 0);
	assert_int_equal(rtc_to_unix(2024, 6, 15, 1, 0, 0) - day, 3600);
	assert_int_equal(rtc_to_unix(2024, 6, 15, 0, 1, 0) - day, 60);
	assert_int_equal(rtc_to_unix(2024, 6, 15, 23, 59, 59) - day, 86399);
	assert_int_equal(rtc_to_unix(2024, 6, 16, 0, 0, 0) - day, 86400);
}

/* Every day from 1800 to 2399, at a time that exercises each field. */
static void
test_matches_timegm(void **state)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t prev = 0;
	bool first = true;
	(void)state;

	for (int y = 1800; y < 2400; y++) {
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (int m = 1; m <= 12; m++) {
			int days = mdays[m - 1] + (m == 2 && leap);
			for (int d = 1; d <= days; d++) {
				int h = (y + d) % 24, mi = (m * 7 + d) % 60, s = (y + m + d) % 60;
				struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
						 .tm_hour = h, .tm_min = mi, .tm_sec = s };
				int64_t want = (int64_t)timegm(&tm);
				int64_t got = rtc_to_unix(y, m, d, h, mi, s);
				if (got != want)
					fail_msg("%04d-%02d-%02d %02d:%02d:%02d: %lld, expected %lld",
						 y, m, d, h, mi, s, (long long)got, (long long)want);
				/* Midnights are exactly one day apart. */
				int64_t midnight = rtc_to_unix(y, m, d, 0, 0, 0);
				if (!first && midnight - prev != 86400)
					fail_msg("%04d-%02d-%02d is not one day after the day before", y, m, d);
				prev = midnight;
				first = false;
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_past_2038),
		cmocka_unit_test(test_time_of_day),
		cmocka_unit_test(test_matches_timegm),
	};
	return cmocka_run_group_tests_name("rtc", tests, NULL, NULL);
}
