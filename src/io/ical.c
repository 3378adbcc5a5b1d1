/*
 * ical.c — iCalendar writer (RFC 5545) for all-day events.
 *
 * What it does: VCALENDAR with VERSION, PRODID, CALSCALE and METHOD:PUBLISH;
 * VEVENTs with UID, DTSTAMP, DTSTART/DTEND as DATE values (DTEND is
 * exclusive, RFC 5545 3.6.1), SUMMARY, DESCRIPTION, LOCATION, CATEGORIES,
 * TRANSP. Content lines end with CRLF and are folded so that no line is
 * longer than 75 octets (3.1), never inside a UTF-8 sequence; TEXT values
 * escape backslash, semicolon, comma and newline (3.3.11).
 * What it does not: time zones, recurrence, alarms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "io/ical.h"

struct buf {
    char *p;
    size_t len, cap;
    int failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *np;
        while (b->len + n + 1 > cap)
            cap *= 2;
        np = realloc(b->p, cap);
        if (np == NULL) {
            b->failed = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Writes one content line (already escaped), folded at 75 octets. */
static void line(struct buf *b, const char *s)
{
    size_t n = strlen(s), i = 0, room = 75;

    while (n - i > room) {
        size_t cut = i + room;
        /* Back up to the start of a UTF-8 character (not 10xxxxxx). */
        while (cut > i && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        /* Not UTF-8 at all (only continuation bytes): cut anyway, or the
         * loop would never advance. Found by fuzz/fuzz_trade.c. */
        if (cut == i)
            cut = i + room;
        put(b, s + i, cut - i);
        put(b, "\r\n ", 3);
        i = cut;
        room = 74;              /* the leading space counts */
    }
    put(b, s + i, n - i);
    put(b, "\r\n", 2);
}

/* name:VALUE with TEXT escaping of value. */
static void text_prop(struct buf *b, const char *name, const char *value)
{
    struct buf t = {0};

    put(&t, name, strlen(name));
    put(&t, ":", 1);
    for (const char *s = value; *s; s++) {
        switch (*s) {
        case '\\': put(&t, "\\\\", 2); break;
        case ';': put(&t, "\\;", 2); break;
        case ',': put(&t, "\\,", 2); break;
        case '\n': put(&t, "\\n", 2); break;
        case '\r': break;
        default: put(&t, s, 1);
        }
    }
    if (t.failed)
        b->failed = 1;
    else
        line(b, t.p);
    free(t.p);
}

static void date_prop(struct buf *b, const char *name, int64_t day)
{
    char l[64];
    int y, m, d;

    psec_civil_from_days(day, &y, &m, &d);
    snprintf(l, sizeof l, "%s;VALUE=DATE:%04d%02d%02d", name, y, m, d);
    line(b, l);
}

char *psec_ical_write(const struct psec_ical_cal *cal, const struct psec_ical_event *ev,
                      size_t n, struct psec_err *e)
{
    struct buf b = {0};
    char stamp[64], l[128];
    int64_t days = cal->dtstamp / PSEC_DAY, secs = cal->dtstamp % PSEC_DAY;
    int y, m, d;

    if (secs < 0) {
        secs += PSEC_DAY;
        days--;
    }
    psec_civil_from_days(days, &y, &m, &d);
    snprintf(stamp, sizeof stamp, "DTSTAMP:%04d%02d%02dT%02d%02d%02dZ", y, m, d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));

    line(&b, "BEGIN:VCALENDAR");
    line(&b, "VERSION:2.0");
    snprintf(l, sizeof l, "PRODID:%s", cal->prodid ? cal->prodid : "-//portsec//portsec//EN");
    line(&b, l);
    line(&b, "CALSCALE:GREGORIAN");
    line(&b, "METHOD:PUBLISH");
    if (cal->name != NULL)
        text_prop(&b, "X-WR-CALNAME", cal->name);
    for (size_t i = 0; i < n; i++) {
        if (ev[i].end_day < ev[i].start_day) {
            free(b.p);
            psec_err_set(e, PSEC_E_INVALID, "event %zu (%s): ends before it starts", i + 1,
                         ev[i].uid);
            return NULL;
        }
        line(&b, "BEGIN:VEVENT");
        text_prop(&b, "UID", ev[i].uid);
        line(&b, stamp);
        date_prop(&b, "DTSTART", ev[i].start_day);
        date_prop(&b, "DTEND", ev[i].end_day + 1);
        text_prop(&b, "SUMMARY", ev[i].summary ? ev[i].summary : "");
        if (ev[i].description != NULL)
            text_prop(&b, "DESCRIPTION", ev[i].description);
        if (ev[i].location != NULL)
            text_prop(&b, "LOCATION", ev[i].location);
        if (ev[i].categories != NULL)
            text_prop(&b, "CATEGORIES", ev[i].categories);
        line(&b, "TRANSP:OPAQUE");
        line(&b, "END:VEVENT");
    }
    line(&b, "END:VCALENDAR");
    if (b.failed) {
        free(b.p);
        psec_err_set(e, PSEC_E_NOMEM, "writing the calendar: out of memory");
        return NULL;
    }
    return b.p;
}

