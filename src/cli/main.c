/*
 * main.c — the portsec command: global options, then one command group.
 *
 * Global options may stand anywhere on the line (before or after the
 * command), so that "portsec coe feed --format json" and
 * "portsec --format json coe feed" mean the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct command {
    const char *name;
    int (*fn)(struct psec_cli *cli, int argc, char **argv);
    const char *summary;
} commands[] = {
#define PSEC_CMD(fn, name, summary) { name, fn, summary },
#include "cli/commands.def"
#undef PSEC_CMD
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: portsec [--db PATH] [--format table|json|csv] COMMAND [ARGS...]\n"
            "\n"
            "portsec runs an International Port Security program: the registry of\n"
            "countries, ports and ISPS port facilities, assessments, advisories and\n"
            "conditions of entry, arrival screening and AIS.\n"
            "\n"
            "Options:\n"
            "  --db PATH        database (default: $PORTSEC_DB, else ./portsec.db)\n"
            "  --format FMT     output as table (default), json or csv; some commands\n"
            "                   take others (html, md, geojson, ics)\n"
            "  --help           this help; 'portsec COMMAND --help' for a command\n"
            "  --version        print the version\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nExit status: 0 done, 2 usage error, 3 invalid input, 4 not found,\n"
               "5 storage or I/O error.\n");
}

static int set_format(struct psec_cli *cli, const char *v)
{
    cli->format_name = v;
    cli->format_given = true;
    if (strcmp(v, "table") == 0)
        cli->format = PSEC_FMT_TABLE;
    else if (strcmp(v, "json") == 0)
        cli->format = PSEC_FMT_JSON;
    else if (strcmp(v, "csv") == 0)
        cli->format = PSEC_FMT_CSV;
    else if (v[0] == '\0')
        return -1;
    else
        cli->format = PSEC_FMT_OTHER;
    return 0;
}

int main(int argc, char **argv)
{
    struct psec_cli cli = { 0 };
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int n = 0, rc;
    bool after_dashdash = false;

    if (rest == NULL)
        return 5;
    cli.out = stdout;
    cli.err = stderr;
    cli.format = PSEC_FMT_TABLE;
    cli.format_name = "table";
    cli.db_path = getenv("PORTSEC_DB");
    if (cli.db_path == NULL || cli.db_path[0] == '\0')
        cli.db_path = "portsec.db";

    /* Take the global options out, wherever they stand. */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (after_dashdash) {
            rest[n++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            after_dashdash = true;
            rest[n++] = argv[i];
        } else if (strcmp(a, "--db") == 0 || strcmp(a, "--format") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "portsec: %s needs a value\n", a);
                free(rest);
                return 2;
            }
            if (a[2] == 'd')
                cli.db_path = argv[++i];
            else if (set_format(&cli, argv[++i]) != 0) {
                fprintf(stderr, "portsec: --format needs a value\n");
                free(rest);
                return 2;
            }
        } else if (strncmp(a, "--db=", 5) == 0) {
            cli.db_path = a + 5;
        } else if (strncmp(a, "--format=", 9) == 0) {
            if (set_format(&cli, a + 9) != 0) {
                fprintf(stderr, "portsec: --format needs a value\n");
                free(rest);
                return 2;
            }
        } else if (n == 0 && strcmp(a, "--version") == 0) {
            printf("portsec %s\n", PSEC_VERSION);
            free(rest);
            return 0;
        } else if (n == 0 && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 ||
                              strcmp(a, "help") == 0)) {
            usage(stdout);
            free(rest);
            return 0;
        } else {
            rest[n++] = argv[i];
        }
    }
    if (n == 0) {
        usage(stderr);
        free(rest);
        return 2;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(rest[0], commands[i].name) == 0) {
            rc = commands[i].fn(&cli, n, rest);
            psec_db_close(cli.db);
            if (fflush(stdout) != 0 && rc == 0)
                rc = 5;
            free(rest);
            return rc;
        }
    }
    fprintf(stderr, "portsec: unknown command \"%s\"; see 'portsec --help'\n", rest[0]);
    free(rest);
    return 2;
}
