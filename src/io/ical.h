/*
 * ical.h — iCalendar (RFC 5545) output: all-day events in a VCALENDAR,
 * lines ended by CRLF, folded at 75 octets without splitting a UTF-8
 * character, TEXT values escaped. Used for the yearly visit plan
 * (`portsec plan --format ics`), which calendar programs import.
 *
 * No clock here: DTSTAMP is the caller's (fixed in tests, "now" in the CLI).
 */
#ifndef PORTSEC_IO_ICAL_H
#define PORTSEC_IO_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "model/plan.h"
#include "portsec/error.h"

struct psec_ical_event {
    const char *uid;               /* globally unique and stable across runs */
    int64_t start_day, end_day;    /* inclusive days since 1970 (DTEND is end + 1) */
    const char *summary;
    const char *description;      /* may be NULL */
    const char *location;          /* may be NULL */
    const char *categories;        /* may be NULL; one category */
};

struct psec_ical_cal {
    const char *prodid;            /* "-//portsec//portsec 0.1//EN" */
    const char *name;              /* X-WR-CALNAME; may be NULL */
    int64_t dtstamp;               /* UTC seconds since 1970, for every event */
};

/* Returns a new NUL-terminated calendar (free()), or NULL with e set. */
char *psec_ical_write(const struct psec_ical_cal *cal, const struct psec_ical_event *ev,
                      size_t n, struct psec_err *e);

/* The calendar of a plan: one event per visit, UID
 * "portsec-plan-YEAR-CC-UNITSLUG@portsec". unit names the unit. */
char *psec_ical_plan(const struct psec_plan *plan, const char *unit, int64_t dtstamp,
                     struct psec_err *e);

#endif