/* "Asia-Pacific Unit" -> "asia-pacific-unit": UIDs stay ASCII and stable. */
static void slug(const char *s, char *out, size_t size)
{
    size_t j = 0;
    int dash = 0;

    for (; *s && j + 1 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out[j++] = (char)c;
            dash = 0;
        } else if (c >= 'A' && c <= 'Z') {
            out[j++] = (char)(c - 'A' + 'a');
            dash = 0;
        } else if (!dash && j > 0) {
            out[j++] = '-';
            dash = 1;
        }
    }
    while (j > 0 && out[j - 1] == '-')
        j--;
    out[j] = '\0';
    if (j == 0)
        psec_strlcpy(out, "unit", size);
}

char *psec_ical_plan(const struct psec_plan *plan, const char *unit, int64_t dtstamp,
                     struct psec_err *e)
{
    struct psec_ical_event *ev;
    char (*uid)[160], (*sum)[256], (*desc)[PSEC_PLAN_WHY_MAX + 160];
    char calname[256], s[96], prodid[64];
    struct psec_ical_cal cal;
    char *text = NULL;
    size_t n = plan->nvisits;

    ev = calloc(n ? n : 1, sizeof *ev);
    uid = calloc(n ? n : 1, sizeof *uid);
    sum = calloc(n ? n : 1, sizeof *sum);
    desc = calloc(n ? n : 1, sizeof *desc);
    if (ev == NULL || uid == NULL || sum == NULL || desc == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "writing the calendar: out of memory");
        goto done;
    }
    slug(unit ? unit : "", s, sizeof s);
    for (size_t i = 0; i < n; i++) {
        const struct psec_plan_visit *v = &plan->visits[i];
        const char *why = "";
        for (size_t j = 0; j < plan->nentries; j++)
            if (plan->entries[j].visit == (int)i)
                why = plan->entries[j].why;
        snprintf(uid[i], sizeof uid[i], "portsec-plan-%d-%s-%s@portsec", plan->year,
                 v->country, s);
        snprintf(sum[i], sizeof sum[i], "Port security visit: %s (%s)%s", v->name, v->country,
                 v->due ? " - required" : "");
        snprintf(desc[i], sizeof desc[i], "Trip %d. Risk score %.3f.\n%s", v->trip, v->score,
                 why);
        ev[i].uid = uid[i];
        ev[i].start_day = v->start_day;
        ev[i].end_day = v->end_day;
        ev[i].summary = sum[i];
        ev[i].description = desc[i];
        ev[i].location = v->name;
        ev[i].categories = v->due ? "Reassessment" : "Risk-based visit";
    }
    snprintf(calname, sizeof calname, "%s visit plan %d", unit ? unit : "portsec", plan->year);
    snprintf(prodid, sizeof prodid, "-//portsec//portsec plan//EN");
    cal.prodid = prodid;
    cal.name = calname;
    cal.dtstamp = dtstamp;
    text = psec_ical_write(&cal, ev, n, e);
done:
    free(ev);
    free(uid);
    free(sum);
    free(desc);
    return text;
}
