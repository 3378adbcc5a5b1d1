/*
 * cmd_serve.c — `portsec serve` (the HTTP server), `portsec user` (users,
 * roles, API tokens) and `portsec audit` (the audit trail). Parsing and
 * printing only: the server is src/http/, the rules src/app/auth.c.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/auth.h"
#include "base/str.h"
#include "cli/cli.h"
#include "http/http.h"

/* ---- serve ------------------------------------------------------------ */

static const char serve_help[] =
    "usage: portsec [--db PATH] serve [--listen ADDR:PORT] [--web DIR] [--threads N]\n"
    "                                 [--timeout SECONDS] [--max-body BYTES] [--access-log]\n"
    "\n"
    "Serves the JSON API under /api/v1/ and the dashboard on HTTP until\n"
    "interrupted (Ctrl-C or SIGTERM). The database must exist ('portsec init').\n"
    "Sign in with a user made by 'portsec user add'; there is no default user.\n"
    "\n"
    "  --listen ADDR:PORT  address to listen on (default 127.0.0.1:8080;\n"
    "                      port 0 picks a free port, printed on start)\n"
    "  --web DIR           the dashboard's files (default: the web/ folder of\n"
    "                      the source tree, or $PORTSEC_WEB)\n"
    "  --threads N         worker threads (default: one per CPU)\n"
    "  --timeout SECONDS   idle connections are closed after this (default 10)\n"
    "  --max-body BYTES    larger request bodies get 413 (default 1 MiB)\n"
    "  --access-log        print one line per request on standard error\n";

static void log_stderr(void *ctx, const char *line)
{
    FILE *f = ctx;
    fprintf(f, "portsec: %s\n", line);
    fflush(f);
}

static int parse_uint(struct psec_cli *cli, const char *opt, const char *s, int64_t max,
                      int64_t *out)
{
    if (!psec_parse_i64(s, out) || *out < 0 || *out > max)
        return psec_cli_usage(cli, "serve", "--%s %s: expected a whole number from 0 to %lld", opt,
                              s, (long long)max);
    return 0;
}

