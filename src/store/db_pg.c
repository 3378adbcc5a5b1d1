/*
 * db_pg.c — the PostgreSQL backend of db.h (libpq), behind db.c.
 *
 * The store's SQL is written once, for both engines, with `?` placeholders;
 * here each statement is rewritten to `$1, $2, ...` (a `?` inside a string
 * literal, a quoted identifier or a comment is left alone) and LIKE becomes
 * ILIKE, because SQLite's LIKE ignores ASCII case and the store's searches
 * rely on that.
 *
 * Statements are prepared lazily, at their first step, as named server-side
 * statements (PQprepare once, PQexecPrepared after), because the ingest and
 * import paths run one statement many thousands of times and re-planning it
 * each time (PQexecParams) costs a parse and a plan per row. Parameter types
 * come from the first binding: an integer is int8, a real float8; text and
 * NULL are left for the server to infer from where the parameter stands
 * (a column it is compared with or stored into), which is what SQLite's
 * loose typing lets callers expect — except where the server cannot infer
 * (`? IS NULL`), where they are text. A later binding of another numeric
 * kind (a real where an integer was prepared) prepares the statement again.
 * Values are sent as text; results are read as text and converted.
 *
 * The whole result of a query is fetched at once (libpq's default) so that a
 * caller may step one statement while running others, as it can on SQLite.
 *
 * Differences from SQLite that callers must know, documented in db.h:
 * after an error inside a transaction PostgreSQL refuses every further
 * statement until the rollback, and commit then fails; transactions run at
 * READ COMMITTED. The schema version lives in a one-row table
 * schema_version; migrations run in one transaction under an advisory lock
 * so that two processes starting together do not both migrate.
 *
 * Tested against PostgreSQL 15 (Debian) by every store and CLI test run with
 * PSEC_TEST_PG_URL (scripts/pg-cluster.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/db_impl.h"
#include "store/migrate.h"

/* Type OIDs from PostgreSQL's pg_type.dat (stable across versions). */
enum {
    OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_OID = 26,
    OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700
};

/* Key of the advisory lock held while migrating: "psec" in ASCII. */
#define MIGRATE_LOCK 0x70736563LL

struct pg_conn {
    PGconn *c;
    int64_t changes;
    unsigned long next_name;
    bool closing;
};

struct pg_stmt {
    char *sql;              /* rewritten: $n placeholders, ILIKE */
    int nparams;
    char *nullctx;          /* per parameter: 1 when it stands in "$n IS [NOT] NULL" */
    char *ptype;            /* per parameter as prepared: i int8, d float8, u inferred, T text */
    char *kind;             /* per parameter as bound: i, d, t (text), n (NULL) */
    char **val;             /* bound values as text (owned) */
    char name[32];
    bool prepared;
    PGresult *res;          /* the current result, NULL before the first step */
    int row, nrows;
};

#define PC(db) ((struct pg_conn *)(db)->impl)
#define PS(s) ((struct pg_stmt *)(s)->impl)

/* The server's primary message, without the trailing newline. */
static void primary_msg(const PGresult *r, PGconn *c, char *buf, size_t size)
{
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    size_t n;

    if (m == NULL)
        m = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
    if (m == NULL || *m == '\0')
        m = PQerrorMessage(c);
    snprintf(buf, size, "%s", m ? m : "unknown error");
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
}

/* SQLSTATE classes to our codes, the same meanings as db_sqlite.c's map_rc. */
static int map_err(struct psec_db *db, const PGresult *r, struct psec_err *e, const char *what)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    char msg[PSEC_ERR_MAX / 2];
    int code = PSEC_E_DB;

    primary_msg(r, PC(db)->c, msg, sizeof msg);
    if (state == NULL) {
        /* No result or no state: the connection itself failed. */
        if (PQstatus(PC(db)->c) != CONNECTION_OK)
            return psec_err_set(e, PSEC_E_IO, "%s: %s: connection lost: %s", db->uri, what, msg);
    } else if (strncmp(state, "23", 2) == 0) {
        code = PSEC_E_CONFLICT;         /* unique, foreign key, not null, check */
    } else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
               strcmp(state, "55P03") == 0) {
        return psec_err_set(e, PSEC_E_BUSY,
                            "%s: %s: %s; another process holds the rows; try again when "
                            "it has finished", db->uri, what, msg);
    } else if (strcmp(state, "25006") == 0) {
        return psec_err_set(e, PSEC_E_READONLY, "%s: the database is read-only: %s",
                            db->uri, msg);
    } else if (strcmp(state, "25P02") == 0) {
        return psec_err_set(e, PSEC_E_DB,
                            "%s: %s: an earlier statement of this transaction failed, so "
                            "PostgreSQL refuses the rest until it is rolled back", db->uri, what);
    } else if (strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 ||
               strncmp(state, "58", 2) == 0) {
        code = PSEC_E_IO;               /* connection, resources (disk full), system */
    }
    return psec_err_set(e, code, "%s: %s: %s", db->uri, what, msg);
}

