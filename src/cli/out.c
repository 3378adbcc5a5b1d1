/*
 * out.c — output of records for the command line: aligned tables for
 * people, CSV and JSON for programs, and errors with their exit status.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int psec_cli_db(struct psec_cli *cli, struct psec_db **db, struct psec_err *e)
{
    if (cli->db == NULL) {
        int rc = psec_db_open(&cli->db, cli->db_path, 0, e);
        if (rc != PSEC_OK)
            return rc;
    }
    *db = cli->db;
    return PSEC_OK;
}

int psec_cli_db_existing(struct psec_cli *cli, struct psec_db **db, struct psec_err *e)
{
    if (cli->db == NULL) {
        int rc = psec_db_open(&cli->db, cli->db_path, PSEC_DB_NOCREATE, e);
        if (rc != PSEC_OK)
            return rc;
    }
    *db = cli->db;
    return PSEC_OK;
}

/* Display width of UTF-8 text: code points, which is right for the
 * Latin, Greek and Cyrillic names of the registry. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Text of a value for tables and CSV; returns a new string. */
static char *text_of(json_t *v)
{
    char buf[64];

    if (v == NULL || json_is_null(v))
        return strdup("");
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return strdup(buf);
    }
    if (json_is_real(v)) {
        snprintf(buf, sizeof buf, "%.6g", json_real_value(v));
        return strdup(buf);
    }
    if (json_is_true(v))
        return strdup("yes");
    if (json_is_false(v))
        return strdup("no");
    return json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
}

static void csv_cell(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void psec_cli_rows(struct psec_cli *cli, json_t *rows, const struct psec_col *cols)
{
    struct psec_col *own = NULL;
    size_t ncol = 0, nrow = json_array_size(rows);
    size_t *w;

    if (cli->format == PSEC_FMT_JSON || cli->format == PSEC_FMT_OTHER) {
        json_dumpf(rows, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
        fputc('\n', cli->out);
        return;
    }
    if (cols == NULL) {
        json_t *first = json_array_get(rows, 0);
        const char *k;
        json_t *v;
        own = calloc(json_object_size(first) + 1, sizeof *own);
        if (own == NULL)
            return;
        json_object_foreach(first, k, v) {
            (void)v;
            own[ncol].key = k;
            own[ncol].head = k;
            ncol++;
        }
        cols = own;
    }
    for (ncol = 0; cols[ncol].key; ncol++)
        ;
    if (cli->format == PSEC_FMT_CSV) {
        for (size_t c = 0; c < ncol; c++) {
            if (c) fputc(',', cli->out);
            csv_cell(cli->out, cols[c].key);
        }
        fputs("\r\n", cli->out);
        for (size_t r = 0; r < nrow; r++) {
            json_t *row = json_array_get(rows, r);
            for (size_t c = 0; c < ncol; c++) {
                char *t = text_of(json_object_get(row, cols[c].key));
                if (c) fputc(',', cli->out);
                csv_cell(cli->out, t ? t : "");
                free(t);
            }
            fputs("\r\n", cli->out);
        }
        free(own);
        return;
    }
    w = calloc(ncol ? ncol : 1, sizeof *w);
    if (w == NULL) {
        free(own);
        return;
    }
    for (size_t c = 0; c < ncol; c++)
        w[c] = width(cols[c].head);
    for (size_t r = 0; r < nrow; r++)
        for (size_t c = 0; c < ncol; c++) {
            char *t = text_of(json_object_get(json_array_get(rows, r), cols[c].key));
            if (t && width(t) > w[c])
                w[c] = width(t) > 60 ? 60 : width(t);
            free(t);
        }
    for (size_t c = 0; c < ncol; c++)
        fprintf(cli->out, "%s%-*s", c ? "  " : "", c + 1 < ncol ? (int)w[c] : 0, cols[c].head);
    fputc('\n', cli->out);
    for (size_t r = 0; r < nrow; r++) {
        for (size_t c = 0; c < ncol; c++) {
            char *t = text_of(json_object_get(json_array_get(rows, r), cols[c].key));
            size_t tw = t ? width(t) : 0;
            fprintf(cli->out, "%s%s", c ? "  " : "", t ? t : "");
            if (c + 1 < ncol)
                for (size_t k = tw; k < w[c]; k++)
                    fputc(' ', cli->out);
            free(t);
        }
        fputc('\n', cli->out);
    }
    if (nrow == 0)
        fprintf(cli->out, "(none)\n");
    free(w);
    free(own);
}

void psec_cli_doc(struct psec_cli *cli, json_t *doc)
{
    const char *k;
    json_t *v;
    size_t kw = 0;

    if (cli->format == PSEC_FMT_JSON || cli->format == PSEC_FMT_OTHER || !json_is_object(doc)) {
        json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
        fputc('\n', cli->out);
        return;
    }
    if (cli->format == PSEC_FMT_CSV) {
        fputs("key,value\r\n", cli->out);
        json_object_foreach(doc, k, v) {
            char *t = text_of(v);
            csv_cell(cli->out, k);
            fputc(',', cli->out);
            csv_cell(cli->out, t ? t : "");
            fputs("\r\n", cli->out);
            free(t);
        }
        return;
    }
    json_object_foreach(doc, k, v)
        if (strlen(k) > kw)
            kw = strlen(k);
    json_object_foreach(doc, k, v) {
        if (json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0))) {
            fprintf(cli->out, "%s:\n", k);
            psec_cli_rows(cli, v, NULL);
            continue;
        }
        char *t = text_of(v);
        fprintf(cli->out, "%-*s  %s\n", (int)kw + 1, k, t ? t : "");
        free(t);
    }
}

