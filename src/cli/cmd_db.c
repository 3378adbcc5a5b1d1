/*
 * cmd_db.c — the db command group: copy a whole database between SQLite and
 * PostgreSQL, and print per-table checksums. Parsing and printing only; the
 * work is in src/app/dbcopy.c.
 */
#include <string.h>

#include "app/dbcopy.h"
#include "cli/cli.h"

static const char db_help[] =
    "usage: portsec db copy --from URI --to URI\n"
    "       portsec [--db URI] db sum\n"
    "\n"
    "copy  copies every table from one database to another in one transaction\n"
    "      on the target, then reads each table back and compares its row count\n"
    "      and checksum with the source's; any difference undoes the copy. The\n"
    "      target is created and migrated when need be and must hold no rows.\n"
    "      Either side may be SQLite (a path or sqlite:PATH) or PostgreSQL\n"
    "      (postgresql://...).\n"
    "sum   prints the rows and a SHA-256 checksum of every table; the same data\n"
    "      gives the same sums on either backend.\n";

static const struct psec_col sum_cols[] = {
    { "table", "TABLE" }, { "rows", "ROWS" }, { "sha256", "SHA256" }, { NULL, NULL }
};

static int db_copy(struct psec_cli *cli, int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    const struct psec_opt opts[] = { { "from", &from, NULL }, { "to", &to, NULL },
                                     { NULL, NULL, NULL } };
    struct psec_err e = { 0 };
    json_t *r;

    if (psec_cli_parse(cli, "db copy", argc, argv, 2, opts, NULL, 0) < 0)
        return 2;
    if (from == NULL || to == NULL)
        return psec_cli_usage(cli, "db", "copy needs --from URI and --to URI");
    if (strcmp(from, to) == 0)
        return psec_cli_usage(cli, "db", "--from and --to name the same database");
    if ((r = psec_app_db_copy(from, to, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON) {
        psec_cli_doc(cli, r);
    } else {
        if (cli->format == PSEC_FMT_TABLE)
            fprintf(cli->out, "copied %lld rows from %s to %s; every table verified\n\n",
                    (long long)json_integer_value(json_object_get(r, "rows")),
                    json_string_value(json_object_get(r, "from")),
                    json_string_value(json_object_get(r, "to")));
        psec_cli_rows(cli, json_object_get(r, "tables"), sum_cols);
    }
    json_decref(r);
    return 0;
}

static int db_sum(struct psec_cli *cli, int argc, char **argv)
{
    struct psec_err e = { 0 };
    struct psec_db *db;
    json_t *r;

    if (psec_cli_parse(cli, "db sum", argc, argv, 2, NULL, NULL, 0) < 0)
        return 2;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((r = psec_app_db_sums(db, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    psec_cli_rows(cli, r, sum_cols);
    json_decref(r);
    return 0;
}

int psec_cmd_db(struct psec_cli *cli, int argc, char **argv)
{
    if (psec_cli_wants_help(argc, argv) || argc < 2) {
        fputs(db_help, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "copy") == 0)
        return db_copy(cli, argc, argv);
    if (strcmp(argv[1], "sum") == 0)
        return db_sum(cli, argc, argv);
    return psec_cli_usage(cli, "db", "unknown subcommand \"%s\"", argv[1]);
}
