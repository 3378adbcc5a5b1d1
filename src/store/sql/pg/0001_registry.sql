-- 0001_registry.sql for PostgreSQL: the same schema as ../0001_registry.sql,
-- with BIGINT for INTEGER, identity columns for ids and DOUBLE PRECISION for REAL
-- (drafted by scripts/pg-migration.sh). Keep the two files in step.

-- 0001: the registry of countries, ports, port facilities, and the MID table.
-- Portable SQL only (INTEGER, REAL, TEXT; no backend-only functions).

CREATE TABLE country (
    alpha2          TEXT PRIMARY KEY,          -- ISO 3166-1 alpha-2
    alpha3          TEXT NOT NULL UNIQUE,
    numeric_code    BIGINT,
    name            TEXT NOT NULL,
    official_name   TEXT,
    region          TEXT,                      -- UN M49 region ("Africa")
    sub_region      TEXT,                      -- UN M49 sub-region ("Eastern Africa")
    solas           BIGINT,                   -- 1 Contracting Government, 0 not, NULL unknown
    isps_since      BIGINT,                   -- year it became a SOLAS/ISPS signatory
    designated_authority TEXT,
    unit            TEXT,                      -- coordinating unit
    notes           TEXT,
    version         BIGINT NOT NULL DEFAULT 1 -- optimistic concurrency
);
CREATE INDEX country_name ON country(name);

CREATE TABLE port (
    locode          TEXT PRIMARY KEY,          -- UN/LOCODE, 5 characters
    country         TEXT NOT NULL REFERENCES country(alpha2),
    name            TEXT NOT NULL,
    name_ascii      TEXT,
    subdivision     TEXT,
    function        TEXT,
    status          TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    coord_source    TEXT,                      -- 'unlocode', 'geocoded', 'wpi'
    wpi_number      BIGINT,
    harbor_size     TEXT,
    harbor_type     TEXT,
    alt_names       TEXT,
    radius_km       DOUBLE PRECISION,                      -- per-port geofence override
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX port_country ON port(country);
CREATE INDEX port_name ON port(name);
CREATE INDEX port_latlon ON port(lat, lon);

-- WPI entries whose UN/LOCODE matches no port: kept and reported, never dropped.
CREATE TABLE wpi_unmatched (
    wpi_number      BIGINT PRIMARY KEY,
    name            TEXT NOT NULL,
    country_name    TEXT,
    locode_raw      TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    reason          TEXT NOT NULL
);

CREATE TABLE mid (
    mid             BIGINT PRIMARY KEY,       -- 201..775
    country         TEXT REFERENCES country(alpha2),
    allocated_to    TEXT NOT NULL
);

CREATE TABLE facility (
    number          TEXT PRIMARY KEY,          -- IMO port facility number CCLLL-NNNN
    name            TEXT NOT NULL,
    port            TEXT NOT NULL REFERENCES port(locode),
    type            TEXT,
    description     TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    pfso_name       TEXT,
    pfso_contact    TEXT,
    pfsa_date       TEXT,
    pfsp_approved   TEXT,
    soc_expiry      TEXT,
    status          TEXT NOT NULL DEFAULT 'active',
    demo            BIGINT NOT NULL DEFAULT 0, -- 1: demonstration data, not real
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX facility_port ON facility(port);

-- What was loaded from where, so 'init' can say "nothing to do".
CREATE TABLE dataset (
    name            TEXT PRIMARY KEY,
    source          TEXT NOT NULL,
    rows            BIGINT NOT NULL,
    loaded_at       TEXT NOT NULL
);
