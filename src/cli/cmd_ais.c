/*
 * cmd_ais.c — "portsec ais decode|ingest" and the AIS subcommands other
 * groups route here: "import port-areas", "vessel calls|gaps|track" (also
 * reachable as "ais port-areas|calls|gaps|track"). Parsing and printing
 * only; the work is in src/app/ais.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/ais.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "cli/cli.h"
#include "cli/cmd_ais.h"

static const char ais_help[] =
    "usage: portsec ais decode [FILE|-] [--unscaled] [--split24] [--stats]\n"
    "       portsec ais ingest [FILE|-] | --csv FILE [--shard K/N]\n"
    "       portsec ais calls|gaps --mmsi N|--imo N [--from D] [--to D]\n"
    "       portsec ais track --mmsi N|--imo N [--format geojson]\n"
    "       portsec ais port-areas FILE.geojson\n"
    "       portsec ais check --mmsi N|--imo N LOCODE,ARRIVAL[,DEPARTURE]...\n"
    "       portsec ais vessel --mmsi N|--imo N\n"
    "\n"
    "decode   prints one JSON object per AIS message, with gpsd's field names:\n"
    "         scaled (degrees, knots, metres) by default, raw integers exactly as\n"
    "         'gpsdecode -u -j' with --unscaled; \"time\" (ISO 8601 UTC) where the\n"
    "         line carries one. Type 24 halves are merged per MMSI as gpsdecode\n"
    "         does; --split24 prints each half. --stats prints counts of lines,\n"
    "         sentences, messages per type, bad checksums, malformed lines and\n"
    "         incomplete multi-part messages to standard error.\n"
    "ingest   stores vessels (identity from types 5, 19, 24), track points and\n"
    "         the port calls and gaps derived from them. NMEA needs a time per\n"
    "         message (tag block \\c:EPOCH\\ or a trailing epoch). --csv takes\n"
    "         decoded positions: NOAA MarineCadastre, Danish Maritime Authority or\n"
    "         AMSA layout, chosen by header. Re-ingesting changes nothing.\n"
    "         --shard K/N takes only the vessels whose MMSI hashes to shard K of\n"
    "         N: N workers on the same input (in parallel on PostgreSQL) store\n"
    "         exactly what one worker would.\n"
    "calls    a vessel's port calls (also 'portsec vessel calls')\n"
    "gaps     a vessel's AIS gaps of 6 h or more (also 'portsec vessel gaps')\n"
    "track    a vessel's track as GeoJSON (also 'portsec vessel track')\n"
    "port-areas  loads port-limit polygons (also 'portsec import port-areas')\n"
    "vessel   AIS identity: IMO, name, call sign, type, size, flag (from the\n"
    "         MMSI's MID), first and last seen\n"
    "check    declared calls against AIS: each confirmed (AIS call there within\n"
    "         24 h), contradicted (AIS puts the ship elsewhere) or not-observable;\n"
    "         undeclared AIS calls and gaps of 12 h or more between the dates\n"
    "\n"
    "FILE '-' or none reads standard input.\n";

static FILE *open_in(struct psec_cli *cli, const char *path, const char **name)
{
    FILE *f;
    if (path == NULL || strcmp(path, "-") == 0) {
        *name = "stdin";
        return stdin;
    }
    *name = path;
    f = fopen(path, "rb");
    if (f == NULL)
        fprintf(cli->err, "portsec: %s: %s\n", path, strerror(errno));
    return f;
}

static void print_stats(struct psec_cli *cli, const struct psec_ais_stats *st)
{
    json_t *j = psec_app_ais_stats_json(st);
    if (cli->format == PSEC_FMT_JSON) {
        json_dumpf(j, cli->err, JSON_COMPACT);
        fputc('\n', cli->err);
    } else {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) {
            if (json_is_integer(v))
                fprintf(cli->err, "%-20s %lld\n", k, (long long)json_integer_value(v));
        }
        json_object_foreach(json_object_get(j, "by_type"), k, v)
            fprintf(cli->err, "type %-15s %lld\n", k, (long long)json_integer_value(v));
    }
    json_decref(j);
}

static int cmd_decode(struct psec_cli *cli, int argc, char **argv)
{
    bool unscaled = false, stats = false, split = false;
    const struct psec_opt opts[] = {{"unscaled", NULL, &unscaled}, {"stats", NULL, &stats},
                                    {"split24", NULL, &split}, {NULL, NULL, NULL}};
    const char *pos[1] = {NULL}, *name;
    struct psec_ais_stats st;
    struct psec_err e = {0};
    FILE *in;
    int n, rc;

    if ((n = psec_cli_parse(cli, "ais decode", argc, argv, 2, opts, pos, 1)) < 0)
        return 2;
    if (psec_cli_check_format(cli, "ais decode", 1u << PSEC_FMT_TABLE | 1u << PSEC_FMT_JSON))
        return 2;
    if ((in = open_in(cli, n ? pos[0] : NULL, &name)) == NULL)
        return 5;
    rc = psec_app_ais_decode(in, name, cli->out, split ? 0 : PSEC_AIS_MERGE24,
                             unscaled ? PSEC_AIS_JSON_UNSCALED : 0, &st, &e);
    if (in != stdin)
        fclose(in);
    if (rc != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (stats)
        print_stats(cli, &st);
    return 0;
}

static int cmd_ingest(struct psec_cli *cli, int argc, char **argv)
{
    const char *csv = NULL, *pos[1] = {NULL}, *name, *shard = NULL;
    const struct psec_opt opts[] = {{"csv", &csv, NULL}, {"shard", &shard, NULL},
                                    {NULL, NULL, NULL}};
    int k = 1, nsh = 1;
    struct psec_ingest_result res;
    struct psec_err e = {0};
    struct psec_db *db;
    FILE *in;
    json_t *doc;
    int n, rc;

    if ((n = psec_cli_parse(cli, "ais ingest", argc, argv, 2, opts, pos, 1)) < 0)
        return 2;
    if (csv && n)
        return psec_cli_usage(cli, "ais ingest", "give either FILE or --csv FILE, not both");
    if (shard) {
        const char *slash = strchr(shard, '/');
        char kbuf[16];
        if (slash == NULL || (size_t)(slash - shard) >= sizeof kbuf)
            return psec_cli_usage(cli, "ais ingest", "--shard takes K/N, e.g. 2/3");
        memcpy(kbuf, shard, (size_t)(slash - shard));
        kbuf[slash - shard] = '\0';
        if (!psec_parse_int(kbuf, &k) || !psec_parse_int(slash + 1, &nsh) || nsh < 1 ||
            nsh > PSEC_AIS_MAX_SHARDS || k < 1 || k > nsh)
            return psec_cli_usage(cli, "ais ingest",
                                  "--shard %s: K/N with 1 <= K <= N <= %d", shard,
                                  PSEC_AIS_MAX_SHARDS);
    }
    if ((in = open_in(cli, csv ? csv : n ? pos[0] : NULL, &name)) == NULL)
        return 5;
    if ((rc = psec_cli_db(cli, &db, &e)) != PSEC_OK) {
        if (in != stdin)
            fclose(in);
        return psec_cli_fail(cli, &e);
    }
    rc = psec_app_ais_ingest_shard(db, in, name, csv != NULL, (unsigned)k, (unsigned)nsh, &res,
                                   &e);
    if (in != stdin)
        fclose(in);
    if (rc != PSEC_OK)
        return psec_cli_fail(cli, &e);
    doc = psec_app_ingest_result_json(&res);
    psec_cli_doc(cli, doc);
    json_decref(doc);
    return 0;
}

int psec_cmd_import_port_areas(struct psec_cli *cli, int argc, char **argv)
{
    const char *pos[1];
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *doc;
    int n;

    if (psec_cli_wants_help(argc, argv)) {
        fputs("usage: portsec import port-areas FILE.geojson\n\n"
              "Loads port-limit polygons (GeoJSON Polygon or MultiPolygon features). Each is\n"
              "tied to a registry port by its \"locode\" property, else by name\n"
              "(limit_name \"Port of X\", name or port_key) among the ports near it. Calls\n"
              "are then detected by these areas instead of the port's circle. Loading the\n"
              "same file again changes nothing.\n",
              cli->out);
        return 0;
    }
    if ((n = psec_cli_parse(cli, "import port-areas", argc, argv, 2, NULL, pos, 1)) < 0)
        return 2;
    if (n != 1)
        return psec_cli_usage(cli, "import port-areas", "give a GeoJSON FILE");
    if (psec_cli_db(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    doc = psec_app_port_areas_import(db, pos[0], &e);
    if (doc == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
    } else {
        fprintf(cli->out, "%s: %lld areas, %zu tied to ports, %zu unmatched\n",
                json_string_value(json_object_get(doc, "file")),
                (long long)json_integer_value(json_object_get(doc, "areas")),
                json_array_size(json_object_get(doc, "matched")),
                json_array_size(json_object_get(doc, "unmatched")));
        if (json_array_size(json_object_get(doc, "matched")) > 0)
            psec_cli_rows(cli, json_object_get(doc, "matched"), NULL);
    }
    json_decref(doc);
    return 0;
}

struct vessel_args {
    int64_t mmsi, imo, from, to;
};

static int vessel_args(struct psec_cli *cli, const char *cmd, int argc, char **argv,
                       struct vessel_args *a)
{
    const char *mmsi = NULL, *imo = NULL, *from = NULL, *to = NULL;
    const struct psec_opt opts[] = {{"mmsi", &mmsi, NULL}, {"imo", &imo, NULL},
                                    {"from", &from, NULL}, {"to", &to, NULL},
                                    {NULL, NULL, NULL}};
    a->mmsi = a->imo = 0;
    a->from = INT64_MIN;
    a->to = INT64_MAX;
    if (psec_cli_parse(cli, cmd, argc, argv, 2, opts, NULL, 0) < 0)
        return 2;
    if ((mmsi == NULL) == (imo == NULL))
        return psec_cli_usage(cli, cmd, "give --mmsi N or --imo N");
    if (mmsi && (!psec_parse_i64(mmsi, &a->mmsi) || a->mmsi <= 0 || a->mmsi > 999999999))
        return psec_cli_usage(cli, cmd, "--mmsi %s is not an MMSI (1 to 9 digits)", mmsi);
    if (imo && (!psec_parse_i64(imo, &a->imo) || a->imo <= 0 || a->imo > 9999999))
        return psec_cli_usage(cli, cmd, "--imo %s is not an IMO number (7 digits)", imo);
    if (from && !psec_time_parse(from, &a->from))
        return psec_cli_usage(cli, cmd, "--from %s is not a date or time (YYYY-MM-DD)", from);
    if (to && !psec_time_parse(to, &a->to))
        return psec_cli_usage(cli, cmd, "--to %s is not a date or time (YYYY-MM-DD)", to);
    /* A date alone as --to means the whole of that day. */
    if (to && strlen(to) == 10)
        a->to += PSEC_DAY - 1;
    return 0;
}

