/*
 * registry.c (store) — SQL for countries, ports, port facilities and the
 * MID table. Writes are upserts by natural key so that loading the same
 * data twice changes nothing.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/str.h"
#include "store/registry.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

int psec_store_country_put(struct psec_db *db, const struct psec_country *c, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO country (alpha2, alpha3, numeric_code, name, official_name, region,"
        " sub_region, solas, isps_since, designated_authority, unit, notes)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (alpha2) DO UPDATE SET alpha3=excluded.alpha3,"
        " numeric_code=excluded.numeric_code, name=excluded.name,"
        " official_name=excluded.official_name, region=excluded.region,"
        " sub_region=excluded.sub_region,"
        " solas=COALESCE(excluded.solas, country.solas),"
        " isps_since=COALESCE(excluded.isps_since, country.isps_since),"
        " designated_authority=COALESCE(excluded.designated_authority, country.designated_authority),"
        " unit=COALESCE(excluded.unit, country.unit),"
        " notes=COALESCE(excluded.notes, country.notes),"
        " version=country.version+1"
        " WHERE country.alpha3 IS DISTINCT FROM excluded.alpha3 OR country.name IS DISTINCT FROM excluded.name"
        " OR country.numeric_code IS DISTINCT FROM excluded.numeric_code"
        " OR country.official_name IS DISTINCT FROM excluded.official_name"
        " OR country.region IS DISTINCT FROM excluded.region OR country.sub_region IS DISTINCT FROM excluded.sub_region"
        " OR (excluded.solas IS NOT NULL AND country.solas IS DISTINCT FROM excluded.solas)"
        " OR (excluded.isps_since IS NOT NULL AND country.isps_since IS DISTINCT FROM excluded.isps_since)"
        " OR (excluded.designated_authority IS NOT NULL AND country.designated_authority IS DISTINCT FROM excluded.designated_authority)"
        " OR (excluded.unit IS NOT NULL AND country.unit IS DISTINCT FROM excluded.unit)"
        " OR (excluded.notes IS NOT NULL AND country.notes IS DISTINCT FROM excluded.notes)", e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, c->alpha2);
    psec_stmt_text(st, 2, c->alpha3);
    if (c->numeric_code > 0) psec_stmt_int(st, 3, c->numeric_code);
    psec_stmt_text(st, 4, c->name);
    psec_stmt_text(st, 5, nz(c->official_name));
    psec_stmt_text(st, 6, nz(c->region));
    psec_stmt_text(st, 7, nz(c->sub_region));
    if (c->solas >= 0) psec_stmt_int(st, 8, c->solas);
    if (c->isps_since > 0) psec_stmt_int(st, 9, c->isps_since);
    psec_stmt_text(st, 10, nz(c->designated_authority));
    psec_stmt_text(st, 11, nz(c->unit));
    psec_stmt_text(st, 12, nz(c->notes));
    return psec_stmt_run(st, e);
}

int psec_store_port_put(struct psec_db *db, const struct psec_port *p, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO port (locode, country, name, name_ascii, subdivision, function, status,"
        " lat, lon, coord_source, wpi_number, harbor_size, harbor_type, alt_names)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (locode) DO UPDATE SET country=excluded.country, name=excluded.name,"
        " name_ascii=excluded.name_ascii, subdivision=excluded.subdivision,"
        " function=excluded.function, status=excluded.status,"
        " lat=COALESCE(excluded.lat, port.lat), lon=COALESCE(excluded.lon, port.lon),"
        " coord_source=COALESCE(excluded.coord_source, port.coord_source),"
        " wpi_number=COALESCE(excluded.wpi_number, port.wpi_number),"
        " harbor_size=COALESCE(excluded.harbor_size, port.harbor_size),"
        " harbor_type=COALESCE(excluded.harbor_type, port.harbor_type),"
        " alt_names=COALESCE(excluded.alt_names, port.alt_names),"
        " version=port.version+1"
        " WHERE port.name IS DISTINCT FROM excluded.name OR port.country IS DISTINCT FROM excluded.country"
        " OR port.name_ascii IS DISTINCT FROM excluded.name_ascii"
        " OR port.subdivision IS DISTINCT FROM excluded.subdivision OR port.function IS DISTINCT FROM excluded.function"
        " OR port.status IS DISTINCT FROM excluded.status"
        " OR (excluded.lat IS NOT NULL AND (port.lat IS DISTINCT FROM excluded.lat OR port.lon IS DISTINCT FROM excluded.lon))"
        " OR (excluded.wpi_number IS NOT NULL AND port.wpi_number IS DISTINCT FROM excluded.wpi_number)", e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, p->locode);
    psec_stmt_text(st, 2, p->country);
    psec_stmt_text(st, 3, p->name);
    psec_stmt_text(st, 4, nz(p->name_ascii));
    psec_stmt_text(st, 5, nz(p->subdivision));
    psec_stmt_text(st, 6, nz(p->function));
    psec_stmt_text(st, 7, nz(p->status));
    if (p->has_pos) {
        psec_stmt_double(st, 8, p->lat);
        psec_stmt_double(st, 9, p->lon);
        psec_stmt_text(st, 10, nz(p->coord_source) ? p->coord_source : "unlocode");
    }
    if (p->wpi_number > 0) psec_stmt_int(st, 11, p->wpi_number);
    psec_stmt_text(st, 12, nz(p->harbor_size));
    psec_stmt_text(st, 13, nz(p->harbor_type));
    psec_stmt_text(st, 14, nz(p->alt_names));
    return psec_stmt_run(st, e);
}

int psec_store_port_merge_wpi(struct psec_db *db, const struct psec_port *p, struct psec_err *e)
{
    int rc;
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE port SET wpi_number=?, harbor_size=?, harbor_type=?, alt_names=?,"
        " lat=CASE WHEN lat IS NULL THEN ? ELSE lat END,"
        " lon=CASE WHEN lon IS NULL THEN ? ELSE lon END,"
        " coord_source=CASE WHEN lat IS NULL AND ? IS NOT NULL THEN 'wpi' ELSE coord_source END,"
        " version=version+1"
        " WHERE locode=? AND (wpi_number IS DISTINCT FROM ? OR harbor_size IS DISTINCT FROM ? OR harbor_type IS DISTINCT FROM ?"
        " OR alt_names IS DISTINCT FROM ? OR (lat IS NULL AND ? IS NOT NULL))", e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, p->wpi_number);
    psec_stmt_text(st, 2, nz(p->harbor_size));
    psec_stmt_text(st, 3, nz(p->harbor_type));
    psec_stmt_text(st, 4, nz(p->alt_names));
    if (p->has_pos) {
        psec_stmt_double(st, 5, p->lat);
        psec_stmt_double(st, 6, p->lon);
        psec_stmt_double(st, 7, p->lat);
        psec_stmt_double(st, 13, p->lat);
    }
    psec_stmt_text(st, 8, p->locode);
    psec_stmt_int(st, 9, p->wpi_number);
    psec_stmt_text(st, 10, nz(p->harbor_size));
    psec_stmt_text(st, 11, nz(p->harbor_type));
    psec_stmt_text(st, 12, nz(p->alt_names));
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    if (psec_db_changes(db) == 0 && !psec_store_port_exists(db, p->locode))
        return psec_err_set(e, PSEC_E_NOTFOUND, "no port with UN/LOCODE %s", p->locode);
    return PSEC_OK;
}

int psec_store_wpi_unmatched(struct psec_db *db, int wpi_number, const char *name,
                             const char *country_name, const char *locode_raw, double lat,
                             double lon, const char *reason, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO wpi_unmatched (wpi_number, name, country_name, locode_raw, lat, lon, reason)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT (wpi_number) DO UPDATE SET name=excluded.name,"
        " country_name=excluded.country_name, locode_raw=excluded.locode_raw,"
        " lat=excluded.lat, lon=excluded.lon, reason=excluded.reason", e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, wpi_number);
    psec_stmt_text(st, 2, name);
    psec_stmt_text(st, 3, nz(country_name));
    psec_stmt_text(st, 4, nz(locode_raw));
    psec_stmt_double(st, 5, lat);
    psec_stmt_double(st, 6, lon);
    psec_stmt_text(st, 7, reason);
    return psec_stmt_run(st, e);
}

int psec_store_mid_put(struct psec_db *db, const struct psec_mid *m, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO mid (mid, country, allocated_to) VALUES (?,?,?)"
        " ON CONFLICT (mid) DO UPDATE SET country=excluded.country,"
        " allocated_to=excluded.allocated_to"
        " WHERE mid.country IS DISTINCT FROM excluded.country OR mid.allocated_to IS DISTINCT FROM excluded.allocated_to",
        e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, m->mid);
    psec_stmt_text(st, 2, nz(m->country));
    psec_stmt_text(st, 3, m->allocated_to);
    return psec_stmt_run(st, e);
}

int psec_store_facility_put(struct psec_db *db, const struct psec_facility *f, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO facility (number, name, port, type, description, lat, lon, pfso_name,"
        " pfso_contact, pfsa_date, pfsp_approved, soc_expiry, status, demo)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (number) DO UPDATE SET name=excluded.name, port=excluded.port,"
        " type=excluded.type, description=excluded.description, lat=excluded.lat,"
        " lon=excluded.lon, pfso_name=excluded.pfso_name, pfso_contact=excluded.pfso_contact,"
        " pfsa_date=excluded.pfsa_date, pfsp_approved=excluded.pfsp_approved,"
        " soc_expiry=excluded.soc_expiry, status=excluded.status, demo=excluded.demo,"
        " version=facility.version+1"
        " WHERE facility.name IS DISTINCT FROM excluded.name OR facility.port IS DISTINCT FROM excluded.port"
        " OR facility.type IS DISTINCT FROM excluded.type OR facility.description IS DISTINCT FROM excluded.description"
        " OR facility.lat IS DISTINCT FROM excluded.lat OR facility.lon IS DISTINCT FROM excluded.lon"
        " OR facility.pfso_name IS DISTINCT FROM excluded.pfso_name"
        " OR facility.pfso_contact IS DISTINCT FROM excluded.pfso_contact"
        " OR facility.pfsa_date IS DISTINCT FROM excluded.pfsa_date"
        " OR facility.pfsp_approved IS DISTINCT FROM excluded.pfsp_approved"
        " OR facility.soc_expiry IS DISTINCT FROM excluded.soc_expiry"
        " OR facility.status IS DISTINCT FROM excluded.status OR facility.demo IS DISTINCT FROM excluded.demo", e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, f->number);
    psec_stmt_text(st, 2, f->name);
    psec_stmt_text(st, 3, f->port);
    psec_stmt_text(st, 4, nz(f->type));
    psec_stmt_text(st, 5, nz(f->description));
    if (f->has_pos) {
        psec_stmt_double(st, 6, f->lat);
        psec_stmt_double(st, 7, f->lon);
    }
    psec_stmt_text(st, 8, nz(f->pfso_name));
    psec_stmt_text(st, 9, nz(f->pfso_contact));
    psec_stmt_text(st, 10, nz(f->pfsa_date));
    psec_stmt_text(st, 11, nz(f->pfsp_approved));
    psec_stmt_text(st, 12, nz(f->soc_expiry));
    psec_stmt_text(st, 13, nz(f->status) ? f->status : "active");
    psec_stmt_int(st, 14, f->demo ? 1 : 0);
    return psec_stmt_run(st, e);
}

int psec_store_country_set_isps(struct psec_db *db, const char *alpha2, int solas,
                                int isps_since, const char *designated_authority,
                                const char *unit, const char *notes, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE country SET solas=?, isps_since=?, designated_authority=?, unit=?, notes=?,"
        " version=version+1 WHERE alpha2=?", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    if (solas >= 0) psec_stmt_int(st, 1, solas);
    if (isps_since > 0) psec_stmt_int(st, 2, isps_since);
    psec_stmt_text(st, 3, nz(designated_authority));
    psec_stmt_text(st, 4, nz(unit));
    psec_stmt_text(st, 5, nz(notes));
    psec_stmt_text(st, 6, alpha2);
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    if (psec_db_changes(db) == 0)
        return psec_err_set(e, PSEC_E_NOTFOUND, "no country %s", alpha2);
    return PSEC_OK;
}

static bool exists(struct psec_db *db, const char *sql, const char *key)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, NULL);
    bool found;

    if (st == NULL)
        return false;
    psec_stmt_text(st, 1, key);
    found = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_run(st, NULL);
    return found;
}

bool psec_store_country_exists(struct psec_db *db, const char *alpha2)
{
    return exists(db, "SELECT 1 FROM country WHERE alpha2=?", alpha2);
}

bool psec_store_port_exists(struct psec_db *db, const char *locode)
{
    return exists(db, "SELECT 1 FROM port WHERE locode=?", locode);
}

int psec_store_country_resolve(struct psec_db *db, const char *text, char alpha2[3],
                               struct psec_err *e)
{
    /* The common case, an exact alpha-2 code, by primary key. */
    if (strlen(text) == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' &&
        text[1] <= 'Z' && psec_store_country_exists(db, text)) {
        memcpy(alpha2, text, 3);
        return PSEC_OK;
    }
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT alpha2 FROM country WHERE alpha2=UPPER(?) OR alpha3=UPPER(?)"
        " OR LOWER(name)=LOWER(?) OR LOWER(official_name)=LOWER(?)"
        " ORDER BY CASE WHEN alpha2=UPPER(?) THEN 0 WHEN alpha3=UPPER(?) THEN 1 ELSE 2 END"
        " LIMIT 1", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    for (int i = 1; i <= 6; i++)
        psec_stmt_text(st, i, text);
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        psec_strlcpy(alpha2, psec_stmt_col_text(st, 0), 3);
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    if (rc != PSEC_DONE)
        return rc;
    return psec_err_set(e, PSEC_E_NOTFOUND,
                        "no country \"%s\"; give an ISO alpha-2 or alpha-3 code or the "
                        "English name (see 'portsec country list')", text);
}

