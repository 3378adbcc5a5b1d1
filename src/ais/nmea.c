/*
 * nmea.c — NMEA 0183 lines to AIS messages: VDM/VDO from any talker,
 * checksums, NMEA 4.10 tag blocks (c: time, s: source, g: group), trailing
 * metadata after the checksum (receiver id, epoch seconds), multi-sentence
 * reassembly, and lines split across reads of a stream.
 *
 * What it does: reassembles by (source, channel, sequence id, fragment
 * count) — not per channel only as gpsd does, because merged feeds from
 * many receivers interleave multi-part messages on one channel. The table
 * is bounded (PSEC_AIS_REASM_SLOTS) and expires partial messages after
 * PSEC_AIS_REASM_LINES lines or PSEC_AIS_REASM_SECONDS of message time.
 * Fragment numbers must run 1..count in order (0 and gaps are refused).
 * Tag blocks with a dummy "*00" checksum (AMSA's feed writes them) or a
 * stale one (Kystverket's adds g: without updating it) are accepted and
 * counted: the sentence after them carries its own checksum.
 *
 * What it does not: allocate after psec_ais_reader_new(), print, or trust
 * any length it has not checked. Non-AIS NMEA and proprietary lines are
 * skipped and counted.
 *
 * Verified against real data: AMSA's raw feed and tag-blocked recording,
 * Kystverket's .nm4 sample, libais's USCG-style and ORBCOMM tag-block lines,
 * and gpsd's sample.aivdm (tests/unit/test_ais*.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ais/ais.h"

struct slot {
    bool used;
    char channel, seqid;
    unsigned char count, next;
    char source[PSEC_AIS_SOURCE_MAX];
    char group[12];
    uint64_t line;
    int64_t time;
    size_t nchars;
    char payload[PSEC_AIS_MAX_CHARS];
};

struct t24 {
    uint32_t mmsi;
    char shipname[21];
};

struct psec_ais_reader {
    unsigned flags;
    struct psec_ais_stats st;
    struct slot slots[PSEC_AIS_REASM_SLOTS];
    unsigned nused;
    struct t24 t24q[PSEC_AIS_T24_QUEUE];
    unsigned t24i;
    uint8_t bits[PSEC_AIS_MAX_BITS / 8 + 16];
    char part[PSEC_AIS_MAX_LINE];
    size_t partlen;
    bool overlong;
};

struct psec_ais_reader *psec_ais_reader_new(unsigned flags)
{
    struct psec_ais_reader *r = calloc(1, sizeof *r);
    if (r != NULL)
        r->flags = flags;
    return r;
}

void psec_ais_reader_free(struct psec_ais_reader *r)
{
    free(r);
}

const struct psec_ais_stats *psec_ais_reader_stats(const struct psec_ais_reader *r)
{
    return &r->st;
}

void psec_ais_reader_finish(struct psec_ais_reader *r)
{
    for (unsigned i = 0; i < PSEC_AIS_REASM_SLOTS; i++)
        if (r->slots[i].used) {
            r->slots[i].used = false;
            r->st.incomplete++;
        }
    r->nused = 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Parses a run of decimal digits [s, e) into v; false when empty, not all
 * digits or longer than 15 digits. */
static bool digits(const char *s, const char *e, int64_t *v)
{
    int64_t x = 0;
    if (s >= e || e - s > 15)
        return false;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9')
            return false;
        x = x * 10 + (*s - '0');
    }
    *v = x;
    return true;
}

/* Epoch seconds, or milliseconds (13 digits) as some feeds write them. */
static bool epoch(const char *s, const char *e, int64_t *t)
{
    int64_t v;
    if (!digits(s, e, &v))
        return false;
    if (v >= 100000000000LL)
        v /= 1000;
    if (v < 100000000LL || v > 9999999999LL)
        return false;
    *t = v;
    return true;
}

