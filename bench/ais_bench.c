/*
 * ais_bench.c — decoder throughput on a file, without the CLI around it:
 *   ais_bench FILE            decode only: sentences/s and messages/s
 *   ais_bench FILE json       decode and format JSON (discarded)
 *   ais_bench FILE print [-u] decode and print JSON lines (for checking)
 * The file is read into memory first so that the figure is the decoder's,
 * not the disk's. Prints figures; asserts nothing (speed is not a test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ais/ais.h"

struct ctx {
    int mode;
    unsigned flags;
    uint64_t bytes, n;
    char buf[2048];
};

static int on_msg(void *p, const struct psec_ais_msg *m)
{
    struct ctx *c = p;
    c->n++;
    if (c->mode >= 1) {
        size_t k = psec_ais_json(m, c->flags, c->buf, sizeof c->buf);
        c->bytes += k;
        if (c->mode == 2) {
            fwrite(c->buf, 1, k, stdout);
            fputc('\n', stdout);
        }
    }
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static struct ctx c;
    FILE *f;
    char *data;
    long size;
    struct psec_ais_reader *r;
    double t0, t1;
    const struct psec_ais_stats *st;

    if (argc < 2) {
        fprintf(stderr, "usage: ais_bench FILE [json|print [-u]]\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 5;
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)size + 1);
    if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 5;
    }
    fclose(f);
    if (argc > 2 && strcmp(argv[2], "json") == 0)
        c.mode = 1;
    if (argc > 2 && strcmp(argv[2], "print") == 0)
        c.mode = 2;
    if (argc > 3 && strcmp(argv[3], "-u") == 0)
        c.flags = PSEC_AIS_JSON_UNSCALED;
    r = psec_ais_reader_new(c.mode == 2 ? PSEC_AIS_MERGE24 : 0);
    if (r == NULL)
        return 1;
    t0 = now();
    psec_ais_reader_feed(r, data, (size_t)size, on_msg, &c);
    psec_ais_reader_feed(r, NULL, 0, on_msg, &c);
    psec_ais_reader_finish(r);
    t1 = now();
    st = psec_ais_reader_stats(r);
    if (c.mode != 2)
        printf("lines %llu sentences %llu messages %llu in %.3f s: %.0f sentences/s, "
               "%.0f messages/s%s\n",
               (unsigned long long)st->lines, (unsigned long long)st->sentences,
               (unsigned long long)st->messages, t1 - t0, st->sentences / (t1 - t0),
               st->messages / (t1 - t0), c.mode == 1 ? " (with JSON)" : "");
    psec_ais_reader_free(r);
    free(data);
    return 0;
}
