/*
 * json.c — one AIS message as one JSON object, with gpsd's field names and
 * order: unscaled exactly as `gpsdecode -u -j` prints it, scaled (degrees,
 * knots, metres) as `gpsdecode -j` does, plus "time" (ISO 8601 UTC) when
 * the sentence carried one. No "device" key: we have no device.
 *
 * What it does: hand-written formatting into a caller's buffer (no stdio on
 * the common paths), because JSON output speed is a stated goal. Scaled
 * lat/lon are printed with exact integer arithmetic: lon/600000 to six
 * places is round(lon*5/3), which never falls on a tie, so it equals what
 * printf("%.6f") does with the double gpsd computes.
 *
 * What it does not: print type 6/8 application data or the bodies of other
 * partially decoded types (header fields only; see docs/ais.md).
 *
 * Verified against real data: gpsd release-3.22 .ju.chk and .js.chk for
 * sample.aivdm, gpsdecode 3.22 on the pyais/libais recordings.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ais/ais.h"
#include "base/time.h"

static const char *const nav_legends[16] = {
    "Under way using engine", "At anchor", "Not under command",
    "Restricted manoeuverability", "Constrained by her draught", "Moored", "Aground",
    "Engaged in fishing", "Under way sailing", "Reserved for HSC", "Reserved for WIG",
    "Reserved", "Reserved", "Reserved", "Reserved", "Not defined",
};

static const char *const epfd_legends[9] = {
    "Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C", "Chayka",
    "Integrated navigation system", "Surveyed", "Galileo",
};

#define R "Reserved for future use"
static const char *const ship_type_legends[100] = {
    "Not available", R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R, R,
    "Wing in ground (WIG) - all ships of this type",
    "Wing in ground (WIG) - Hazardous category A",
    "Wing in ground (WIG) - Hazardous category B",
    "Wing in ground (WIG) - Hazardous category C",
    "Wing in ground (WIG) - Hazardous category D",
    "Wing in ground (WIG) - " R, "Wing in ground (WIG) - " R, "Wing in ground (WIG) - " R,
    "Wing in ground (WIG) - " R, "Wing in ground (WIG) - " R,
    "Fishing", "Towing", "Towing: length exceeds 200m or breadth exceeds 25m",
    "Dredging or underwater ops", "Diving ops", "Military ops", "Sailing", "Pleasure Craft",
    "Reserved", "Reserved",
    "High speed craft (HSC) - all ships of this type",
    "High speed craft (HSC) - Hazardous category A",
    "High speed craft (HSC) - Hazardous category B",
    "High speed craft (HSC) - Hazardous category C",
    "High speed craft (HSC) - Hazardous category D",
    "High speed craft (HSC) - " R, "High speed craft (HSC) - " R,
    "High speed craft (HSC) - " R, "High speed craft (HSC) - " R,
    "High speed craft (HSC) - No additional information",
    "Pilot Vessel", "Search and Rescue vessel", "Tug", "Port Tender",
    "Anti-pollution equipment", "Law Enforcement", "Spare - Local Vessel",
    "Spare - Local Vessel", "Medical Transport", "Ship according to RR Resolution No. 18",
    "Passenger - all ships of this type", "Passenger - Hazardous category A",
    "Passenger - Hazardous category B", "Passenger - Hazardous category C",
    "Passenger - Hazardous category D", "Passenger - " R, "Passenger - " R,
    "Passenger - " R, "Passenger - " R, "Passenger - No additional information",
    "Cargo - all ships of this type", "Cargo - Hazardous category A",
    "Cargo - Hazardous category B", "Cargo - Hazardous category C",
    "Cargo - Hazardous category D", "Cargo - " R, "Cargo - " R, "Cargo - " R, "Cargo - " R,
    "Cargo - No additional information",
    "Tanker - all ships of this type", "Tanker - Hazardous category A",
    "Tanker - Hazardous category B", "Tanker - Hazardous category C",
    "Tanker - Hazardous category D", "Tanker - " R, "Tanker - " R, "Tanker - " R,
    "Tanker - " R, "Tanker - No additional information",
    "Other Type - all ships of this type", "Other Type - Hazardous category A",
    "Other Type - Hazardous category B", "Other Type - Hazardous category C",
    "Other Type - Hazardous category D", "Other Type - " R, "Other Type - " R,
    "Other Type - " R, "Other Type - " R, "Other Type - no additional information",
};
#undef R

static const char *const navaid_legends[32] = {
    "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
    "Spare, Reserved for future use.", "Light, without sectors", "Light, with sectors",
    "Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N", "Beacon, Cardinal E",
    "Beacon, Cardinal S", "Beacon, Cardinal W", "Beacon, Port hand",
    "Beacon, Starboard hand", "Beacon, Preferred Channel port hand",
    "Beacon, Preferred Channel starboard hand", "Beacon, Isolated danger",
    "Beacon, Safe water", "Beacon, Special mark", "Cardinal Mark N", "Cardinal Mark E",
    "Cardinal Mark S", "Cardinal Mark W", "Port hand Mark", "Starboard hand Mark",
    "Preferred Channel Port hand", "Preferred Channel Starboard hand", "Isolated danger",
    "Safe Water", "Special Mark", "Light Vessel / LANBY / Rigs",
};

const char *psec_ais_status_text(unsigned s) { return nav_legends[s & 15]; }
const char *psec_ais_epfd_text(unsigned e) { return e < 9 ? epfd_legends[e] : "INVALID EPFD"; }
const char *psec_ais_shiptype_text(unsigned t)
{
    return t < 100 ? ship_type_legends[t] : "INVALID SHIP TYPE";
}
const char *psec_ais_aid_type_text(unsigned a) { return navaid_legends[a & 31]; }

/* Output cursor: writes while there is room, always counts. */
struct out {
    char *p, *end;
    size_t n;
};

