/*
 * cmd_risk.c — unit, threat, rank, plan, and "import trade".
 * Parsing and printing only; the work is done in src/app/risk.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/import.h"
#include "app/risk.h"
#include "base/str.h"
#include "base/time.h"
#include "cli/cli.h"
#include "cli/cmd_risk.h"

#define MAX_ARGS 256

static int64_t today(void)
{
    return (int64_t)time(NULL) / PSEC_DAY;
}

static int parse_date_opt(struct psec_cli *cli, const char *cmd, const char *opt,
                          const char *s, int64_t *day)
{
    if (s == NULL) {
        *day = today();
        return 0;
    }
    if (!psec_date_parse(s, day))
        return psec_cli_usage(cli, cmd, "--%s \"%s\" is not a date (YYYY-MM-DD)", opt, s);
    return 0;
}

static int parse_int_opt(struct psec_cli *cli, const char *cmd, const char *opt, const char *s,
                         int *v)
{
    if (s != NULL && !psec_parse_int(s, v))
        return psec_cli_usage(cli, cmd, "--%s \"%s\" is not a whole number", opt, s);
    return 0;
}

/* ---- unit ------------------------------------------------------------- */

static const char unit_help[] =
    "usage: portsec unit add NAME --capacity N [--max-per-month N] [--home-base TEXT]\n"
    "                        [--home-lat LAT --home-lon LON] [--notes TEXT]\n"
    "       portsec unit list\n"
    "       portsec unit show NAME\n"
    "       portsec unit assign NAME CC [CC...] [--main-port LOCODE]\n"
    "       portsec unit load-demo [--data DIR]\n"
    "\n"
    "A coordinating unit visits its countries: capacity is the visits a year\n"
    "its team can make, max-per-month (default 2) how many may start in one\n"
    "month. 'assign' moves countries (codes or names) to the unit; --main-port\n"
    "sets the port the planner measures distances from (one country only).\n"
    "'load-demo' loads the demonstration unit of data/units/demo-units.json.\n";

