/*
 * ais.h — AIS messages from NMEA 0183 VDM/VDO sentences: the message
 * struct, the payload decoder, the sentence reader (tag blocks, trailing
 * metadata, multi-sentence reassembly) and a gpsd-compatible JSON writer.
 *
 * What it does: types 1, 2, 3, 4, 5, 9, 11, 18, 19, 21, 24 (parts A and
 * B) and 27 decoded in full; 6 and 8 to their DAC/FID header; 7, 10,
 * 12-17, 20, 22, 23, 25, 26 to type, repeat and MMSI (with gpsd's length
 * rules, so the same messages are accepted). Fields are kept as the raw
 * integers ITU-R M.1371 defines; scaling happens only at output.
 *
 * What it does not: decode application payloads (DAC/FID contents) of
 * types 6 and 8, or the contents of the other partial types. It never
 * allocates per message: the caller owns struct psec_ais_msg and the reader
 * allocates once when created.
 *
 * Verified against real data: gpsd release-3.22 test/sample.aivdm with its
 * authored .ju.chk (tests/unit/test_ais_conformance.c), and gpsdecode 3.22
 * outputs on pyais and libais recordings (differential test). See
 * docs/ais.md for every remaining difference.
 */
#ifndef PORTSEC_AIS_AIS_H
#define PORTSEC_AIS_AIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits, each with its reason. */
/* gpsd's and NMEA's longest sentence is 82 characters; feeds with tag blocks
 * and trailing metadata run longer, so a generous cap that still bounds us. */
#define PSEC_AIS_MAX_LINE      1024
/* NMEA allows 1..9 fragments; the longest standard message (types 6, 8, 26:
 * 5 slots) is 1008 bits = 168 characters. Longer payloads are refused. */
#define PSEC_AIS_MAX_FRAGS     9
#define PSEC_AIS_MAX_CHARS     256
#define PSEC_AIS_MAX_BITS      (PSEC_AIS_MAX_CHARS * 6)
/* Pending multi-sentence messages: AIS-catcher keeps 64; with many
 * receivers interleaving, 64 is still far more than are open at once. */
#define PSEC_AIS_REASM_SLOTS   64
/* A fragment older than this many lines, or this many seconds of message
 * time (when tag blocks give time), is dropped as incomplete. */
#define PSEC_AIS_REASM_LINES   1000
#define PSEC_AIS_REASM_SECONDS 10
/* gpsd keeps 8 type 24 part A names waiting for their part B. */
#define PSEC_AIS_T24_QUEUE     8
/* Source (tag block s:, or trailing receiver id) kept for keys and output. */
#define PSEC_AIS_SOURCE_MAX    24

/* "Not available" values as the standard defines them. */
#define PSEC_AIS_LON_NA        (181 * 600000)   /* 1/10000 minute */
#define PSEC_AIS_LAT_NA        (91 * 600000)
#define PSEC_AIS_SPEED_NA      1023             /* 0.1 knot */
#define PSEC_AIS_SPEED_FAST    1022             /* 102.2 knots or more */
#define PSEC_AIS_COURSE_NA     3600             /* 0.1 degree */
#define PSEC_AIS_HEADING_NA    511
#define PSEC_AIS_TURN_NA       (-128)
#define PSEC_AIS_SECOND_NA     60
#define PSEC_AIS_DRAUGHT_NA    0
#define PSEC_AIS_ALT_NA        4095             /* type 9, metres */
#define PSEC_AIS_LR_LON_NA     (181 * 600)      /* type 27: 1/10 minute */
#define PSEC_AIS_LR_LAT_NA     (91 * 600)
#define PSEC_AIS_LR_SPEED_NA   63               /* type 27: knots */
#define PSEC_AIS_LR_COURSE_NA  511              /* type 27: degrees */
#define PSEC_AIS_TIME_NONE     INT64_MIN

enum psec_ais_part { PSEC_AIS_PART_A = 0, PSEC_AIS_PART_B = 1, PSEC_AIS_PART_BOTH = 2 };

/* One decoded message. Text fields are NUL-terminated, trailing blanks and
 * '@' removed (as gpsd does). */