static void copy_field(char *dst, size_t size, const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

struct lineinfo {
    int64_t time;
    char source[PSEC_AIS_SOURCE_MAX];
    char group[12];
};

/* Tag block body [s, e) without the backslashes. Returns false when its
 * checksum is not hexadecimal; a wrong one is counted, not refused. */
static bool tag_block(struct psec_ais_reader *r, const char *s, const char *e,
                      struct lineinfo *li)
{
    const char *star = memchr(s, '*', (size_t)(e - s));
    const char *end = star ? star : e;

    if (star != NULL && e - star == 3) {
        int h = hexval(star[1]), l = hexval(star[2]);
        unsigned sum = 0;
        for (const char *p = s; p < star; p++)
            sum ^= (unsigned char)*p;
        if (h < 0 || l < 0)
            return false;
        if ((unsigned)(h * 16 + l) != sum) {
            /* AMSA writes "*00"; Kystverket adds g: fields without updating
             * the checksum. The sentence has its own checksum, so the tag
             * block is kept and the mismatch counted. */
            if (h == 0 && l == 0)
                r->st.tag_dummy_checksum++;
            else
                r->st.tag_bad_checksum++;
        }
    }
    r->st.tag_blocks++;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *fe = comma ? comma : end;
        if (fe - s >= 2 && s[1] == ':') {
            if (s[0] == 'c')
                (void)epoch(s + 2, fe, &li->time);
            else if (s[0] == 's')
                copy_field(li->source, sizeof li->source, s + 2, fe);
            else if (s[0] == 'g') {
                /* g:SENTENCE-TOTAL-GROUP: the group id ties fragments whose
                 * later tag blocks carry no source. */
                const char *dash = s + 2;
                int seen = 0;
                for (const char *p = s + 2; p < fe; p++)
                    if (*p == '-' && ++seen == 2)
                        dash = p + 1;
                if (seen == 2)
                    copy_field(li->group, sizeof li->group, dash, fe);
            }
        }
        s = fe + (fe < end);
    }
    return true;
}

/* Metadata after "*hh": USCG-style ",d-109,...,r003669946,1325394060,..."
 * or a lone epoch. The first epoch-looking field is the time of receipt;
 * an "r..." field names the receiver. */
static void trailer(const char *s, const char *e, struct lineinfo *li)
{
    bool have_time = li->time != PSEC_AIS_TIME_NONE;
    while (s < e) {
        const char *comma = memchr(s, ',', (size_t)(e - s));
        const char *fe = comma ? comma : e;
        int64_t t;
        if (!have_time && fe - s >= 9 && epoch(s, fe, &t)) {
            li->time = t;
            have_time = true;
        } else if (*s == 'r' && fe - s > 1 && li->source[0] == '\0') {
            copy_field(li->source, sizeof li->source, s + 1, fe);
        }
        s = fe + (fe < e);
    }
}

static bool same_key(const struct slot *sl, char channel, char seqid, unsigned count,
                     const struct lineinfo *li)
{
    if (sl->channel != channel || sl->seqid != seqid || sl->count != count)
        return false;
    if (strcmp(sl->source, li->source) == 0)
        return true;
    return sl->group[0] != '\0' && strcmp(sl->group, li->group) == 0;
}

static void expire(struct psec_ais_reader *r, const struct lineinfo *li)
{
    for (unsigned i = 0; i < PSEC_AIS_REASM_SLOTS && r->nused > 0; i++) {
        struct slot *sl = &r->slots[i];
        if (!sl->used)
            continue;
        if (sl->line + PSEC_AIS_REASM_LINES < r->st.lines ||
            (li->time != PSEC_AIS_TIME_NONE && sl->time != PSEC_AIS_TIME_NONE &&
             (li->time - sl->time > PSEC_AIS_REASM_SECONDS ||
              sl->time - li->time > PSEC_AIS_REASM_SECONDS))) {
            sl->used = false;
            r->nused--;
            r->st.incomplete++;
        }
    }
}

static struct slot *find_slot(struct psec_ais_reader *r, char channel, char seqid,
                              unsigned count, const struct lineinfo *li)
{
    if (r->nused == 0)
        return NULL;
    for (unsigned i = 0; i < PSEC_AIS_REASM_SLOTS; i++)
        if (r->slots[i].used && same_key(&r->slots[i], channel, seqid, count, li))
            return &r->slots[i];
    return NULL;
}

static struct slot *new_slot(struct psec_ais_reader *r)
{
    struct slot *oldest = NULL;
    for (unsigned i = 0; i < PSEC_AIS_REASM_SLOTS; i++) {
        struct slot *sl = &r->slots[i];
        if (!sl->used) {
            r->nused++;
            return sl;
        }
        if (oldest == NULL || sl->line < oldest->line)
            oldest = sl;
    }
    /* Full: the oldest pending message is given up. */
    r->st.incomplete++;
    return oldest;
}