json_t *psec_store_country_get(struct psec_db *db, const char *alpha2, struct psec_err *e)
{
    json_t *o = psec_db_row_text(db,
        "SELECT c.alpha2, c.alpha3, c.numeric_code, c.name, c.official_name, c.region,"
        " c.sub_region, c.solas, c.isps_since, c.designated_authority, c.unit, c.notes,"
        " c.version,"
        " (SELECT COUNT(*) FROM port p WHERE p.country=c.alpha2) AS ports,"
        " (SELECT COUNT(*) FROM facility f JOIN port p ON p.locode=f.port"
        "   WHERE p.country=c.alpha2) AS facilities"
        " FROM country c WHERE c.alpha2=?", alpha2, e);

    if (o == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no country %s", alpha2);
    return o;
}

json_t *psec_store_country_list(struct psec_db *db, const char *region, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT alpha2, alpha3, name, region, sub_region, solas, isps_since, unit"
        " FROM country WHERE ? IS NULL OR LOWER(region)=LOWER(?) OR LOWER(sub_region)=LOWER(?)"
        " OR LOWER(unit)=LOWER(?) ORDER BY name", e);

    if (st == NULL)
        return NULL;
    for (int i = 1; i <= 4; i++)
        psec_stmt_text(st, i, region);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_store_port_get(struct psec_db *db, const char *locode, struct psec_err *e)
{
    json_t *o = psec_db_row_text(db,
        "SELECT p.locode, p.name, p.name_ascii, p.country, c.name AS country_name,"
        " p.subdivision, p.function, p.status, p.lat, p.lon, p.coord_source, p.wpi_number,"
        " p.harbor_size, p.harbor_type, p.alt_names, p.radius_km, p.version"
        " FROM port p JOIN country c ON c.alpha2=p.country WHERE p.locode=?", locode, e);

    if (o == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no port with UN/LOCODE %s", locode);
    return o;
}

json_t *psec_store_port_search(struct psec_db *db, const char *text, const char *country,
                               int limit, struct psec_err *e)
{
    /* Exact code first, then names that start with the text, then names
     * that contain it; LIKE metacharacters in the text are escaped. */
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT locode, name, country, subdivision, lat, lon, wpi_number FROM port"
        " WHERE (locode=UPPER(?) OR name LIKE ? ESCAPE '\\' OR name_ascii LIKE ? ESCAPE '\\'"
        "   OR alt_names LIKE ? ESCAPE '\\')"
        " AND (? IS NULL OR country=UPPER(?))"
        " ORDER BY CASE WHEN locode=UPPER(?) THEN 0 WHEN name LIKE ? ESCAPE '\\' THEN 1"
        " WHEN name_ascii LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END, name, locode LIMIT ?", e);
    char esc[2 * PSEC_NAME_MAX], contains[2 * PSEC_NAME_MAX + 3], prefix[2 * PSEC_NAME_MAX + 2];
    size_t k = 0;

    if (st == NULL)
        return NULL;
    for (const char *p = text; *p && k + 2 < sizeof esc; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            esc[k++] = '\\';
        esc[k++] = *p;
    }
    esc[k] = '\0';
    snprintf(contains, sizeof contains, "%%%s%%", esc);
    snprintf(prefix, sizeof prefix, "%s%%", esc);
    psec_stmt_text(st, 1, text);
    psec_stmt_text(st, 2, contains);
    psec_stmt_text(st, 3, contains);
    psec_stmt_text(st, 4, contains);
    psec_stmt_text(st, 5, country);
    psec_stmt_text(st, 6, country);
    psec_stmt_text(st, 7, text);
    psec_stmt_text(st, 8, prefix);
    psec_stmt_text(st, 9, prefix);
    psec_stmt_int(st, 10, limit);
    return psec_stmt_json_rows(st, e);
}

int psec_store_ports_in_box(struct psec_db *db, double lat0, double lat1, double lon0,
                            double lon1,
                            int (*fn)(void *ctx, const char *locode, const char *name,
                                      const char *country, double lat, double lon),
                            void *ctx, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT locode, name, country, lat, lon FROM port"
        " WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_double(st, 1, lat0);
    psec_stmt_double(st, 2, lat1);
    psec_stmt_double(st, 3, lon0);
    psec_stmt_double(st, 4, lon1);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        if (fn(ctx, psec_stmt_col_text(st, 0), psec_stmt_col_text(st, 1),
               psec_stmt_col_text(st, 2), psec_stmt_col_double(st, 3),
               psec_stmt_col_double(st, 4)) != 0) {
            psec_stmt_run(st, NULL);
            return PSEC_OK;
        }
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

json_t *psec_store_facility_get(struct psec_db *db, const char *number, struct psec_err *e)
{
    json_t *o = psec_db_row_text(db,
        "SELECT f.number, f.name, f.port, p.name AS port_name, p.country, f.type,"
        " f.description, f.lat, f.lon, f.pfso_name, f.pfso_contact, f.pfsa_date,"
        " f.pfsp_approved, f.soc_expiry, f.status, f.demo, f.version"
        " FROM facility f JOIN port p ON p.locode=f.port WHERE f.number=?", number, e);

    if (o == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no port facility %s", number);
    return o;
}

json_t *psec_store_facility_list(struct psec_db *db, const char *country, const char *port,
                                 struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT f.number, f.name, f.port, p.country, f.type, f.pfsp_approved, f.soc_expiry,"
        " f.status, f.demo FROM facility f JOIN port p ON p.locode=f.port"
        " WHERE (? IS NULL OR p.country=UPPER(?)) AND (? IS NULL OR f.port=UPPER(?))"
        " ORDER BY f.number", e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, country);
    psec_stmt_text(st, 3, port);
    psec_stmt_text(st, 4, port);
    return psec_stmt_json_rows(st, e);
}

int psec_store_dataset_mark(struct psec_db *db, const char *name, const char *source,
                            long rows, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO dataset (name, source, rows, loaded_at) VALUES (?,?,?,?)"
        " ON CONFLICT (name) DO UPDATE SET source=excluded.source, rows=excluded.rows,"
        " loaded_at=excluded.loaded_at", e);
    char now[32];
    time_t t = time(NULL);
    struct tm tm;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    psec_stmt_text(st, 1, name);
    psec_stmt_text(st, 2, source);
    psec_stmt_int(st, 3, rows);
    psec_stmt_text(st, 4, now);
    return psec_stmt_run(st, e);
}

bool psec_store_dataset_loaded(struct psec_db *db, const char *name)
{
    return exists(db, "SELECT 1 FROM dataset WHERE name=?", name);
}

json_t *psec_store_counts(struct psec_db *db, struct psec_err *e)
{
    /* Every table of the schema, whatever migrations have added. */
    json_t *names = psec_db_tables(db, e), *out, *v;
    size_t i;

    if (names == NULL)
        return NULL;
    out = json_object();
    json_array_foreach(names, i, v) {
        const char *t = json_string_value(v);
        char sql[160];
        struct psec_stmt *cs;
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", t);
        cs = psec_db_stmt(db, sql, e);
        if (cs == NULL || psec_stmt_step(cs, e) != PSEC_ROW) {
            json_decref(names);
            json_decref(out);
            return NULL;
        }
        json_object_set_new(out, t, json_integer(psec_stmt_col_int(cs, 0)));
        psec_stmt_run(cs, NULL);
    }
    json_decref(names);
    return out;
}
