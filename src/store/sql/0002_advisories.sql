-- 0002: Port Security Advisories and conditions of entry, the targeting
-- matrix with its lists, vessels with their control actions and
-- examinations, and stored screenings.
-- Portable SQL only (INTEGER, REAL, TEXT; dates as TEXT YYYY-MM-DD).

-- An advisory (PSA, Federal Register notice, or a dated list snapshot).
CREATE TABLE advisory (
    id              TEXT PRIMARY KEY,          -- "PSA 2-19", or descriptive where no number is known
    number          TEXT,                      -- "2-19"
    issued          TEXT,                      -- "YYYY", "YYYY-MM" or "YYYY-MM-DD" as known
    title           TEXT NOT NULL,
    source          TEXT NOT NULL,             -- citation
    refs            TEXT,                      -- source keys, comma-separated
    seq             INTEGER NOT NULL,          -- load order
    added_at        TEXT NOT NULL
);

-- One dated change. The effective day lies in [not_before, by_date]; equal
-- for an exact date. A question inside the interval is answered "uncertain".
CREATE TABLE advisory_change (
    id              INTEGER PRIMARY KEY,
    advisory        TEXT NOT NULL REFERENCES advisory(id),
    seq             INTEGER NOT NULL,          -- order within the advisory
    action          TEXT NOT NULL,             -- add_country | remove_country | add_exception | remove_exception
    country         TEXT NOT NULL,             -- ISO alpha-2
    country_name    TEXT,
    facility        TEXT,                      -- IMO port facility number, NULL when none printed
    facility_name   TEXT,
    not_before      TEXT NOT NULL,
    by_date         TEXT NOT NULL,
    basis           TEXT,                      -- add_country: assessment | state-sponsor-of-terrorism
    confidence      TEXT NOT NULL,             -- confirmed | partly | assumed
    last_confirmed  TEXT,
    note            TEXT
);
CREATE INDEX advisory_change_country ON advisory_change(country, not_before);
CREATE INDEX advisory_change_advisory ON advisory_change(advisory, seq);

-- Excepted port facilities are the exception changes above.
CREATE VIEW coe_exception AS
    SELECT advisory, action, country, facility, facility_name, not_before, by_date,
           confidence, last_confirmed, note
    FROM advisory_change
    WHERE action IN ('add_exception', 'remove_exception');

-- The seven conditions (kind 'condition') and the enforcement notes (kind 'enforcement').
CREATE TABLE coe_text (
    kind            TEXT NOT NULL,
    number          INTEGER NOT NULL,
    text            TEXT NOT NULL,
    confidence      TEXT NOT NULL,
    PRIMARY KEY (kind, number)
);

-- Targeting matrix rule sets, kept whole by version so an old screening
-- can be recomputed as it was.
CREATE TABLE target_matrix (
    version         TEXT PRIMARY KEY,
    document        TEXT NOT NULL,             -- the rules and bands as JSON (data/targeting format)
    loaded_at       TEXT NOT NULL
);

-- Each change of the lists is a revision; a result names "VERSION+rREV".
CREATE TABLE target_rev (
    rev             INTEGER PRIMARY KEY,
    matrix          TEXT NOT NULL REFERENCES target_matrix(version),
    at              TEXT NOT NULL,
    what            TEXT NOT NULL
);

-- Targeted flags (alpha-2), RSOs and companies, valid on [valid_from, valid_to].
CREATE TABLE target_list (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,             -- flag | rso | company
    name            TEXT NOT NULL,
    points          INTEGER NOT NULL,
    valid_from      TEXT,                      -- NULL: open
    valid_to        TEXT,
    basis           TEXT NOT NULL,             -- confirmed | assumed
    note            TEXT,
    rev             INTEGER NOT NULL REFERENCES target_rev(rev)
);
CREATE INDEX target_list_kind ON target_list(kind, name);

CREATE TABLE vessel (
    imo             TEXT PRIMARY KEY,          -- 7 digits, check digit verified
    mmsi            TEXT,
    name            TEXT,
    flag            TEXT,
    type            TEXT,
    rso             TEXT,
    owner           TEXT,
    operator        TEXT,
    charterer       TEXT,
    built           INTEGER,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

-- Port state control actions: detention, expulsion, denial (of entry), restriction.
CREATE TABLE vessel_action (
    id              INTEGER PRIMARY KEY,
    imo             TEXT NOT NULL REFERENCES vessel(imo),
    day             TEXT NOT NULL,
    kind            TEXT NOT NULL,
    security        INTEGER NOT NULL,          -- 1: ISPS-related
    note            TEXT
);
CREATE INDEX vessel_action_imo ON vessel_action(imo, day);

-- Examinations: isps | safety.
CREATE TABLE vessel_exam (
    id              INTEGER PRIMARY KEY,
    imo             TEXT NOT NULL REFERENCES vessel(imo),
    day             TEXT NOT NULL,
    kind            TEXT NOT NULL,
    note            TEXT
);
CREATE INDEX vessel_exam_imo ON vessel_exam(imo, day);

CREATE TABLE screening (
    id              INTEGER PRIMARY KEY,
    noa_id          TEXT,
    imo             TEXT NOT NULL,
    eta             TEXT NOT NULL,
    arrival_port    TEXT NOT NULL,
    coe_status      TEXT NOT NULL,             -- applies | does-not-apply | uncertain
    priority        TEXT NOT NULL,
    points          INTEGER NOT NULL,
    matrix_version  TEXT NOT NULL,
    noa             TEXT NOT NULL,             -- the NOA as received
    result          TEXT NOT NULL,             -- the result document
    screened_at     TEXT NOT NULL
);
CREATE INDEX screening_imo ON screening(imo, eta);
