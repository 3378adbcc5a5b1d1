/*
 * cli.h — what every command of the portsec command line shares: the
 * context (database, output format), output of records in table, JSON or
 * CSV, and error reporting with the documented exit statuses.
 *
 * Commands parse arguments, call src/app/, and format what comes back. No
 * rule lives here.
 */
#ifndef PORTSEC_CLI_CLI_H
#define PORTSEC_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "portsec/error.h"
#include "store/db.h"

enum psec_format {
    PSEC_FMT_TABLE,
    PSEC_FMT_JSON,
    PSEC_FMT_CSV,
    PSEC_FMT_OTHER      /* a command-specific format: see cli->format_name */
};

struct psec_cli {
    const char *db_path;        /* --db, PORTSEC_DB, or "portsec.db" */
    enum psec_format format;
    const char *format_name;    /* as given: "json", "html", "geojson", "ics" */
    bool format_given;          /* --format was on the command line */
    struct psec_db *db;         /* opened on first psec_cli_db() */
    FILE *out;                  /* standard output */
    FILE *err;                  /* standard error */
};

/* A column of a table or CSV: the JSON key and its heading. */
struct psec_col {
    const char *key;
    const char *head;
};

/* Opens the database (creating and migrating it) on first use. */
int psec_cli_db(struct psec_cli *cli, struct psec_db **db, struct psec_err *e);
/* Like psec_cli_db() but fails with a clear message when it does not exist. */
int psec_cli_db_existing(struct psec_cli *cli, struct psec_db **db, struct psec_err *e);

/* Prints an array of objects: table (cols, aligned), CSV (cols, RFC 4180)
 * or JSON (the whole array). cols ends with {NULL, NULL}; NULL cols means
 * every key of the first row. Borrowed rows. */
void psec_cli_rows(struct psec_cli *cli, json_t *rows, const struct psec_col *cols);

/* Prints one document: JSON as is; table and CSV as "key: value" lines
 * (nested values as compact JSON). Borrowed doc. */
void psec_cli_doc(struct psec_cli *cli, json_t *doc);

/* Prints a JSON value compactly on one line (JSON Lines). */
void psec_cli_jsonl(struct psec_cli *cli, json_t *v);

/* Prints "portsec: MESSAGE" to stderr and returns the exit status for e. */
int psec_cli_fail(struct psec_cli *cli, const struct psec_err *e);

/* Prints "portsec: MESSAGE" and a hint to see --help; returns 2. */
int psec_cli_usage(struct psec_cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True when argv has -h or --help anywhere. */
bool psec_cli_wants_help(int argc, char **argv);

/* Fails with exit 2 unless cli->format is one of the allowed (bitmask of
 * 1 << PSEC_FMT_x); names the command in the message. Returns 0 when fine. */
int psec_cli_check_format(struct psec_cli *cli, const char *cmd, unsigned allowed);

/*
 * A long option of a command: "--name VALUE" (or "--name=VALUE") sets
 * *value; a flag option sets *flag. Anything not starting with "--" is a
 * positional argument, so negative numbers ("-4.62") are positional.
 */
struct psec_opt {
    const char *name;           /* without the dashes: "km" */
    const char **value;         /* for options that take a value */
    bool *flag;                 /* for flags */
};

/*
 * Parses argv[from..argc-1]. Positionals go to pos (at most maxpos).
 * Returns the number of positionals, or -1 after printing a usage error
 * naming cmd (unknown option, missing value, too many arguments).
 */
int psec_cli_parse(struct psec_cli *cli, const char *cmd, int argc, char **argv, int from,
                   const struct psec_opt *opts, const char **pos, int maxpos);

/*
 * Command entry points: argv[0] is the group name ("country"), argv[1] the
 * subcommand if any. Global options (--db, --format) have already been
 * taken out of argv wherever they stood. Returns the exit status.
 */
#define PSEC_CMD(fn, name, summary) int fn(struct psec_cli *cli, int argc, char **argv);
#include "cli/commands.def"
#undef PSEC_CMD

#endif
