/*
 * migrate.h — numbered schema migrations, embedded at build time from
 * src/store/sql/NNNN_name.sql (cmake/embed_sql.cmake).
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

#endif
