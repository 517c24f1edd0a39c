/*
 * date.c - print the date and time (UTC), like `date -u`. The time comes
 * from clock_gettime(CLOCK_REALTIME), through the vDSO: no system call.
 */
#include "libsys.h"

/* Year, month, day from days since 1970-01-01 (Howard Hinnant's civil_from_days). */
static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

int
main(void)
{
	static const char *const wday[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
					   "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct timespec ts;
	long y;
	unsigned m, d;

	clock_gettime(CLOCK_REALTIME, &ts);
	long days = ts.tv_sec / 86400, secs = ts.tv_sec % 86400;
	civil_from_days(days, &y, &m, &d);
	printf("%s %s %2u %02ld:%02ld:%02ld UTC %ld\n", wday[days % 7], mon[m - 1], d,
	       secs / 3600, secs / 60 % 60, secs % 60, y);
	return 0;
}