/* Runs SQL without parameters; PSEC_OK or the mapped error. */
static int run(struct psec_db *db, const char *sql, const char *what, struct psec_err *e)
{
    PGresult *r = PQexec(PC(db)->c, sql);
    ExecStatusType s = PQresultStatus(r);
    int rc = PSEC_OK;

    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
        rc = map_err(db, r, e, what);
    PQclear(r);
    return rc;
}

/* Runs a one-value query; *out gets the value parsed as an integer. */
static int query_int(struct psec_db *db, const char *sql, int64_t *out, bool *isnull,
                     const char *what, struct psec_err *e)
{
    PGresult *r = PQexec(PC(db)->c, sql);
    int rc = PSEC_OK;

    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        rc = map_err(db, r, e, what);
    } else if (PQntuples(r) < 1 || PQgetisnull(r, 0, 0)) {
        *out = 0;
        if (isnull)
            *isnull = true;
    } else {
        *out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        if (isnull)
            *isnull = false;
    }
    PQclear(r);
    return rc;
}

static void no_notices(void *arg, const char *message)
{
    /* Library code never prints: NOTICEs ("table exists, skipping") are dropped. */
    (void)arg;
    (void)message;
}

static int pg_schema_version(struct psec_db *db, int *ver, struct psec_err *e)
{
    int64_t v = 0;
    bool missing = false;
    int rc = query_int(db, "SELECT to_regclass('schema_version')::oid", &v, &missing,
                       "reading the schema version", e);

    *ver = 0;
    if (rc != PSEC_OK || missing)
        return rc;
    rc = query_int(db, "SELECT MAX(version) FROM schema_version", &v, NULL,
                   "reading the schema version", e);
    if (rc == PSEC_OK)
        *ver = (int)v;
    return rc;
}

/* What every connection (and every reconnection) starts with. */
static int session_setup(struct psec_db *db, struct psec_err *e)
{
    int rc;

    PQsetNoticeProcessor(PC(db)->c, no_notices, NULL);
    /* lock_timeout: a writer waits for another's row locks as long as
     * SQLite's busy timeout (5 s), then gives up with PSEC_E_BUSY. */
    rc = run(db, "SET client_min_messages = warning; SET lock_timeout = '5s'",
             "setting up the session", e);
    if (rc == PSEC_OK && (db->flags & PSEC_DB_READONLY))
        rc = run(db, "SET default_transaction_read_only = on", "setting up the session", e);
    return rc;
}

/*
 * A connection that broke (server restarted, failover to a standby promoted
 * in its place, network) is made again before the next statement, outside a
 * transaction only: the statement that met the break has already failed
 * with PSEC_E_IO and is not repeated, since it may have committed before
 * the break. A long-running `portsec serve` thus recovers by itself; with
 * several hosts in the URI and target_session_attrs=read-write, libpq finds
 * the new primary. Server-side prepared statements died with the old
 * session, so every cached one is prepared again on its next use.
 */
static int ensure_conn(struct psec_db *db, struct psec_err *e)
{
    struct pg_conn *pc = PC(db);

    if (PQstatus(pc->c) == CONNECTION_OK || db->depth > 0)
        return PSEC_OK;
    PQreset(pc->c);
    if (PQstatus(pc->c) != CONNECTION_OK) {
        char msg[PSEC_ERR_MAX / 2];
        primary_msg(NULL, pc->c, msg, sizeof msg);
        return psec_err_set(e, PSEC_E_IO, "%s: cannot reconnect to PostgreSQL: %s", db->uri, msg);
    }
    for (int i = 0; i < db->nstmt; i++) {
        struct pg_stmt *p = db->stmts[i]->impl;
        if (p)
            p->prepared = false;
    }
    return session_setup(db, e);
}

