/*
 * cmd_assess.c — the command groups visit, assess, rec, practice,
 * determine and report, and `facility drill`. Argument parsing and output
 * only: every check and every write is in src/app/assess.c.
 *
 * Dates default to today (UTC); --as-of fixes the day rules are judged on,
 * so that output can be reproduced.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/assess.h"
#include "app/import.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "cli/cli.h"
#include "cli/cmd_assess.h"
#include "io/report.h"

static const char *today(char *buf, size_t size)
{
    return psec_date_format((int64_t)time(NULL) / PSEC_DAY, buf, size);
}

static int need_id(struct psec_cli *cli, const char *cmd, const char *s, int64_t *id)
{
    if (s == NULL || !psec_parse_i64(s, id) || *id < 1)
        return psec_cli_usage(cli, cmd, "\"%s\" is not an id (a positive number)", s ? s : "");
    return 0;
}

/* Prints a document, or fails with the error. Takes ownership of doc. */
static int print_doc(struct psec_cli *cli, json_t *doc, struct psec_err *e)
{
    if (doc == NULL)
        return psec_cli_fail(cli, e);
    psec_cli_doc(cli, doc);
    json_decref(doc);
    return 0;
}

static int print_rows(struct psec_cli *cli, json_t *rows, const struct psec_col *cols,
                      struct psec_err *e)
{
    if (rows == NULL)
        return psec_cli_fail(cli, e);
    psec_cli_rows(cli, rows, cols);
    json_decref(rows);
    return 0;
}

