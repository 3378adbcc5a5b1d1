-- 0004_ais.sql for PostgreSQL: the same schema as ../0004_ais.sql,
-- with BIGINT for INTEGER, identity columns for ids and DOUBLE PRECISION for REAL
-- (drafted by scripts/pg-migration.sh). Keep the two files in step.

-- 0004: AIS - vessels seen on AIS, their track points, the port calls and
-- gaps derived from them, and port-area polygons. Portable SQL only.
-- Keys make ingest idempotent: re-ingesting the same data changes nothing.

CREATE TABLE ais_vessel (
    mmsi            BIGINT PRIMARY KEY,
    imo             BIGINT,                   -- from type 5 (or CSV); NULL unknown
    name            TEXT,
    callsign        TEXT,
    shiptype        BIGINT,
    to_bow          BIGINT,
    to_stern        BIGINT,
    to_port         BIGINT,
    to_starboard    BIGINT,
    draught         DOUBLE PRECISION,                      -- metres
    destination     TEXT,
    flag            TEXT,                      -- alpha-2 from the MMSI's MID
    first_seen      BIGINT,                   -- UTC seconds of the first stored position
    last_seen       BIGINT,
    positions       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ais_vessel_imo ON ais_vessel(imo);

-- One row per vessel and second: the same report heard by several receivers
-- lands on the same key and is stored once.
CREATE TABLE ais_point (
    mmsi            BIGINT NOT NULL,
    t               BIGINT NOT NULL,
    lat             DOUBLE PRECISION NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    sog             DOUBLE PRECISION,                      -- knots, NULL not available
    cog             DOUBLE PRECISION,                      -- degrees, NULL not available
    msg_type        BIGINT,
    PRIMARY KEY (mmsi, t)
);

CREATE TABLE ais_call (
    mmsi            BIGINT NOT NULL,
    port            TEXT NOT NULL,             -- UN/LOCODE, or the area name when unmatched
    country         TEXT,
    arrival         BIGINT NOT NULL,
    departure       BIGINT NOT NULL,
    stop_s          BIGINT NOT NULL,
    entry_seen      BIGINT NOT NULL,
    exit_seen       BIGINT NOT NULL,
    stopped         BIGINT NOT NULL,
    port_gap        BIGINT NOT NULL,
    confidence      BIGINT NOT NULL,          -- 1..4; 1 = passed through
    positions       BIGINT NOT NULL,
    reason          TEXT,
    PRIMARY KEY (mmsi, arrival)
);
CREATE INDEX ais_call_port ON ais_call(port, arrival);

CREATE TABLE ais_gap (
    mmsi            BIGINT NOT NULL,
    start_t         BIGINT NOT NULL,
    end_t           BIGINT NOT NULL,
    hours           DOUBLE PRECISION NOT NULL,
    kind            TEXT NOT NULL,             -- 'gap' or 'possible-dark'
    lat0            DOUBLE PRECISION, lon0 DOUBLE PRECISION, lat1 DOUBLE PRECISION, lon1 DOUBLE PRECISION,
    km              DOUBLE PRECISION,
    knots           DOUBLE PRECISION,
    prior_positions BIGINT,
    in_port         BIGINT,
    reason          TEXT,
    PRIMARY KEY (mmsi, start_t)
);

-- Port-limit polygons (GeoJSON geometry text), tied to a port when matched.
CREATE TABLE port_area (
    area_key        TEXT PRIMARY KEY,          -- feature name and ordinal: "sydney#1"
    locode          TEXT,
    name            TEXT NOT NULL,
    source          TEXT,
    geometry        TEXT NOT NULL,
    minlat          DOUBLE PRECISION, maxlat DOUBLE PRECISION, minlon DOUBLE PRECISION, maxlon DOUBLE PRECISION
);
CREATE INDEX port_area_locode ON port_area(locode);
