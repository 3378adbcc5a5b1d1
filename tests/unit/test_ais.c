/*
 * test_ais.c — the AIS sentence reader and decoder on small vectors we wrote
 * ourselves (tests/ais/) and on single real sentences quoted from public
 * recordings (AMSA, Kystverket, libais, gpsd): checksums, talkers, tag
 * blocks, trailing epochs, reassembly (interleaved sources, bad fragment
 * numbers, expiry), split reads, per-type lengths, JSON output, and a
 * differential check against gpsdecode 3.22 outputs stored beside random
 * vectors (tests/ais/random.*).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ais_testlib.h"

/* "!BODY*HH" with the checksum computed; returns out. */
static char *nmea(char *out, size_t size, const char *prefix, const char *body)
{
    unsigned sum = 0;
    for (const char *p = body; *p; p++)
        sum ^= (unsigned char)*p;
    snprintf(out, size, "%s!%s*%02X", prefix, body, sum);
    return out;
}

/* "\BODY*HH\" tag block. */
static char *tag(char *out, size_t size, const char *body)
{
    unsigned sum = 0;
    for (const char *p = body; *p; p++)
        sum ^= (unsigned char)*p;
    snprintf(out, size, "\\%s*%02X\\", body, sum);
    return out;
}

static int line(struct psec_ais_reader *r, const char *s, struct psec_ais_msg *m)
{
    return psec_ais_reader_line(r, s, strlen(s), m);
}