static void put(struct out *o, const char *s, size_t k)
{
    size_t room = (size_t)(o->end - o->p);
    if (k <= room) {
        memcpy(o->p, s, k);
        o->p += k;
    } else {
        memcpy(o->p, s, room);  /* truncate like snprintf; keep counting */
        o->p = o->end;
    }
    o->n += k;
}

#define LIT(o, s) put((o), (s), sizeof(s) - 1)

static void put_str(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_u(struct out *o, uint64_t v)
{
    char tmp[24];
    int i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, tmp + i, sizeof tmp - (size_t)i);
}

static void put_i(struct out *o, int64_t v)
{
    if (v < 0) {
        LIT(o, "-");
        put_u(o, (uint64_t)(-(v + 1)) + 1);
    } else {
        put_u(o, (uint64_t)v);
    }
}

/* v / 10^places exactly, with places decimals (v >= 0 or negative). */
static void put_fixed(struct out *o, int64_t v, int places)
{
    static const int64_t p10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    char frac[8];
    uint64_t a;
    if (v < 0) {
        LIT(o, "-");
        a = (uint64_t)(-v);
    } else {
        a = (uint64_t)v;
    }
    put_u(o, a / (uint64_t)p10[places]);
    LIT(o, ".");
    a %= (uint64_t)p10[places];
    for (int i = places - 1; i >= 0; i--) {
        frac[i] = (char)('0' + a % 10);
        a /= 10;
    }
    put(o, frac, (size_t)places);
}

/* A 1/10000-minute coordinate in degrees to six places, as "%.6f" prints
 * raw/600000.0: round(raw * 5 / 3), which is never a tie. */
static void put_deg6(struct out *o, int32_t raw)
{
    int64_t a = raw < 0 ? -(int64_t)raw : raw;
    int64_t q = (10 * a + 3) / 6;
    put_fixed(o, raw < 0 ? -q : q, 6);
}

static void put_bool(struct out *o, bool b)
{
    if (b)
        LIT(o, "true");
    else
        LIT(o, "false");
}

/* Six-bit text needs only '"' and '\\' escaped (it has no control codes). */
static void put_text(struct out *o, const char *s)
{
    LIT(o, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            LIT(o, "\\");
        put(o, p, 1);
    }
    LIT(o, "\"");
}

static void put_2(struct out *o, unsigned v)
{
    char t[2];
    if (v >= 100) {
        put_u(o, v);
        return;
    }
    t[0] = (char)('0' + v / 10);
    t[1] = (char)('0' + v % 10);
    put(o, t, 2);
}

