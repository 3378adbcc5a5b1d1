/*
 * cmd_demo.c — 'portsec demo load': the demonstration records that show a
 * new installation every part of the program (src/app/setup.c).
 */
#include <string.h>

#include "app/import.h"
#include "app/setup.h"
#include "cli/cli.h"

static const char demo_help[] =
    "usage: portsec demo load [--data DIR]\n"
    "\n"
    "Loads the demonstration records: a Seychelles visit with a country-level\n"
    "and two facility assessments, findings, recommendations, drills, best\n"
    "practices and a recorded determination, and a demo coordinating unit.\n"
    "They are marked as demonstration data wherever they show (report\n"
    "headers, a \"demo\" field in JSON) and must never be mistaken for a real\n"
    "assessment of a real country. Running it again changes nothing.\n"
    "Run 'portsec init' first.\n";

int psec_cmd_demo(struct psec_cli *cli, int argc, char **argv)
{
    const char *datadir = NULL;
    const struct psec_opt opts[] = { { "data", &datadir, NULL }, { NULL, NULL, NULL } };
    struct psec_err e = { 0 };
    struct psec_db *db;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(demo_help, cli->out);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "load") != 0)
        return psec_cli_usage(cli, "demo", "the subcommand is 'load'");
    if (psec_cli_parse(cli, "demo", argc, argv, 2, opts, NULL, 0) < 0)
        return 2;
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK ||
        psec_app_setup_demo(db, datadir ? datadir : psec_app_datadir(), &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    fprintf(cli->out, "%s: demonstration records loaded (marked as demo data)\n",
            psec_db_uri(db));
    return 0;
}
