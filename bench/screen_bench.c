/*
 * screen_bench.c — batch screening speed: generates N Notices of Arrival
 * (default 100,000; fixed seed, 1 to 10 calls each, a mix of listed and
 * unlisted countries, excepted facilities, transits, ETAs 2019-2026) as
 * JSON Lines in memory, then times parse + screen + compact JSON out for
 * all of them on the calling thread, against the bundled advisory history
 * and targeting matrix. Prints NOAs per second (issue 4 target: >= 50,000).
 *
 * Usage: screen_bench [N] [--write FILE]   (--write: also save the NOAs,
 * for timing `portsec screen --batch` end to end in bench/screen.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "base/str.h"
#include "base/time.h"
#include "io/coe_json.h"
#include "io/noa.h"

/* CPU time of this thread: the machine is shared, and wall time would
 * count the time other processes hold the core. Wall time is printed too. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long rng = 88172645463325252ULL;
static unsigned next(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *ports[] = {
    "SGSIN", "CNSHA", "NLRTM", "DEHAM", "AEJEA", "INNSA", "LKCMB", "OMSLL", "BRSSZ", "ZADUR",
    "SCPOV", "NGAPP", "NGLOS", "CUHAV", "CUMAR", "SDPZU", "KPNAM", "YEADE", "DJJIB", "IRBND",
    "VELAG", "KHKOS", "CMDLA", "GQSSG", "MGTMM", "LRMLW", "CIABJ", "PAPCN", "EGSUZ", "ESALG",
};
static const char *facilities[] = { "NGAPP-0001", "CMDLA-0002", "SCPOV-0001", "Balhaf LNG Terminal" };

/* Writes one NOA line into buf; returns its length. */
static size_t gen(char *buf, size_t size, int id)
{
    int64_t eta_day = psec_days_from_civil(2019, 1, 1) + next(2900);
    int64_t eta = eta_day * PSEC_DAY + (int64_t)next(86400);
    int n = 1 + (int)next(10);
    char t1[24], t2[24], t3[24];
    /* A valid IMO: six random digits and the check digit. */
    char imo[8];
    int sum = 0;
    for (int i = 0; i < 6; i++) {
        imo[i] = (char)('0' + (i == 0 ? 9 : (int)next(10)));
        sum += (imo[i] - '0') * (7 - i);
    }
    imo[6] = (char)('0' + sum % 10);
    imo[7] = '\0';
    size_t len = (size_t)snprintf(buf, size,
        "{\"noa_id\":\"B%d\",\"vessel\":{\"imo\":\"%s\",\"mmsi\":%d,\"name\":\"BENCH %d\","
        "\"flag\":\"%s\",\"type\":\"bulk carrier\",\"owner\":\"Owner %u\"},"
        "\"arrival\":{\"port\":\"USHOU\",\"eta\":\"%s\"},\"port_calls\":[",
        id, imo, 200000000 + id, id, next(4) ? "LR" : "PA", next(50),
        psec_time_format(eta, t1, sizeof t1));
    int64_t dep = eta - PSEC_DAY * (int64_t)(5 + next(15));
    for (int i = 0; i < n; i++) {
        int64_t arr = dep - PSEC_DAY * (int64_t)(1 + next(3));
        const char *port = ports[next(sizeof ports / sizeof *ports)];
        const char *fac = next(4) == 0 ? facilities[next(4)] : NULL;
        len += (size_t)snprintf(buf + len, size - len,
            "%s{\"port\":\"%s\",%s%s%s\"arrival\":\"%s\",\"departure\":\"%s\"%s}", i ? "," : "",
            port, fac ? "\"facility\":\"" : "", fac ? fac : "", fac ? "\"," : "",
            psec_time_format(arr, t2, sizeof t2), psec_time_format(dep, t3, sizeof t3),
            strcmp(port, "PAPCN") == 0 || strcmp(port, "EGSUZ") == 0
                ? ",\"purpose\":\"transit\"" : "");
        dep = arr - PSEC_DAY * (int64_t)(3 + next(20));
    }
    len += (size_t)snprintf(buf + len, size - len, "]}\n");
    return len;
}