struct psec_ais_msg {
    unsigned type, repeat;
    uint32_t mmsi;
    int64_t time;                 /* UTC seconds from tag block or trailer, or PSEC_AIS_TIME_NONE */
    char source[PSEC_AIS_SOURCE_MAX];
    char channel;                 /* 'A', 'B', or as given; '\0' when empty */
    bool own;                     /* VDO (own ship) */
    unsigned bitlen;
    union {
        struct {                  /* types 1, 2, 3 */
            unsigned status;      /* 15 = not defined */
            int turn;             /* -128 n/a, -127/127 fast left/right */
            unsigned speed;       /* 0.1 kn, 1023 n/a */
            bool accuracy;
            int32_t lon, lat;     /* 1/10000 minute; 181/91 degrees n/a */
            unsigned course;      /* 0.1 degree, 3600 n/a */
            unsigned heading;     /* degrees, 511 n/a */
            unsigned second;      /* 60 n/a */
            unsigned maneuver;
            bool raim;
            uint32_t radio;
        } pos;
        struct {                  /* types 4, 11 */
            unsigned year, month, day, hour, minute, second;  /* 0/0/0/24/60/60 n/a */
            bool accuracy;
            int32_t lon, lat;
            unsigned epfd;
            bool raim;
            uint32_t radio;
        } base;
        struct {                  /* type 5 */
            unsigned ais_version;
            uint32_t imo;         /* 0 n/a */
            char callsign[8];
            char shipname[21];
            unsigned shiptype;    /* 0 n/a */
            unsigned to_bow, to_stern, to_port, to_starboard;  /* metres, 0 n/a */
            unsigned epfd;
            unsigned month, day, hour, minute;  /* ETA; 0/0/24/60 n/a */
            unsigned draught;     /* 0.1 m, 0 n/a */
            char destination[21];
            unsigned dte;
        } voyage;
        struct {                  /* type 9 */
            unsigned alt;         /* metres, 4095 n/a */
            unsigned speed;       /* knots, 1023 n/a */
            bool accuracy;
            int32_t lon, lat;
            unsigned course;
            unsigned second;
            unsigned regional;
            unsigned dte;
            bool assigned, raim;
            uint32_t radio;
        } sar;
        struct {                  /* types 18, 19 */
            unsigned reserved;
            unsigned speed;
            bool accuracy;
            int32_t lon, lat;
            unsigned course, heading, second, regional;
            bool cs, display, dsc, band, msg22, assigned, raim;  /* 18 */
            uint32_t radio;                                        /* 18 */
            char shipname[21];                                     /* 19 */
            unsigned shiptype, to_bow, to_stern, to_port, to_starboard, epfd;
            bool dte;                                              /* 19 */
        } cb;
        struct {                  /* type 21 */
            unsigned aid_type;
            char name[36];        /* 20 characters plus up to 14 of extension */
            bool accuracy;
            int32_t lon, lat;
            unsigned to_bow, to_stern, to_port, to_starboard, epfd, second;
            bool off_position;
            unsigned regional;
            bool raim, virtual_aid, assigned;
        } aton;
        struct {                  /* type 24 */
            enum psec_ais_part part;
            char shipname[21];    /* part A (or merged) */
            unsigned shiptype;    /* part B from here */
            char vendorid[8];
            unsigned model;
            uint32_t serial;
            char callsign[8];
            unsigned to_bow, to_stern, to_port, to_starboard;
            uint32_t mothership_mmsi;  /* auxiliary craft (98xxxxxxx) only */
        } sd;
        struct {                  /* type 27 */
            bool accuracy, raim;
            unsigned status;
            int32_t lon, lat;     /* 1/10 minute; 181/91 degrees n/a */
            unsigned speed;       /* knots, 63 n/a */
            unsigned course;      /* degrees, 511 n/a */
            bool gnss;
        } lr;
        struct {                  /* types 6, 8 */
            unsigned seqno;       /* 6 */
            uint32_t dest_mmsi;   /* 6 */
            bool retransmit;      /* 6 */
            unsigned dac, fid;
            unsigned bitcount;    /* application data bits after the header */
        } bin;
    } u;
};

/* Counters; every line read lands in exactly one of lines_* (ais lines are
 * then counted again by what became of them). */
