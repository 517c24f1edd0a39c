/*
 * rtc.c - read the date from the CMOS real-time clock (MC146818) once at
 * boot. Registers are read through index port 0x70 and data port 0x71;
 * values may be BCD and the hour may be 12-hour, as status register B says.
 */
#include <stdbool.h>

#include "clock.h"
#include "x86.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a        /* bit 7: update in progress */
#define RTC_STATUS_B 0x0b        /* bit 2: binary (not BCD), bit 1: 24-hour */
#define RTC_CENTURY 0x32

/*
 * Days from 1970-01-01 to year-month-day in the proleptic Gregorian
 * calendar (Howard Hinnant's days_from_civil): shift the year to start in
 * March so the leap day is the last day of the year.
 */
int64_t
rtc_to_unix(int year, int month, int day, int hour, int min, int sec)
{
	int64_t y = year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                              /* [0, 399] */
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;      /* [0, 146096] */
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 + hour * 3600 + min * 60 + sec;
}

static uint8_t
cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static int
bcd_to_bin(uint8_t v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

int64_t
rtc_read_unix(void)
{
	while (cmos_read(RTC_STATUS_A) & 0x80)    /* wait out an update in progress */
		pause();
	uint8_t sec = cmos_read(RTC_SEC), min = cmos_read(RTC_MIN);
	uint8_t hour = cmos_read(RTC_HOUR), day = cmos_read(RTC_DAY);
	uint8_t month = cmos_read(RTC_MONTH), year = cmos_read(RTC_YEAR);
	uint8_t century = cmos_read(RTC_CENTURY);
	uint8_t status_b = cmos_read(RTC_STATUS_B);
	bool bcd = !(status_b & 0x04);
	bool pm = hour & 0x80;

	hour &= 0x7f;
	int s = bcd ? bcd_to_bin(sec) : sec, mi = bcd ? bcd_to_bin(min) : min;
	int h = bcd ? bcd_to_bin(hour) : hour, d = bcd ? bcd_to_bin(day) : day;
	int mo = bcd ? bcd_to_bin(month) : month, y = bcd ? bcd_to_bin(year) : year;
	int c = bcd ? bcd_to_bin(century) : century;
	if (!(status_b & 0x02) && pm)
		h = (h % 12) + 12;       /* 12-hour clock: 12 PM is 12, 1 PM is 13 */
	y += (c >= 19 && c <= 30) ? c * 100 : 2000;
	return rtc_to_unix(y, mo, d, h, mi, s);
}