static int unit_add(struct psec_cli *cli, struct psec_db *db, int argc, char **argv)
{
    const char *cap = NULL, *maxm = NULL, *home = NULL, *hlat = NULL, *hlon = NULL,
               *notes = NULL, *pos[1];
    const struct psec_opt opts[] = {
        {"capacity", &cap, NULL}, {"max-per-month", &maxm, NULL}, {"home-base", &home, NULL},
        {"home-lat", &hlat, NULL}, {"home-lon", &hlon, NULL}, {"notes", &notes, NULL},
        {NULL, NULL, NULL}};
    struct psec_unit_spec s;
    struct psec_err e = {0};
    json_t *out;

    memset(&s, 0, sizeof s);
    s.max_per_month = 2;
    if (psec_cli_parse(cli, "unit", argc, argv, 2, opts, pos, 1) != 1)
        return psec_cli_usage(cli, "unit", "unit add needs one NAME");
    if (cap == NULL)
        return psec_cli_usage(cli, "unit", "unit add needs --capacity N (visits a year)");
    if (parse_int_opt(cli, "unit", "capacity", cap, &s.capacity) ||
        parse_int_opt(cli, "unit", "max-per-month", maxm, &s.max_per_month))
        return 2;
    if ((hlat == NULL) != (hlon == NULL))
        return psec_cli_usage(cli, "unit", "give both --home-lat and --home-lon");
    if (hlat != NULL) {
        if (!psec_parse_double(hlat, &s.home_lat) || !psec_parse_double(hlon, &s.home_lon))
            return psec_cli_usage(cli, "unit", "--home-lat/--home-lon take decimal degrees");
        s.has_home = true;
    }
    s.name = pos[0];
    s.home_base = home;
    s.notes = notes;
    if ((out = psec_app_unit_add(db, &s, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_doc(cli, out);
    json_decref(out);
    return 0;
}

int psec_cmd_unit(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = {0};
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    json_t *out;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(unit_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "show") &&
        strcmp(sub, "assign") && strcmp(sub, "load-demo"))
        return psec_cli_usage(cli, "unit", "unknown subcommand \"%s\"", sub);
    /* Reading needs an existing database; writing may create it. */
    if ((strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0
             ? psec_cli_db_existing(cli, &db, &e)
             : psec_cli_db(cli, &db, &e)) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "add") == 0)
        return unit_add(cli, db, argc, argv);
    if (strcmp(sub, "list") == 0) {
        static const struct psec_col cols[] = {
            {"name", "UNIT"}, {"capacity", "CAPACITY"}, {"max_per_month", "MAX/MONTH"},
            {"home_base", "HOME BASE"}, {"countries", "COUNTRIES"}, {"demo", "DEMO"},
            {NULL, NULL}};
        if (psec_cli_parse(cli, "unit", argc, argv, 2, NULL, NULL, 0) < 0)
            return 2;
        if ((out = psec_app_unit_list(db, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    } else if (strcmp(sub, "show") == 0) {
        const char *pos[1];
        if (psec_cli_parse(cli, "unit", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "unit", "unit show needs one NAME");
        if ((out = psec_app_unit_show(db, pos[0], &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    } else if (strcmp(sub, "assign") == 0) {
        const char *pos[MAX_ARGS], *port = NULL;
        const struct psec_opt opts[] = {{"main-port", &port, NULL}, {NULL, NULL, NULL}};
        int n = psec_cli_parse(cli, "unit", argc, argv, 2, opts, pos, MAX_ARGS);
        if (n < 0)
            return 2;
        if (n < 2)
            return psec_cli_usage(cli, "unit", "unit assign needs a NAME and countries");
        if ((out = psec_app_unit_assign(db, pos[0], pos + 1, (size_t)n - 1, port, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    } else {
        const char *dir = NULL;
        const struct psec_opt opts[] = {{"data", &dir, NULL}, {NULL, NULL, NULL}};
        if (psec_cli_parse(cli, "unit", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (psec_app_risk_load_demo(db, dir ? dir : psec_app_datadir(), &e) != PSEC_OK)
            return psec_cli_fail(cli, &e);
        if ((out = psec_app_unit_list(db, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, NULL);
    }
    json_decref(out);
    return 0;
}

/* ---- threat ----------------------------------------------------------- */

static const char threat_help[] =
    "usage: portsec threat set CC --level N --note TEXT [--date YYYY-MM-DD]\n"
    "       portsec threat list CC\n"
    "\n"
    "An analyst's threat input for a country: level 0 (none) to 5 (critical),\n"
    "dated (default today) and with a note saying why. The ranking uses the\n"
    "latest input on or before its date; inputs older than two years count\n"
    "at half. Inputs are kept as a history.\n";

int psec_cmd_threat(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = {0};
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "", *pos[1];
    const char *lvl = NULL, *note = NULL, *date = NULL;
    const struct psec_opt opts[] = {{"level", &lvl, NULL}, {"note", &note, NULL},
                                    {"date", &date, NULL}, {NULL, NULL, NULL}};
    static const struct psec_col cols[] = {{"country", "CC"}, {"day", "DATE"},
                                           {"level", "LEVEL"}, {"note", "NOTE"},
                                           {"demo", "DEMO"}, {NULL, NULL}};
    json_t *out;
    int level = -1;
    int64_t day;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(threat_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "set") && strcmp(sub, "list"))
        return psec_cli_usage(cli, "threat", "unknown subcommand \"%s\"", sub);
    if (psec_cli_parse(cli, "threat", argc, argv, 2, strcmp(sub, "set") ? NULL : opts, pos,
                       1) != 1)
        return psec_cli_usage(cli, "threat", "threat %s needs one country", sub);
    if (strcmp(sub, "set") == 0) {
        if (lvl == NULL || note == NULL)
            return psec_cli_usage(cli, "threat", "threat set needs --level N and --note TEXT");
        if (!psec_parse_int(lvl, &level) || level < 0 || level > 5)
            return psec_cli_usage(cli, "threat", "--level \"%s\": give 0 to 5", lvl);
        if (parse_date_opt(cli, "threat", "date", date, &day))
            return 2;
    }
    if ((strcmp(sub, "set") == 0 ? psec_cli_db(cli, &db, &e)
                                 : psec_cli_db_existing(cli, &db, &e)) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    out = strcmp(sub, "set") == 0 ? psec_app_threat_set(db, pos[0], level, day, note, &e)
                                  : psec_app_threat_list(db, pos[0], &e);
    if (out == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_rows(cli, out, cols);
    json_decref(out);
    return 0;
}

/* ---- rank ------------------------------------------------------------- */

static const char rank_help[] =
    "usage: portsec rank [--unit NAME | --region TEXT] [--as-of YYYY-MM-DD]\n"
    "                    [--weights FILE] [--brief]\n"
    "\n"
    "Ranks countries by risk, highest first. Each of eight components scores\n"
    "0 to 1 with a sentence saying why: determination, assessment_age (the\n"
    "three-year rule), conditions_of_entry, recommendations, trade (log scale),\n"
    "traffic, isps_status, threat. The score is their weighted mean; weights\n"
    "come from data/risk/weights.json or --weights FILE (see docs/risk.md).\n"
    "Ties go to the earlier reassessment due date, then more trade, then the\n"
    "country code. The table lists the component scores and then, unless\n"
    "--brief, every reason. --format json|csv give the same in full.\n";

static const char *const short_head[PSEC_RISK_NCOMP] = {"DET", "AGE", "COE", "RECS",
                                                        "TRADE", "TRAFFIC", "ISPS", "THREAT"};

int psec_cmd_rank(struct psec_cli *cli, int argc, char **argv)
{
    const char *unit = NULL, *region = NULL, *asof = NULL, *weights = NULL;
    bool brief = false;
    const struct psec_opt opts[] = {{"unit", &unit, NULL}, {"region", &region, NULL},
                                    {"as-of", &asof, NULL}, {"weights", &weights, NULL},
                                    {"brief", NULL, &brief}, {NULL, NULL, NULL}};
    struct psec_rank_opts o;
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *doc, *rows, *c;
    size_t i;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(rank_help, cli->out);
        return 0;
    }
    if (psec_cli_parse(cli, "rank", argc, argv, 1, opts, NULL, 0) < 0)
        return 2;
    if (psec_cli_check_format(cli, "rank", 1u << PSEC_FMT_TABLE | 1u << PSEC_FMT_JSON |
                                               1u << PSEC_FMT_CSV))
        return 2;
    if (unit && region)
        return psec_cli_usage(cli, "rank", "give --unit or --region, not both");
    memset(&o, 0, sizeof o);
    if (parse_date_opt(cli, "rank", "as-of", asof, &o.as_of))
        return 2;
    o.unit = unit;
    o.region = region;
    o.weights_path = weights;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((doc = psec_app_rank(db, &o, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
        json_decref(doc);
        return 0;
    }
    /* Flatten the components into columns for the table and CSV. */
    rows = json_array();
    json_array_foreach(json_object_get(doc, "countries"), i, c) {
        json_t *r = json_pack("{s:O, s:O, s:O, s:O, s:O}", "rank", json_object_get(c, "rank"),
                              "country", json_object_get(c, "country"), "name",
                              json_object_get(c, "name"), "score", json_object_get(c, "score"),
                              "due", json_object_get(c, "due"));
        for (int k = 0; k < PSEC_RISK_NCOMP; k++) {
            const char *key = psec_risk_comp_key(k);
            json_t *p = json_object_get(json_object_get(c, "components"), key);
            char wkey[64];
            json_object_set(r, key, json_object_get(p, "score"));
            if (cli->format == PSEC_FMT_CSV) {
                snprintf(wkey, sizeof wkey, "%s_why", key);
                json_object_set(r, wkey, json_object_get(p, "why"));
            }
        }
        json_array_append_new(rows, r);
    }
    if (cli->format == PSEC_FMT_CSV) {
        psec_cli_rows(cli, rows, NULL);
    } else {
        struct psec_col cols[6 + PSEC_RISK_NCOMP] = {
            {"rank", "RANK"}, {"country", "CC"}, {"name", "NAME"}, {"score", "SCORE"}};
        int k = 4;
        for (int j = 0; j < PSEC_RISK_NCOMP; j++) {
            cols[k].key = psec_risk_comp_key(j);
            cols[k++].head = short_head[j];
        }
        cols[k].key = "due";
        cols[k++].head = "DUE";
        cols[k].key = NULL;
        cols[k].head = NULL;
        fprintf(cli->out, "risk ranking as of %s%s%s (weights: %s)\n\n",
                json_string_value(json_object_get(doc, "as_of")),
                unit ? ", unit " : region ? ", region " : "",
                unit ? json_string_value(json_object_get(doc, "unit")) : region ? region : "",
                json_string_value(json_object_get(doc, "weights_source")));
        psec_cli_rows(cli, rows, cols);
        if (!brief) {
            fprintf(cli->out, "\nwhy (weight x score = points):\n");
            json_array_foreach(json_object_get(doc, "countries"), i, c) {
                fprintf(cli->out, "\n%lld. %s %s  score %.3f%s\n",
                        (long long)json_integer_value(json_object_get(c, "rank")),
                        json_string_value(json_object_get(c, "country")),
                        json_string_value(json_object_get(c, "name")),
                        json_number_value(json_object_get(c, "score")),
                        json_is_true(json_object_get(c, "overdue")) ? "  (reassessment overdue)"
                                                                    : "");
                for (int j = 0; j < PSEC_RISK_NCOMP; j++) {
                    json_t *p = json_object_get(json_object_get(c, "components"),
                                                psec_risk_comp_key(j));
                    fprintf(cli->out, "   %-20s %.3f x %.2f = %.3f  %s\n", psec_risk_comp_key(j),
                            json_number_value(json_object_get(p, "weight")),
                            json_number_value(json_object_get(p, "score")),
                            json_number_value(json_object_get(p, "points")),
                            json_string_value(json_object_get(p, "why")));
                }
            }
        }
    }
    json_decref(rows);
    json_decref(doc);
    return 0;
}

/* ---- plan ------------------------------------------------------------- */

static const char plan_help[] =
    "usage: portsec plan --unit NAME --year YYYY [--capacity N] [--max-per-month N]\n"
    "                    [--blackout FROM:TO[,FROM:TO...]]... [--visit-days N]\n"
    "                    [--group-km N] [--as-of YYYY-MM-DD] [--weights FILE]\n"
    "                    [--stamp YYYY-MM-DDTHH:MM:SSZ] [--format table|json|csv|ics]\n"
    "\n"
    "Proposes the unit's country visits for the year: first every country whose\n"
    "reassessment falls due that year (three-year rule) or earlier, then the\n"
    "others by risk score, up to the unit's capacity (--capacity overrides it)\n"
    "and what the months can hold (--max-per-month, blackouts). Countries whose\n"
    "main ports lie within --group-km (default 2000) of one another travel as one\n"
    "trip. Each visit takes --visit-days (default 5). Every country is listed\n"
    "with the reason it is in or out, and a SHORTFALL line says when the visits\n"
    "the law requires do not fit.\n"
    "\n"
    "--format ics writes an iCalendar file (RFC 5545) that calendar programs\n"
    "import; --stamp fixes its DTSTAMP (default: now).\n";

/* "2027-12-15:2027-12-31,2027-08-01:2027-08-10" */
static int parse_blackouts(struct psec_cli *cli, const char *s, struct psec_plan_blackout *b,
                           size_t max, size_t *n)
{
    char buf[1024], *p, *next;

    *n = 0;
    if (s == NULL)
        return 0;
    if (strlen(s) >= sizeof buf)
        return psec_cli_usage(cli, "plan", "--blackout is too long");
    psec_strlcpy(buf, s, sizeof buf);
    for (p = buf; p != NULL; p = next) {
        char *colon;
        next = strchr(p, ',');
        if (next != NULL)
            *next++ = '\0';
        colon = strchr(p, ':');
        if (*n == max)
            return psec_cli_usage(cli, "plan", "at most %zu blackouts", max);
        if (colon == NULL)
            return psec_cli_usage(cli, "plan", "--blackout \"%s\": give FROM:TO dates", p);
        *colon = '\0';
        if (!psec_date_parse(p, &b[*n].from_day) || !psec_date_parse(colon + 1, &b[*n].to_day))
            return psec_cli_usage(cli, "plan", "--blackout \"%s:%s\": dates are YYYY-MM-DD", p,
                                  colon + 1);
        if (b[*n].to_day < b[*n].from_day)
            return psec_cli_usage(cli, "plan", "--blackout \"%s:%s\" ends before it starts", p,
                                  colon + 1);
        (*n)++;
    }
    return 0;
}

int psec_cmd_plan(struct psec_cli *cli, int argc, char **argv)
{
    const char *unit = NULL, *year = NULL, *cap = NULL, *maxm = NULL, *bl = NULL, *vd = NULL,
               *gkm = NULL, *asof = NULL, *weights = NULL, *stamp = NULL;
    const struct psec_opt opts[] = {
        {"unit", &unit, NULL}, {"year", &year, NULL}, {"capacity", &cap, NULL},
        {"max-per-month", &maxm, NULL}, {"blackout", &bl, NULL}, {"visit-days", &vd, NULL},
        {"group-km", &gkm, NULL}, {"as-of", &asof, NULL}, {"weights", &weights, NULL},
        {"stamp", &stamp, NULL}, {NULL, NULL, NULL}};
    struct psec_plan_blackout b[32];
    struct psec_plan_opts o;
    struct psec_err e = {0};
    struct psec_db *db;
    bool ics;
    json_t *doc;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(plan_help, cli->out);
        return 0;
    }
    if (psec_cli_parse(cli, "plan", argc, argv, 1, opts, NULL, 0) < 0)
        return 2;
    ics = cli->format == PSEC_FMT_OTHER && strcmp(cli->format_name, "ics") == 0;
    if (!ics && psec_cli_check_format(cli, "plan", 1u << PSEC_FMT_TABLE | 1u << PSEC_FMT_JSON |
                                                       1u << PSEC_FMT_CSV))
        return 2;
    if (unit == NULL || year == NULL)
        return psec_cli_usage(cli, "plan", "plan needs --unit NAME and --year YYYY");
    memset(&o, 0, sizeof o);
    o.unit = unit;
    o.capacity = -1;
    o.max_per_month = -1;
    o.group_km = -1;
    o.weights_path = weights;
    if (!psec_parse_int(year, &o.year) || o.year < 1900 || o.year > 9999)
        return psec_cli_usage(cli, "plan", "--year \"%s\" is not a year", year);
    if (parse_int_opt(cli, "plan", "capacity", cap, &o.capacity) ||
        parse_int_opt(cli, "plan", "max-per-month", maxm, &o.max_per_month) ||
        parse_int_opt(cli, "plan", "visit-days", vd, &o.visit_days))
        return 2;
    if (gkm != NULL && (!psec_parse_double(gkm, &o.group_km) || o.group_km < 0))
        return psec_cli_usage(cli, "plan", "--group-km \"%s\" is not a distance", gkm);
    if (cap != NULL && o.capacity < 0)
        return psec_cli_usage(cli, "plan", "--capacity must be 0 or more");
    if (maxm != NULL && (o.max_per_month < 1 || o.max_per_month > 31))
        return psec_cli_usage(cli, "plan", "--max-per-month must be 1..31");
    if (vd != NULL && (o.visit_days < 1 || o.visit_days > 28))
        return psec_cli_usage(cli, "plan", "--visit-days must be 1..28");
    /* --blackout may be given several times: the option parser keeps the
     * last, so collect every one from argv. */
    (void)bl;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        size_t got = 0;
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--blackout") == 0 && i + 1 < argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--blackout=", 11) == 0)
            v = argv[i] + 11;
        if (v == NULL)
            continue;
        if (parse_blackouts(cli, v, b + o.nblackouts, sizeof b / sizeof b[0] - o.nblackouts,
                            &got))
            return 2;
        o.nblackouts += got;
    }
    o.blackouts = b;
    if (parse_date_opt(cli, "plan", "as-of", asof, &o.as_of))
        return 2;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (ics) {
        int64_t t = (int64_t)time(NULL);
        char *text;
        if (stamp != NULL && !psec_time_parse(stamp, &t))
            return psec_cli_usage(cli, "plan", "--stamp \"%s\" is not a time", stamp);
        if ((text = psec_app_plan_ics(db, &o, t, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        fputs(text, cli->out);
        free(text);
        return 0;
    }
    if ((doc = psec_app_plan(db, &o, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
    } else if (cli->format == PSEC_FMT_CSV) {
        static const struct psec_col cols[] = {
            {"trip", "trip"}, {"start", "start"}, {"end", "end"}, {"country", "country"},
            {"name", "name"}, {"due", "required"}, {"score", "score"}, {"port", "port"},
            {"km_from_trip_lead", "km_from_trip_lead"}, {NULL, NULL}};
        psec_cli_rows(cli, json_object_get(doc, "visits"), cols);
    } else {
        static const struct psec_col vcols[] = {
            {"trip", "TRIP"}, {"start", "START"}, {"end", "END"}, {"country", "CC"},
            {"name", "NAME"}, {"due", "REQUIRED"}, {"score", "SCORE"}, {"port", "PORT"},
            {"km_from_trip_lead", "KM"}, {NULL, NULL}};
        static const struct psec_col ccols[] = {
            {"order", "#"}, {"country", "CC"}, {"included", "IN"}, {"why", "WHY"},
            {NULL, NULL}};
        fprintf(cli->out, "%s visit plan %lld\n%s\n\n",
                json_string_value(json_object_get(doc, "unit")),
                (long long)json_integer_value(json_object_get(doc, "year")),
                json_string_value(json_object_get(doc, "summary")));
        psec_cli_rows(cli, json_object_get(doc, "visits"), vcols);
        fprintf(cli->out, "\ncountries in priority order:\n");
        psec_cli_rows(cli, json_object_get(doc, "countries"), ccols);
    }
    json_decref(doc);
    return 0;
}

/* ---- import trade ----------------------------------------------------- */

static const char import_trade_help[] =
    "usage: portsec import trade FILE [--skip-invalid]\n"
    "\n"
    "Imports U.S. trade in goods by partner country, million USD:\n"
    "  - the Census layout (census.gov/foreign-trade/balance country.csv): year,\n"
    "    CTY_CODE, CTYNAME, IJAN..IDEC, IYR, EJAN..EDEC, EYR; aggregates (OPEC,\n"
    "    EU, regions) are skipped, partners are matched to the registry's\n"
    "    countries by name, and names that are no country today are listed as\n"
    "    unmatched;\n"
    "  - a commodity breakdown: country, year, category, imports, exports[, source].\n"
    "An import is all or nothing: the first bad row stops it with\n"
    "FILE:LINE: column NAME: reason. --skip-invalid imports the good rows and\n"
    "lists each rejected one.\n";

int psec_cmd_import_trade(struct psec_cli *cli, int argc, char **argv)
{
    bool skip = false;
    const struct psec_opt opts[] = {{"skip-invalid", NULL, &skip}, {NULL, NULL, NULL}};
    const char *pos[1];
    struct psec_import_opts io = {0};
    struct psec_import_result res;
    struct psec_err e = {0};
    struct psec_db *db;
    json_t *doc;
    int rc;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(import_trade_help, cli->out);
        return 0;
    }
    rc = psec_cli_parse(cli, "import trade", argc, argv, 2, opts, pos, 1);
    if (rc < 0)
        return 2;
    if (rc != 1)
        return psec_cli_usage(cli, "import trade", "give one FILE");
    if (psec_cli_db(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    io.skip_invalid = skip;
    psec_import_result_init(&res);
    rc = psec_app_import_trade(db, pos[0], &io, &res, &e);
    if (rc != PSEC_OK) {
        psec_import_result_free(&res);
        if (rc == PSEC_E_INVALID)
            fprintf(cli->err, "portsec: %s\nportsec: nothing was imported; fix the row or use "
                              "--skip-invalid\n", e.msg);
        else
            psec_cli_fail(cli, &e);
        return psec_exit_status(rc);
    }
    doc = psec_import_result_json(&res);
    if (res.rejects)
        json_object_set(doc, "rejects", res.rejects);
    if (res.unmatched_list)
        json_object_set(doc, "unmatched_list", res.unmatched_list);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
    } else {
        fprintf(cli->out, "%s: %ld rows read, %ld imported, %ld skipped (aggregates), "
                          "%ld rejected, %ld unmatched\n", pos[0], res.rows, res.imported,
                res.skipped, res.rejected, res.unmatched);
        if (json_array_size(res.rejects) > 0) {
            static const struct psec_col cols[] = {{"line", "LINE"}, {"column", "COLUMN"},
                                                   {"reason", "REASON"}, {NULL, NULL}};
            fprintf(cli->out, "\nrejected rows:\n");
            psec_cli_rows(cli, res.rejects, cols);
        }
        if (json_array_size(res.unmatched_list) > 0) {
            fprintf(cli->out, "\nunmatched partners (not stored):\n");
            psec_cli_rows(cli, res.unmatched_list, NULL);
        }
    }
    json_decref(doc);
    psec_import_result_free(&res);
    return 0;
}