struct psec_ais_stats {
    uint64_t lines;            /* every line seen (blank lines excluded) */
    uint64_t sentences;        /* VDM/VDO sentences with a good checksum */
    uint64_t other_nmea;       /* other NMEA/proprietary/comment lines skipped */
    uint64_t bad_checksum;     /* VDM/VDO (or tag block) whose checksum failed */
    uint64_t malformed;        /* VDM/VDO lines that do not parse */
    uint64_t too_long;         /* lines over PSEC_AIS_MAX_LINE */
    uint64_t tag_blocks;       /* sentences that carried a tag block */
    uint64_t tag_dummy_checksum; /* tag blocks with a dummy "*00" checksum, accepted */
    uint64_t tag_bad_checksum; /* tag blocks whose checksum does not match, accepted */
    uint64_t fragments;        /* fragments of multi-sentence messages */
    uint64_t incomplete;       /* multi-sentence messages never completed */
    uint64_t bad_length;       /* payloads too short (or out of range) for their type */
    uint64_t unknown_type;     /* types 0 and 28-63 */
    uint64_t messages;         /* messages decoded */
    uint64_t by_type[28];
    uint64_t t24_waiting;      /* type 24 halves held back waiting for the other (merge mode) */
    uint64_t with_time;        /* messages with a time */
};

/* Decodes a binary payload of bitlen bits (bits MSB first; the buffer must
 * hold at least bitlen/8 + 8 bytes, the extra zeroed) into m. Returns 0 and
 * fills m (type..u), or -1 when the payload is too short or out of range for
 * its type, or -2 for a type the standard does not define. */
int psec_ais_decode_bits(const uint8_t *bits, unsigned bitlen, struct psec_ais_msg *m);

/* De-armours a six-bit payload of n characters into bits (at least
 * n*6/8 + 9 bytes; zero-filled past the data). Returns the bit count
 * (n*6 - pad) or -1 when a character is not six-bit armour. */
int psec_ais_unarmour(const char *payload, size_t n, unsigned pad, uint8_t *bits);

/* --- reader: sentences to messages ------------------------------------ */

enum psec_ais_flags {
    /* Merge type 24 part A with the next part B of the same MMSI and emit
     * only merged records, as gpsdecode does without -s. Off: both halves
     * are returned as they come. */
    PSEC_AIS_MERGE24 = 1
};

struct psec_ais_reader;

/* Returns a new reader (one allocation), or NULL when memory is short.
 * Free with psec_ais_reader_free(). */
struct psec_ais_reader *psec_ais_reader_new(unsigned flags);
void psec_ais_reader_free(struct psec_ais_reader *r);

/* Reads one line (no newline needed; len excludes it). Returns 1 when m
 * holds a new message, 0 when the line gave none (a fragment kept, a line
 * skipped or refused: see the stats). */
int psec_ais_reader_line(struct psec_ais_reader *r, const char *line, size_t len,
                         struct psec_ais_msg *m);

/* Reads a chunk of a stream: splits lines on LF (CR ignored), keeps a
 * partial last line for the next call (so a message split across reads
 * still decodes), and calls fn for each message; fn returns non-zero to
 * stop, and that value is returned. Call with n == 0 at end of input to
 * flush a last line without a newline. */
int psec_ais_reader_feed(struct psec_ais_reader *r, const char *buf, size_t n,
                         int (*fn)(void *ctx, const struct psec_ais_msg *m), void *ctx);

/* Borrowed; valid until psec_ais_reader_free(). */
const struct psec_ais_stats *psec_ais_reader_stats(const struct psec_ais_reader *r);

/* Counts pending fragments as incomplete (call at end of input). */
void psec_ais_reader_finish(struct psec_ais_reader *r);

/* --- output ----------------------------------------------------------- */

enum psec_ais_json_flags {
    PSEC_AIS_JSON_UNSCALED = 1,   /* raw integers, as gpsdecode -u -j */
    PSEC_AIS_JSON_NO_TIME = 2     /* leave out "time" even where known */
};

/* Writes m as one JSON object (no newline) into buf; returns the length, or
 * the length it would need when size is too small (like snprintf).
 * 1024 bytes are always enough. */
size_t psec_ais_json(const struct psec_ais_msg *m, unsigned flags, char *buf, size_t size);

/* Text for codes, as gpsd prints them. */
const char *psec_ais_status_text(unsigned status);
const char *psec_ais_shiptype_text(unsigned shiptype);
const char *psec_ais_epfd_text(unsigned epfd);
const char *psec_ais_aid_type_text(unsigned aid_type);

/* Position of a message in degrees and knots when it has one (types 1-3,
 * 4, 9, 11, 18, 19, 21, 27) and it is available. speed/course are NAN when
 * not available or not carried. */
bool psec_ais_position(const struct psec_ais_msg *m, double *lat, double *lon,
                       double *speed_kn, double *course_deg);

#endif
