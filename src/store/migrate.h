/*
 * migrate.h — numbered schema migrations, embedded at build time from
 * src/store/sql/NNNN_name.sql (cmake/embed_sql.cmake).
 *
 * psec_migrations is the SQLite set: every portable file. psec_migrations_pg
 * is the PostgreSQL set: the same numbers, where src/store/sql/pg/NNNN_name.sql
 * replaces a portable file whose DDL must differ (identity columns, DOUBLE
 * PRECISION for REAL). Both are sorted by version.
 */
#ifndef PORTSEC_STORE_MIGRATE_H
#define PORTSEC_STORE_MIGRATE_H

struct psec_migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct psec_migration psec_migrations[];
extern const int psec_migration_count;
extern const struct psec_migration psec_migrations_pg[];
extern const int psec_migration_pg_count;

#endif
