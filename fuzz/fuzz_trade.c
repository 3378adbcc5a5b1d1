/*
 * fuzz_trade.c — libFuzzer target for the trade readers (src/io/trade.c)
 * and the iCalendar writer's folding and escaping (src/io/ical.c).
 *
 * First byte: bit 0 picks skip-invalid, bit 1 feeds the rest to the
 * iCalendar writer as an event's text instead of reading it as CSV. The
 * calendar produced is checked: CRLF only, no line over 75 octets.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ical.h"
#include "io/trade.h"

static size_t sink_bytes;

static int row(void *ctx, const struct psec_trade_row *r, struct psec_err *e)
{
    (void)ctx, (void)e;
    sink_bytes += strlen(r->partner) + strlen(r->category) + strlen(r->source) +
                  strlen(r->code) + (size_t)r->year;
    return PSEC_OK;
}

static void reject(void *ctx, long line, const struct psec_err *why)
{
    (void)ctx;
    sink_bytes += strlen(why->msg) + (size_t)line;
}

static void ical(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *cal, *p;
    struct psec_ical_event ev = {0};
    struct psec_ical_cal c = {"-//fuzz//EN", NULL, 0};
    struct psec_err e;

    if (text == NULL)
        return;
    memcpy(text, data, size);
    text[size] = '\0';
    ev.uid = "fuzz@portsec";
    ev.start_day = 20000;
    ev.end_day = 20004;
    ev.summary = text;
    ev.description = text;
    c.name = text;
    cal = psec_ical_write(&c, &ev, 1, &e);
    for (p = cal; p != NULL && *p;) {
        char *eol = strstr(p, "\r\n");
        if (eol == NULL || eol - p > 75 || memchr(p, '\n', (size_t)(eol - p)) != NULL)
            abort();
        p = eol + 2;
    }
    free(cal);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct psec_trade_stats st;
    struct psec_err e = {0};
    FILE *f;
    int kind;

    if (size < 1)
        return 0;
    if (data[0] & 2) {
        ical(data + 1, size - 1);
        return 0;
    }
    f = fmemopen((void *)(data + 1), size - 1, "rb");
    if (f == NULL)
        return 0;
    psec_trade_read(f, "fuzz.csv", data[0] & 1, row, reject, NULL, &kind, &st, &e);
    sink_bytes += strlen(e.msg);
    fclose(f);
    return 0;
}
