/*
 * cmd_registry.c — init, status, import, country, port and facility.
 * Parsing and printing only; the work is done in src/app/.
 */
#include <errno.h>
#include <math.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/registry.h"
#include "app/setup.h"
#include "base/str.h"
#include "cli/cli.h"
#include "cli/cmd_ais.h"
#include "cli/cmd_risk.h"
#include "cli/cmd_assess.h"

/* ---- init ------------------------------------------------------------ */

static const char init_help[] =
    "usage: portsec [--db PATH] init [--data DIR]\n"
    "\n"
    "Creates the database (or brings its schema up to date) and loads the\n"
    "bundled reference data: countries, ISPS country fields, UN/LOCODE sea\n"
    "ports merged with the World Port Index, the MID table, demo port\n"
    "facilities. Running it again changes nothing and says so.\n"
    "\n"
    "  --data DIR   load from DIR instead of the bundled data/ ($PORTSEC_DATA)\n";

int psec_cmd_init(struct psec_cli *cli, int argc, char **argv)
{
    const char *datadir = NULL;
    const struct psec_opt opts[] = { { "data", &datadir, NULL }, { NULL, NULL, NULL } };
    const char *pos[1];
    struct psec_import_result res;
    struct psec_err e = { 0 };
    struct psec_db *db;
    bool already = false;
    json_t *doc;
    int rc;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(init_help, cli->out);
        return 0;
    }
    if (psec_cli_parse(cli, "init", argc, argv, 1, opts, pos, 0) < 0)
        return 2;
    if (datadir == NULL)
        datadir = psec_app_datadir();
    if (access(datadir, R_OK | X_OK) != 0) {
        psec_err_set(&e, PSEC_E_IO, "%s: cannot read the data directory: %s", datadir,
                     strerror(errno));
        return psec_cli_fail(cli, &e);
    }
    if ((rc = psec_cli_db(cli, &db, &e)) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    psec_import_result_init(&res);
    rc = psec_app_setup(db, datadir, &res, &already, &e);
    if (rc != PSEC_OK) {
        psec_import_result_free(&res);
        return psec_cli_fail(cli, &e);
    }
    doc = psec_import_result_json(&res);
    json_object_set_new(doc, "database", json_string(psec_db_uri(db)));
    json_object_set_new(doc, "schema_version", json_integer(psec_db_schema_version(db)));
    json_object_set_new(doc, "changed", json_boolean(!already));
    /* The per-row lists belong to 'portsec import'; init reports totals. */
    json_object_del(doc, "unmatched_list");
    json_object_del(doc, "rejects");
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
    } else if (already) {
        fprintf(cli->out, "%s: schema version %d, bundled data already loaded; nothing changed\n",
                psec_db_uri(db), psec_db_schema_version(db));
    } else {
        fprintf(cli->out, "%s: schema version %d\n", psec_db_uri(db), psec_db_schema_version(db));
        psec_cli_rows(cli, json_object_get(doc, "datasets"), NULL);
    }
    json_decref(doc);
    psec_import_result_free(&res);
    return 0;
}

/* ---- status ---------------------------------------------------------- */

int psec_cmd_status(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    json_t *st, *rows;
    const char *k;
    json_t *v;

    if (psec_cli_wants_help(argc, argv)) {
        fputs("usage: portsec [--db PATH] status\n\n"
              "Prints the database path, its schema version and the rows in each table.\n",
              cli->out);
        return 0;
    }
    if (psec_cli_parse(cli, "status", argc, argv, 1, NULL, NULL, 0) < 0)
        return 2;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    st = psec_app_status(db, &e);
    if (st == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, st);
        json_decref(st);
        return 0;
    }
    rows = json_array();
    json_object_foreach(json_object_get(st, "counts"), k, v)
        json_array_append_new(rows, json_pack("{s:s, s:O}", "table", k, "rows", v));
    if (cli->format == PSEC_FMT_TABLE)
        fprintf(cli->out, "database        %s\nschema version  %lld\n\n",
                json_string_value(json_object_get(st, "database")),
                (long long)json_integer_value(json_object_get(st, "schema_version")));
    {
        static const struct psec_col cols[] = { { "table", "TABLE" }, { "rows", "ROWS" },
                                                { NULL, NULL } };
        psec_cli_rows(cli, rows, cols);
    }
    json_decref(rows);
    json_decref(st);
    return 0;
}

