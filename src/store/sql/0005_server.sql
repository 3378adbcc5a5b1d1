-- 0005: the server's users, sessions, API tokens, login throttling and the
-- audit trail. Portable SQL only. Secrets (passwords, session cookies, API
-- tokens) are never stored: only their Argon2id or BLAKE2b hashes.

CREATE TABLE app_user (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,             -- viewer, analyst, approver, admin
    pwhash          TEXT NOT NULL,             -- crypto_pwhash_str (Argon2id) string
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,             -- ISO 8601 UTC
    version         INTEGER NOT NULL DEFAULT 1
);

-- Browser sessions. token_hash is the hex BLAKE2b of the cookie value, so a
-- copy of the database does not hand out live sessions.
CREATE TABLE web_session (
    token_hash      TEXT PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES app_user(id),
    csrf            TEXT NOT NULL,             -- sent back in X-CSRF-Token on writes
    created_at      INTEGER NOT NULL,          -- seconds since 1970 (UTC)
    expires_at      INTEGER NOT NULL,
    seen_at         INTEGER NOT NULL
);
CREATE INDEX web_session_user ON web_session(user_id);

-- API tokens for machines, hashed like sessions.
CREATE TABLE api_token (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES app_user(id),
    label           TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER,                   -- NULL: until revoked
    revoked         INTEGER NOT NULL DEFAULT 0
);

-- Failed logins per key ("user:NAME", "addr:IP"), shared by every server
-- on the database so throttling holds across processes.
CREATE TABLE login_throttle (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_at         INTEGER NOT NULL
);

-- Every write: who, when, what, the record before and after (JSON text).
CREATE TABLE audit (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,             -- ISO 8601 UTC
    actor           TEXT NOT NULL,             -- user name, or "cli:LOGIN"
    via             TEXT NOT NULL,             -- cli, api
    action          TEXT NOT NULL,             -- create, update, disable, ...
    entity          TEXT NOT NULL,             -- country, user, advisory, ...
    entity_key      TEXT,
    before_json     TEXT,
    after_json      TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_key);
CREATE INDEX audit_actor ON audit(actor);