static int pg_open(struct psec_db *db, const char *uri, int flags, struct psec_err *e)
{
    struct pg_conn *pc = calloc(1, sizeof *pc);
    int rc;

    if (pc == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    db->impl = pc;
    pc->c = PQconnectdb(uri);
    if (pc->c == NULL || PQstatus(pc->c) != CONNECTION_OK) {
        char msg[PSEC_ERR_MAX / 2];
        primary_msg(NULL, pc->c, msg, sizeof msg);
        rc = strstr(msg, "does not exist") ? PSEC_E_NOTFOUND : PSEC_E_IO;
        psec_err_set(e, rc, "%s: cannot connect to PostgreSQL: %s", db->uri, msg);
        PQfinish(pc->c);
        free(pc);
        db->impl = NULL;
        return rc;
    }
    rc = session_setup(db, e);
    if (rc == PSEC_OK && (flags & PSEC_DB_NOCREATE)) {
        int64_t v = 0;
        bool missing = false;
        rc = query_int(db, "SELECT to_regclass('schema_version')::oid", &v, &missing,
                       "reading the schema version", e);
        if (rc == PSEC_OK && missing)
            rc = psec_err_set(e, PSEC_E_NOTFOUND,
                              "%s: no portsec schema in this database; run 'portsec init' "
                              "to create it", db->uri);
    }
    if (rc != PSEC_OK) {
        PQfinish(pc->c);
        free(pc);
        db->impl = NULL;
    }
    return rc;
}

static void pg_close(struct psec_db *db)
{
    if (db->impl == NULL)
        return;
    PQfinish(PC(db)->c);
    free(db->impl);
    db->impl = NULL;
}

static int pg_migrate(struct psec_db *db, struct psec_err *e)
{
    int ver, rc, newest = 0;
    char sql[96];

    for (int i = 0; i < psec_migration_pg_count; i++)
        if (psec_migrations_pg[i].version > newest)
            newest = psec_migrations_pg[i].version;
    if ((rc = pg_schema_version(db, &ver, e)) != PSEC_OK)
        return rc;
    if (ver > newest)
        return psec_err_set(e, PSEC_E_SCHEMA,
                            "%s: schema version %d is newer than this portsec knows (%d); "
                            "use a newer portsec", db->uri, ver, newest);
    if (ver == newest)
        return PSEC_OK;
    snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%lld)", MIGRATE_LOCK);
    if ((rc = run(db, sql, "starting the migration", e)) != PSEC_OK)
        goto fail;
    rc = run(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                 " INSERT INTO schema_version SELECT 0"
                 " WHERE NOT EXISTS (SELECT 1 FROM schema_version)",
             "creating the schema version table", e);
    /* Read again inside the lock: another process may have migrated. */
    if (rc != PSEC_OK || (rc = pg_schema_version(db, &ver, e)) != PSEC_OK)
        goto fail;
    if (ver > newest) {
        rc = psec_err_set(e, PSEC_E_SCHEMA,
                          "%s: schema version %d is newer than this portsec knows (%d); "
                          "use a newer portsec", db->uri, ver, newest);
        goto fail;
    }
    for (int i = 0; i < psec_migration_pg_count; i++) {
        const struct psec_migration *m = &psec_migrations_pg[i];
        char what[96];
        if (m->version <= ver)
            continue;
        snprintf(what, sizeof what, "migration %s failed", m->name);
        if ((rc = run(db, m->sql, what, e)) != PSEC_OK)
            goto fail;
        snprintf(sql, sizeof sql, "UPDATE schema_version SET version = %d", m->version);
        if ((rc = run(db, sql, "recording the schema version", e)) != PSEC_OK)
            goto fail;
    }
    if ((rc = run(db, "COMMIT", "committing the migration", e)) != PSEC_OK)
        goto fail;
    return PSEC_OK;
fail:
    run(db, "ROLLBACK", "rolling back", NULL);
    return rc;
}