/* ---- import ---------------------------------------------------------- */

static const char import_help[] =
    "usage: portsec import KIND FILE [--skip-invalid] [--demo]\n"
    "\n"
    "KIND is one of:\n"
    "  countries    ISO 3166 countries (datasets/country-codes layout)\n"
    "  isps         ISPS fields per country (data/isps layout)\n"
    "  ports        UN/LOCODE: Geoapify CSV or the official UNECE CSV; sea ports only\n"
    "  wpi          World Port Index (NGA Pub. 150 CSV), merged into the ports\n"
    "  mid          ITU Maritime Identification Digits\n"
    "  facilities   ISPS port facilities in the IMO GISIS CSV layout\n"
    "  port-areas   port-area polygons (GeoJSON) for AIS port calls; see\n"
    "               'portsec import port-areas --help'\n"
    "  trade        U.S. trade by partner country (Census layout) or a commodity\n"
    "               breakdown; see 'portsec import trade --help'\n"
    "\n"
    "An import is all or nothing: the first bad row stops it with\n"
    "FILE:LINE: column NAME: reason, and the database is unchanged.\n"
    "  --skip-invalid  import the good rows and list each rejected row\n"
    "  --demo          mark imported facilities as demonstration data\n";

int psec_cmd_import(struct psec_cli *cli, int argc, char **argv)
{
    bool skip = false, demo = false;
    const struct psec_opt opts[] = { { "skip-invalid", NULL, &skip }, { "demo", NULL, &demo },
                                     { NULL, NULL, NULL } };
    const char *pos[2];
    struct psec_import_opts io = { 0 };
    struct psec_import_result res;
    struct psec_err e = { 0 };
    struct psec_db *db;
    json_t *doc, *rej;
    int n, rc;

    /* Kinds owned by other features have their own parsers. */
    if (argc > 1 && strcmp(argv[1], "port-areas") == 0)
        return psec_cmd_import_port_areas(cli, argc, argv);
    if (argc > 1 && strcmp(argv[1], "trade") == 0)
        return psec_cmd_import_trade(cli, argc, argv);
    if (psec_cli_wants_help(argc, argv)) {
        fputs(import_help, cli->out);
        return 0;
    }
    n = psec_cli_parse(cli, "import", argc, argv, 1, opts, pos, 2);
    if (n < 0)
        return 2;
    if (n < 2)
        return psec_cli_usage(cli, "import", "give a KIND and a FILE");
    if (!psec_app_import_kind_valid(pos[0]))
        return psec_cli_usage(cli, "import", "unknown kind \"%s\"", pos[0]);
    if (psec_cli_db(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    io.skip_invalid = skip;
    io.demo = demo;
    psec_import_result_init(&res);
    rc = psec_app_import(db, pos[0], pos[1], &io, &res, &e);
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
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, doc);
    } else {
        fprintf(cli->out, "%s: %ld rows read, %ld imported, %ld skipped, %ld rejected, "
                          "%ld unmatched\n", pos[1], res.rows, res.imported, res.skipped,
                res.rejected, res.unmatched);
        rej = json_object_get(doc, "rejects");
        if (json_array_size(rej) > 0) {
            static const struct psec_col cols[] = { { "line", "LINE" }, { "column", "COLUMN" },
                                                    { "reason", "REASON" }, { NULL, NULL } };
            fprintf(cli->out, "\nrejected rows:\n");
            psec_cli_rows(cli, rej, cols);
        }
        if (json_array_size(json_object_get(doc, "unmatched_list")) > 0) {
            fprintf(cli->out, "\nunmatched:\n");
            psec_cli_rows(cli, json_object_get(doc, "unmatched_list"), NULL);
        }
    }
    json_decref(doc);
    psec_import_result_free(&res);
    return 0;
}

/* ---- country --------------------------------------------------------- */

static const char country_help[] =
    "usage: portsec country list [--region TEXT]\n"
    "       portsec country show CODE\n"
    "       portsec country set CODE [--solas yes|no] [--isps-since YEAR]\n"
    "                          [--designated-authority TEXT] [--unit NAME]\n"
    "                          [--notes TEXT] [--if-version N]\n"
    "\n"
    "CODE is an ISO 3166 alpha-2 or alpha-3 code or the English name.\n"
    "--region matches the UN M49 region or sub-region, or the coordinating unit.\n"
    "--if-version refuses the change when the record has changed since version N.\n";

