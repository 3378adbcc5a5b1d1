/*
 * fuzz_ais.c — libFuzzer harness for the AIS reader and decoder: arbitrary
 * bytes as a stream (split in two reads at a point taken from the input,
 * so partial-line handling is exercised), every message formatted as JSON
 * both ways, and the raw bytes decoded as a bit buffer directly. Under ASan
 * and UBSan any read past a buffer or overflow is a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ais/ais.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_msg(void *ctx, const struct psec_ais_msg *m)
{
    char buf[1024];
    size_t n = psec_ais_json(m, 0, buf, sizeof buf);
    size_t u = psec_ais_json(m, PSEC_AIS_JSON_UNSCALED, buf, sizeof buf);
    double lat, lon, sp, co;
    /* The documented bound: 1024 bytes always suffice. */
    if (n >= sizeof buf || u >= sizeof buf)
        abort();
    (void)psec_ais_position(m, &lat, &lon, &sp, &co);
    (*(size_t *)ctx)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct psec_ais_reader *r;
    size_t split, count = 0;
    static uint8_t bits[PSEC_AIS_MAX_BITS / 8 + 16];
    struct psec_ais_msg m;

    r = psec_ais_reader_new(size > 0 && (data[0] & 1) ? PSEC_AIS_MERGE24 : 0);
    if (r == NULL)
        return 0;
    split = size > 1 ? data[size - 1] % size : 0;
    psec_ais_reader_feed(r, (const char *)data, split, on_msg, &count);
    psec_ais_reader_feed(r, (const char *)data + split, size - split, on_msg, &count);
    psec_ais_reader_feed(r, NULL, 0, on_msg, &count);
    psec_ais_reader_finish(r);
    psec_ais_reader_free(r);

    /* The same bytes as a payload bit buffer. */
    {
        size_t n = size < PSEC_AIS_MAX_BITS / 8 ? size : PSEC_AIS_MAX_BITS / 8;
        memset(bits, 0, sizeof bits);
        memcpy(bits, data, n);
        if (psec_ais_decode_bits(bits, (unsigned)(n * 8), &m) == 0) {
            m.time = PSEC_AIS_TIME_NONE;
            on_msg(&count, &m);
        }
    }
    return 0;
}
