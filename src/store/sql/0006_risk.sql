-- 0006: risk ranking and visit planning — coordinating units and their
-- countries, U.S. trade by partner (totals and a commodity breakdown), and
-- the analysts' dated threat inputs.
-- Portable SQL only (INTEGER, REAL, TEXT; no backend-only functions).

CREATE TABLE risk_unit (
    name            TEXT PRIMARY KEY,          -- "Asia-Pacific Unit"
    capacity        INTEGER NOT NULL,          -- country visits a year the team can make
    max_per_month   INTEGER NOT NULL DEFAULT 2,
    home_base       TEXT,                      -- place name
    home_lat        REAL,
    home_lon        REAL,
    notes           TEXT,
    demo            INTEGER NOT NULL DEFAULT 0, -- 1: demonstration data, not real
    version         INTEGER NOT NULL DEFAULT 1
);

-- A country is coordinated by one unit. main_port overrides the port the
-- planner measures distances from (default: the largest port with a position).
CREATE TABLE risk_unit_country (
    country         TEXT PRIMARY KEY REFERENCES country(alpha2),
    unit            TEXT NOT NULL REFERENCES risk_unit(name),
    main_port       TEXT REFERENCES port(locode)
);
CREATE INDEX risk_unit_country_unit ON risk_unit_country(unit);

-- U.S. trade in goods with a partner, million USD, Census basis.
-- imports: U.S. imports from the country; exports: U.S. exports to it.
CREATE TABLE trade (
    country         TEXT NOT NULL REFERENCES country(alpha2),
    year            INTEGER NOT NULL,
    imports         REAL NOT NULL,
    exports         REAL NOT NULL,
    source          TEXT NOT NULL,
    PRIMARY KEY (country, year)
);

-- The same by commodity category; NULL amounts were not given by the source.
CREATE TABLE trade_commodity (
    country         TEXT NOT NULL REFERENCES country(alpha2),
    year            INTEGER NOT NULL,
    category        TEXT NOT NULL,
    imports         REAL,
    exports         REAL,
    source          TEXT NOT NULL,
    PRIMARY KEY (country, year, category)
);

-- Analyst threat inputs, kept as a history; the latest on or before the
-- ranking date counts.
CREATE TABLE threat (
    id              INTEGER PRIMARY KEY,
    country         TEXT NOT NULL REFERENCES country(alpha2),
    level           INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    day             TEXT NOT NULL,             -- YYYY-MM-DD
    note            TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    demo            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threat_country ON threat(country, day);