/* Decodes a complete payload into m; returns 1 or 0. */
static int finish(struct psec_ais_reader *r, const char *payload, size_t n, unsigned pad,
                  const struct lineinfo *li, char channel, bool own, struct psec_ais_msg *m)
{
    int bitlen = psec_ais_unarmour(payload, n, pad, r->bits);
    int rc;

    if (bitlen < 0) {
        r->st.malformed++;
        return 0;
    }
    rc = psec_ais_decode_bits(r->bits, (unsigned)bitlen, m);
    if (rc == -2) {
        r->st.unknown_type++;
        return 0;
    }
    if (rc < 0) {
        r->st.bad_length++;
        return 0;
    }
    m->time = li->time;
    memcpy(m->source, li->source, sizeof m->source);
    m->channel = channel;
    m->own = own;

    if (m->type == 24 && (r->flags & PSEC_AIS_MERGE24)) {
        if (m->u.sd.part == PSEC_AIS_PART_A) {
            struct t24 *q = &r->t24q[r->t24i];
            q->mmsi = m->mmsi;
            memcpy(q->shipname, m->u.sd.shipname, sizeof q->shipname);
            r->t24i = (r->t24i + 1) % PSEC_AIS_T24_QUEUE;
            r->st.t24_waiting++;
            return 0;
        }
        for (unsigned i = 0; i < PSEC_AIS_T24_QUEUE; i++)
            if (r->t24q[i].mmsi == m->mmsi) {
                memcpy(m->u.sd.shipname, r->t24q[i].shipname, sizeof m->u.sd.shipname);
                r->t24q[i].mmsi = 0;  /* a repeated part B must not match again */
                m->u.sd.part = PSEC_AIS_PART_BOTH;
                goto out;
            }
        r->st.t24_waiting++;
        return 0;
    }
out:
    r->st.messages++;
    r->st.by_type[m->type]++;
    if (m->time != PSEC_AIS_TIME_NONE)
        r->st.with_time++;
    return 1;
}

int psec_ais_reader_line(struct psec_ais_reader *r, const char *line, size_t len,
                         struct psec_ais_msg *m)
{
    const char *s = line, *e = line + len;
    const char *f[7];
    const char *star;
    struct lineinfo li;
    unsigned sum = 0, nf = 0, count, num, pad;
    char channel, seqid;
    bool own;

    while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\0'))
        e--;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (s == e)
        return 0;
    r->st.lines++;
    if (e - s > PSEC_AIS_MAX_LINE) {
        r->st.too_long++;
        return 0;
    }
    li.time = PSEC_AIS_TIME_NONE;
    li.source[0] = '\0';
    li.group[0] = '\0';

    if (*s == '\\') {
        const char *close = memchr(s + 1, '\\', (size_t)(e - s - 1));
        if (close == NULL) {
            r->st.malformed++;
            return 0;
        }
        if (!tag_block(r, s + 1, close, &li)) {
            r->st.bad_checksum++;
            return 0;
        }
        s = close + 1;
    }
    /* "!xxVDM," or "!xxVDO," with any two-character talker. */
    if (e - s < 7 || s[0] != '!' || s[3] != 'V' || s[4] != 'D' ||
        (s[5] != 'M' && s[5] != 'O') || s[6] != ',') {
        r->st.other_nmea++;
        return 0;
    }
    own = s[5] == 'O';
    star = memchr(s, '*', (size_t)(e - s));
    if (star == NULL || e - star < 3) {
        r->st.malformed++;
        return 0;
    }
    {
        int h = hexval(star[1]), l = hexval(star[2]);
        for (const char *p = s + 1; p < star; p++)
            sum ^= (unsigned char)*p;
        if (h < 0 || l < 0 || (unsigned)(h * 16 + l) != sum) {
            r->st.bad_checksum++;
            return 0;
        }
    }
    r->st.sentences++;
    if (star + 3 < e)
        trailer(star + 3, e, &li);