static int pg_exec(struct psec_db *db, const char *sql, const char *what, struct psec_err *e)
{
    int rc = ensure_conn(db, e);
    return rc != PSEC_OK ? rc : run(db, sql, what, e);
}

static int pg_begin(struct psec_db *db, struct psec_err *e)
{
    int rc = ensure_conn(db, e);
    return rc != PSEC_OK ? rc : run(db, "BEGIN", "starting a transaction", e);
}

static int pg_commit(struct psec_db *db, struct psec_err *e)
{
    int rc;

    /* PostgreSQL answers COMMIT of a failed transaction with a silent
     * ROLLBACK; say so instead of reporting success. */
    if (PQtransactionStatus(PC(db)->c) == PQTRANS_INERROR) {
        run(db, "ROLLBACK", "rolling back", NULL);
        return psec_err_set(e, PSEC_E_DB,
                            "%s: the transaction was rolled back after an earlier error", db->uri);
    }
    rc = run(db, "COMMIT", "committing", e);
    if (PQtransactionStatus(PC(db)->c) != PQTRANS_IDLE)
        run(db, "ROLLBACK", "rolling back", NULL);
    return rc;
}

static void pg_rollback(struct psec_db *db) { run(db, "ROLLBACK", "rolling back", NULL); }

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

static bool word_at(const char *p, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\0' || (p[i] & ~0x20) != w[i])
            return false;
    return !word_char(p[n]);
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* True when p (just after a placeholder) reads "IS [NOT] NULL". */
static bool is_null_test(const char *p)
{
    p = skip_space(p);
    if (!word_at(p, "IS"))
        return false;
    p = skip_space(p + 2);
    if (word_at(p, "NOT"))
        p = skip_space(p + 3);
    return word_at(p, "NULL");
}

/* Rewrites `?` to `$n` and LIKE to ILIKE outside literals and comments;
 * fills the statement's parameter count and IS NULL contexts. */
static int rewrite(struct pg_stmt *p, const char *sql)
{
    size_t len = strlen(sql), q = 0, k = 0;
    char *out, *ctx;
    int n = 0;

    for (const char *s = sql; *s; s++)
        q += *s == '?';
    if ((out = malloc(len + 6 * q + len / 4 + 1)) == NULL || (ctx = calloc(q + 1, 1)) == NULL) {
        free(out);
        return PSEC_E_NOMEM;
    }
    for (const char *s = sql; *s;) {
        if (*s == '\'' || *s == '"') {
            char quote = *s;
            out[k++] = *s++;
            while (*s && *s != quote)
                out[k++] = *s++;
            if (*s)
                out[k++] = *s++;        /* a doubled quote reopens: handled by the loop */
        } else if (s[0] == '-' && s[1] == '-') {
            while (*s && *s != '\n')
                out[k++] = *s++;
        } else if (s[0] == '/' && s[1] == '*') {
            const char *end = strstr(s + 2, "*/");
            size_t m = end ? (size_t)(end + 2 - s) : strlen(s);
            memcpy(out + k, s, m);
            k += m;
            s += m;
        } else if (*s == '?') {
            n++;
            k += (size_t)snprintf(out + k, 8, "$%d", n);
            ctx[n - 1] = is_null_test(s + 1);
            s++;
        } else if ((s == sql || !word_char(s[-1])) && word_at(s, "LIKE")) {
            memcpy(out + k, "ILIKE", 5);
            k += 5;
            s += 4;
        } else {
            out[k++] = *s++;
        }
    }
    out[k] = '\0';
    p->sql = out;
    p->nparams = n;
    p->nullctx = ctx;
    return PSEC_OK;
}

static int pg_prepare(struct psec_stmt *s, struct psec_err *e)
{
    struct pg_stmt *p = calloc(1, sizeof *p);
    int n;

    if (p == NULL || rewrite(p, s->sql) != PSEC_OK)
        goto nomem;
    n = p->nparams;
    p->ptype = calloc((size_t)n + 1, 1);
    p->kind = calloc((size_t)n + 1, 1);
    p->val = calloc((size_t)n + 1, sizeof *p->val);
    if (p->ptype == NULL || p->kind == NULL || p->val == NULL)
        goto nomem;
    memset(p->kind, 'n', (size_t)n);
    p->row = -1;
    s->impl = p;
    return PSEC_OK;
nomem:
    if (p) {
        free(p->sql);
        free(p->nullctx);
        free(p->ptype);
        free(p->kind);
        free(p->val);
        free(p);
    }
    return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
}

static void clear_values(struct pg_stmt *p)
{
    for (int i = 0; i < p->nparams; i++) {
        free(p->val[i]);
        p->val[i] = NULL;
        p->kind[i] = 'n';
    }
}

static void pg_finalize(struct psec_stmt *s)
{
    struct pg_stmt *p = PS(s);

    if (p == NULL)
        return;
    if (p->prepared && !PC(s->db)->closing) {
        char sql[48];
        PGresult *r;
        snprintf(sql, sizeof sql, "DEALLOCATE %s", p->name);
        r = PQexec(PC(s->db)->c, sql);
        PQclear(r);
    }
    PQclear(p->res);
    clear_values(p);
    free(p->sql);
    free(p->nullctx);
    free(p->ptype);
    free(p->kind);
    free(p->val);
    free(p);
    s->impl = NULL;
}

static void pg_reset(struct psec_stmt *s, bool clear)
{
    struct pg_stmt *p = PS(s);

    PQclear(p->res);
    p->res = NULL;
    p->row = -1;
    p->nrows = 0;
    if (clear)
        clear_values(p);
}

/* Stores a binding; a binding after a step starts the statement afresh. */
static void bind(struct psec_stmt *s, int i, char kind, char *text)
{
    struct pg_stmt *p = PS(s);

    if (p->res)
        pg_reset(s, false);
    if (i < 1 || i > p->nparams) {
        free(text);             /* as SQLite: an index out of range binds nothing */
        return;
    }
    free(p->val[i - 1]);
    p->val[i - 1] = text;
    p->kind[i - 1] = text ? kind : 'n';
}

static void pg_bind_text(struct psec_stmt *s, int i, const char *text) { bind(s, i, 't', strdup(text)); }

static void pg_bind_int(struct psec_stmt *s, int i, int64_t v)
{
    char buf[24], *t;
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    t = strdup(buf);
    bind(s, i, 'i', t);
}

static void pg_bind_double(struct psec_stmt *s, int i, double v)
{
    char buf[40], *t;
    /* 17 significant digits give back exactly the same double. */
    snprintf(buf, sizeof buf, "%.17g", v);
    t = strdup(buf);
    bind(s, i, 'd', t);
}

static void pg_bind_null(struct psec_stmt *s, int i) { bind(s, i, 'n', NULL); }

/* True when the bindings fit the types the statement was prepared with. */
static bool types_fit(const struct pg_stmt *p)
{
    for (int i = 0; i < p->nparams; i++) {
        char have = p->ptype[i], want = p->kind[i];
        if (have == 'i' && (want == 'd' || want == 't'))
            return false;
        if (have == 'd' && want == 't')
            return false;
    }
    return true;
}

static int prepare_now(struct psec_stmt *s, struct psec_err *e)
{
    struct pg_stmt *p = PS(s);
    struct pg_conn *pc = PC(s->db);
    Oid *types = calloc((size_t)p->nparams + 1, sizeof *types);
    PGresult *r;
    int rc = PSEC_OK;

    if (types == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    for (int i = 0; i < p->nparams; i++) {
        char k = p->kind[i];
        if (k == 'i') {
            types[i] = OID_INT8;
        } else if (k == 'd') {
            types[i] = OID_FLOAT8;
        } else if (p->nullctx[i]) {
            types[i] = OID_TEXT;
            k = 'T';
        } else {
            types[i] = 0;       /* the server infers it from the context */
            k = 'u';
        }
        p->ptype[i] = k;
    }
    if (p->prepared) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", p->name);
        run(s->db, sql, "re-preparing", NULL);
        p->prepared = false;
    }
    snprintf(p->name, sizeof p->name, "psec_%lu", ++pc->next_name);
    r = PQprepare(pc->c, p->name, p->sql, p->nparams, types);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = map_err(s->db, r, e, "preparing a statement");
    else
        p->prepared = true;
    PQclear(r);
    free(types);
    return rc;
}

static int pg_step(struct psec_stmt *s, struct psec_err *e)
{
    struct pg_stmt *p = PS(s);
    struct pg_conn *pc = PC(s->db);

    if (p->res == NULL) {
        ExecStatusType st;
        int rc;
        if ((rc = ensure_conn(s->db, e)) != PSEC_OK)
            return rc;
        if ((!p->prepared || !types_fit(p)) && (rc = prepare_now(s, e)) != PSEC_OK)
            return rc;
        p->res = PQexecPrepared(pc->c, p->name, p->nparams, (const char *const *)p->val, NULL,
                                NULL, 0);
        st = PQresultStatus(p->res);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
            rc = map_err(s->db, p->res, e, "running a statement");
            pg_reset(s, false);
            return rc;
        }
        {
            /* Only writes count as changes, as sqlite3_changes(). */
            const char *cmd = PQcmdStatus(p->res);
            if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
                strncmp(cmd, "DELETE", 6) == 0 || strncmp(cmd, "MERGE", 5) == 0)
                pc->changes = strtoll(PQcmdTuples(p->res), NULL, 10);
        }
        p->nrows = st == PGRES_TUPLES_OK ? PQntuples(p->res) : 0;
        p->row = -1;
    }
    if (p->row + 1 < p->nrows) {
        p->row++;
        return PSEC_ROW;
    }
    p->row = p->nrows;
    return PSEC_DONE;
}

