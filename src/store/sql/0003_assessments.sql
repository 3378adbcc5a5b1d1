-- 0003: engagements and ISPS assessments - the checklist catalogue, visits
-- (team, officials, sites), assessments and their answers, findings,
-- recommendations with a dated status history, best practices, port
-- facility drills and exercises, and country determinations with the rule's
-- proposal kept beside the decision.
-- Portable SQL only. Ids are INTEGER PRIMARY KEY (a PostgreSQL backend maps
-- them to identity columns). Tables people edit carry `version` for
-- optimistic concurrency; `demo` = 1 marks demonstration data.

CREATE TABLE checklist (
    name            TEXT NOT NULL,
    version         TEXT NOT NULL,
    title           TEXT,
    doc             TEXT NOT NULL,              -- the catalogue JSON as loaded
    loaded_at       TEXT NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE visit (
    id              INTEGER PRIMARY KEY,
    country         TEXT NOT NULL REFERENCES country(alpha2),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('assessment', 'engagement', 'follow-up', 'remote')),
    start_date      TEXT NOT NULL,              -- YYYY-MM-DD
    end_date        TEXT NOT NULL,
    notes           TEXT,
    demo            INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visit_country ON visit(country, end_date);

-- Team members (role 'team') and host officials met (role 'official').
CREATE TABLE visit_person (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visit(id),
    role            TEXT NOT NULL CHECK (role IN ('team', 'official')),
    name            TEXT NOT NULL,
    organization    TEXT,
    title           TEXT
);
CREATE INDEX visit_person_visit ON visit_person(visit_id);

-- Ports and port facilities visited (facility NULL for a port-level visit).
CREATE TABLE visit_site (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visit(id),
    port            TEXT NOT NULL REFERENCES port(locode),
    facility        TEXT REFERENCES facility(number)
);
CREATE INDEX visit_site_visit ON visit_site(visit_id);

CREATE TABLE assessment (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visit(id),
    scope           TEXT NOT NULL CHECK (scope IN ('country', 'facility')),
    country         TEXT NOT NULL REFERENCES country(alpha2),
    facility        TEXT REFERENCES facility(number),
    checklist_name  TEXT NOT NULL,
    checklist_version TEXT NOT NULL,
    assessed_on     TEXT NOT NULL,
    assessor        TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_on       TEXT,
    demo            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (checklist_name, checklist_version) REFERENCES checklist(name, version)
);
CREATE INDEX assessment_visit ON assessment(visit_id);
CREATE INDEX assessment_country ON assessment(country, status);

CREATE TABLE answer (
    assessment_id   INTEGER NOT NULL REFERENCES assessment(id),
    item            TEXT NOT NULL,
    answer          TEXT NOT NULL CHECK (answer IN ('YES', 'NO', 'NA', 'NO_OBS')),
    note            TEXT,
    evidence        TEXT,                       -- JSON array of strings
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (assessment_id, item)
);

-- Every NO of a closed assessment; written when the assessment is closed.
CREATE TABLE finding (
    id              INTEGER PRIMARY KEY,
    assessment_id   INTEGER NOT NULL REFERENCES assessment(id),
    item            TEXT NOT NULL,
    found_on        TEXT NOT NULL,
    note            TEXT,
    UNIQUE (assessment_id, item)
);

CREATE TABLE recommendation (
    id              INTEGER PRIMARY KEY,
    country         TEXT NOT NULL REFERENCES country(alpha2),
    text            TEXT NOT NULL,
    priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high')),
    owner           TEXT,                       -- host-government body
    due             TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'in-progress', 'implemented', 'verified',
                                      'not-accepted')),
    created_on      TEXT NOT NULL,
    demo            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX recommendation_country ON recommendation(country);

CREATE TABLE recommendation_finding (
    recommendation_id INTEGER NOT NULL REFERENCES recommendation(id),
    finding_id      INTEGER NOT NULL REFERENCES finding(id),
    PRIMARY KEY (recommendation_id, finding_id)
);

CREATE TABLE recommendation_history (
    id              INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendation(id),
    changed_on      TEXT NOT NULL,
    status          TEXT NOT NULL,
    note            TEXT
);
CREATE INDEX recommendation_history_rec ON recommendation_history(recommendation_id);

-- Best practices observed or shared. country is the source and is never exported.
CREATE TABLE practice (
    id              INTEGER PRIMARY KEY,
    section         TEXT NOT NULL,
    title           TEXT NOT NULL,
    text            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('observed', 'shared')),
    country         TEXT REFERENCES country(alpha2),
    visit_id        INTEGER REFERENCES visit(id),
    demo            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE drill (
    id              INTEGER PRIMARY KEY,
    facility        TEXT NOT NULL REFERENCES facility(number),
    kind            TEXT NOT NULL CHECK (kind IN ('drill', 'exercise')),
    held_on         TEXT NOT NULL,
    scenario        TEXT,
    notes           TEXT,
    demo            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX drill_facility ON drill(facility, held_on);

-- The official decision (made by a person) with the rule's proposal beside it.
CREATE TABLE determination (
    id              INTEGER PRIMARY KEY,
    country         TEXT NOT NULL REFERENCES country(alpha2),
    result          TEXT NOT NULL
                    CHECK (result IN ('effective', 'effective-with-recommendations',
                                      'not-effective')),
    decided_on      TEXT NOT NULL,
    rationale       TEXT NOT NULL,
    notified_on     TEXT,                       -- not effective: notification date
    correction_deadline TEXT,                   -- notified_on + 90 days (46 U.S.C. 70110(b))
    proposal_result TEXT NOT NULL,
    proposal        TEXT NOT NULL,              -- JSON: the proposal and its reasons
    recorded_at     TEXT NOT NULL,
    demo            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX determination_country ON determination(country, decided_on);