void psec_cli_jsonl(struct psec_cli *cli, json_t *v)
{
    json_dumpf(v, cli->out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
    fputc('\n', cli->out);
}

int psec_cli_fail(struct psec_cli *cli, const struct psec_err *e)
{
    fprintf(cli->err, "portsec: %s\n", e->msg[0] ? e->msg : psec_strerror(e->code));
    return psec_exit_status(e->code);
}

int psec_cli_usage(struct psec_cli *cli, const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(cli->err, "portsec: ");
    va_start(ap, fmt);
    vfprintf(cli->err, fmt, ap);
    va_end(ap);
    fprintf(cli->err, "; see 'portsec %s --help'\n", cmd);
    return 2;
}

bool psec_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    }
    return false;
}

int psec_cli_check_format(struct psec_cli *cli, const char *cmd, unsigned allowed)
{
    if (allowed & (1u << cli->format))
        return 0;
    return psec_cli_usage(cli, cmd, "--format %s is not available here", cli->format_name);
}

int psec_cli_parse(struct psec_cli *cli, const char *cmd, int argc, char **argv, int from,
                   const struct psec_opt *opts, const char **pos, int maxpos)
{
    int npos = 0;
    bool only_pos = false;

    for (int i = from; i < argc; i++) {
        const char *a = argv[i];
        const char *eq;
        size_t len;
        const struct psec_opt *o = NULL;

        if (only_pos || strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            if (!only_pos && strcmp(a, "--") == 0) {
                only_pos = true;
                continue;
            }
            if (npos >= maxpos) {
                psec_cli_usage(cli, cmd, "unexpected argument \"%s\"", a);
                return -1;
            }
            pos[npos++] = a;
            continue;
        }
        a += 2;
        eq = strchr(a, '=');
        len = eq ? (size_t)(eq - a) : strlen(a);
        for (const struct psec_opt *p = opts; p && p->name; p++)
            if (strlen(p->name) == len && strncmp(p->name, a, len) == 0)
                o = p;
        if (o == NULL) {
            psec_cli_usage(cli, cmd, "unknown option --%.*s", (int)len, a);
            return -1;
        }
        if (o->flag) {
            if (eq) {
                psec_cli_usage(cli, cmd, "--%s takes no value", o->name);
                return -1;
            }
            *o->flag = true;
        } else if (eq) {
            *o->value = eq + 1;
        } else if (i + 1 < argc) {
            *o->value = argv[++i];
        } else {
            psec_cli_usage(cli, cmd, "--%s needs a value", o->name);
            return -1;
        }
    }
    return npos;
}
