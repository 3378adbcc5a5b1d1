/*
 * fuzz_csv.c — libFuzzer target for the CSV reader (src/base/csv.c) and the
 * reference-data readers built on it (src/io/import_*.c).
 *
 * The first byte picks the reader (raw CSV, countries, ISPS fields, ports,
 * WPI, MID, facilities); the rest is the file. Every second input runs with
 * a reject callback (skip-invalid) so that the readers go past bad rows.
 * Nothing touches a database: row callbacks only look at the records.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "io/import_common.h"
#include "io/import_countries.h"
#include "io/import_facilities.h"
#include "io/import_mid.h"
#include "io/import_ports.h"
#include "io/import_wpi.h"

static size_t sink_bytes;

/* Touch every string so that the sanitizers see any overrun. */
static void touch(const char *s)
{
    sink_bytes += strlen(s);
}

static int reject(void *ctx, long line, const char *column, const char *reason)
{
    (void)ctx;
    (void)line;
    touch(column);
    touch(reason);
    return PSEC_OK;
}

static int country(void *ctx, const struct psec_country *c, long line, struct psec_err *e)
{
    (void)ctx, (void)line, (void)e;
    touch(c->alpha2), touch(c->name), touch(c->notes), touch(c->sub_region);
    return PSEC_OK;
}

static int port(void *ctx, const struct psec_port *p, long line, struct psec_err *e)
{
    (void)ctx, (void)line, (void)e;
    touch(p->locode), touch(p->name), touch(p->name_ascii), touch(p->function);
    return PSEC_OK;
}

static int wpi(void *ctx, const struct psec_io_wpi *w, long line, struct psec_err *e)
{
    (void)ctx, (void)line, (void)e;
    touch(w->port.locode), touch(w->port.name), touch(w->locode_raw), touch(w->number_raw);
    return PSEC_OK;
}

static int mid(void *ctx, const struct psec_mid *m, long line, struct psec_err *e)
{
    (void)ctx, (void)line, (void)e;
    touch(m->allocated_to), touch(m->country);
    return PSEC_OK;
}

static int facility(void *ctx, const struct psec_io_facility *r, long line, struct psec_err *e)
{
    (void)ctx, (void)line, (void)e;
    touch(r->f.number), touch(r->f.port), touch(r->f.soc_expiry), touch(r->port_name);
    return PSEC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct psec_io_sink sink = {NULL, NULL, NULL, 0};
    struct psec_err e = {0};
    FILE *f;
    int which;

    if (size < 1)
        return 0;
    which = data[0] % 7;
    if (data[0] & 0x80)
        sink.reject = reject;
    f = fmemopen((void *)(data + 1), size - 1, "rb");
    if (f == NULL)
        return 0;
    switch (which) {
    case 0: {
        struct psec_csv *c = psec_csv_open(f, "fuzz.csv", ',');
        if (c != NULL) {
            int n = 0;
            while (psec_csv_next(c, &e) == PSEC_ROW && n++ < 100000) {
                if (n == 1)
                    psec_csv_set_header(c, &e);
                for (int i = 0; i < psec_csv_nfields(c); i++)
                    touch(psec_csv_field(c, i));
                touch(psec_csv_get(c, "name"));
            }
            psec_csv_close(c);
        }
        break;
    }
    case 1: psec_io_read_countries(f, "fuzz.csv", country, NULL, &sink, &e); break;
    case 2: psec_io_read_isps(f, "fuzz.csv", country, NULL, &sink, &e); break;
    case 3: psec_io_read_ports(f, "fuzz.csv", port, NULL, &sink, &e); break;
    case 4: psec_io_read_wpi(f, "fuzz.csv", wpi, NULL, &sink, &e); break;
    case 5: psec_io_read_mid(f, "fuzz.csv", mid, NULL, &sink, &e); break;
    default: psec_io_read_facilities(f, "fuzz.csv", facility, NULL, &sink, &e); break;
    }
    touch(e.msg);
    fclose(f);
    return 0;
}
