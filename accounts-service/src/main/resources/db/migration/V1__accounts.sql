-- Organisations (schools and other training customers), their members, single-use action tokens,
-- partner API clients, and the counters behind rate limits. Identities and credentials live in Keycloak;
-- member.user_id is the Keycloak user id.

CREATE TABLE organisation (
    id                        UUID PRIMARY KEY,
    name                      TEXT        NOT NULL,
    uai                       TEXT,
    siret                     TEXT,
    street                    TEXT        NOT NULL,
    postal_code               TEXT        NOT NULL,
    city                      TEXT        NOT NULL,
    country                   TEXT        NOT NULL,
    status                    TEXT        NOT NULL,
    billing_street            TEXT,
    billing_postal_code       TEXT,
    billing_city              TEXT,
    billing_country           TEXT,
    vat_number                TEXT,
    chorus_siret              TEXT,
    chorus_service_code       TEXT,
    chorus_commitment_number  TEXT,
    suspension_reason         TEXT,
    created_at                TIMESTAMPTZ NOT NULL,
    verified_at               TIMESTAMPTZ,
    suspended_at              TIMESTAMPTZ,
    version                   BIGINT      NOT NULL DEFAULT 0
);
-- Only one account per school: the same UAI or SIRET cannot sign up twice.
CREATE UNIQUE INDEX organisation_uai ON organisation (uai) WHERE uai IS NOT NULL;
CREATE UNIQUE INDEX organisation_siret ON organisation (siret) WHERE siret IS NOT NULL;
CREATE INDEX organisation_name ON organisation (lower(name));

CREATE TABLE member (
    id                  UUID PRIMARY KEY,
    organisation_id     UUID REFERENCES organisation (id),   -- null for mentors and students
    user_id             TEXT UNIQUE,                          -- Keycloak user id; null while only invited
    email               TEXT        NOT NULL,                 -- lower case
    first_name          TEXT,
    last_name           TEXT,
    phone               TEXT,
    locale              TEXT        NOT NULL,
    role                TEXT        NOT NULL,
    status              TEXT        NOT NULL,
    invited_by          TEXT,
    rqth                BOOLEAN     NOT NULL DEFAULT FALSE,
    recording_allowed   BOOLEAN     NOT NULL DEFAULT FALSE,
    extra_time_percent  INT,
    accommodation_notes TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    version             BIGINT      NOT NULL DEFAULT 0
);
-- One live account per email address (removed and erased members free it).
CREATE UNIQUE INDEX member_live_email ON member (email) WHERE status IN ('PENDING_VERIFICATION', 'INVITED', 'ACTIVE');
CREATE INDEX member_organisation ON member (organisation_id, created_at);

CREATE TABLE action_token (
    id              UUID PRIMARY KEY,
    purpose         TEXT        NOT NULL,                     -- VERIFY_EMAIL, PASSWORD_RESET, INVITATION
    token_hash      TEXT        NOT NULL UNIQUE,              -- SHA-256 of the secret; the secret is never stored
    member_id       UUID        NOT NULL REFERENCES member (id),
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX action_token_member ON action_token (member_id, purpose);

CREATE TABLE api_client (
    id                 UUID PRIMARY KEY,
    organisation_id    UUID        NOT NULL REFERENCES organisation (id),
    name               TEXT        NOT NULL,
    client_id          TEXT        NOT NULL UNIQUE,           -- the OAuth client id partners use
    keycloak_id        TEXT        NOT NULL,                  -- Keycloak's internal id of that client
    created_by         TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    secret_rotated_at  TIMESTAMPTZ,
    revoked_at         TIMESTAMPTZ
);
CREATE INDEX api_client_organisation ON api_client (organisation_id, created_at);

CREATE TABLE rate_limit_hit (
    bucket  TEXT        NOT NULL,
    hit_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX rate_limit_hit_bucket ON rate_limit_hit (bucket, hit_at);