static int load(const char *path, json_t **out)
{
    json_error_t je;
    *out = json_load_file(path, 0, &je);
    if (*out == NULL) {
        fprintf(stderr, "screen_bench: %s: %s\n", path, je.text);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = 100000;
    const char *write_to = NULL;
    for (int i = 1; i < argc; i++) {
        int64_t v;
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
            write_to = argv[++i];
        else if (psec_parse_i64(argv[i], &v) && v > 0)
            n = (long)v;
        else {
            fprintf(stderr, "usage: screen_bench [N] [--write FILE]\n");
            return 2;
        }
    }
    struct psec_coe_set set;
    struct psec_matrix m;
    struct psec_err e = { 0 };
    json_t *a, *mj;
    if (load(PSEC_DATADIR "/advisories/advisories.json", &a) ||
        load(PSEC_DATADIR "/targeting/matrix.json", &mj))
        return 5;
    psec_coe_set_init(&set);
    psec_matrix_init(&m);
    if (psec_coe_from_json(a, &set, &e) != PSEC_OK || psec_matrix_from_json(mj, &m, &e) != PSEC_OK) {
        fprintf(stderr, "screen_bench: %s\n", e.msg);
        return 3;
    }
    psec_coe_set_sort(&set);
    json_decref(a);
    json_decref(mj);

    /* Generate all NOAs first so that only screening is timed. */
    size_t cap = (size_t)n * 2200, used = 0;
    char *text = malloc(cap);
    size_t *off = malloc(((size_t)n + 1) * sizeof *off);
    if (text == NULL || off == NULL)
        return 5;
    for (long i = 0; i < n; i++) {
        off[i] = used;
        used += gen(text + used, cap - used, (int)i);
    }
    off[n] = used;
    if (write_to) {
        FILE *f = fopen(write_to, "w");
        if (f == NULL || fwrite(text, 1, used, f) != used || fclose(f) != 0) {
            fprintf(stderr, "screen_bench: cannot write %s\n", write_to);
            return 5;
        }
    }

    static struct psec_noa noa;
    static struct psec_screen_result res;
    struct psec_screen_pre pre;
    if (psec_screen_pre_build(&set, &pre) != PSEC_OK)
        return 5;
    long bad = 0, applies = 0, uncertain = 0;
    size_t out_bytes = 0, ocap = 0, olen = 0;
    char *obuf = NULL;
    double t0 = now(), w0 = wall();
    for (long i = 0; i < n; i++) {
        if (psec_noa_parse(text + off[i], off[i + 1] - off[i], &noa, NULL, NULL, &e) != PSEC_OK) {
            bad++;
            continue;
        }
        psec_screen(&noa, &set, &m, NULL, 0, NULL, 0, &res);
        applies += res.coe == PSEC_TRI_YES;
        uncertain += res.coe == PSEC_TRI_UNCERTAIN;
        olen = 0;
        if (psec_screen_write(&noa, &res, &set, &pre, &obuf, &ocap, &olen) != PSEC_OK)
            return 5;
        out_bytes += olen;
        /* Spot-check that what is timed is valid JSON. */
        if (i % 1000 == 0) {
            json_t *chk = json_loadb(obuf, olen, 0, NULL);
            if (chk == NULL) {
                fprintf(stderr, "screen_bench: result %ld is not valid JSON\n", i);
                return 5;
            }
            json_decref(chk);
        }
    }
    double dt = now() - t0, wt = wall() - w0;

    /* The same work in stages, to show where the time goes. */
    double t1 = now();
    for (long i = 0; i < n; i++)
        psec_noa_parse(text + off[i], off[i + 1] - off[i], &noa, NULL, NULL, &e);
    double t_parse = now() - t1;
    t1 = now();
    for (long i = 0; i < n; i++)
        if (psec_noa_parse(text + off[i], off[i + 1] - off[i], &noa, NULL, NULL, &e) == PSEC_OK)
            psec_screen(&noa, &set, &m, NULL, 0, NULL, 0, &res);
    double t_screen = now() - t1 - t_parse;
    printf("screen_bench: %ld NOAs (%.1f MB in, %.1f MB out) in %.3f s of CPU on one thread "
           "(%.3f s wall): %.0f NOAs/s (target >= 50000)\n", n, (double)used / 1e6,
           (double)out_bytes / 1e6, dt, wt, (double)n / dt);
    printf("  per NOA: parse %.2f us, screen %.2f us, write %.2f us\n", t_parse / n * 1e6,
           t_screen / n * 1e6, (dt - t_parse - t_screen) / n * 1e6);
    printf("  applies %ld, uncertain %ld, does-not-apply %ld, rejected %ld\n", applies,
           uncertain, n - applies - uncertain - bad, bad);
    psec_screen_pre_free(&pre);
    free(obuf);
    free(text);
    free(off);
    psec_coe_set_free(&set);
    psec_matrix_free(&m);
    return bad ? 3 : 0;
}
