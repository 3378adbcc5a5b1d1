-- 0004: AIS - vessels seen on AIS, their track points, the port calls and
-- gaps derived from them, and port-area polygons. Portable SQL only.
-- Keys make ingest idempotent: re-ingesting the same data changes nothing.

CREATE TABLE ais_vessel (
    mmsi            INTEGER PRIMARY KEY,
    imo             INTEGER,                   -- from type 5 (or CSV); NULL unknown
    name            TEXT,
    callsign        TEXT,
    shiptype        INTEGER,
    to_bow          INTEGER,
    to_stern        INTEGER,
    to_port         INTEGER,
    to_starboard    INTEGER,
    draught         REAL,                      -- metres
    destination     TEXT,
    flag            TEXT,                      -- alpha-2 from the MMSI's MID
    first_seen      INTEGER,                   -- UTC seconds of the first stored position
    last_seen       INTEGER,
    positions       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ais_vessel_imo ON ais_vessel(imo);

-- One row per vessel and second: the same report heard by several receivers
-- lands on the same key and is stored once.
CREATE TABLE ais_point (
    mmsi            INTEGER NOT NULL,
    t               INTEGER NOT NULL,
    lat             REAL NOT NULL,
    lon             REAL NOT NULL,
    sog             REAL,                      -- knots, NULL not available
    cog             REAL,                      -- degrees, NULL not available
    msg_type        INTEGER,
    PRIMARY KEY (mmsi, t)
);

CREATE TABLE ais_call (
    mmsi            INTEGER NOT NULL,
    port            TEXT NOT NULL,             -- UN/LOCODE, or the area name when unmatched
    country         TEXT,
    arrival         INTEGER NOT NULL,
    departure       INTEGER NOT NULL,
    stop_s          INTEGER NOT NULL,
    entry_seen      INTEGER NOT NULL,
    exit_seen       INTEGER NOT NULL,
    stopped         INTEGER NOT NULL,
    port_gap        INTEGER NOT NULL,
    confidence      INTEGER NOT NULL,          -- 1..4; 1 = passed through
    positions       INTEGER NOT NULL,
    reason          TEXT,
    PRIMARY KEY (mmsi, arrival)
);
CREATE INDEX ais_call_port ON ais_call(port, arrival);

CREATE TABLE ais_gap (
    mmsi            INTEGER NOT NULL,
    start_t         INTEGER NOT NULL,
    end_t           INTEGER NOT NULL,
    hours           REAL NOT NULL,
    kind            TEXT NOT NULL,             -- 'gap' or 'possible-dark'
    lat0            REAL, lon0 REAL, lat1 REAL, lon1 REAL,
    km              REAL,
    knots           REAL,
    prior_positions INTEGER,
    in_port         INTEGER,
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
    minlat          REAL, maxlat REAL, minlon REAL, maxlon REAL
);
CREATE INDEX port_area_locode ON port_area(locode);