    /* Fields: 0 "!AIVDM", 1 count, 2 number, 3 seq id, 4 channel, 5 payload, 6 pad. */
    f[nf++] = s;
    for (const char *p = s; p < star; p++)
        if (*p == ',') {
            if (nf == 7) {
                r->st.malformed++;
                return 0;
            }
            f[nf++] = p + 1;
        }
    if (nf != 7) {
        r->st.malformed++;
        return 0;
    }
#define FLEN(i) ((size_t)((i) == 6 ? star - f[6] : f[(i) + 1] - 1 - f[i]))
    if (FLEN(1) != 1 || FLEN(2) != 1 || FLEN(3) > 1 || FLEN(4) > 2 || FLEN(6) != 1 ||
        FLEN(5) > PSEC_AIS_MAX_CHARS) {
        r->st.malformed++;
        return 0;
    }
    count = (unsigned)(f[1][0] - '0');
    num = (unsigned)(f[2][0] - '0');
    pad = (unsigned)(f[6][0] - '0');
    if (count < 1 || count > PSEC_AIS_MAX_FRAGS || num < 1 || num > count || pad > 5) {
        r->st.malformed++;
        return 0;
    }
    seqid = FLEN(3) ? f[3][0] : '\0';
    channel = FLEN(4) ? f[4][0] : '\0';
    if (channel == '1')
        channel = 'A';
    else if (channel == '2')
        channel = 'B';

    if (count == 1)
        return finish(r, f[5], FLEN(5), pad, &li, channel, own, m);

    r->st.fragments++;
    expire(r, &li);
    {
        struct slot *sl = find_slot(r, channel, seqid, count, &li);
        size_t n = FLEN(5);
        if (num == 1) {
            if (sl != NULL)
                r->st.incomplete++;  /* a new start discards the pending one */
            else
                sl = new_slot(r);
            sl->used = true;
            sl->channel = channel;
            sl->seqid = seqid;
            sl->count = (unsigned char)count;
            sl->next = 2;
            memcpy(sl->source, li.source, sizeof sl->source);
            memcpy(sl->group, li.group, sizeof sl->group);
            sl->line = r->st.lines;
            sl->time = li.time;
            sl->nchars = 0;
        } else if (sl == NULL || sl->next != num) {
            if (sl != NULL) {
                sl->used = false;
                r->nused--;
            }
            r->st.incomplete++;
            return 0;
        } else {
            sl->next++;
            if (sl->time == PSEC_AIS_TIME_NONE)
                sl->time = li.time;
        }
        if (sl->nchars + n > PSEC_AIS_MAX_CHARS) {
            sl->used = false;
            r->nused--;
            r->st.malformed++;
            return 0;
        }
        memcpy(sl->payload + sl->nchars, f[5], n);
        sl->nchars += n;
        if (num < count)
            return 0;
        sl->used = false;
        r->nused--;
        li.time = sl->time;
        if (li.source[0] == '\0')
            memcpy(li.source, sl->source, sizeof li.source);
        return finish(r, sl->payload, sl->nchars, pad, &li, channel, own, m);
    }
#undef FLEN
}

int psec_ais_reader_feed(struct psec_ais_reader *r, const char *buf, size_t n,
                         int (*fn)(void *ctx, const struct psec_ais_msg *m), void *ctx)
{
    struct psec_ais_msg m;
    const char *p, *end;
    int rc;

    if (n == 0 || buf == NULL) {
        if (r->partlen > 0 && !r->overlong &&
            psec_ais_reader_line(r, r->part, r->partlen, &m) == 1) {
            r->partlen = 0;
            return fn(ctx, &m);
        }
        if (r->overlong) {
            r->st.lines++;
            r->st.too_long++;
        }
        r->partlen = 0;
        r->overlong = false;
        return 0;
    }
    p = buf;
    end = buf + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL) {
            size_t k = (size_t)(end - p);
            if (r->overlong || r->partlen + k > sizeof r->part) {
                r->overlong = true;
                r->partlen = 0;
            } else {
                memcpy(r->part + r->partlen, p, k);
                r->partlen += k;
            }
            return 0;
        }
        if (r->partlen > 0 || r->overlong) {
            size_t k = (size_t)(nl - p);
            bool over = r->overlong || r->partlen + k > sizeof r->part;
            if (!over) {
                memcpy(r->part + r->partlen, p, k);
                r->partlen += k;
            }
            if (over) {
                r->st.lines++;
                r->st.too_long++;
                rc = 0;
            } else {
                rc = psec_ais_reader_line(r, r->part, r->partlen, &m);
            }
            r->partlen = 0;
            r->overlong = false;
        } else {
            rc = psec_ais_reader_line(r, p, (size_t)(nl - p), &m);
        }
        if (rc == 1) {
            int stop = fn(ctx, &m);
            if (stop)
                return stop;
        }
        p = nl + 1;
    }
    return 0;
}