/* printf rounding of a double, where integer arithmetic would not give
 * the same tie-breaking as gpsd (places is 0 or 1). */
static void put_dbl(struct out *o, int places, double v)
{
    char tmp[64];
    int k = places == 0 ? snprintf(tmp, sizeof tmp, "%.0f", v)
                        : snprintf(tmp, sizeof tmp, "%.1f", v);
    if (k > 0)
        put(o, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

#define KEY(o, k) LIT(o, ",\"" k "\":")

/* Speed in 0.1 kn: "nan" and "fast" as gpsd writes them when scaled. */
static void put_speed10(struct out *o, unsigned speed, bool scaled)
{
    if (!scaled)
        put_u(o, speed);
    else if (speed == PSEC_AIS_SPEED_NA)
        LIT(o, "\"nan\"");
    else if (speed == PSEC_AIS_SPEED_FAST)
        LIT(o, "\"fast\"");
    else
        put_fixed(o, speed, 1);
}

static void put_latlon(struct out *o, int32_t lon, int32_t lat, bool scaled)
{
    KEY(o, "lon");
    if (scaled)
        put_deg6(o, lon);
    else
        put_i(o, lon);
    KEY(o, "lat");
    if (scaled)
        put_deg6(o, lat);
    else
        put_i(o, lat);
}

static void put_dims(struct out *o, unsigned bow, unsigned stern, unsigned port, unsigned stbd)
{
    KEY(o, "to_bow");
    put_u(o, bow);
    KEY(o, "to_stern");
    put_u(o, stern);
    KEY(o, "to_port");
    put_u(o, port);
    KEY(o, "to_starboard");
    put_u(o, stbd);
}

static void put_epfd(struct out *o, unsigned epfd)
{
    KEY(o, "epfd");
    put_u(o, epfd);
    KEY(o, "epfd_text");
    LIT(o, "\"");
    put_str(o, psec_ais_epfd_text(epfd));
    LIT(o, "\"");
}

static void put_shiptype(struct out *o, unsigned t)
{
    KEY(o, "shiptype");
    put_u(o, t);
    KEY(o, "shiptype_text");
    LIT(o, "\"");
    put_str(o, psec_ais_shiptype_text(t));
    LIT(o, "\"");
}

static void body(struct out *o, const struct psec_ais_msg *m, bool scaled)
{
    switch (m->type) {
    case 1:
    case 2:
    case 3: {
        int turn = m->u.pos.turn;
        KEY(o, "status");
        put_u(o, m->u.pos.status);
        KEY(o, "status_text");
        LIT(o, "\"");
        put_str(o, nav_legends[m->u.pos.status & 15]);
        LIT(o, "\"");
        KEY(o, "turn");
        if (!scaled)
            put_i(o, turn);
        else if (turn == PSEC_AIS_TURN_NA)
            LIT(o, "\"nan\"");
        else if (turn == -127)
            LIT(o, "\"fastleft\"");
        else if (turn == 127)
            LIT(o, "\"fastright\"");
        else if (turn == 0)
            LIT(o, "0");
        else {
            /* gpsd squares the rate without restoring its sign; we print
             * the same so that the outputs compare (docs/ais.md). */
            double r = turn / 4.733;
            put_dbl(o, 0, r * r);
        }
        KEY(o, "speed");
        put_speed10(o, m->u.pos.speed, scaled);
        KEY(o, "accuracy");
        put_bool(o, m->u.pos.accuracy);
        put_latlon(o, m->u.pos.lon, m->u.pos.lat, scaled);
        KEY(o, "course");
        if (scaled)
            put_fixed(o, m->u.pos.course, 1);
        else
            put_u(o, m->u.pos.course);
        KEY(o, "heading");
        put_u(o, m->u.pos.heading);
        KEY(o, "second");
        put_u(o, m->u.pos.second);
        KEY(o, "maneuver");
        put_u(o, m->u.pos.maneuver);
        KEY(o, "raim");
        put_bool(o, m->u.pos.raim);
        KEY(o, "radio");
        put_u(o, m->u.pos.radio);
        break;
    }
    case 4:
    case 11:
        KEY(o, "timestamp");
        LIT(o, "\"");
        if (m->u.base.year < 1000)
            LIT(o, "0");
        if (m->u.base.year < 100)
            LIT(o, "0");
        put_2(o, m->u.base.year);
        LIT(o, "-");
        put_2(o, m->u.base.month);
        LIT(o, "-");
        put_2(o, m->u.base.day);
        LIT(o, "T");
        put_2(o, m->u.base.hour);
        LIT(o, ":");
        put_2(o, m->u.base.minute);
        LIT(o, ":");
        put_2(o, m->u.base.second);
        LIT(o, "Z\"");
        KEY(o, "accuracy");
        put_bool(o, m->u.base.accuracy);
        put_latlon(o, m->u.base.lon, m->u.base.lat, scaled);
        put_epfd(o, m->u.base.epfd);
        KEY(o, "raim");
        put_bool(o, m->u.base.raim);
        KEY(o, "radio");
        put_u(o, m->u.base.radio);
        break;
    case 5:
        KEY(o, "imo");
        put_u(o, m->u.voyage.imo);
        KEY(o, "ais_version");
        put_u(o, m->u.voyage.ais_version);
        KEY(o, "callsign");
        put_text(o, m->u.voyage.callsign);
        KEY(o, "shipname");
        put_text(o, m->u.voyage.shipname);
        put_shiptype(o, m->u.voyage.shiptype);
        put_dims(o, m->u.voyage.to_bow, m->u.voyage.to_stern, m->u.voyage.to_port,
                 m->u.voyage.to_starboard);
        put_epfd(o, m->u.voyage.epfd);
        KEY(o, "eta");
        LIT(o, "\"");
        put_2(o, m->u.voyage.month);
        LIT(o, "-");
        put_2(o, m->u.voyage.day);
        LIT(o, "T");
        put_2(o, m->u.voyage.hour);
        LIT(o, ":");
        put_2(o, m->u.voyage.minute);
        LIT(o, "Z\"");
        KEY(o, "draught");
        if (scaled)
            put_fixed(o, m->u.voyage.draught, 1);
        else
            put_u(o, m->u.voyage.draught);
        KEY(o, "destination");
        put_text(o, m->u.voyage.destination);
        KEY(o, "dte");
        put_u(o, m->u.voyage.dte);
        break;
    case 6:
        KEY(o, "seqno");
        put_u(o, m->u.bin.seqno);
        KEY(o, "dest_mmsi");
        put_u(o, m->u.bin.dest_mmsi);
        KEY(o, "retransmit");
        put_bool(o, m->u.bin.retransmit);
        KEY(o, "dac");
        put_u(o, m->u.bin.dac);
        KEY(o, "fid");
        put_u(o, m->u.bin.fid);
        break;
    case 8:
        KEY(o, "dac");
        put_u(o, m->u.bin.dac);
        KEY(o, "fid");
        put_u(o, m->u.bin.fid);
        break;
    case 9:
        KEY(o, "alt");
        if (scaled && m->u.sar.alt == PSEC_AIS_ALT_NA)
            LIT(o, "\"nan\"");
        else
            put_u(o, m->u.sar.alt);
        KEY(o, "speed");
        if (scaled && m->u.sar.speed == PSEC_AIS_SPEED_NA)
            LIT(o, "\"nan\"");
        else if (scaled && m->u.sar.speed == PSEC_AIS_SPEED_FAST)
            LIT(o, "\"fast\"");
        else
            put_u(o, m->u.sar.speed);
        KEY(o, "accuracy");
        put_bool(o, m->u.sar.accuracy);
        put_latlon(o, m->u.sar.lon, m->u.sar.lat, scaled);
        KEY(o, "course");
        if (scaled)
            put_fixed(o, m->u.sar.course, 1);
        else
            put_u(o, m->u.sar.course);
        KEY(o, "second");
        put_u(o, m->u.sar.second);
        KEY(o, "regional");
        put_u(o, m->u.sar.regional);
        KEY(o, "dte");
        put_u(o, m->u.sar.dte);
        KEY(o, "raim");
        put_bool(o, m->u.sar.raim);
        KEY(o, "radio");
        put_u(o, m->u.sar.radio);
        break;
    case 18:
    case 19:
        KEY(o, "reserved");
        put_u(o, m->u.cb.reserved);
        KEY(o, "speed");
        /* gpsd writes class B speed as a number even when not available. */
        if (scaled)
            put_fixed(o, m->u.cb.speed, 1);
        else
            put_u(o, m->u.cb.speed);
        KEY(o, "accuracy");
        put_bool(o, m->u.cb.accuracy);
        put_latlon(o, m->u.cb.lon, m->u.cb.lat, scaled);
        KEY(o, "course");
        if (scaled)
            put_fixed(o, m->u.cb.course, 1);
        else
            put_u(o, m->u.cb.course);
        KEY(o, "heading");
        put_u(o, m->u.cb.heading);
        KEY(o, "second");
        put_u(o, m->u.cb.second);
        KEY(o, "regional");
        put_u(o, m->u.cb.regional);
        if (m->type == 18) {
            KEY(o, "cs");
            put_bool(o, m->u.cb.cs);
            KEY(o, "display");
            put_bool(o, m->u.cb.display);
            KEY(o, "dsc");
            put_bool(o, m->u.cb.dsc);
            KEY(o, "band");
            put_bool(o, m->u.cb.band);
            KEY(o, "msg22");
            put_bool(o, m->u.cb.msg22);
            KEY(o, "raim");
            put_bool(o, m->u.cb.raim);
            KEY(o, "radio");
            put_u(o, m->u.cb.radio);
        } else {
            KEY(o, "shipname");
            put_text(o, m->u.cb.shipname);
            put_shiptype(o, m->u.cb.shiptype);
            put_dims(o, m->u.cb.to_bow, m->u.cb.to_stern, m->u.cb.to_port,
                     m->u.cb.to_starboard);
            put_epfd(o, m->u.cb.epfd);
            KEY(o, "raim");
            put_bool(o, m->u.cb.raim);
            KEY(o, "dte");
            put_u(o, m->u.cb.dte);
            KEY(o, "assigned");
            put_bool(o, m->u.cb.assigned);
        }
        break;
    case 21:
        KEY(o, "aid_type");
        put_u(o, m->u.aton.aid_type);
        KEY(o, "aid_type_text");
        LIT(o, "\"");
        put_str(o, navaid_legends[m->u.aton.aid_type & 31]);
        LIT(o, "\"");
        KEY(o, "name");
        put_text(o, m->u.aton.name);
        /* gpsd puts accuracy before the position unscaled, after it scaled. */
        if (scaled) {
            put_latlon(o, m->u.aton.lon, m->u.aton.lat, true);
            KEY(o, "accuracy");
            put_bool(o, m->u.aton.accuracy);
        } else {
            KEY(o, "accuracy");
            put_bool(o, m->u.aton.accuracy);
            put_latlon(o, m->u.aton.lon, m->u.aton.lat, false);
        }
        put_dims(o, m->u.aton.to_bow, m->u.aton.to_stern, m->u.aton.to_port,
                 m->u.aton.to_starboard);
        put_epfd(o, m->u.aton.epfd);
        KEY(o, "second");
        put_u(o, m->u.aton.second);
        KEY(o, "regional");
        put_u(o, m->u.aton.regional);
        KEY(o, "off_position");
        put_bool(o, m->u.aton.off_position);
        KEY(o, "raim");
        put_bool(o, m->u.aton.raim);
        KEY(o, "virtual_aid");
        put_bool(o, m->u.aton.virtual_aid);
        break;
    case 24:
        if (m->u.sd.part != PSEC_AIS_PART_B) {
            KEY(o, "shipname");
            put_text(o, m->u.sd.shipname);
        }
        if (m->u.sd.part != PSEC_AIS_PART_A) {
            put_shiptype(o, m->u.sd.shiptype);
            KEY(o, "vendorid");
            put_text(o, m->u.sd.vendorid);
            KEY(o, "model");
            put_u(o, m->u.sd.model);
            KEY(o, "serial");
            put_u(o, m->u.sd.serial);
            KEY(o, "callsign");
            put_text(o, m->u.sd.callsign);
            if (m->mmsi / 10000000 == 98) {
                KEY(o, "mothership_mmsi");
                put_u(o, m->u.sd.mothership_mmsi);
            } else {
                put_dims(o, m->u.sd.to_bow, m->u.sd.to_stern, m->u.sd.to_port,
                         m->u.sd.to_starboard);
            }
        }
        break;
    case 27:
        KEY(o, "status");
        if (scaled) {
            LIT(o, "\"");
            put_str(o, nav_legends[m->u.lr.status & 15]);
            LIT(o, "\"");
        } else {
            put_u(o, m->u.lr.status);
        }
        KEY(o, "accuracy");
        put_bool(o, m->u.lr.accuracy);
        KEY(o, "lon");
        if (scaled)
            put_dbl(o, 1, m->u.lr.lon / 600.0);
        else
            put_i(o, m->u.lr.lon);
        KEY(o, "lat");
        if (scaled)
            put_dbl(o, 1, m->u.lr.lat / 600.0);
        else
            put_i(o, m->u.lr.lat);
        KEY(o, "speed");
        put_u(o, m->u.lr.speed);
        KEY(o, "course");
        put_u(o, m->u.lr.course);
        KEY(o, "raim");
        put_bool(o, m->u.lr.raim);
        KEY(o, "gnss");
        put_bool(o, m->u.lr.gnss);
        break;
    default:
        break;
    }
}

size_t psec_ais_json(const struct psec_ais_msg *m, unsigned flags, char *buf, size_t size)
{
    struct out o = {buf, buf + (size ? size - 1 : 0), 0};
    bool scaled = !(flags & PSEC_AIS_JSON_UNSCALED);

    LIT(&o, "{\"class\":\"AIS\",\"type\":");
    put_u(&o, m->type);
    KEY(&o, "repeat");
    put_u(&o, m->repeat);
    KEY(&o, "mmsi");
    put_u(&o, m->mmsi);
    KEY(&o, "scaled");
    put_bool(&o, scaled);
    body(&o, m, scaled);
    if (m->time != PSEC_AIS_TIME_NONE && !(flags & PSEC_AIS_JSON_NO_TIME)) {
        char t[32];
        KEY(&o, "time");
        LIT(&o, "\"");
        put_str(&o, psec_time_format(m->time, t, sizeof t));
        LIT(&o, "\"");
    }
    LIT(&o, "}");
    if (size > 0)
        *o.p = '\0';
    return o.n;
}

bool psec_ais_position(const struct psec_ais_msg *m, double *lat, double *lon,
                       double *speed_kn, double *course_deg)
{
    int32_t la, lo;
    unsigned sp = PSEC_AIS_SPEED_NA, co = PSEC_AIS_COURSE_NA;
    double div = 600000.0;

    switch (m->type) {
    case 1:
    case 2:
    case 3:
        la = m->u.pos.lat, lo = m->u.pos.lon, sp = m->u.pos.speed, co = m->u.pos.course;
        break;
    case 4:
    case 11:
        la = m->u.base.lat, lo = m->u.base.lon;
        break;
    case 9:
        la = m->u.sar.lat, lo = m->u.sar.lon;
        break;
    case 18:
    case 19:
        la = m->u.cb.lat, lo = m->u.cb.lon, sp = m->u.cb.speed, co = m->u.cb.course;
        break;
    case 21:
        la = m->u.aton.lat, lo = m->u.aton.lon;
        break;
    case 27:
        la = m->u.lr.lat, lo = m->u.lr.lon;
        div = 600.0;
        *lat = la / div;
        *lon = lo / div;
        *speed_kn = m->u.lr.speed == PSEC_AIS_LR_SPEED_NA ? NAN : (double)m->u.lr.speed;
        *course_deg = m->u.lr.course >= 360 ? NAN : (double)m->u.lr.course;
        return la != PSEC_AIS_LR_LAT_NA && lo != PSEC_AIS_LR_LON_NA &&
               fabs(*lat) <= 90.0 && fabs(*lon) <= 180.0;
    default:
        return false;
    }
    *lat = la / div;
    *lon = lo / div;
    *speed_kn = sp >= PSEC_AIS_SPEED_FAST ? NAN : sp / 10.0;
    *course_deg = co >= PSEC_AIS_COURSE_NA ? NAN : co / 10.0;
    return la != PSEC_AIS_LAT_NA && lo != PSEC_AIS_LON_NA && fabs(*lat) <= 90.0 &&
           fabs(*lon) <= 180.0;
}
