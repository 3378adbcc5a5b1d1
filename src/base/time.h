/*
 * time.h — calendar arithmetic on UTC seconds since 1970, and ISO 8601.
 * No time zones other than UTC and explicit offsets; no locale.
 */
#ifndef PORTSEC_BASE_TIME_H
#define PORTSEC_BASE_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define PSEC_DAY 86400

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t psec_days_from_civil(int y, int m, int d);
void psec_civil_from_days(int64_t days, int *y, int *m, int *d);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+hh:mm]" (space also
 * accepted for T). A date alone means 00:00 UTC. Returns false when s is not
 * such a time or a field is out of range. */
bool psec_time_parse(const char *s, int64_t *out);

/* Parses "YYYY-MM-DD" only, into days since 1970. */
bool psec_date_parse(const char *s, int64_t *days);

/* "2025-10-01T06:00:00Z" (buf >= 21). Returns buf. */
char *psec_time_format(int64_t t, char *buf, size_t size);

/* "2025-10-01" (buf >= 11). Returns buf. */
char *psec_date_format(int64_t days, char *buf, size_t size);

/* Adds months to a date, clamping the day to the month's end. */
int64_t psec_date_add_months(int64_t days, int months);

#endif
