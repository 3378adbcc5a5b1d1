/*
 * csv.c — streaming CSV reader. See csv.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/limits.h"
#include "base/str.h"

struct psec_csv {
    FILE *f;
    const char *name;
    char delim;
    long line;          /* physical line of the next character */
    long rec_line;      /* line where the current record started */
    char *buf;          /* field bytes, each NUL-terminated */
    size_t cap;
    int nf;
    size_t off[PSEC_CSV_MAX_FIELDS];
    char **header;
    int nheader;
    bool first;
};

struct psec_csv *psec_csv_open(FILE *f, const char *name, char delim)
{
    struct psec_csv *c = calloc(1, sizeof *c);

    if (c == NULL)
        return NULL;
    c->f = f;
    c->name = name;
    c->delim = delim;
    c->line = 1;
    c->first = true;
    c->cap = 4096;
    c->buf = malloc(c->cap);
    if (c->buf == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

void psec_csv_close(struct psec_csv *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->nheader; i++)
        free(c->header[i]);
    free(c->header);
    free(c->buf);
    free(c);
}

static int put(struct psec_csv *c, size_t *len, char ch, struct psec_err *e)
{
    if (*len + 1 >= c->cap) {
        size_t ncap = c->cap * 2;
        char *nb;
        if (ncap > PSEC_CSV_MAX_RECORD + 1)
            return psec_err_set(e, PSEC_E_LIMIT, "%s:%ld: record longer than %d bytes",
                                c->name, c->rec_line, PSEC_CSV_MAX_RECORD);
        nb = realloc(c->buf, ncap);
        if (nb == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "%s:%ld: out of memory", c->name, c->rec_line);
        c->buf = nb;
        c->cap = ncap;
    }
    c->buf[(*len)++] = ch;
    return PSEC_OK;
}

int psec_csv_next(struct psec_csv *c, struct psec_err *e)
{
    size_t len = 0;
    int ch, rc;
    bool quoted = false, field_start = true, any = false, after_quote = false;

    c->nf = 0;
    c->rec_line = c->line;
    if (c->first) {
        /* Skip a UTF-8 byte-order mark. */
        int a = getc(c->f);
        c->first = false;
        if (a == 0xEF) {
            int b = getc(c->f), d = getc(c->f);
            if (!(b == 0xBB && d == 0xBF)) {
                if (d != EOF) ungetc(d, c->f);
                return psec_err_set(e, PSEC_E_INVALID, "%s:1: unexpected bytes at start",
                                    c->name);
            }
        } else if (a != EOF) {
            ungetc(a, c->f);
        }
    }
    c->off[0] = 0;
    for (;;) {
        ch = getc(c->f);
        if (ch == EOF) {
            if (ferror(c->f))
                return psec_err_set(e, PSEC_E_IO, "%s:%ld: read error", c->name, c->line);
            if (quoted)
                return psec_err_set(e, PSEC_E_INVALID,
                                    "%s:%ld: quoted field never closed", c->name, c->rec_line);
            if (!any)
                return PSEC_DONE;
            break;
        }
        any = true;
        if (quoted) {
            if (ch == '"') {
                int nx = getc(c->f);
                if (nx == '"') {
                    if ((rc = put(c, &len, '"', e)) != PSEC_OK) return rc;
                    continue;
                }
                if (nx != EOF) ungetc(nx, c->f);
                quoted = false;
                after_quote = true;
                continue;
            }
            if (ch == '\n')
                c->line++;
            if ((rc = put(c, &len, (char)ch, e)) != PSEC_OK) return rc;
            continue;
        }
        if (ch == '"' && field_start) {
            quoted = true;
            field_start = false;
            continue;
        }
        if (ch == '\r') {
            int nx = getc(c->f);
            if (nx != '\n' && nx != EOF) ungetc(nx, c->f);
            ch = '\n';
        }
        if (ch == '\n') {
            c->line++;
            if (len == 0 && c->nf == 0 && field_start) {
                /* A blank line: skip it. */
                c->rec_line = c->line;
                any = false;
                continue;
            }
            break;
        }
        if (ch == c->delim) {
            if ((rc = put(c, &len, '\0', e)) != PSEC_OK) return rc;
            if (c->nf + 2 > PSEC_CSV_MAX_FIELDS)
                return psec_err_set(e, PSEC_E_LIMIT, "%s:%ld: more than %d fields", c->name,
                                    c->rec_line, PSEC_CSV_MAX_FIELDS);
            c->off[++c->nf] = len;
            field_start = true;
            after_quote = false;
            continue;
        }
        if (after_quote) {
            /* Lenient: text after a closing quote is kept, as many exports do. */
            after_quote = false;
        }
        field_start = false;
        if ((rc = put(c, &len, (char)ch, e)) != PSEC_OK) return rc;
    }
    if ((rc = put(c, &len, '\0', e)) != PSEC_OK) return rc;
    c->nf++;
    return PSEC_ROW;
}

int psec_csv_nfields(const struct psec_csv *c) { return c->nf; }
long psec_csv_line(const struct psec_csv *c) { return c->rec_line; }
const char *psec_csv_name(const struct psec_csv *c) { return c->name; }

const char *psec_csv_field(const struct psec_csv *c, int i)
{
    if (i < 0 || i >= c->nf)
        return "";
    return c->buf + c->off[i];
}

int psec_csv_set_header(struct psec_csv *c, struct psec_err *e)
{
    c->header = calloc((size_t)c->nf, sizeof *c->header);
    if (c->header == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    for (int i = 0; i < c->nf; i++) {
        c->header[i] = strdup(psec_csv_field(c, i));
        if (c->header[i] == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        psec_trim(c->header[i]);
        c->nheader = i + 1;
    }
    return PSEC_OK;
}

int psec_csv_col(const struct psec_csv *c, const char *name)
{
    for (int i = 0; i < c->nheader; i++)
        if (strcmp(c->header[i], name) == 0)
            return i;
    for (int i = 0; i < c->nheader; i++)
        if (psec_strcasecmp(c->header[i], name) == 0)
            return i;
    return -1;
}

const char *psec_csv_colname(const struct psec_csv *c, int i)
{
    return i >= 0 && i < c->nheader ? c->header[i] : "?";
}

const char *psec_csv_get(const struct psec_csv *c, const char *name)
{
    return psec_csv_field(c, psec_csv_col(c, name));
}