static const char vessel_help[] =
    "usage: portsec vessel calls --mmsi N|--imo N [--from D] [--to D]\n"
    "       portsec vessel gaps  --mmsi N|--imo N [--from D] [--to D]\n"
    "       portsec vessel track --mmsi N|--imo N [--from D] [--to D] --format geojson\n"
    "\n"
    "From ingested AIS ('portsec ais ingest'). A call has port, country, arrival,\n"
    "departure, hours, stop_hours and confidence 1-4 (1: passed through without\n"
    "stopping; 2: stop or in-port gap only; 3: entry or exit seen too; 4: both).\n"
    "A gap has start, end, hours and kind ('gap', or 'possible-dark' for 12 h or\n"
    "more at sea after good reception), with the last and next positions.\n"
    "Formats: table (default), json, csv; track: geojson (or json).\n";

/* vessel calls and vessel gaps differ only in what they fetch and show. */
static int vessel_rows(struct psec_cli *cli, const char *cmd, int argc, char **argv,
                       json_t *(*fetch)(struct psec_db *, int64_t, int64_t, int64_t, int64_t,
                                        struct psec_err *),
                       const struct psec_col *cols)
{
    struct vessel_args a;
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *rows;
    int rc;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(vessel_help, cli->out);
        return 0;
    }
    if ((rc = vessel_args(cli, cmd, argc, argv, &a)) != 0)
        return rc;
    if (psec_cli_check_format(cli, cmd,
                              1u << PSEC_FMT_TABLE | 1u << PSEC_FMT_JSON | 1u << PSEC_FMT_CSV))
        return 2;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((rows = fetch(db, a.mmsi, a.imo, a.from, a.to, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_rows(cli, rows, cols);
    json_decref(rows);
    return 0;
}

int psec_cmd_vessel_calls(struct psec_cli *cli, int argc, char **argv)
{
    static const struct psec_col cols[] = {
        {"mmsi", "MMSI"},         {"port", "PORT"},         {"port_name", "NAME"},
        {"country", "CC"},        {"arrival", "ARRIVAL"},   {"departure", "DEPARTURE"},
        {"hours", "HOURS"},       {"stop_hours", "STOPPED"}, {"confidence", "CONF"},
        {NULL, NULL}};

    return vessel_rows(cli, "vessel calls", argc, argv, psec_app_vessel_calls, cols);
}

int psec_cmd_vessel_gaps(struct psec_cli *cli, int argc, char **argv)
{
    static const struct psec_col cols[] = {
        {"mmsi", "MMSI"},   {"start", "START"}, {"end", "END"},     {"hours", "HOURS"},
        {"kind", "KIND"},   {"km", "KM"},       {"knots", "KNOTS"}, {"prior_positions", "PRIOR"},
        {NULL, NULL}};

    return vessel_rows(cli, "vessel gaps", argc, argv, psec_app_vessel_gaps, cols);
}

static int cmd_vessel(struct psec_cli *cli, int argc, char **argv)
{
    static const struct psec_col cols[] = {
        {"mmsi", "MMSI"},     {"imo", "IMO"},         {"name", "NAME"},
        {"callsign", "CALL"}, {"shiptype", "TYPE"},   {"flag", "FLAG"},
        {"first_seen", "FIRST SEEN"}, {"last_seen", "LAST SEEN"}, {"positions", "POSITIONS"},
        {NULL, NULL}};
    struct vessel_args a;
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *rows;
    int rc;

    if ((rc = vessel_args(cli, "ais vessel", argc, argv, &a)) != 0)
        return rc;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((rows = psec_app_ais_vessel(db, a.mmsi, a.imo, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_rows(cli, rows, cols);
    json_decref(rows);
    return 0;
}

int psec_cmd_vessel_track(struct psec_cli *cli, int argc, char **argv)
{
    struct vessel_args a;
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *doc;
    int rc;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(vessel_help, cli->out);
        return 0;
    }
    if ((rc = vessel_args(cli, "vessel track", argc, argv, &a)) != 0)
        return rc;
    if (!(cli->format == PSEC_FMT_JSON ||
          (cli->format == PSEC_FMT_OTHER && strcmp(cli->format_name, "geojson") == 0)))
        return psec_cli_usage(cli, "vessel track", "--format geojson (or json) is needed");
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((doc = psec_app_vessel_track(db, a.mmsi, a.imo, a.from, a.to, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    json_dumpf(doc, cli->out, JSON_COMPACT);
    fputc('\n', cli->out);
    json_decref(doc);
    return 0;
}

/* "LOCODE,ARRIVAL[,DEPARTURE]" */
static bool parse_call(const char *s, struct psec_declared_call *d)
{
    char buf[96], *c1, *c2;
    size_t n = psec_strlcpy(buf, s, sizeof buf);
    if (n >= sizeof buf || (c1 = strchr(buf, ',')) == NULL)
        return false;
    *c1++ = '\0';
    c2 = strchr(c1, ',');
    if (c2)
        *c2++ = '\0';
    if (strlen(buf) != 5)
        return false;
    psec_strlcpy(d->locode, psec_upper(buf), sizeof d->locode);
    if (!psec_time_parse(c1, &d->arrival))
        return false;
    d->departure = 0;
    if (c2 && !psec_time_parse(c2, &d->departure))
        return false;
    if (c2 && strlen(c2) == 10)
        d->departure += PSEC_DAY - 1;
    return true;
}

static int cmd_check(struct psec_cli *cli, int argc, char **argv)
{
    const char *mmsi = NULL, *imo = NULL, *from = NULL, *to = NULL, *pos[PSEC_NOA_MAX_CALLS];
    const struct psec_opt opts[] = {{"mmsi", &mmsi, NULL}, {"imo", &imo, NULL},
                                    {"from", &from, NULL}, {"to", &to, NULL},
                                    {NULL, NULL, NULL}};
    struct psec_declared_call d[PSEC_NOA_MAX_CALLS];
    int64_t m = 0, i = 0, f = INT64_MAX, t = INT64_MIN;
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *doc;
    int n;

    if ((n = psec_cli_parse(cli, "ais check", argc, argv, 2, opts, pos, PSEC_NOA_MAX_CALLS)) < 0)
        return 2;
    if ((mmsi == NULL) == (imo == NULL) || n == 0)
        return psec_cli_usage(cli, "ais check",
                              "give --mmsi N or --imo N and declared calls LOCODE,ARRIVAL[,DEPARTURE]");
    if (mmsi && (!psec_parse_i64(mmsi, &m) || m <= 0 || m > 999999999))
        return psec_cli_usage(cli, "ais check", "--mmsi %s is not an MMSI", mmsi);
    if (imo && (!psec_parse_i64(imo, &i) || i <= 0 || i > 9999999))
        return psec_cli_usage(cli, "ais check", "--imo %s is not an IMO number", imo);
    for (int k = 0; k < n; k++) {
        int64_t dep;
        if (!parse_call(pos[k], &d[k]))
            return psec_cli_usage(cli, "ais check",
                                  "\"%s\" is not LOCODE,ARRIVAL[,DEPARTURE] (dates YYYY-MM-DD)",
                                  pos[k]);
        dep = d[k].departure > 0 ? d[k].departure : d[k].arrival + PSEC_DAY;
        if (d[k].arrival - PSEC_DAY < f)
            f = d[k].arrival - PSEC_DAY;
        if (dep + PSEC_DAY > t)
            t = dep + PSEC_DAY;
    }
    if (from && !psec_time_parse(from, &f))
        return psec_cli_usage(cli, "ais check", "--from %s is not a date", from);
    if (to && !psec_time_parse(to, &t))
        return psec_cli_usage(cli, "ais check", "--to %s is not a date", to);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((doc = psec_app_ais_check(db, m, i, d, (size_t)n, f, t, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
    } else {
        static const struct psec_col cols[] = {{"port", "PORT"},     {"arrival", "ARRIVAL"},
                                               {"status", "STATUS"}, {"reason", "REASON"},
                                               {NULL, NULL}};
        psec_cli_rows(cli, json_object_get(doc, "declared"), cols);
        if (json_array_size(json_object_get(doc, "undeclared")) > 0) {
            fputs("\nundeclared AIS calls:\n", cli->out);
            psec_cli_rows(cli, json_object_get(doc, "undeclared"), NULL);
        }
        if (json_array_size(json_object_get(doc, "gaps")) > 0) {
            fputs("\ngaps of 12 h or more:\n", cli->out);
            psec_cli_rows(cli, json_object_get(doc, "gaps"), NULL);
        }
    }
    json_decref(doc);
    return 0;
}

int psec_cmd_ais(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : NULL;

    if (sub == NULL || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
        strcmp(sub, "help") == 0) {
        fputs(ais_help, sub ? cli->out : cli->err);
        return sub ? 0 : 2;
    }
    if (strcmp(sub, "calls") == 0)
        return psec_cmd_vessel_calls(cli, argc, argv);
    if (strcmp(sub, "gaps") == 0)
        return psec_cmd_vessel_gaps(cli, argc, argv);
    if (strcmp(sub, "track") == 0)
        return psec_cmd_vessel_track(cli, argc, argv);
    if (strcmp(sub, "port-areas") == 0)
        return psec_cmd_import_port_areas(cli, argc, argv);
    if (psec_cli_wants_help(argc, argv)) {
        fputs(ais_help, cli->out);
        return 0;
    }
    if (strcmp(sub, "decode") == 0)
        return cmd_decode(cli, argc, argv);
    if (strcmp(sub, "ingest") == 0)
        return cmd_ingest(cli, argc, argv);
    if (strcmp(sub, "check") == 0)
        return cmd_check(cli, argc, argv);
    if (strcmp(sub, "vessel") == 0)
        return cmd_vessel(cli, argc, argv);
    return psec_cli_usage(cli, "ais", "unknown subcommand \"%s\"", sub);
}