static bool on_row(const struct pg_stmt *p, int i)
{
    return p->res && p->row >= 0 && p->row < p->nrows && i >= 0 && i < PQnfields(p->res);
}

static int pg_columns(struct psec_stmt *s)
{
    struct pg_stmt *p = PS(s);
    return p->res ? PQnfields(p->res) : 0;
}

static const char *pg_colname(struct psec_stmt *s, int i)
{
    struct pg_stmt *p = PS(s);
    return p->res ? PQfname(p->res, i) : NULL;
}

/* True when numeric text has no fraction or exponent ("12", "-3"). */
static bool integral(const char *t)
{
    if (*t == '-' || *t == '+')
        t++;
    if (*t == '\0')
        return false;
    for (; *t; t++)
        if (*t < '0' || *t > '9')
            return false;
    return true;
}

static enum psec_col_kind pg_colkind(struct psec_stmt *s, int i)
{
    struct pg_stmt *p = PS(s);

    if (!on_row(p, i) || PQgetisnull(p->res, p->row, i))
        return PSEC_COL_NULL;
    switch (PQftype(p->res, i)) {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
    case OID_BOOL:
        /* SQLite has no booleans: a comparison in a select list gives 0 or
         * 1 there, so it does here too. */
        return PSEC_COL_INT;
    case OID_FLOAT4:
    case OID_FLOAT8:
        return PSEC_COL_REAL;
    case OID_NUMERIC:
        /* SUM() of a bigint is numeric here and an integer in SQLite. */
        return integral(PQgetvalue(p->res, p->row, i)) ? PSEC_COL_INT : PSEC_COL_REAL;
    default:
        return PSEC_COL_TEXT;
    }
}