static int country_set(struct psec_cli *cli, struct psec_db *db, int argc, char **argv)
{
    const char *solas = NULL, *since = NULL, *da = NULL, *unit = NULL, *notes = NULL,
               *ver = NULL;
    const struct psec_opt opts[] = {
        { "solas", &solas, NULL }, { "isps-since", &since, NULL },
        { "designated-authority", &da, NULL }, { "unit", &unit, NULL },
        { "notes", &notes, NULL }, { "if-version", &ver, NULL }, { NULL, NULL, NULL } };
    const char *pos[1];
    struct psec_err e = { 0 };
    json_t *fields, *out;
    int64_t version = 0;
    int year;

    if (psec_cli_parse(cli, "country", argc, argv, 2, opts, pos, 1) != 1)
        return psec_cli_usage(cli, "country", "country set needs one CODE");
    fields = json_object();
    if (solas) {
        if (psec_strcasecmp(solas, "yes") != 0 && psec_strcasecmp(solas, "no") != 0) {
            json_decref(fields);
            return psec_cli_usage(cli, "country", "--solas takes yes or no");
        }
        json_object_set_new(fields, "solas", json_boolean(psec_strcasecmp(solas, "yes") == 0));
    }
    if (since) {
        if (!psec_parse_int(since, &year)) {
            json_decref(fields);
            return psec_cli_usage(cli, "country", "--isps-since \"%s\" is not a year", since);
        }
        json_object_set_new(fields, "isps_since", json_integer(year));
    }
    if (da) json_object_set_new(fields, "designated_authority", json_string(da));
    if (unit) json_object_set_new(fields, "unit", json_string(unit));
    if (notes) json_object_set_new(fields, "notes", json_string(notes));
    if (ver && !psec_parse_i64(ver, &version)) {
        json_decref(fields);
        return psec_cli_usage(cli, "country", "--if-version \"%s\" is not a number", ver);
    }
    if (json_object_size(fields) == 0) {
        json_decref(fields);
        return psec_cli_usage(cli, "country", "country set needs at least one field to set");
    }
    out = psec_app_country_set(db, pos[0], fields, version, &e);
    json_decref(fields);
    if (out == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_doc(cli, out);
    json_decref(out);
    return 0;
}

int psec_cmd_country(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    json_t *out;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(country_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "set"))
        return psec_cli_usage(cli, "country", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "set") == 0)
        return country_set(cli, db, argc, argv);
    if (strcmp(sub, "list") == 0) {
        const char *region = NULL;
        const struct psec_opt opts[] = { { "region", &region, NULL }, { NULL, NULL, NULL } };
        static const struct psec_col cols[] = {
            { "alpha2", "CC" }, { "alpha3", "ISO3" }, { "name", "NAME" },
            { "region", "REGION" }, { "sub_region", "SUB-REGION" }, { "solas", "SOLAS" },
            { "isps_since", "SINCE" }, { "unit", "UNIT" }, { NULL, NULL } };
        if (psec_cli_parse(cli, "country", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        out = psec_app_country_list(db, region, &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    } else {
        const char *pos[1];
        if (psec_cli_parse(cli, "country", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "country", "country show needs one CODE");
        out = psec_app_country_show(db, pos[0], &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    }
    json_decref(out);
    return 0;
}

/* ---- port ------------------------------------------------------------ */

static const char port_help[] =
    "usage: portsec port show LOCODE\n"
    "       portsec port search TEXT [--country CC] [--limit N]\n"
    "       portsec port near LAT LON [--km N] [--limit N]\n"
    "\n"
    "show    one port with its facilities (UN/LOCODE such as SCPOV)\n"
    "search  ports whose code or name (or WPI alternate name) matches TEXT\n"
    "near    ports within N km (default 50) of a position, nearest first;\n"
    "        LAT and LON in decimal degrees, south and west negative\n";

int psec_cmd_port(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    const char *pos[2], *country = NULL, *limit_s = NULL, *km_s = NULL;
    const struct psec_opt opts[] = { { "country", &country, NULL }, { "limit", &limit_s, NULL },
                                     { "km", &km_s, NULL }, { NULL, NULL, NULL } };
    int n, limit = 0;
    json_t *out;

    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(port_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "show") && strcmp(sub, "search") && strcmp(sub, "near"))
        return psec_cli_usage(cli, "port", "unknown subcommand \"%s\"", sub);
    n = psec_cli_parse(cli, "port", argc, argv, 2, opts, pos, 2);
    if (n < 0)
        return 2;
    if (limit_s && (!psec_parse_int(limit_s, &limit) || limit < 1))
        return psec_cli_usage(cli, "port", "--limit \"%s\" is not a positive number", limit_s);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "show") == 0) {
        if (n != 1)
            return psec_cli_usage(cli, "port", "port show needs one LOCODE");
        out = psec_app_port_show(db, pos[0], &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    } else if (strcmp(sub, "search") == 0) {
        static const struct psec_col cols[] = {
            { "locode", "LOCODE" }, { "name", "NAME" }, { "country", "CC" },
            { "subdivision", "SUBDIV" }, { "lat", "LAT" }, { "lon", "LON" },
            { "wpi_number", "WPI" }, { NULL, NULL } };
        if (n != 1)
            return psec_cli_usage(cli, "port", "port search needs one TEXT");
        out = psec_app_port_search(db, pos[0], country, limit, &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    } else {
        static const struct psec_col cols[] = {
            { "locode", "LOCODE" }, { "name", "NAME" }, { "country", "CC" },
            { "lat", "LAT" }, { "lon", "LON" }, { "km", "KM" }, { NULL, NULL } };
        double lat, lon, km = 50;
        if (n != 2)
            return psec_cli_usage(cli, "port", "port near needs LAT and LON");
        if (!psec_parse_double(pos[0], &lat))
            return psec_cli_usage(cli, "port", "latitude \"%s\" is not a number", pos[0]);
        if (!psec_parse_double(pos[1], &lon))
            return psec_cli_usage(cli, "port", "longitude \"%s\" is not a number", pos[1]);
        if (km_s && !psec_parse_double(km_s, &km))
            return psec_cli_usage(cli, "port", "--km \"%s\" is not a number", km_s);
        out = psec_app_port_near(db, lat, lon, km, limit, &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    }
    json_decref(out);
    return 0;
}

/* ---- facility -------------------------------------------------------- */

static const char facility_help[] =
    "usage: portsec facility add NUMBER --name NAME [--type TEXT] [--description TEXT]\n"
    "                            [--lat DEG --lon DEG] [--pfso-name TEXT]\n"
    "                            [--pfso-contact TEXT] [--pfsa-date YYYY-MM-DD]\n"
    "                            [--pfsp-approved YYYY-MM-DD] [--soc-expiry YYYY-MM-DD]\n"
    "                            [--status TEXT] [--demo]\n"
    "       portsec facility list [--country CC] [--port LOCODE]\n"
    "       portsec facility show NUMBER\n"
    "\n"
    "NUMBER is the IMO port facility number, CCLLL-NNNN: the port's UN/LOCODE,\n"
    "a dash and four digits (SCPOV-0001). Adding an existing number updates it.\n";

static int facility_add(struct psec_cli *cli, struct psec_db *db, int argc, char **argv)
{
    const char *name = NULL, *type = NULL, *desc = NULL, *lat = NULL, *lon = NULL,
               *pfso = NULL, *contact = NULL, *pfsa = NULL, *pfsp = NULL, *soc = NULL,
               *status = NULL;
    bool demo = false;
    const struct psec_opt opts[] = {
        { "name", &name, NULL }, { "type", &type, NULL }, { "description", &desc, NULL },
        { "lat", &lat, NULL }, { "lon", &lon, NULL }, { "pfso-name", &pfso, NULL },
        { "pfso-contact", &contact, NULL }, { "pfsa-date", &pfsa, NULL },
        { "pfsp-approved", &pfsp, NULL }, { "soc-expiry", &soc, NULL },
        { "status", &status, NULL }, { "demo", NULL, &demo }, { NULL, NULL, NULL } };
    const char *pos[1];
    struct psec_facility f = { 0 };
    struct psec_err e = { 0 };
    json_t *out;

    if (psec_cli_parse(cli, "facility", argc, argv, 2, opts, pos, 1) != 1)
        return psec_cli_usage(cli, "facility", "facility add needs one NUMBER");
    if (name == NULL)
        return psec_cli_usage(cli, "facility", "facility add needs --name");
    psec_strlcpy(f.number, pos[0], sizeof f.number);
    if (strlen(pos[0]) >= sizeof f.number) {
        e.code = psec_facility_number_check(pos[0], &e);
        return psec_cli_fail(cli, &e);
    }
    psec_upper(f.number);
    memcpy(f.port, f.number, 5);
    psec_strlcpy(f.name, name, sizeof f.name);
    psec_strlcpy(f.type, type ? type : "", sizeof f.type);
    psec_strlcpy(f.description, desc ? desc : "", sizeof f.description);
    psec_strlcpy(f.pfso_name, pfso ? pfso : "", sizeof f.pfso_name);
    psec_strlcpy(f.pfso_contact, contact ? contact : "", sizeof f.pfso_contact);
    psec_strlcpy(f.pfsa_date, pfsa ? pfsa : "", sizeof f.pfsa_date);
    psec_strlcpy(f.pfsp_approved, pfsp ? pfsp : "", sizeof f.pfsp_approved);
    psec_strlcpy(f.soc_expiry, soc ? soc : "", sizeof f.soc_expiry);
    psec_strlcpy(f.status, status ? status : "active", sizeof f.status);
    f.demo = demo;
    if ((pfsa && strlen(pfsa) >= sizeof f.pfsa_date) ||
        (pfsp && strlen(pfsp) >= sizeof f.pfsp_approved) ||
        (soc && strlen(soc) >= sizeof f.soc_expiry)) {
        psec_err_set(&e, PSEC_E_INVALID, "dates are written YYYY-MM-DD");
        return psec_cli_fail(cli, &e);
    }
    if ((lat == NULL) != (lon == NULL))
        return psec_cli_usage(cli, "facility", "give both --lat and --lon, or neither");
    if (lat) {
        if (!psec_parse_double(lat, &f.lat) || !psec_parse_double(lon, &f.lon)) {
            psec_err_set(&e, PSEC_E_INVALID, "--lat and --lon take decimal degrees");
            return psec_cli_fail(cli, &e);
        }
        f.has_pos = true;
    }
    out = psec_app_facility_add(db, &f, &e);
    if (out == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_doc(cli, out);
    json_decref(out);
    return 0;
}

int psec_cmd_facility(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    const char *sub = argc > 1 ? argv[1] : "";
    json_t *out;

    if (argc < 2 || (psec_cli_wants_help(argc, argv) && strcmp(sub, "drill") != 0)) {
        fputs(facility_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(sub, "drill") == 0)
        return psec_cmd_facility_drill(cli, argc, argv);
    if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "show"))
        return psec_cli_usage(cli, "facility", "unknown subcommand \"%s\"", sub);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "add") == 0)
        return facility_add(cli, db, argc, argv);
    if (strcmp(sub, "list") == 0) {
        const char *country = NULL, *port = NULL;
        const struct psec_opt opts[] = { { "country", &country, NULL }, { "port", &port, NULL },
                                         { NULL, NULL, NULL } };
        static const struct psec_col cols[] = {
            { "number", "NUMBER" }, { "name", "NAME" }, { "port", "PORT" },
            { "type", "TYPE" }, { "pfsp_approved", "PFSP APPROVED" },
            { "soc_expiry", "SOC EXPIRY" }, { "status", "STATUS" }, { "demo", "DEMO" },
            { NULL, NULL } };
        if (psec_cli_parse(cli, "facility", argc, argv, 2, opts, NULL, 0) < 0)
            return 2;
        out = psec_app_facility_list(db, country, port, &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, out, cols);
    } else {
        const char *pos[1];
        if (psec_cli_parse(cli, "facility", argc, argv, 2, NULL, pos, 1) != 1)
            return psec_cli_usage(cli, "facility", "facility show needs one NUMBER");
        out = psec_app_facility_show(db, pos[0], &e);
        if (out == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_doc(cli, out);
    }
    json_decref(out);
    return 0;
}