static void test_type1_fields(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    (void)state;
    /* gpsd sample.aivdm, Kurt Schwehr's type 1. */
    assert_int_equal(line(r, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A", &m), 1);
    assert_int_equal(m.type, 1);
    assert_int_equal(m.mmsi, 371798000);
    assert_int_equal(m.u.pos.turn, -127);
    assert_int_equal(m.u.pos.speed, 123);
    assert_int_equal(m.u.pos.lon, -74037230);
    assert_int_equal(m.u.pos.lat, 29028980);
    assert_int_equal(m.u.pos.course, 2240);
    assert_int_equal(m.u.pos.heading, 215);
    assert_int_equal(m.u.pos.second, 33);
    assert_int_equal(m.channel, 'A');
    assert_false(m.own);
    assert_true(m.time == PSEC_AIS_TIME_NONE);
    /* One character changed: the checksum must catch it. */
    assert_int_equal(line(r, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CR,0*4A", &m), 0);
    assert_int_equal(psec_ais_reader_stats(r)->bad_checksum, 1);
    assert_int_equal(psec_ais_reader_stats(r)->messages, 1);
    psec_ais_reader_free(r);
}

static void test_talkers_and_other_lines(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    char buf[256];
    (void)state;
    assert_int_equal(line(r, nmea(buf, sizeof buf, "", "BSVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0"), &m), 1);
    assert_int_equal(m.channel, 'B');
    assert_int_equal(line(r, nmea(buf, sizeof buf, "", "AIVDO,1,1,,,15RTgt0PAso;90TKcjM8h6g208CQ,0"), &m), 1);
    assert_true(m.own);
    assert_int_equal(m.channel, '\0');
    assert_int_equal(line(r, nmea(buf, sizeof buf, "", "AIVDM,1,1,,2,15RTgt0PAso;90TKcjM8h6g208CQ,0"), &m), 1);
    assert_int_equal(m.channel, 'B');
    assert_int_equal(line(r, "$GPZDA,114702.51,27,01,2012,,*66", &m), 0);
    assert_int_equal(line(r, "$PSHI,001,01.53524524,,01691,32611,114701.28,2,0057,-079*3B", &m), 0);
    assert_int_equal(line(r, "# a comment", &m), 0);
    assert_int_equal(line(r, "   ", &m), 0);
    assert_int_equal(psec_ais_reader_stats(r)->other_nmea, 3);
    assert_int_equal(psec_ais_reader_stats(r)->lines, 6);
    psec_ais_reader_free(r);
}

static void test_tag_blocks_and_trailers(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    const struct psec_ais_stats *st = psec_ais_reader_stats(r);
    (void)state;
    /* AMSA's feed writes a dummy tag block checksum "*00": accepted, counted. */
    assert_int_equal(line(r, "\\c:1420030798*00\\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22", &m), 1);
    assert_true(m.time == 1420030798);
    assert_int_equal(st->tag_dummy_checksum, 1);
    /* Kystverket: a real tag block checksum. */
    assert_int_equal(line(r, "\\c:1565218798*53\\!BSVDM,1,1,,A,13mb9U0P00PRk8fT5nw>4?wj2006,0*5D", &m), 1);
    assert_true(m.time == 1565218798);
    assert_int_equal(st->tag_dummy_checksum, 1);
    /* A stale tag block checksum (Kystverket adds g: without updating it)
     * is counted, not refused: the sentence has its own. A non-hex one is. */
    assert_int_equal(line(r, "\\g:1-1-9,c:1565218798*53\\!BSVDM,1,1,,A,13mb9U0P00PRk8fT5nw>4?wj2006,0*5D", &m), 1);
    assert_int_equal(st->tag_bad_checksum, 1);
    assert_int_equal(line(r, "\\c:1565218798*5Z\\!BSVDM,1,1,,A,13mb9U0P00PRk8fT5nw>4?wj2006,0*5D", &m), 0);
    assert_int_equal(st->bad_checksum, 1);
    /* ORBCOMM (libais tagblock.nmea): source and time. */
    assert_int_equal(line(r, "\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", &m), 1);
    assert_true(m.time == 1418172113);
    assert_string_equal(m.source, "rORBCOMM104");
    /* USCG-style trailer (libais typeexamples.nmea): first epoch, receiver. */
    assert_int_equal(line(r, "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,d-080,S2118,t050056.00,T56.4837741,r003669946,1325394060,1325394001", &m), 1);
    assert_true(m.time == 1325394060);
    assert_string_equal(m.source, "003669946");
    /* A bare trailing epoch in milliseconds. */
    assert_int_equal(line(r, "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,1325394060123", &m), 1);
    assert_true(m.time == 1325394060);
    psec_ais_reader_free(r);
}

static const char *const T5A = "AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0";
static const char *const T5B = "AIVDM,2,2,1,A,88888888880,2";

static void test_reassembly_interleaved_sources(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    char t1[64], t2[64], a[256], b[256];
    (void)state;
    tag(t1, sizeof t1, "s:rx1,c:1600000000");
    tag(t2, sizeof t2, "s:rx2,c:1600000001");
    /* Two receivers hear the same two-part message; their fragments
     * interleave on one channel with one sequence id. gpsd's per-channel
     * buffer loses both; keyed by source we get both. */
    assert_int_equal(line(r, nmea(a, sizeof a, t1, T5A), &m), 0);
    assert_int_equal(line(r, nmea(b, sizeof b, t2, T5A), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, t1, T5B), &m), 1);
    assert_int_equal(m.type, 5);
    assert_string_equal(m.u.voyage.shipname, "EVER DIADEM");
    assert_string_equal(m.source, "rx1");
    assert_true(m.time == 1600000000);
    assert_int_equal(line(r, nmea(b, sizeof b, t2, T5B), &m), 1);
    assert_string_equal(m.source, "rx2");
    assert_string_equal(m.u.voyage.destination, "NEW YORK");
    assert_int_equal(m.u.voyage.draught, 122);
    assert_int_equal(psec_ais_reader_stats(r)->incomplete, 0);
    psec_ais_reader_free(r);
}

static void test_reassembly_group_without_source(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    char t1[64], t2[64], a[256];
    (void)state;
    /* NMEA 4.10 groups: the second tag block names only the group. */
    tag(t1, sizeof t1, "g:1-2-77,s:rx9,c:1600000000");
    tag(t2, sizeof t2, "g:2-2-77");
    assert_int_equal(line(r, nmea(a, sizeof a, t1, T5A), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, t2, T5B), &m), 1);
    assert_string_equal(m.source, "rx9");
    assert_true(m.time == 1600000000);
    psec_ais_reader_free(r);
}

static void test_reassembly_bad_fragments(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    const struct psec_ais_stats *st = psec_ais_reader_stats(r);
    char a[256];
    (void)state;
    /* Part 2 with no part 1. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", T5B), &m), 0);
    assert_int_equal(st->incomplete, 1);
    /* Fragment number 0, count 0, number beyond count: refused. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,2,0,1,A,88888888880,2"), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,0,1,1,A,88888888880,2"), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,2,3,1,A,88888888880,2"), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,2,1,1,A,888,9"), &m), 0);
    assert_int_equal(st->malformed, 4);
    /* Part 1 twice: the first is given up, the second completes. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", T5A), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", T5A), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", T5B), &m), 1);
    assert_int_equal(st->incomplete, 2);
    /* Expiry: a part 1 followed by many other lines, then its part 2. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", T5A), &m), 0);
    for (int i = 0; i < PSEC_AIS_REASM_LINES + 5; i++)
        assert_int_equal(line(r, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A", &m), 1);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,2,1,2,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0"), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", T5B), &m), 0);
    assert_int_equal(st->incomplete, 4);
    /* Left pending at the end: counted by finish. */
    psec_ais_reader_finish(r);
    assert_int_equal(st->incomplete, 5);
    psec_ais_reader_free(r);
}

static void test_reassembly_table_bound(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    char t[64], a[256], src[32];
    (void)state;
    /* More open messages than slots: the oldest are given up, memory stays. */
    for (int i = 0; i < PSEC_AIS_REASM_SLOTS + 10; i++) {
        snprintf(src, sizeof src, "s:rx%d", i);
        tag(t, sizeof t, src);
        assert_int_equal(line(r, nmea(a, sizeof a, t, T5A), &m), 0);
    }
    assert_int_equal(psec_ais_reader_stats(r)->incomplete, 10);
    /* The newest still completes. */
    snprintf(src, sizeof src, "s:rx%d", PSEC_AIS_REASM_SLOTS + 9);
    tag(t, sizeof t, src);
    assert_int_equal(line(r, nmea(a, sizeof a, t, T5B), &m), 1);
    psec_ais_reader_free(r);
}

struct collect {
    int n;
    unsigned mmsi[8];
};

static int collect(void *p, const struct psec_ais_msg *m)
{
    struct collect *c = p;
    if (c->n < 8)
        c->mmsi[c->n] = m->mmsi;
    c->n++;
    return 0;
}

static void test_split_reads(void **state)
{
    char a[256], b[256], text[1024];
    struct collect whole = {0}, bytes = {0};
    struct psec_ais_reader *r;
    size_t n;
    (void)state;
    n = (size_t)snprintf(text, sizeof text, "%s\r\n%s\r\n!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
                         nmea(a, sizeof a, "", T5A), nmea(b, sizeof b, "", T5B));
    r = psec_ais_reader_new(0);
    psec_ais_reader_feed(r, text, n, collect, &whole);
    psec_ais_reader_feed(r, NULL, 0, collect, &whole);
    psec_ais_reader_free(r);
    /* One byte per read: every line crosses a read boundary. */
    r = psec_ais_reader_new(0);
    for (size_t i = 0; i < n; i++)
        psec_ais_reader_feed(r, text + i, 1, collect, &bytes);
    psec_ais_reader_feed(r, NULL, 0, collect, &bytes);
    psec_ais_reader_free(r);
    assert_int_equal(whole.n, 2);
    assert_int_equal(bytes.n, 2);
    assert_int_equal(whole.mmsi[0], bytes.mmsi[0]);
    assert_int_equal(whole.mmsi[1], 371798000);
    assert_int_equal(bytes.mmsi[1], 371798000);
}

static void test_overlong_line(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct collect c = {0};
    char *big = malloc(5000);
    (void)state;
    memset(big, 'x', 5000);
    big[4999] = '\n';
    psec_ais_reader_feed(r, big, 2000, collect, &c);
    psec_ais_reader_feed(r, big + 2000, 3000, collect, &c);
    psec_ais_reader_feed(r, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n", 49, collect, &c);
    assert_int_equal(c.n, 1);
    assert_int_equal(psec_ais_reader_stats(r)->too_long, 1);
    free(big);
    psec_ais_reader_free(r);
}

static void test_lengths(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    const struct psec_ais_stats *st = psec_ais_reader_stats(r);
    char a[256];
    (void)state;
    /* Type 1 cut to 26 characters (156 bits): too short. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208,0"), &m), 0);
    assert_int_equal(st->bad_length, 1);
    /* Type 1 longer than 168 bits: accepted, the extra ignored. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ00,0"), &m), 1);
    assert_int_equal(m.u.pos.radio, 34017);
    /* Type 5 at 420 bits (transmitters in the wild): accepted. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp88888888888,0"), &m), 1);
    assert_int_equal(m.bitlen, 420);
    /* Empty payload, a non-armour character, type 0 and type 40. */
    assert_int_equal(line(r, "!AIVDM,1,1,,B,,0*25", &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208C|,0"), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,05RTgt0PAso;90TKcjM8h6g208CQ,0"), &m), 0);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,`5RTgt0PAso;90TKcjM8h6g208CQ,0"), &m), 0);
    assert_int_equal(st->bad_length, 2);
    assert_int_equal(st->malformed, 1);
    assert_int_equal(st->unknown_type, 2);
    /* Type 27 must be 96 or 168 bits. */
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,KC5E2b@U19PFdLbL,0"), &m), 1);
    assert_int_equal(m.type, 27);
    assert_int_equal(line(r, nmea(a, sizeof a, "", "AIVDM,1,1,,A,KC5E2b@U19PFdLbL0,0"), &m), 0);
    psec_ais_reader_free(r);
}

static void test_type24_merge(void **state)
{
    struct psec_ais_reader *split = psec_ais_reader_new(0);
    struct psec_ais_reader *merge = psec_ais_reader_new(PSEC_AIS_MERGE24);
    struct psec_ais_msg m;
    /* gpsd sample.aivdm, a type 24 pair. */
    const char *pa = "!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D";
    const char *pb = "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40";
    (void)state;
    assert_int_equal(line(split, pa, &m), 1);
    assert_int_equal(m.u.sd.part, PSEC_AIS_PART_A);
    assert_string_equal(m.u.sd.shipname, "PROGUY");
    assert_int_equal(line(split, pb, &m), 1);
    assert_int_equal(m.u.sd.part, PSEC_AIS_PART_B);
    assert_string_equal(m.u.sd.callsign, "TC6163");
    assert_int_equal(line(merge, pa, &m), 0);
    assert_int_equal(line(merge, pb, &m), 1);
    assert_int_equal(m.u.sd.part, PSEC_AIS_PART_BOTH);
    assert_string_equal(m.u.sd.shipname, "PROGUY");
    assert_int_equal(m.u.sd.to_stern, 15);
    /* A repeated part B does not match the same part A again. */
    assert_int_equal(line(merge, pb, &m), 0);
    psec_ais_reader_free(split);
    psec_ais_reader_free(merge);
}

static void test_json(void **state)
{
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    struct psec_ais_msg m;
    char buf[1024], small[16];
    size_t n;
    double lat, lon, sp, co;
    (void)state;
    assert_int_equal(line(r, "\\c:1420030798*00\\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22", &m), 1);
    n = psec_ais_json(&m, 0, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    assert_non_null(strstr(buf, ",\"time\":\"2014-12-31T12:59:58Z\"}"));
    assert_non_null(strstr(buf, "\"scaled\":true"));
    /* Too small a buffer: truncated, terminated, and the needed size told. */
    assert_int_equal(psec_ais_json(&m, 0, small, sizeof small), n);
    assert_int_equal(strlen(small), sizeof small - 1);
    n = psec_ais_json(&m, PSEC_AIS_JSON_UNSCALED | PSEC_AIS_JSON_NO_TIME, buf, sizeof buf);
    assert_null(strstr(buf, "\"time\""));
    assert_non_null(strstr(buf, "\"scaled\":false"));
    {
        json_t *j = json_loads(buf, 0, NULL);
        assert_non_null(j);
        assert_int_equal(json_integer_value(json_object_get(j, "mmsi")), m.mmsi);
        json_decref(j);
    }
    assert_true(psec_ais_position(&m, &lat, &lon, &sp, &co));
    assert_true(lat < -9 && lat > -45 && lon > 110 && lon < 160);
    psec_ais_reader_free(r);
}

static void test_random_vectors_against_gpsdecode(void **state)
{
    struct lines exp = {0}, got = {0};
    struct psec_ais_stats st;
    (void)state;
    assert_int_equal(read_expected(PSEC_TESTDIR "/ais/random.ju.json", &exp), 0);
    assert_int_equal(decode_file(PSEC_TESTDIR "/ais/random.nmea", PSEC_AIS_JSON_UNSCALED, &got, &st), 0);
    assert_true(exp.n > 250);
    assert_int_equal(compare_lines("random.ju.json", &exp, &got), 0);
    lines_free(&exp);
    lines_free(&got);
    assert_int_equal(read_expected(PSEC_TESTDIR "/ais/random.js.json", &exp), 0);
    assert_int_equal(decode_file(PSEC_TESTDIR "/ais/random.nmea", 0, &got, &st), 0);
    assert_int_equal(compare_lines("random.js.json", &exp, &got), 0);
    lines_free(&exp);
    lines_free(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type1_fields),
        cmocka_unit_test(test_talkers_and_other_lines),
        cmocka_unit_test(test_tag_blocks_and_trailers),
        cmocka_unit_test(test_reassembly_interleaved_sources),
        cmocka_unit_test(test_reassembly_group_without_source),
        cmocka_unit_test(test_reassembly_bad_fragments),
        cmocka_unit_test(test_reassembly_table_bound),
        cmocka_unit_test(test_split_reads),
        cmocka_unit_test(test_overlong_line),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_type24_merge),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_random_vectors_against_gpsdecode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