static const char *pg_col_text(struct psec_stmt *s, int i)
{
    struct pg_stmt *p = PS(s);

    if (!on_row(p, i) || PQgetisnull(p->res, p->row, i))
        return NULL;
    if (PQftype(p->res, i) == OID_BOOL)
        return PQgetvalue(p->res, p->row, i)[0] == 't' ? "1" : "0";
    return PQgetvalue(p->res, p->row, i);
}

static int64_t pg_col_int(struct psec_stmt *s, int i)
{
    const char *t = pg_col_text(s, i);

    if (t == NULL)
        return 0;
    if (integral(t))
        return strtoll(t, NULL, 10);
    return (int64_t)strtod(t, NULL);     /* a real read as an integer truncates, as in SQLite */
}

static double pg_col_double(struct psec_stmt *s, int i)
{
    const char *t = pg_col_text(s, i);
    return t ? strtod(t, NULL) : 0.0;
}

static int64_t pg_changes(struct psec_db *db) { return PC(db)->changes; }

static int64_t pg_last_id(struct psec_db *db)
{
    /* lastval() is the value the session's last nextval() gave: the id an
     * identity column drew for the last INSERT. It fails when no sequence
     * was used yet, and a failure would abort an open transaction, so it
     * runs under a savepoint there. */
    bool in_tx = PQtransactionStatus(PC(db)->c) == PQTRANS_INTRANS;
    int64_t id = 0;

    if (in_tx && run(db, "SAVEPOINT psec_last_id", "last id", NULL) != PSEC_OK)
        return 0;
    if (query_int(db, "SELECT lastval()", &id, NULL, "last id", NULL) != PSEC_OK)
        id = 0;
    if (in_tx) {
        if (id == 0)
            run(db, "ROLLBACK TO SAVEPOINT psec_last_id", "last id", NULL);
        run(db, "RELEASE SAVEPOINT psec_last_id", "last id", NULL);
    }
    return id;
}