int psec_cmd_serve(struct psec_cli *cli, int argc, char **argv)
{
    const char *listen = "127.0.0.1:8080", *web = NULL, *threads = NULL, *timeout = NULL,
               *max_body = NULL;
    bool access_log = false;
    const struct psec_opt opts[] = {
        { "listen", &listen, NULL }, { "web", &web, NULL }, { "threads", &threads, NULL },
        { "timeout", &timeout, NULL }, { "max-body", &max_body, NULL },
        { "access-log", NULL, &access_log }, { NULL, NULL, NULL } };
    struct psec_http_config cfg = { 0 };
    struct psec_err e = { 0 };
    struct psec_http *h;
    struct psec_db *db;
    sigset_t set;
    int64_t n;
    int sig;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(serve_help, cli->out);
        return 0;
    }
    if (psec_cli_parse(cli, "serve", argc, argv, 1, opts, NULL, 0) < 0)
        return 2;
    if (web == NULL)
        web = getenv("PORTSEC_WEB");
    if (web == NULL)
        web = PSEC_WEBDIR;
    cfg.listen = listen;
    cfg.webdir = web;
    cfg.access_log = access_log;
    cfg.log = log_stderr;
    cfg.log_ctx = cli->err;
    if (threads) {
        if (parse_uint(cli, "threads", threads, 256, &n))
            return 2;
        cfg.threads = (unsigned)n;
    }
    if (timeout) {
        if (parse_uint(cli, "timeout", timeout, 3600, &n))
            return 2;
        cfg.timeout_s = (unsigned)n;
    }
    if (max_body) {
        if (parse_uint(cli, "max-body", max_body, 64 * 1024 * 1024, &n))
            return 2;
        cfg.max_body = (size_t)n;
    }
    /* The database must exist; opening it here also brings its schema up. */
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    cfg.db_uri = psec_db_uri(db);
    /* Block the stop signals before the server's threads start, so that they
     * inherit the mask and only this thread receives them in sigwait(). */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if ((h = psec_http_start(&cfg, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    {
        /* Say where, with the real port when 0 was asked for. */
        char host[128];
        const char *colon = strrchr(listen, ':');
        size_t len = colon ? (size_t)(colon - listen) : 0;
        if (len == 0 || len >= sizeof host)
            psec_strlcpy(host, len == 0 && colon ? "0.0.0.0" : "127.0.0.1", sizeof host);
        else {
            memcpy(host, listen, len);
            host[len] = '\0';
        }
        fprintf(cli->out, "portsec: serving %s on http://%s:%d/ (Ctrl-C stops)\n",
                psec_db_uri(db), host, psec_http_port(h));
        fflush(cli->out);
    }
    sigwait(&set, &sig);
    fprintf(cli->err, "portsec: stopping (%s)\n", sig == SIGINT ? "interrupt" : "terminate");
    psec_http_stop(h);
    return 0;
}

/* ---- user ------------------------------------------------------------- */

static const char user_help[] =
    "usage: portsec user add NAME --role ROLE      (password on standard input)\n"
    "       portsec user list\n"
    "       portsec user passwd NAME               (password on standard input)\n"
    "       portsec user disable NAME [--enable]\n"
    "       portsec user role NAME ROLE\n"
    "       portsec user token NAME [--label TEXT] [--days N]\n"
    "       portsec user tokens [NAME]\n"
    "       portsec user revoke TOKEN-ID\n"
    "\n"
    "Roles: viewer (read), analyst (visits, assessments, screening), approver\n"
    "(determinations, advisories), admin (users); each may do what the ones\n"
    "before it may. Passwords need at least 10 characters and are read from\n"
    "the first line of standard input (so they never appear in 'ps' or shell\n"
    "history); they are stored as Argon2id hashes. 'token' prints a new API\n"
    "token once (send it as 'Authorization: Bearer TOKEN'); only its hash is\n"
    "kept. Every change is written to the audit trail.\n";

/* Reads one line from standard input into buf (without the newline). */
static int read_password(struct psec_cli *cli, char *buf, size_t size)
{
    size_t n;

    if (isatty(STDIN_FILENO))
        fprintf(cli->err, "password: ");
    if (fgets(buf, (int)size, stdin) == NULL) {
        fprintf(cli->err, "portsec: user: no password on standard input\n");
        return 3;
    }
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return 0;
}

int psec_cmd_user(struct psec_cli *cli, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : NULL;
    const char *role = NULL, *label = NULL, *days = NULL;
    bool enable = false;
    const struct psec_opt opts[] = {
        { "role", &role, NULL }, { "label", &label, NULL }, { "days", &days, NULL },
        { "enable", NULL, &enable }, { NULL, NULL, NULL } };
    const char *pos[2] = { NULL, NULL };
    struct psec_actor me;
    struct psec_err e = { 0 };
    struct psec_db *db;
    char pw[PSEC_PASSWORD_MAX + 2];
    int npos, rc = PSEC_OK;

    if (psec_cli_wants_help(argc, argv) || sub == NULL) {
        fputs(user_help, sub == NULL ? cli->err : cli->out);
        return sub == NULL ? 2 : 0;
    }
    if ((npos = psec_cli_parse(cli, "user", argc, argv, 2, opts, pos, 2)) < 0)
        return 2;
    psec_actor_cli(&me);
    if (psec_auth_init(&e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "list") == 0 || strcmp(sub, "tokens") == 0) {
        static const struct psec_col ucols[] = {
            { "name", "NAME" }, { "role", "ROLE" }, { "disabled", "DISABLED" },
            { "created_at", "CREATED" }, { "tokens", "TOKENS" }, { NULL, NULL } };
        static const struct psec_col tcols[] = {
            { "id", "ID" }, { "user", "USER" }, { "label", "LABEL" },
            { "revoked", "REVOKED" }, { NULL, NULL } };
        json_t *rows;
        if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
            return psec_cli_fail(cli, &e);
        rows = sub[0] == 'l' ? psec_user_list(db, &e) : psec_token_list(db, pos[0], &e);
        if (rows == NULL)
            return psec_cli_fail(cli, &e);
        psec_cli_rows(cli, rows, sub[0] == 'l' ? ucols : tcols);
        json_decref(rows);
        return 0;
    }
    if (strcmp(sub, "add") && strcmp(sub, "passwd") && strcmp(sub, "disable") &&
        strcmp(sub, "role") && strcmp(sub, "token") && strcmp(sub, "revoke"))
        return psec_cli_usage(cli, "user", "unknown subcommand \"%s\"", sub);
    if (npos < 1)
        return psec_cli_usage(cli, "user", "%s needs a user name", sub);
    if (strcmp(sub, "add") == 0 && role == NULL)
        return psec_cli_usage(cli, "user", "add needs --role viewer|analyst|approver|admin");
    if (strcmp(sub, "role") == 0 && npos < 2)
        return psec_cli_usage(cli, "user", "role needs NAME and ROLE");
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if (strcmp(sub, "add") == 0 || strcmp(sub, "passwd") == 0) {
        if ((rc = read_password(cli, pw, sizeof pw)) != 0)
            return rc;
        rc = sub[0] == 'a' ? psec_user_add(db, &me, pos[0], role, pw, &e)
                           : psec_user_passwd(db, &me, pos[0], pw, &e);
        memset(pw, 0, sizeof pw);
        if (rc == PSEC_OK)
            fprintf(cli->out, "user %s: %s\n", pos[0], sub[0] == 'a' ? "added" : "password changed");
    } else if (strcmp(sub, "disable") == 0) {
        rc = psec_user_disable(db, &me, pos[0], !enable, &e);
        if (rc == PSEC_OK)
            fprintf(cli->out, "user %s: %s\n", pos[0], enable ? "enabled" : "disabled");
    } else if (strcmp(sub, "role") == 0) {
        rc = psec_user_set_role(db, &me, pos[0], pos[1], &e);
        if (rc == PSEC_OK)
            fprintf(cli->out, "user %s: role %s\n", pos[0], pos[1]);
    } else if (strcmp(sub, "token") == 0) {
        char token[PSEC_SECRET_MAX];
        int ndays = 0;
        if (days && (!psec_parse_int(days, &ndays) || ndays < 0))
            return psec_cli_usage(cli, "user", "--days %s: a whole number of days", days);
        rc = psec_token_create(db, &me, pos[0], label, ndays, token, &e);
        if (rc == PSEC_OK) {
            fprintf(cli->out, "%s\n", token);
            memset(token, 0, sizeof token);
        }
    } else {
        int64_t id;
        if (!psec_parse_i64(pos[0], &id))
            return psec_cli_usage(cli, "user", "revoke needs a token id (see 'user tokens')");
        rc = psec_token_revoke(db, &me, id, &e);
        if (rc == PSEC_OK)
            fprintf(cli->out, "token %lld: revoked\n", (long long)id);
    }
    return rc == PSEC_OK ? 0 : psec_cli_fail(cli, &e);
}

/* ---- audit ------------------------------------------------------------ */

static const char audit_help[] =
    "usage: portsec audit [--entity NAME] [--key KEY] [--actor WHO] [--limit N] [--offset N]\n"
    "\n"
    "The audit trail, newest first: who changed what, when, through which face\n"
    "(cli or api), and the record before and after (with --format json).\n";

int psec_cmd_audit(struct psec_cli *cli, int argc, char **argv)
{
    const char *limit = NULL, *offset = NULL;
    struct psec_audit_filter f = { 0 };
    const struct psec_opt opts[] = {
        { "entity", &f.entity, NULL }, { "key", &f.key, NULL }, { "actor", &f.actor, NULL },
        { "limit", &limit, NULL }, { "offset", &offset, NULL }, { NULL, NULL, NULL } };
    static const struct psec_col cols[] = {
        { "id", "ID" }, { "at", "AT" }, { "actor", "ACTOR" }, { "via", "VIA" },
        { "action", "ACTION" }, { "entity", "ENTITY" }, { "entity_key", "KEY" }, { NULL, NULL } };
    struct psec_err e = { 0 };
    struct psec_db *db;
    json_t *doc;

    if (psec_cli_wants_help(argc, argv)) {
        fputs(audit_help, cli->out);
        return 0;
    }
    if (psec_cli_parse(cli, "audit", argc, argv, 1, opts, NULL, 0) < 0)
        return 2;
    if (limit && (!psec_parse_i64(limit, &f.limit) || f.limit < 1))
        return psec_cli_usage(cli, "audit", "--limit %s: a whole number above 0", limit);
    if (offset && (!psec_parse_i64(offset, &f.offset) || f.offset < 0))
        return psec_cli_usage(cli, "audit", "--offset %s: a whole number", offset);
    if (psec_cli_db_existing(cli, &db, &e) != PSEC_OK)
        return psec_cli_fail(cli, &e);
    if ((doc = psec_audit_list(db, &f, &e)) == NULL)
        return psec_cli_fail(cli, &e);
    if (cli->format == PSEC_FMT_JSON)
        psec_cli_doc(cli, doc);
    else
        psec_cli_rows(cli, json_object_get(doc, "items"), cols);
    json_decref(doc);
    return 0;
}
