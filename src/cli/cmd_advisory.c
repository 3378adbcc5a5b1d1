/*
 * cmd_advisory.c — the advisory, coe, target, vessel and screen command
 * groups. Parsing and printing only; the work is done in src/app/advisory.c
 * and src/app/screen.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/advisory.h"
#include "app/import.h"
#include "app/screen.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "cli/cli.h"
#include "cli/cmd_ais.h"

/* Today (UTC) as days since 1970: the default --date. The clock is read
 * here, never in the rules. */
static int64_t today(void)
{
    return (int64_t)time(NULL) / PSEC_DAY;
}

static int parse_day(struct psec_cli *cli, const char *cmd, const char *s, int64_t *day)
{
    if (s == NULL) {
        *day = today();
        return 0;
    }
    if (!psec_date_parse(s, day))
        return psec_cli_usage(cli, cmd, "--date: '%s' is not a date YYYY-MM-DD", s);
    return 0;
}

/* Reads a whole file (or standard input for "-"), at most PSEC_JSON_MAX
 * bytes. Returns a new NUL-terminated buffer (free()) or NULL with e set. */
static char *read_all(const char *path, size_t *len, struct psec_err *e)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        psec_err_set(e, PSEC_E_IO, "%s: cannot open", path);
        return NULL;
    }
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            if (cap > PSEC_JSON_MAX) {
                psec_err_set(e, PSEC_E_LIMIT, "%s: larger than %d bytes", path, PSEC_JSON_MAX);
                free(buf);
                buf = NULL;
                break;
            }
            char *p = realloc(buf, cap * 2);
            if (p == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (buf == NULL && e->code == PSEC_OK)
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    if (buf && ferror(f)) {
        psec_err_set(e, PSEC_E_IO, "%s: read error", path);
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* ---- advisory ---------------------------------------------------------- */

static const char advisory_help[] =
    "usage: portsec advisory list\n"
    "       portsec advisory show ID\n"
    "       portsec advisory add FILE.json\n"
    "       portsec advisory load [--data DIR]\n"
    "\n"
    "list  advisories in the database (Port Security Advisories, Federal Register\n"
    "      notices, dated list snapshots), each with its number of changes\n"
    "show  one advisory with its dated changes (\"PSA 2-19\")\n"
    "add   adds the advisories of FILE (the format of data/advisories/advisories.json\n"
    "      and of `portsec coe feed --format json`, or one advisory object); an id\n"
    "      already stored is refused (exit 3); all or nothing\n"
    "load  loads the bundled advisories and targeting matrix (what init does);\n"
    "      running it again changes nothing\n"
    "\n"
    "See docs/advisories.md for the format.\n";

int psec_cmd_advisory(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    const char *pos[1];
    json_t *out = NULL;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(advisory_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "list") == 0) {
        static const struct psec_col cols[] = {
            { "id", "ID" }, { "issued", "ISSUED" }, { "changes", "CHANGES" },
            { "title", "TITLE" }, { NULL, NULL } };
        if (psec_cli_parse(cli, "advisory list", argc, argv, 2, NULL, NULL, 0) < 0)
            return 2;
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
            (out = psec_app_advisory_list(db, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    } else if (strcmp(sub, "show") == 0) {
        if (psec_cli_parse(cli, "advisory show", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "advisory", "advisory show needs one ID");
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
            (out = psec_app_advisory_show(db, pos[0], &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    } else if (strcmp(sub, "add") == 0) {
        json_error_t je;
        if (psec_cli_parse(cli, "advisory add", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "advisory", "advisory add needs one FILE.json");
        json_t *doc = strcmp(pos[0], "-") == 0 ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &je)
                                               : json_load_file(pos[0], JSON_REJECT_DUPLICATES, &je);
        if (doc == NULL) {
            psec_err_set(&e, je.line <= 0 && je.position == 0 ? PSEC_E_IO : PSEC_E_INVALID,
                         "%s:%d: %s", pos[0], je.line, je.text);
            return psec_cli_fail(cli, &e);
        }
        int rc = psec_cli_db(cli, &db, &e);
        if (rc == PSEC_OK)
            rc = psec_app_advisory_add(db, doc, pos[0], &out, &e);
        json_decref(doc);
        if (rc != PSEC_OK)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE)
            fprintf(cli->out, "added %lld advisories (%lld changes)\n",
                    (long long)json_integer_value(json_object_get(out, "advisories_added")),
                    (long long)json_integer_value(json_object_get(out, "changes_added")));
        else
            psec_cli_doc(cli, out);
    } else if (strcmp(sub, "load") == 0) {
        const char *datadir = NULL;
        const struct psec_opt opts[] = { { "data", &datadir, NULL }, { NULL, NULL, NULL } };
        if (psec_cli_parse(cli, "advisory load", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (psec_cli_db(cli, &db, &e) != PSEC_OK ||
            psec_app_advisory_load_dir(db, datadir ? datadir : psec_app_datadir(), &out, &e) !=
                PSEC_OK)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE) {
            long long n = (long long)json_integer_value(json_object_get(out, "advisories_added"));
            bool m = json_is_true(json_object_get(out, "matrix_loaded"));
            if (n == 0 && !m)
                fprintf(cli->out, "bundled advisories and targeting matrix already loaded; "
                                  "nothing changed\n");
            else
                fprintf(cli->out, "added %lld advisories (%lld changes)%s%s\n", n,
                        (long long)json_integer_value(json_object_get(out, "changes_added")),
                        m ? "; loaded targeting matrix " : "",
                        m ? json_string_value(json_object_get(out, "matrix_version")) : "");
        } else {
            psec_cli_doc(cli, out);
        }
    } else {
        return psec_cli_usage(cli, "advisory", "unknown subcommand \"%s\"", sub);
    }
    json_decref(out);
    return 0;
}

/* ---- coe --------------------------------------------------------------- */

static const char coe_help[] =
    "usage: portsec coe list [--date YYYY-MM-DD]\n"
    "       portsec coe check --country CC|--port LOCODE|--facility NUMBER [--date D]\n"
    "       portsec coe feed [--format json|csv]\n"
    "\n"
    "list   countries under conditions of entry on the date (default today),\n"
    "       \"in force\" or \"uncertain\" when the sources do not date a change\n"
    "check  does a call there trigger conditions of entry for a ship arriving in\n"
    "       the U.S. on the date: applies, does-not-apply or uncertain, with the\n"
    "       advisory, the basis, excepted facilities and the conditions to meet\n"
    "feed   the whole dated history as a machine-readable feed: JSON in the\n"
    "       format `portsec advisory add` reads (the default), or CSV, one row\n"
    "       per change\n";

int psec_cmd_coe(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    const char *date = NULL;
    int64_t day;
    json_t *out = NULL;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(coe_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "list") == 0) {
        const struct psec_opt opts[] = { { "date", &date, NULL }, { NULL, NULL, NULL } };
        static const struct psec_col cols[] = {
            { "country", "CC" }, { "name", "NAME" }, { "status", "STATUS" },
            { "in_force_since", "SINCE" }, { "listed", "LISTED" }, { "advisory", "ADVISORY" },
            { "basis", "BASIS" }, { "confidence", "CONFIDENCE" },
            { "exceptions", "EXCEPTIONS" }, { NULL, NULL } };
        if (psec_cli_parse(cli, "coe list", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (parse_day(cli, "coe", date, &day))
            return 2;
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
            (out = psec_app_coe_list(db, day, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    } else if (strcmp(sub, "check") == 0) {
        const char *country = NULL, *port = NULL, *facility = NULL;
        const struct psec_opt opts[] = {
            { "date", &date, NULL }, { "country", &country, NULL }, { "port", &port, NULL },
            { "facility", &facility, NULL }, { NULL, NULL, NULL } };
        if (psec_cli_parse(cli, "coe check", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if ((country != NULL) + (port != NULL) + (facility != NULL) != 1)
            return psec_cli_usage(cli, "coe", "coe check needs one of --country, --port, "
                                              "--facility");
        if (parse_day(cli, "coe", date, &day))
            return 2;
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
            return psec_cli_fail(cli, &e);
        out = psec_app_coe_check(db, country ? "country" : port ? "port" : "facility",
                                 country ? country : port ? port : facility, day, &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE) {
            const char *what = country ? country : port ? port : facility;
            fprintf(cli->out, "%s on %s: conditions of entry %s\n", what,
                    json_string_value(json_object_get(out, "date")),
                    json_string_value(json_object_get(out, "status")));
        }
        psec_cli_doc(cli, out);
    } else if (strcmp(sub, "feed") == 0) {
        if (psec_cli_parse(cli, "coe feed", argc, argv, 2, NULL, NULL, 0) < 0)
            return 2;
        if (cli->format_given &&
            psec_cli_check_format(cli, "coe feed", 1u << PSEC_FMT_JSON | 1u << PSEC_FMT_CSV))
            return 2;
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_CSV) {
            static const struct psec_col cols[] = {
                { "country", "country" }, { "action", "action" }, { "facility", "facility" },
                { "facility_name", "facility_name" },
                { "effective_not_before", "effective_not_before" },
                { "effective_by", "effective_by" }, { "basis", "basis" },
                { "confidence", "confidence" }, { "last_confirmed", "last_confirmed" },
                { "advisory", "advisory" }, { "source", "source" }, { "note", "note" },
                { NULL, NULL } };
            if ((out = psec_app_coe_feed_rows(db, &e)) == NULL)
                return psec_cli_fail(cli, &e);
            psec_cli_rows(cli, out, cols);
        } else {
            if ((out = psec_app_coe_feed(db, &e)) == NULL)
                return psec_cli_fail(cli, &e);
            /* The feed is JSON whatever the default output format. */
            char *text = json_dumps(out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
            if (text == NULL) {
                json_decref(out);
                psec_err_set(&e, PSEC_E_NOMEM, "out of memory");
                return psec_cli_fail(cli, &e);
            }
            fprintf(cli->out, "%s\n", text);
            free(text);
        }
    } else {
        return psec_cli_usage(cli, "coe", "unknown subcommand \"%s\"", sub);
    }
    json_decref(out);
    return 0;
}

/* ---- target ------------------------------------------------------------ */

static const char target_help[] =
    "usage: portsec target add flag|rso|company NAME --points N [--from D] [--to D]\n"
    "                          [--note TEXT]\n"
    "       portsec target list\n"
    "\n"
    "add   puts a flag (ISO alpha-2 or country name), RSO or company on the targeted\n"
    "      list with its points, valid from/to the dates given (open when left\n"
    "      out). Flags: 2 points above a 1.50 % control-action ratio, 7 at or above\n"
    "      3.00 %; RSOs: their listed points (2 or 5); companies (owner, operator or\n"
    "      charterer): 5. Each change makes a new list revision; results name it\n"
    "      (\"uscg-isps-2025.1+r2\").\n"
    "list  the matrix version, its rules with their basis (confirmed or assumed),\n"
    "      and every list entry\n";

int psec_cmd_target(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    json_t *out = NULL;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(target_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "add") == 0) {
        const char *pos[2], *points_s = NULL, *from = NULL, *to = NULL, *note = NULL;
        const struct psec_opt opts[] = {
            { "points", &points_s, NULL }, { "from", &from, NULL }, { "to", &to, NULL },
            { "note", &note, NULL }, { NULL, NULL, NULL } };
        int points;
        if (psec_cli_parse(cli, "target add", argc, argv, 2, opts, pos, 2) != 2)
            return psec_cli_usage(cli, "target", "target add needs KIND and NAME");
        if (strcmp(pos[0], "flag") && strcmp(pos[0], "rso") && strcmp(pos[0], "company"))
            return psec_cli_usage(cli, "target", "KIND must be flag, rso or company");
        if (points_s == NULL || !psec_parse_int(points_s, &points))
            return psec_cli_usage(cli, "target", "target add needs --points N");
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
            (out = psec_app_target_add(db, pos[0], pos[1], points, from, to, note, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE)
            fprintf(cli->out, "%s %s: %lld points; matrix %s\n",
                    json_string_value(json_object_get(out, "kind")),
                    json_string_value(json_object_get(out, "name")),
                    (long long)json_integer_value(json_object_get(out, "points")),
                    json_string_value(json_object_get(out, "matrix_version")));
        else
            psec_cli_doc(cli, out);
    } else if (strcmp(sub, "list") == 0) {
        static const struct psec_col cols[] = {
            { "kind", "KIND" }, { "name", "NAME" }, { "points", "POINTS" },
            { "valid_from", "FROM" }, { "valid_to", "TO" }, { "basis", "BASIS" },
            { "rev", "REV" }, { "note", "NOTE" }, { NULL, NULL } };
        if (psec_cli_parse(cli, "target list", argc, argv, 2, NULL, NULL, 0) < 0)
            return 2;
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
            (out = psec_app_target_list(db, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_JSON) {
            psec_cli_doc(cli, out);
        } else {
            if (cli->format == PSEC_FMT_TABLE)
                fprintf(cli->out, "matrix %s\n",
                        json_string_value(json_object_get(out, "matrix_version")));
            psec_cli_rows(cli, json_object_get(out, "entries"), cols);
        }
    } else {
        return psec_cli_usage(cli, "target", "unknown subcommand \"%s\"", sub);
    }
    json_decref(out);
    return 0;
}

/* ---- vessel ------------------------------------------------------------ */

static const char vessel_help[] =
    "usage: portsec vessel add IMO [--name N] [--mmsi M] [--flag CC] [--type T]\n"
    "                  [--rso R] [--owner O] [--operator O] [--charterer C] [--built Y]\n"
    "       portsec vessel show IMO\n"
    "       portsec vessel action add IMO --date D --kind detention|expulsion|denial|restriction\n"
    "                  [--security] [--note TEXT]\n"
    "       portsec vessel exam add IMO --date D --kind isps|safety [--note TEXT]\n"
    "       portsec vessel calls|gaps|track ...   (AIS: see portsec vessel calls --help)\n"
    "\n"
    "add     records a vessel (IMO number with a valid check digit) or updates the\n"
    "        fields given\n"
    "show    the vessel with its control actions, examinations and screenings\n"
    "action  a port state control action; --security marks it ISPS-related (ISPS\n"
    "        detentions, expulsions and denials in the last 12 months score 7 points)\n"
    "exam    an examination; no ISPS exam in the 12 months before an arrival lifts\n"
    "        the targeting priority to at least ISPS II\n";

/* `portsec vessel calls|gaps|track` belong to the AIS commands
 * (cli/cmd_ais.h): the same group, routed from here. */
static int vessel_ais_subcommand(struct psec_cli *cli, const char *sub, int argc, char **argv)
{
    if (strcmp(sub, "calls") == 0)
        return psec_cmd_vessel_calls(cli, argc, argv);
    if (strcmp(sub, "gaps") == 0)
        return psec_cmd_vessel_gaps(cli, argc, argv);
    return psec_cmd_vessel_track(cli, argc, argv);
}

int psec_cmd_vessel(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    json_t *out = NULL;

    if (strcmp(sub, "calls") == 0 || strcmp(sub, "gaps") == 0 || strcmp(sub, "track") == 0)
        return vessel_ais_subcommand(cli, sub, argc, argv);
    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(vessel_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "add") == 0) {
        const char *pos[1], *v[9] = { NULL };
        static const char *const keys[9] = { "name", "mmsi", "flag", "type", "rso", "owner",
                                             "operator", "charterer", "built" };
        struct psec_opt opts[10];
        for (int i = 0; i < 9; i++)
            opts[i] = (struct psec_opt){ keys[i], &v[i], NULL };
        opts[9] = (struct psec_opt){ NULL, NULL, NULL };
        if (psec_cli_parse(cli, "vessel add", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "vessel", "vessel add needs one IMO");
        json_t *fields = json_object();
        for (int i = 0; i < 8; i++)
            if (v[i])
                json_object_set_new(fields, keys[i], json_string(v[i]));
        if (v[8]) {
            int y;
            if (!psec_parse_int(v[8], &y) || y < 1800 || y > 2200) {
                json_decref(fields);
                return psec_cli_usage(cli, "vessel", "--built: '%s' is not a year", v[8]);
            }
            json_object_set_new(fields, "built", json_integer(y));
        }
        int rc = psec_cli_db(cli, &db, &e);
        if (rc == PSEC_OK)
            out = psec_app_vessel_add(db, pos[0], fields, &e);
        json_decref(fields);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    } else if (strcmp(sub, "show") == 0) {
        const char *pos[1];
        if (psec_cli_parse(cli, "vessel show", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "vessel", "vessel show needs one IMO");
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
            (out = psec_app_vessel_show(db, pos[0], &e)) == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    } else if (strcmp(sub, "action") == 0 || strcmp(sub, "exam") == 0) {
        bool action = strcmp(sub, "action") == 0, security = false;
        const char *pos[2], *date = NULL, *kind = NULL, *note = NULL;
        const struct psec_opt opts[] = {
            { "date", &date, NULL }, { "kind", &kind, NULL }, { "note", &note, NULL },
            { "security", NULL, action ? &security : NULL }, { NULL, NULL, NULL } };
        const struct psec_opt *use = opts;
        struct psec_opt exam_opts[4] = { opts[0], opts[1], opts[2], { NULL, NULL, NULL } };
        if (!action)
            use = exam_opts;
        if (psec_cli_parse(cli, action ? "vessel action" : "vessel exam", argc, argv, 2, use, pos,
                           2) != 2 || strcmp(pos[0], "add") != 0)
            return psec_cli_usage(cli, "vessel", "usage: vessel %s add IMO --date D --kind K",
                                  sub);
        if (date == NULL || kind == NULL)
            return psec_cli_usage(cli, "vessel", "vessel %s add needs --date and --kind", sub);
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
            return psec_cli_fail(cli, &e);
        int rc = action ? psec_app_vessel_action_add(db, pos[1], date, kind, security, note, &e)
                        : psec_app_vessel_exam_add(db, pos[1], date, kind, note, &e);
        if (rc != PSEC_OK)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE)
            fprintf(cli->out, "%s %s recorded for %s on %s\n", sub, kind, pos[1], date);
        else if ((out = psec_app_vessel_show(db, pos[1], &e)) != NULL)
            psec_cli_doc(cli, out);
    } else {
        return psec_cli_usage(cli, "vessel", "unknown subcommand \"%s\"", sub);
    }
    json_decref(out);
    return 0;
}

/* ---- screen ------------------------------------------------------------ */

static const char screen_help[] =
    "usage: portsec screen FILE.json [--dry-run] [--matrix VERSION]\n"
    "       portsec screen --batch FILE.jsonl|- [--dry-run] [--matrix VERSION]\n"
    "\n"
    "Screens a Notice of Arrival: do conditions of entry apply (which of the last\n"
    "five calls, why, what the ship must do), and the security targeting points\n"
    "and priority (ISPS I, II or III) with every point and lift explained.\n"
    "The result is printed and stored with the NOA; --dry-run stores nothing.\n"
    "\n"
    "--batch  one NOA per line (JSON Lines; - for standard input); prints one\n"
    "         result per line, reports each bad line with its number on standard\n"
    "         error, goes on, and exits 3 at the end if any line was bad\n"
    "--matrix the targeting matrix version of an earlier result (\"uscg-isps-2025.1+r1\"),\n"
    "         to recompute an old screening as it was; default: the current one\n"
    "\n"
    "NOA: {\"noa_id\", \"vessel\": {\"imo\", \"mmsi\", \"name\", \"flag\", \"type\", \"rso\",\n"
    "\"owner\", \"operator\", \"charterer\", \"built\"}, \"arrival\": {\"port\", \"eta\"},\n"
    "\"port_calls\": [{\"port\", \"facility\", \"arrival\", \"departure\", \"purpose\"}]}\n"
    "(up to ten calls; purpose \"transit\" is not a port call). See docs/screening.md.\n";

/* A human summary of a result for the table format. */
static void print_summary(struct psec_cli *cli, json_t *doc)
{
    FILE *o = cli->out;
    json_t *coe = json_object_get(doc, "coe"), *t = json_object_get(doc, "targeting");
    size_t i;
    json_t *v;
    fprintf(o, "NOA %s  IMO %s  arriving %s %s\n",
            json_is_string(json_object_get(doc, "noa_id"))
                ? json_string_value(json_object_get(doc, "noa_id")) : "-",
            json_string_value(json_object_get(doc, "imo")),
            json_string_value(json_object_get(doc, "arrival_port")),
            json_string_value(json_object_get(doc, "eta")));
    fprintf(o, "conditions of entry: %s%s\n", json_string_value(json_object_get(coe, "status")),
            json_is_true(json_object_get(coe, "direct")) ? " (direct: the last call)" : "");
    json_array_foreach(json_object_get(coe, "calls"), i, v)
        fprintf(o, "  - %s\n", json_string_value(json_object_get(v, "reason")));
    if (json_array_size(json_object_get(coe, "actions")) > 0) {
        fprintf(o, "actions:\n");
        json_array_foreach(json_object_get(coe, "actions"), i, v)
            fprintf(o, "  %s\n", json_string_value(v));
        fprintf(o, "enforcement:\n");
        json_array_foreach(json_object_get(coe, "enforcement"), i, v)
            fprintf(o, "  - %s\n", json_string_value(v));
    }
    fprintf(o, "targeting: %s, %lld points (matrix %s)\n",
            json_string_value(json_object_get(t, "priority")),
            (long long)json_integer_value(json_object_get(t, "points")),
            json_string_value(json_object_get(t, "matrix_version")));
    json_array_foreach(json_object_get(t, "items"), i, v) {
        json_t *lift = json_object_get(v, "lift");
        fprintf(o, "  - %s: %lld points%s%s: %s (%s)\n",
                json_string_value(json_object_get(v, "column")),
                (long long)json_integer_value(json_object_get(v, "points")),
                lift ? ", at least " : "", lift ? json_string_value(lift) : "",
                json_string_value(json_object_get(v, "reason")),
                json_string_value(json_object_get(v, "basis")));
    }
    if (json_array_size(json_object_get(doc, "warnings")) > 0) {
        fprintf(o, "warnings:\n");
        json_array_foreach(json_object_get(doc, "warnings"), i, v)
            fprintf(o, "  - %s\n", json_string_value(v));
    }
}

static int screen_batch(struct psec_cli *cli, struct psec_screener *scr, struct psec_db *db,
                        const char *path, bool dry_run)
{
    struct psec_err e = { 0 };
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        psec_err_set(&e, PSEC_E_IO, "%s: cannot open", path);
        return psec_cli_fail(cli, &e);
    }
    char *line = NULL, *buf = NULL;
    size_t lcap = 0, cap = 0;
    ssize_t n;
    long lineno = 0, bad = 0, in_tx = 0;
    int rc = PSEC_OK;
    /* One transaction per PSEC_BATCH_ROWS lines rather than one per line:
     * stored screenings are committed in batches, and even a dry run reads
     * under one lock instead of taking it for every statement. */
    if ((rc = psec_db_begin(db, &e)) != PSEC_OK)
        goto out;
    while ((n = getline(&line, &lcap, f)) > 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        size_t len = 0;
        psec_err_clear(&e);
        rc = psec_screener_run(scr, line, (size_t)n, dry_run, &buf, &cap, &len, &e);
        if (rc == PSEC_E_INVALID || rc == PSEC_E_LIMIT) {
            fprintf(cli->err, "portsec: %s:%ld: %s\n", path, lineno, e.msg);
            bad++;
            rc = PSEC_OK;
            continue;
        }
        if (rc != PSEC_OK)
            break;
        buf[len] = '\n';
        fwrite(buf, 1, len + 1, cli->out);
        if (++in_tx >= PSEC_BATCH_ROWS) {
            in_tx = 0;
            if ((rc = psec_db_commit(db, &e)) != PSEC_OK ||
                (rc = psec_db_begin(db, &e)) != PSEC_OK)
                break;
        }
    }
    if (rc == PSEC_OK)
        rc = psec_db_commit(db, &e);
    else
        psec_db_rollback(db);
out:
    free(line);
    free(buf);
    if (f != stdin)
        fclose(f);
    if (rc != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (bad > 0) {
        fprintf(cli->err, "portsec: %ld of %ld lines were bad\n", bad, lineno);
        return 3;
    }
    return 0;
}

int psec_cmd_screen(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    struct psec_screener *scr;
    const char *pos[1], *batch = NULL, *matrix = NULL;
    bool dry_run = false;
    const struct psec_opt opts[] = {
        { "batch", &batch, NULL }, { "dry-run", NULL, &dry_run }, { "matrix", &matrix, NULL },
        { NULL, NULL, NULL } };

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(screen_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    int npos = psec_cli_parse(cli, "screen", argc, argv, 1, opts, pos, 1);
    if (npos < 0)
        return 2;
    if ((batch == NULL) == (npos == 0))
        return psec_cli_usage(cli, "screen", "screen needs one FILE.json or --batch FILE.jsonl");
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (psec_screener_open_version(&scr, db, matrix, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (batch) {
        int status = screen_batch(cli, scr, db, batch, dry_run);
        psec_screener_close(scr);
        return status;
    }
    size_t len = 0, cap = 0, blen = 0;
    char *text = read_all(pos[0], &len, &e), *buf = NULL;
    int rc = text ? psec_screener_run(scr, text, len, dry_run, &buf, &cap, &blen, &e) : e.code;
    psec_screener_close(scr);
    free(text);
    if (rc != PSEC_OK) {
        free(buf);
        if (rc == PSEC_E_INVALID)
            psec_err_prefix(&e, "%s: ", pos[0]);
        return psec_cli_fail(cli, &e);
    }
    json_t *doc = json_loadb(buf, blen, 0, NULL);
    free(buf);
    if (doc == NULL) {
        psec_err_set(&e, PSEC_E_NOMEM, "out of memory");
        return psec_cli_fail(cli, &e);
    }
    if (cli->format == PSEC_FMT_TABLE)
        print_summary(cli, doc);
    else
        psec_cli_doc(cli, doc);
    json_decref(doc);
    return 0;
}