static json_t *pg_tables(struct psec_db *db, struct psec_err *e)
{
    /* schema_version is this backend's bookkeeping (SQLite's user_version
     * is not a table), so it is left out; the C collation sorts as SQLite. */
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
        " AND tablename <> 'schema_version' ORDER BY tablename COLLATE \"C\"", e);
    json_t *out;
    int rc;

    if (st == NULL)
        return NULL;
    out = json_array();
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW)
        json_array_append_new(out, json_string(psec_stmt_col_text(st, 0)));
    if (rc != PSEC_DONE) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Appends column 0 of every row of sql (one text parameter) to arr. */
static int names(struct psec_db *db, const char *sql, const char *param, json_t *arr,
                 struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, param);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW)
        json_array_append_new(arr, json_string(psec_stmt_col_text(st, 0)));
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

static json_t *pg_table_info(struct psec_db *db, const char *table, struct psec_err *e)
{
    json_t *o = json_pack("{s:s, s:[], s:[], s:[]}", "name", table, "columns", "primary_key",
                          "references");

    if (o == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    if (names(db, "SELECT attname::text FROM pg_attribute WHERE attrelid = ?::regclass"
                  " AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
              table, json_object_get(o, "columns"), e) != PSEC_OK ||
        names(db, "SELECT a.attname::text FROM pg_index i"
                  " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                  " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                  " WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.ord",
              table, json_object_get(o, "primary_key"), e) != PSEC_OK ||
        names(db, "SELECT DISTINCT c.relname::text FROM pg_constraint f"
                  " JOIN pg_class c ON c.oid = f.confrelid"
                  " WHERE f.conrelid = ?::regclass AND f.contype = 'f' ORDER BY 1",
              table, json_object_get(o, "references"), e) != PSEC_OK) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int pg_sync_ids(struct psec_db *db, const char *table, struct psec_err *e)
{
    json_t *cols = json_array(), *c;
    size_t i;
    int rc = names(db, "SELECT attname::text FROM pg_attribute WHERE attrelid = ?::regclass"
                       " AND attidentity <> '' AND NOT attisdropped", table, cols, e);

    json_array_foreach(cols, i, c) {
        char sql[400];
        if (rc != PSEC_OK)
            break;
        /* is_called false: the next id drawn is MAX + 1 itself. */
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('\"%s\"', '%s'),"
                 " COALESCE((SELECT MAX(\"%s\") FROM \"%s\"), 0) + 1, false)",
                 table, json_string_value(c), json_string_value(c), table);
        rc = run(db, sql, "setting the next id", e);
    }
    json_decref(cols);
    return rc;
}

static void pg_closing(struct psec_db *db)
{
    /* Statements are freed before the connection; no DEALLOCATE is needed
     * for a session about to end. */
    if (db->impl)
        PC(db)->closing = true;
}

const struct psec_db_ops psec_db_pg_ops = {
    .name = "postgresql",
    .open = pg_open,
    .closing = pg_closing,
    .close = pg_close,
    .schema_version = pg_schema_version,
    .migrate = pg_migrate,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .columns = pg_columns,
    .colname = pg_colname,
    .colkind = pg_colkind,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .tables = pg_tables,
    .table_info = pg_table_info,
    .sync_ids = pg_sync_ids,
    .changes = pg_changes,
    .last_id = pg_last_id,
};
