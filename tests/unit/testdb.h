/*
 * testdb.h — where a unit test keeps its database: a fresh SQLite file
 * under /tmp, or, when PSEC_TEST_PG_URL names a PostgreSQL cluster (CTest's
 * pg_* tests; see tests/CMakeLists.txt), a fresh database in that cluster.
 * Including this header is what registers the pg_ twin of a unit test.
 *
 *   const char *uri = testdb_fresh();   empty database, new each call
 *   testdb_drop();                      removes the last one
 *
 * Test code only: it talks to libpq directly to create and drop databases,
 * which the store (rightly) never does.
 */
#ifndef PORTSEC_TESTS_TESTDB_H
#define PORTSEC_TESTS_TESTDB_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

static char testdb_uri[1024];
static char testdb_name[64];
static int testdb_seq;

static bool testdb_is_pg(void)
{
    const char *u = getenv("PSEC_TEST_PG_URL");
    return u != NULL && *u != '\0';
}

/* Runs one statement on the cluster's maintenance database. */
static bool testdb_admin(const char *sql)
{
    PGconn *c = PQconnectdb(getenv("PSEC_TEST_PG_URL"));
    PGresult *r;
    bool ok;

    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "testdb: cannot connect to %s: %s", getenv("PSEC_TEST_PG_URL"),
                PQerrorMessage(c));
        PQfinish(c);
        return false;
    }
    r = PQexec(c, sql);
    ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "testdb: %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    return ok;
}

static void testdb_drop(void)
{
    char sql[128], p[1100];

    if (testdb_name[0] == '\0')
        return;
    if (testdb_is_pg()) {
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", testdb_name);
        testdb_admin(sql);
    } else {
        unlink(testdb_uri);
        snprintf(p, sizeof p, "%s-wal", testdb_uri);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", testdb_uri);
        unlink(p);
    }
    testdb_name[0] = '\0';
}

/* A new empty database; returns its URI (valid until the next call). */
static const char *testdb_fresh(void)
{
    char sql[128];
    const char *base = getenv("PSEC_TEST_PG_URL"), *path, *query;

    testdb_drop();
    snprintf(testdb_name, sizeof testdb_name, "psec_unit_%d_%d", (int)getpid(), ++testdb_seq);
    if (!testdb_is_pg()) {
        snprintf(testdb_uri, sizeof testdb_uri, "/tmp/%s.db", testdb_name);
        testdb_drop();
        snprintf(testdb_name, sizeof testdb_name, "psec_unit_%d_%d", (int)getpid(), testdb_seq);
        return testdb_uri;
    }
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", testdb_name);
    if (!testdb_admin(sql))
        abort();
    /* postgresql://[host]/DBNAME[?params]: replace DBNAME. */
    path = strstr(base, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    if (path == NULL)
        abort();
    query = strchr(path, '?');
    snprintf(testdb_uri, sizeof testdb_uri, "%.*s/%s%s", (int)(path - base), base, testdb_name,
             query ? query : "");
    return testdb_uri;
}

#endif