/* "A; B (Org)" -> [{"name":"A"}, {"name":"B","organization":"Org"}] */
static json_t *people(const char *s)
{
    json_t *arr = json_array();
    char buf[PSEC_TEXT_MAX], *p, *next;

    if (s == NULL)
        return arr;
    psec_strlcpy(buf, s, sizeof buf);
    for (p = buf; p != NULL; p = next) {
        char *open, *name;
        json_t *o;
        next = strchr(p, ';');
        if (next)
            *next++ = '\0';
        name = psec_trim(p);
        if (*name == '\0')
            continue;
        o = json_object();
        open = strstr(name, " (");
        if (open != NULL && name[strlen(name) - 1] == ')') {
            name[strlen(name) - 1] = '\0';
            *open = '\0';
            json_object_set_new(o, "organization", json_string(psec_trim(open + 2)));
        }
        json_object_set_new(o, "name", json_string(psec_trim(name)));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* "a; b" -> ["a", "b"] */
static json_t *list(const char *s, char sep)
{
    json_t *arr = json_array();
    char buf[PSEC_TEXT_MAX], *p, *next;

    if (s == NULL)
        return arr;
    psec_strlcpy(buf, s, sizeof buf);
    for (p = buf; p != NULL; p = next) {
        next = strchr(p, sep);
        if (next)
            *next++ = '\0';
        p = psec_trim(p);
        if (*p)
            json_array_append_new(arr, json_string(p));
    }
    return arr;
}

/* ------------------------------------------------------------------ visit */

static const char visit_help[] =
    "usage: portsec visit add --country CC --start DATE [--end DATE] [--kind KIND]\n"
    "                         [--team \"NAME (ORG); ...\"] [--officials \"NAME (ORG); ...\"]\n"
    "                         [--sites \"LOCODE; FACILITY; ...\"] [--notes TEXT]\n"
    "       portsec visit list [--country CC]\n"
    "       portsec visit show ID\n"
    "       portsec visit demo\n"
    "\n"
    "A visit to a country: KIND is assessment (default), engagement, follow-up or\n"
    "remote. Sites are UN/LOCODEs of ports or IMO numbers of port facilities\n"
    "(CCLLL-NNNN) already in the registry. Assessments belong to a visit\n"
    "('portsec assess start --visit ID'). 'demo' loads the demonstration visits\n"
    "(invented data for Seychelles, marked demo everywhere; run once, idempotent).\n"
    "\n"
    "Exit status: 0 done, 2 usage, 3 invalid input, 4 not found, 5 storage.\n";

static void people_line(struct psec_cli *cli, const char *label, json_t *arr)
{
    json_t *p;
    size_t i;

    fprintf(cli->out, "%-10s ", label);
    if (json_array_size(arr) == 0)
        fputs("-", cli->out);
    json_array_foreach(arr, i, p) {
        const char *org = json_string_value(json_object_get(p, "organization"));
        fprintf(cli->out, "%s%s", i ? "; " : "", json_string_value(json_object_get(p, "name")));
        if (org)
            fprintf(cli->out, " (%s)", org);
    }
    fputc('\n', cli->out);
}

/* A visit as a few lines and its assessments as a table. Takes ownership. */
static int visit_show_table(struct psec_cli *cli, json_t *v, struct psec_err *e)
{
    static const struct psec_col cols[] = {
        { "id", "ASSESSMENT" }, { "scope", "SCOPE" }, { "facility", "FACILITY" },
        { "assessed_on", "DATE" }, { "answered", "ANSWERED" }, { "status", "STATUS" },
        { NULL, NULL } };
    json_t *x;
    size_t i;

    if (v == NULL)
        return psec_cli_fail(cli, e);
    fprintf(cli->out, "visit %lld: %s, %s (%s), %s to %s%s\n",
            (long long)json_integer_value(json_object_get(v, "id")),
            json_string_value(json_object_get(v, "kind")),
            json_string_value(json_object_get(v, "country_name")),
            json_string_value(json_object_get(v, "country")),
            json_string_value(json_object_get(v, "start_date")),
            json_string_value(json_object_get(v, "end_date")),
            json_integer_value(json_object_get(v, "demo")) ? " (DEMO DATA)" : "");
    people_line(cli, "team", json_object_get(v, "team"));
    people_line(cli, "officials", json_object_get(v, "officials"));
    fprintf(cli->out, "%-10s ", "sites");
    json_array_foreach(json_object_get(v, "sites"), i, x) {
        const char *f = json_string_value(json_object_get(x, "facility"));
        fprintf(cli->out, "%s%s", i ? "; " : "", f ? f : json_string_value(json_object_get(x, "port")));
    }
    fputc('\n', cli->out);
    if (json_is_string(json_object_get(v, "notes")))
        fprintf(cli->out, "%-10s %s\n", "notes", json_string_value(json_object_get(v, "notes")));
    fprintf(cli->out, "%-10s %zu\n\n", "practices", json_array_size(json_object_get(v, "practices")));
    psec_cli_rows(cli, json_object_get(v, "assessments"), cols);
    json_decref(v);
    return 0;
}

int psec_cmd_visit(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    struct psec_err e = { 0 };
    struct psec_db *db;

    if (argc < 2 || psec_cli_wants_help(argc, argv)) {
        fputs(visit_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "demo"))
        return psec_cli_usage(cli, "visit", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "demo") == 0) {
        if (psec_cli_parse(cli, "visit", argc, argv, 2, NULL, NULL, 0) < 0)
            return 2;
        if (psec_app_assess_load_demo(db, psec_app_datadir(), &e) != PSEC_OK)
            return psec_cli_fail(cli, &e);
        fprintf(cli->out, "demonstration visits loaded (Seychelles, demo data)\n");
        return 0;
    }
    if (strcmp(sub, "add") == 0) {
        const char *country = NULL, *start = NULL, *end = NULL, *kind = NULL, *team = NULL,
                   *off = NULL, *sites = NULL, *notes = NULL;
        const struct psec_opt opts[] = {
            { "country", &country, NULL }, { "start", &start, NULL }, { "end", &end, NULL },
            { "kind", &kind, NULL }, { "team", &team, NULL }, { "officials", &off, NULL },
            { "sites", &sites, NULL }, { "notes", &notes, NULL }, { NULL, NULL, NULL } };
        json_t *f;
        if (psec_cli_parse(cli, "visit", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (country == NULL || start == NULL)
            return psec_cli_usage(cli, "visit", "visit add needs --country and --start");
        f = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "country", country, "start",
                      start, "end", end ? end : "", "kind", kind ? kind : "", "notes",
                      notes ? notes : "", "team", people(team), "officials", people(off),
                      "sites", list(sites, ';'));
        {
            json_t *out = psec_app_visit_add(db, f, &e);
            json_decref(f);
            return print_doc(cli, out, &e);
        }
    }
    if (strcmp(sub, "list") == 0) {
        const char *country = NULL;
        const struct psec_opt opts[] = { { "country", &country, NULL }, { NULL, NULL, NULL } };
        static const struct psec_col cols[] = {
            { "id", "ID" }, { "country", "COUNTRY" }, { "kind", "KIND" },
            { "start_date", "START" }, { "end_date", "END" }, { "assessments", "ASSESSMENTS" },
            { "demo", "DEMO" }, { NULL, NULL } };
        if (psec_cli_parse(cli, "visit", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        return print_rows(cli, psec_app_visit_list(db, country, &e), cols, &e);
    }
    {
        const char *pos[1];
        int64_t id = 0;
        if (psec_cli_parse(cli, "visit", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "visit", "visit show needs one ID");
        if (need_id(cli, "visit", pos[0], &id))
            return 2;
        if (cli->format != PSEC_FMT_TABLE)
            return print_doc(cli, psec_app_visit_show(db, id, &e), &e);
        return visit_show_table(cli, psec_app_visit_show(db, id, &e), &e);
    }
}

/* ----------------------------------------------------------------- assess */

static const char assess_help[] =
    "usage: portsec assess start --visit ID [--facility NUMBER] [--date DATE] [--assessor NAME]\n"
    "       portsec assess answer ID ITEM YES|NO|NA|NO_OBS [--note TEXT] [--evidence \"A; B\"]\n"
    "       portsec assess import FILE [--visit ID] [--close] [--date DATE]\n"
    "       portsec assess export ID [--output FILE]\n"
    "       portsec assess show ID [--as-of DATE]\n"
    "       portsec assess list [--country CC] [--visit ID]\n"
    "       portsec assess close ID [--date DATE]\n"
    "       portsec assess items [--scope country|facility]\n"
    "\n"
    "An assessment covers the country-level items (no --facility) or one port\n"
    "facility. Answer item by item, or import a whole assessment from JSON\n"
    "(docs/assessment-json.md; FILE - reads standard input). Closing makes it\n"
    "read-only and turns every NO into a finding. 'show' gives the score by\n"
    "section (weighted YES / (YES + NO)), coverage, critical failures and, for\n"
    "a facility, the drills and exercises rule.\n"
    "\n"
    "Exit status: 0 done, 2 usage, 3 invalid input (unknown item, bad answer,\n"
    "closed assessment, bad JSON field), 4 not found, 5 storage or I/O.\n";

static int assess_show_table(struct psec_cli *cli, json_t *doc)
{
    static const struct psec_col cols[] = {
        { "title", "SECTION" }, { "items", "ITEMS" }, { "yes", "YES" }, { "no", "NO" },
        { "na", "NA" }, { "no_obs", "NO_OBS" }, { "unanswered", "OPEN" }, { "score", "SCORE" },
        { "coverage", "COVERAGE" }, { NULL, NULL } };
    json_t *t = json_object_get(doc, "total"), *c, *dr;
    size_t i;

    fprintf(cli->out, "assessment %lld: %s%s%s, visit %lld, %s, %s%s\n",
            (long long)json_integer_value(json_object_get(doc, "id")),
            json_string_value(json_object_get(doc, "scope")),
            json_is_string(json_object_get(doc, "facility")) ? " " : "",
            json_is_string(json_object_get(doc, "facility"))
                ? json_string_value(json_object_get(doc, "facility")) : "",
            (long long)json_integer_value(json_object_get(doc, "visit_id")),
            json_string_value(json_object_get(doc, "assessed_on")),
            json_string_value(json_object_get(doc, "status")),
            json_integer_value(json_object_get(doc, "demo")) ? " (DEMO DATA)" : "");
    fprintf(cli->out, "%lld of %lld items answered\n\n",
            (long long)(json_integer_value(json_object_get(t, "items")) -
                        json_integer_value(json_object_get(t, "unanswered"))),
            (long long)json_integer_value(json_object_get(t, "items")));
    psec_cli_rows(cli, json_object_get(doc, "sections"), cols);
    fprintf(cli->out, "\ntotal score: ");
    if (json_is_number(json_object_get(t, "score")))
        fprintf(cli->out, "%.1f %%", json_number_value(json_object_get(t, "score")) * 100);
    else
        fputs("n/a", cli->out);
    fprintf(cli->out, ", coverage: ");
    if (json_is_number(json_object_get(t, "coverage")))
        fprintf(cli->out, "%.1f %%\n", json_number_value(json_object_get(t, "coverage")) * 100);
    else
        fputs("n/a\n", cli->out);
    c = json_object_get(doc, "critical_failures");
    fprintf(cli->out, "critical failures: %zu\n", json_array_size(c));
    json_array_foreach(c, i, t)
        fprintf(cli->out, "  %s %s\n", json_string_value(json_object_get(t, "item")),
                json_string_value(json_object_get(t, "question")));
    dr = json_object_get(doc, "drills");
    if (dr) {
        fprintf(cli->out, "drills and exercises: %s\n",
                json_is_true(json_object_get(dr, "compliant")) ? "meet the rule"
                                                              : "do not meet the rule");
        json_array_foreach(json_object_get(dr, "reasons"), i, t)
            fprintf(cli->out, "  %s\n", json_string_value(t));
    }
    return 0;
}

static int assess_items(struct psec_cli *cli, struct psec_db *db, int argc, char **argv)
{
    const char *scope = NULL;
    const struct psec_opt opts[] = { { "scope", &scope, NULL }, { NULL, NULL, NULL } };
    static const struct psec_col cols[] = {
        { "id", "ITEM" }, { "section", "SECTION" }, { "scope", "SCOPE" }, { "weight", "W" },
        { "critical", "CRIT" }, { "question", "QUESTION" }, { NULL, NULL } };
    struct psec_err e = { 0 };
    struct psec_checklist *ck;
    enum psec_scope want = PSEC_SCOPE_BOTH;
    json_t *rows;
    char refs[256];

    if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, NULL, 0) < 0)
        return 2;
    if (scope && (!psec_scope_parse(scope, &want) || want == PSEC_SCOPE_BOTH))
        return psec_cli_usage(cli, "assess", "--scope is country or facility");
    if ((ck = psec_app_checklist(db, NULL, NULL, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    rows = json_array();
    for (size_t i = 0; i < ck->n_items; i++) {
        const struct psec_ck_item *it = &ck->items[i];
        if ((it->scope & want) == 0)
            continue;
        json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:i, s:b, s:s, s:s}", "id", it->id,
                                              "section", it->section, "scope",
                                              psec_scope_name(it->scope), "weight", it->weight,
                                              "critical", it->critical, "question", it->question,
                                              "refs", psec_ck_item_refs(it, refs, sizeof refs)));
    }
    psec_checklist_free(ck);
    return print_rows(cli, rows, cols, &e);
}

static int write_out(struct psec_cli *cli, const char *path, const char *text,
                     struct psec_err *e)
{
    FILE *f;

    if (path == NULL || strcmp(path, "-") == 0) {
        fputs(text, cli->out);
        return 0;
    }
    f = fopen(path, "w");
    if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
        psec_err_set(e, PSEC_E_IO, "%s: cannot write the file", path);
        return psec_cli_fail(cli, e);
    }
    return 0;
}

int psec_cmd_assess(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    static const char *const subs[] = { "start", "answer", "import", "export", "show", "list",
                                        "close", "items", NULL };
    struct psec_err e = { 0 };
    struct psec_db *db;
    char day[16];
    bool known = false;

    if (argc < 2 || psec_cli_wants_help(argc, argv)) {
        fputs(assess_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    for (const char *const *s = subs; *s; s++)
        known |= strcmp(*s, sub) == 0;
    if (!known)
        return psec_cli_usage(cli, "assess", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "items") == 0)
        return assess_items(cli, db, argc, argv);
    if (strcmp(sub, "start") == 0) {
        const char *visit = NULL, *fac = NULL, *date = NULL, *who = NULL;
        const struct psec_opt opts[] = { { "visit", &visit, NULL }, { "facility", &fac, NULL },
                                         { "date", &date, NULL }, { "assessor", &who, NULL },
                                         { NULL, NULL, NULL } };
        int64_t vid = 0;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (visit == NULL)
            return psec_cli_usage(cli, "assess", "assess start needs --visit ID");
        if (need_id(cli, "assess", visit, &vid))
            return 2;
        return print_doc(cli, psec_app_assess_start(db, vid, fac, date, who, &e), &e);
    }
    if (strcmp(sub, "answer") == 0) {
        const char *note = NULL, *ev = NULL, *pos[3];
        const struct psec_opt opts[] = { { "note", &note, NULL }, { "evidence", &ev, NULL },
                                         { NULL, NULL, NULL } };
        json_t *evj, *out;
        int64_t id = 0;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, pos, 3) != 3)
            return psec_cli_usage(cli, "assess", "assess answer needs ID ITEM ANSWER");
        if (need_id(cli, "assess", pos[0], &id))
            return 2;
        evj = ev ? list(ev, ';') : NULL;
        out = psec_app_assess_answer(db, id, pos[1], pos[2], note, evj, &e);
        json_decref(evj);
        return print_doc(cli, out, &e);
    }
    if (strcmp(sub, "import") == 0) {
        const char *visit = NULL, *date = NULL, *pos[1];
        bool close = false;
        const struct psec_opt opts[] = { { "visit", &visit, NULL }, { "date", &date, NULL },
                                         { "close", NULL, &close }, { NULL, NULL, NULL } };
        json_error_t je;
        json_t *doc;
        int64_t vid = 0;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "assess", "assess import needs one FILE");
        if (visit && need_id(cli, "assess", visit, &vid))
            return 2;
        doc = strcmp(pos[0], "-") == 0 ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &je)
                                       : json_load_file(pos[0], JSON_REJECT_DUPLICATES, &je);
        if (doc == NULL) {
            psec_err_set(&e, je.line > 0 ? PSEC_E_INVALID : PSEC_E_IO, "%s:%d: %s", pos[0],
                         je.line, je.text);
            return psec_cli_fail(cli, &e);
        }
        {
            json_t *out = psec_app_assess_import(db, vid, doc, close, date, &e);
            json_decref(doc);
            if (out == NULL)
                psec_err_prefix(&e, "%s: ", pos[0]);
            return print_doc(cli, out, &e);
        }
    }
    if (strcmp(sub, "export") == 0) {
        const char *output = NULL, *pos[1];
        const struct psec_opt opts[] = { { "output", &output, NULL }, { NULL, NULL, NULL } };
        json_t *doc;
        char *text;
        int64_t id = 0;
        int rc;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "assess", "assess export needs one ID");
        if (need_id(cli, "assess", pos[0], &id))
            return 2;
        if ((doc = psec_app_assess_export(db, id, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(doc);
        if (text == NULL)
            return 5;
        rc = write_out(cli, output, text, &e);
        if (rc == 0 && (output == NULL || strcmp(output, "-") == 0))
            fputc('\n', cli->out);
        else if (rc == 0) {
            FILE *f = fopen(output, "a");
            if (f) {
                fputc('\n', f);
                fclose(f);
            }
        }
        free(text);
        return rc;
    }
    if (strcmp(sub, "show") == 0) {
        const char *asof = NULL, *pos[1];
        const struct psec_opt opts[] = { { "as-of", &asof, NULL }, { NULL, NULL, NULL } };
        json_t *doc;
        int64_t id = 0;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "assess", "assess show needs one ID");
        if (need_id(cli, "assess", pos[0], &id))
            return 2;
        doc = psec_app_assess_show(db, id, asof ? asof : today(day, sizeof day), &e);
        if (doc == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE)
            assess_show_table(cli, doc);
        else if (cli->format == PSEC_FMT_CSV)
            psec_cli_rows(cli, json_object_get(doc, "sections"), NULL);
        else
            psec_cli_doc(cli, doc);
        json_decref(doc);
        return 0;
    }
    if (strcmp(sub, "list") == 0) {
        const char *country = NULL, *visit = NULL;
        const struct psec_opt opts[] = { { "country", &country, NULL }, { "visit", &visit, NULL },
                                         { NULL, NULL, NULL } };
        static const struct psec_col cols[] = {
            { "id", "ID" }, { "visit_id", "VISIT" }, { "scope", "SCOPE" },
            { "facility", "FACILITY" }, { "assessed_on", "DATE" }, { "answered", "ANSWERED" },
            { "status", "STATUS" }, { "demo", "DEMO" }, { NULL, NULL } };
        int64_t vid = 0;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (visit && need_id(cli, "assess", visit, &vid))
            return 2;
        return print_rows(cli, psec_app_assess_list(db, country, vid, &e), cols, &e);
    }
    {
        const char *date = NULL, *pos[1];
        const struct psec_opt opts[] = { { "date", &date, NULL }, { NULL, NULL, NULL } };
        int64_t id = 0;
        if (psec_cli_parse(cli, "assess", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "assess", "assess close needs one ID");
        if (need_id(cli, "assess", pos[0], &id))
            return 2;
        return print_doc(cli, psec_app_assess_close(db, id, date, &e), &e);
    }
}

/* -------------------------------------------------------------------- rec */

static const char rec_help[] =
    "usage: portsec rec add --finding ID[,ID...] --text TEXT --due DATE [--priority low|medium|high]\n"
    "                       [--owner BODY] [--date DATE]\n"
    "       portsec rec update ID --status STATUS [--date DATE] [--note TEXT] [--due DATE]\n"
    "                          [--version N]\n"
    "       portsec rec list [--country CC] [--overdue] [--as-of DATE]\n"
    "\n"
    "A recommendation answers one or more findings (the NOs of closed\n"
    "assessments: see 'portsec assess show ID'). STATUS is open, in-progress,\n"
    "implemented, verified or not-accepted; every change is dated and kept.\n"
    "Only an implemented recommendation can be verified; a verified one closes\n"
    "its findings. Overdue: still open or in progress after the due date.\n"
    "--version refuses the change when someone else changed it first.\n"
    "\n"
    "Exit status: 0 done, 2 usage, 3 invalid input (due date before the finding,\n"
    "status change not allowed, stale version), 4 not found, 5 storage.\n";

int psec_cmd_rec(struct psec_cli *cli, int argc, char **argv)
{
    static const struct psec_col cols[] = {
        { "id", "ID" }, { "country", "COUNTRY" }, { "priority", "PRIORITY" },
        { "due", "DUE" }, { "status", "STATUS" }, { "overdue", "OVERDUE" },
        { "owner", "OWNER" }, { "demo", "DEMO" }, { "text", "TEXT" }, { NULL, NULL } };
    const char *sub = argc > 1 ? argv[1] : "";
    struct psec_err e = { 0 };
    struct psec_db *db;
    char day[16];

    if (argc < 2 || psec_cli_wants_help(argc, argv)) {
        fputs(rec_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "add") && strcmp(sub, "update") && strcmp(sub, "list"))
        return psec_cli_usage(cli, "rec", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "add") == 0) {
        const char *fnd = NULL, *text = NULL, *due = NULL, *prio = NULL, *owner = NULL,
                   *date = NULL;
        const struct psec_opt opts[] = {
            { "finding", &fnd, NULL }, { "text", &text, NULL }, { "due", &due, NULL },
            { "priority", &prio, NULL }, { "owner", &owner, NULL }, { "date", &date, NULL },
            { NULL, NULL, NULL } };
        json_t *ids, *strs, *s, *out;
        size_t i;
        if (psec_cli_parse(cli, "rec", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (fnd == NULL || text == NULL || due == NULL)
            return psec_cli_usage(cli, "rec", "rec add needs --finding, --text and --due");
        strs = list(fnd, ',');
        ids = json_array();
        json_array_foreach(strs, i, s) {
            int64_t id = 0;
            if (!psec_parse_i64(json_string_value(s), &id) || id < 1) {
                json_decref(strs);
                json_decref(ids);
                return psec_cli_usage(cli, "rec", "--finding: \"%s\" is not a finding id",
                                      json_string_value(s));
            }
            json_array_append_new(ids, json_integer(id));
        }
        json_decref(strs);
        out = psec_app_rec_add(db, ids, text, prio, owner, due,
                               date ? date : today(day, sizeof day), &e);
        json_decref(ids);
        return print_doc(cli, out, &e);
    }
    if (strcmp(sub, "update") == 0) {
        const char *status = NULL, *date = NULL, *note = NULL, *due = NULL, *ver = NULL, *pos[1];
        const struct psec_opt opts[] = {
            { "status", &status, NULL }, { "date", &date, NULL }, { "note", &note, NULL },
            { "due", &due, NULL }, { "version", &ver, NULL }, { NULL, NULL, NULL } };
        int64_t id = 0, version = 0;
        if (psec_cli_parse(cli, "rec", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "rec", "rec update needs one ID");
        if (need_id(cli, "rec", pos[0], &id))
            return 2;
        if (status == NULL)
            return psec_cli_usage(cli, "rec", "rec update needs --status");
        if (ver && (!psec_parse_i64(ver, &version) || version < 1))
            return psec_cli_usage(cli, "rec", "--version: \"%s\" is not a version number", ver);
        return print_doc(cli, psec_app_rec_update(db, id, status, date ? date : today(day, sizeof day),
                                                  note, due, version, &e), &e);
    }
    {
        const char *country = NULL, *asof = NULL;
        bool overdue = false;
        const struct psec_opt opts[] = { { "country", &country, NULL }, { "as-of", &asof, NULL },
                                         { "overdue", NULL, &overdue }, { NULL, NULL, NULL } };
        if (psec_cli_parse(cli, "rec", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        return print_rows(cli, psec_app_rec_list(db, country, overdue,
                                                 asof ? asof : today(day, sizeof day), &e),
                          cols, &e);
    }
}

/* --------------------------------------------------------------- practice */

static const char practice_help[] =
    "usage: portsec practice add --section SECTION --title TITLE --text TEXT\n"
    "                            [--kind observed|shared] [--country CC] [--visit ID]\n"
    "       portsec practice list [--section SECTION] [--country CC]\n"
    "       portsec practice export [--section SECTION] [--output FILE]\n"
    "\n"
    "The best-practice library: practices observed during visits or shared with\n"
    "host governments, filed by checklist section (see 'portsec assess items').\n"
    "'export' writes JSON without the source country or visit, to share freely.\n";

int psec_cmd_practice(struct psec_cli *cli, int argc, char **argv)
{
    static const struct psec_col cols[] = {
        { "id", "ID" }, { "section", "SECTION" }, { "kind", "KIND" }, { "country", "COUNTRY" },
        { "demo", "DEMO" }, { "title", "TITLE" }, { NULL, NULL } };
    const char *sub = argc > 1 ? argv[1] : "";
    struct psec_err e = { 0 };
    struct psec_db *db;

    if (argc < 2 || psec_cli_wants_help(argc, argv)) {
        fputs(practice_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "export"))
        return psec_cli_usage(cli, "practice", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "add") == 0) {
        const char *section = NULL, *title = NULL, *text = NULL, *kind = NULL, *country = NULL,
                   *visit = NULL;
        const struct psec_opt opts[] = {
            { "section", &section, NULL }, { "title", &title, NULL }, { "text", &text, NULL },
            { "kind", &kind, NULL }, { "country", &country, NULL }, { "visit", &visit, NULL },
            { NULL, NULL, NULL } };
        int64_t vid = 0;
        if (psec_cli_parse(cli, "practice", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if (visit && need_id(cli, "practice", visit, &vid))
            return 2;
        return print_doc(cli, psec_app_practice_add(db, section, title, text, kind, country, vid,
                                                    &e), &e);
    }
    if (strcmp(sub, "list") == 0) {
        const char *section = NULL, *country = NULL;
        const struct psec_opt opts[] = { { "section", &section, NULL },
                                         { "country", &country, NULL }, { NULL, NULL, NULL } };
        if (psec_cli_parse(cli, "practice", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        return print_rows(cli, psec_app_practice_list(db, section, country, &e), cols, &e);
    }
    {
        const char *section = NULL, *output = NULL;
        const struct psec_opt opts[] = { { "section", &section, NULL },
                                         { "output", &output, NULL }, { NULL, NULL, NULL } };
        json_t *doc;
        char *text;
        int rc;
        if (psec_cli_parse(cli, "practice", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        if ((doc = psec_app_practice_export(db, section, &e)) == NULL)
            return psec_cli_fail(cli, &e);
        text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(doc);
        if (text == NULL)
            return 5;
        rc = write_out(cli, output, text, &e);
        if (rc == 0 && output == NULL)
            fputc('\n', cli->out);
        free(text);
        return rc;
    }
}

/* --------------------------------------------------------- facility drill */

static const char drill_help[] =
    "usage: portsec facility drill add NUMBER --kind drill|exercise --date DATE\n"
    "                                 [--scenario TEXT] [--notes TEXT]\n"
    "       portsec facility drill list NUMBER [--as-of DATE]\n"
    "\n"
    "Security drills and exercises held at a port facility, and the ISPS rule\n"
    "(B/18.5, B/18.6): a drill at least every three months; an exercise at least\n"
    "once each calendar year, with no more than 18 months between exercises.\n"
    "'list' shows the record and whether it meets the rule on the --as-of day.\n";

int psec_cmd_facility_drill(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 2 ? argv[2] : "";
    struct psec_err e = { 0 };
    struct psec_db *db;
    char day[16];

    if (argc < 3 || psec_cli_wants_help(argc, argv)) {
        fputs(drill_help, argc < 3 ? cli->err : cli->out);
        return argc < 3 ? 2 : 0;
    }
    if (strcmp(sub, "add") && strcmp(sub, "list"))
        return psec_cli_usage(cli, "facility drill", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "add") == 0) {
        const char *kind = NULL, *date = NULL, *scen = NULL, *notes = NULL, *pos[1];
        const struct psec_opt opts[] = { { "kind", &kind, NULL }, { "date", &date, NULL },
                                         { "scenario", &scen, NULL }, { "notes", &notes, NULL },
                                         { NULL, NULL, NULL } };
        if (psec_cli_parse(cli, "facility drill", argc, argv, 3, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "facility drill", "drill add needs one facility NUMBER");
        if (kind == NULL || date == NULL)
            return psec_cli_usage(cli, "facility drill", "drill add needs --kind and --date");
        return print_doc(cli, psec_app_drill_add(db, pos[0], kind, date, scen, notes, &e), &e);
    }
    {
        static const struct psec_col cols[] = {
            { "held_on", "DATE" }, { "kind", "KIND" }, { "scenario", "SCENARIO" },
            { "notes", "NOTES" }, { NULL, NULL } };
        const char *asof = NULL, *pos[1];
        const struct psec_opt opts[] = { { "as-of", &asof, NULL }, { NULL, NULL, NULL } };
        json_t *doc, *r;
        size_t i;
        if (psec_cli_parse(cli, "facility drill", argc, argv, 3, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "facility drill", "drill list needs one facility NUMBER");
        doc = psec_app_drill_list(db, pos[0], asof ? asof : today(day, sizeof day), &e);
        if (doc == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format != PSEC_FMT_TABLE) {
            if (cli->format == PSEC_FMT_CSV)
                psec_cli_rows(cli, json_object_get(doc, "events"), cols);
            else
                psec_cli_doc(cli, doc);
        } else {
            psec_cli_rows(cli, json_object_get(doc, "events"), cols);
            fprintf(cli->out, "\n%s on %s: %s\n", pos[0],
                    json_string_value(json_object_get(doc, "as_of")),
                    json_is_true(json_object_get(doc, "compliant")) ? "meets the rule"
                                                                   : "does not meet the rule");
            json_array_foreach(json_object_get(doc, "reasons"), i, r)
                fprintf(cli->out, "  %s\n", json_string_value(r));
        }
        json_decref(doc);
        return 0;
    }
}

/* -------------------------------------------------------------- determine */

static const char determine_help[] =
    "usage: portsec determine propose CC [--as-of DATE]\n"
    "       portsec determine record CC --result RESULT --date DATE --rationale TEXT\n"
    "                                [--notified DATE]\n"
    "       portsec determine history CC [--as-of DATE]\n"
    "\n"
    "'propose' applies the rule of docs/determination.md to the latest closed\n"
    "assessments and gives its reasons item by item. 'record' stores the decision\n"
    "a person made (RESULT: effective, effective-with-recommendations,\n"
    "not-effective) with the proposal beside it; for not-effective, --notified is\n"
    "the day the government was notified (default: --date) and the record carries\n"
    "the 90-day correction deadline (46 U.S.C. 70110(b)). 'history' lists the\n"
    "decisions and when the next reassessment is due (three years after the last\n"
    "assessment visit, 46 U.S.C. 70108(d)).\n";

static void proposal_table(struct psec_cli *cli, json_t *p)
{
    json_t *r;
    size_t i;

    fprintf(cli->out, "%s: proposed %s (%lld facilities assessed, %lld failing, %lld open "
                      "findings)%s\n",
            json_string_value(json_object_get(p, "country")),
            json_string_value(json_object_get(p, "result")),
            (long long)json_integer_value(json_object_get(p, "facilities_assessed")),
            (long long)json_integer_value(json_object_get(p, "facilities_failing")),
            (long long)json_integer_value(json_object_get(p, "open_findings")),
            json_is_true(json_object_get(p, "demo")) ? " [DEMONSTRATION DATA]" : "");
    json_array_foreach(json_object_get(p, "reasons"), i, r)
        fprintf(cli->out, "  %s %-4s %s\n", json_is_true(json_object_get(r, "decisive")) ? "*" : " ",
                json_string_value(json_object_get(r, "rule")),
                json_string_value(json_object_get(r, "text")));
    fprintf(cli->out, "next reassessment due: %s\n",
            json_is_string(json_object_get(p, "next_reassessment_due"))
                ? json_string_value(json_object_get(p, "next_reassessment_due"))
                : "no assessment visit recorded");
}

int psec_cmd_determine(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    struct psec_err e = { 0 };
    struct psec_db *db;
    char day[16];

    if (argc < 2 || psec_cli_wants_help(argc, argv)) {
        fputs(determine_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "propose") && strcmp(sub, "record") && strcmp(sub, "history"))
        return psec_cli_usage(cli, "determine", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "propose") == 0) {
        const char *asof = NULL, *pos[1];
        const struct psec_opt opts[] = { { "as-of", &asof, NULL }, { NULL, NULL, NULL } };
        json_t *p;
        if (psec_cli_parse(cli, "determine", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "determine", "determine propose needs one country CC");
        p = psec_app_determine_propose(db, pos[0], asof ? asof : today(day, sizeof day), &e);
        if (p == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_TABLE)
            proposal_table(cli, p);
        else if (cli->format == PSEC_FMT_CSV)
            psec_cli_rows(cli, json_object_get(p, "reasons"), NULL);
        else
            psec_cli_doc(cli, p);
        json_decref(p);
        return 0;
    }
    if (strcmp(sub, "record") == 0) {
        const char *result = NULL, *date = NULL, *rat = NULL, *notified = NULL, *pos[1];
        const struct psec_opt opts[] = { { "result", &result, NULL }, { "date", &date, NULL },
                                         { "rationale", &rat, NULL },
                                         { "notified", &notified, NULL }, { NULL, NULL, NULL } };
        if (psec_cli_parse(cli, "determine", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "determine", "determine record needs one country CC");
        if (result == NULL || date == NULL || rat == NULL)
            return psec_cli_usage(cli, "determine",
                                  "determine record needs --result, --date and --rationale");
        return print_doc(cli, psec_app_determine_record(db, pos[0], result, date, rat, notified,
                                                        NULL, &e), &e);
    }
    {
        static const struct psec_col cols[] = {
            { "id", "ID" }, { "decided_on", "DATE" }, { "result", "RESULT" },
            { "proposal_result", "PROPOSED" }, { "correction_deadline", "CORRECT BY" },
            { "demo", "DEMO" }, { "rationale", "RATIONALE" }, { NULL, NULL } };
        const char *asof = NULL, *pos[1];
        const struct psec_opt opts[] = { { "as-of", &asof, NULL }, { NULL, NULL, NULL } };
        json_t *h;
        if (psec_cli_parse(cli, "determine", argc, argv, 2, opts, pos, 1) != 1)
            return psec_cli_usage(cli, "determine", "determine history needs one country CC");
        h = psec_app_determine_history(db, pos[0], asof ? asof : today(day, sizeof day), &e);
        if (h == NULL)
            return psec_cli_fail(cli, &e);
        if (cli->format == PSEC_FMT_JSON) {
            psec_cli_doc(cli, h);
        } else {
            psec_cli_rows(cli, json_object_get(h, "determinations"), cols);
            if (cli->format == PSEC_FMT_TABLE)
                fprintf(cli->out, "\nlast assessment visit: %s; next reassessment due: %s%s\n",
                        json_is_string(json_object_get(h, "last_assessment_visit"))
                            ? json_string_value(json_object_get(h, "last_assessment_visit")) : "none",
                        json_is_string(json_object_get(h, "next_reassessment_due"))
                            ? json_string_value(json_object_get(h, "next_reassessment_due")) : "now",
                        json_is_true(json_object_get(h, "reassessment_overdue")) ? " (OVERDUE)" : "");
        }
        json_decref(h);
        return 0;
    }
}

/* ----------------------------------------------------------------- report */

static const char report_help[] =
    "usage: portsec report country CC [--format html|md|json] [--output FILE] [--as-of DATE]\n"
    "\n"
    "The assessment report a host government could receive: summary and\n"
    "determination, visit, score by section (inline SVG chart), port facilities,\n"
    "findings by section with references, recommendations with status and due\n"
    "dates, change since the previous assessment, best practices. HTML (the\n"
    "default) is self-contained and prints on A4 and Letter; Markdown and JSON\n"
    "carry the same content. Demonstration data is marked as such.\n";

int psec_cmd_report(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    const char *output = NULL, *asof = NULL, *pos[1], *fmt;
    const struct psec_opt opts[] = { { "output", &output, NULL }, { "as-of", &asof, NULL },
                                     { NULL, NULL, NULL } };
    struct psec_err e = { 0 };
    struct psec_db *db;
    json_t *doc;
    char day[16], *text;
    int rc;

    if (argc < 2 || psec_cli_wants_help(argc, argv)) {
        fputs(report_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "country") != 0)
        return psec_cli_usage(cli, "report", "unknown report \"%s\" (try: country)", sub);
    if (psec_cli_parse(cli, "report", argc, argv, 2, opts, pos, 1) != 1)
        return psec_cli_usage(cli, "report", "report country needs one country CC");
    fmt = cli->format_given ? cli->format_name : "html";
    if (strcmp(fmt, "markdown") == 0)
        fmt = "md";
    if (strcmp(fmt, "html") && strcmp(fmt, "md") && strcmp(fmt, "json"))
        return psec_cli_usage(cli, "report", "--format %s is not available here (html, md, json)",
                              fmt);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    doc = psec_app_report_country(db, pos[0], asof ? asof : today(day, sizeof day), &e);
    if (doc == NULL)
        return psec_cli_fail(cli, &e);
    text = psec_report_render(doc, fmt, &e);
    json_decref(doc);
    if (text == NULL)
        return psec_cli_fail(cli, &e);
    rc = write_out(cli, output, text, &e);
    free(text);
    return rc;
}
