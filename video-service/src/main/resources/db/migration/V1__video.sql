-- One room per session, created at the provider once (PENDING until then).
CREATE TABLE room (
    session_id        uuid PRIMARY KEY,
    kind              text        NOT NULL,
    title             text        NOT NULL,
    starts_at         timestamptz NOT NULL,
    duration_minutes  int         NOT NULL,
    trainer_id        text,
    mentor_id         text,
    student_id        text,
    status            text        NOT NULL,
    provider          text        NOT NULL,
    provider_room_id  text UNIQUE,
    meeting_url       text,
    attempts          int         NOT NULL DEFAULT 0,
    last_error        text,
    created_at        timestamptz NOT NULL,
    ready_at          timestamptz,
    closed_at         timestamptz,
    usage_recorded_at timestamptz,
    version           bigint      NOT NULL DEFAULT 0
);
CREATE INDEX room_pending ON room (created_at) WHERE status = 'PENDING';
CREATE INDEX room_to_close ON room (starts_at) WHERE status = 'READY' AND usage_recorded_at IS NULL;

-- One join link per confirmed registration; the code is the only secret.
CREATE TABLE join_link (
    registration_id   uuid PRIMARY KEY,
    code              text        NOT NULL UNIQUE,
    session_id        uuid        NOT NULL,
    organisation_id   uuid        NOT NULL,
    session_title     text        NOT NULL,
    session_starts_at timestamptz NOT NULL,
    duration_minutes  int         NOT NULL,
    issued_at         timestamptz NOT NULL,
    cancelled_at      timestamptz
);
CREATE INDEX join_link_session ON join_link (session_id, organisation_id);

-- Who joined through a link, from which organisation, when.
CREATE TABLE attendance (
    id              uuid PRIMARY KEY,
    registration_id uuid        NOT NULL REFERENCES join_link (registration_id),
    session_id      uuid        NOT NULL,
    organisation_id uuid        NOT NULL,
    display_name    text        NOT NULL,
    joined_at       timestamptz NOT NULL
);
CREATE INDEX attendance_session ON attendance (session_id);

-- Provider callbacks already applied (Vonage retries): the hash of the body.
CREATE TABLE provider_callback (
    body_hash   text PRIMARY KEY,
    event       text,
    received_at timestamptz NOT NULL
);

-- Connections seen in session-monitoring callbacks: what usage is computed from.
CREATE TABLE connection_interval (
    connection_id  text PRIMARY KEY,
    session_id     uuid        NOT NULL,
    participant_id text        NOT NULL,
    joined_at      timestamptz NOT NULL,
    left_at        timestamptz
);
CREATE INDEX connection_interval_session ON connection_interval (session_id);

CREATE TABLE recording (
    id               uuid PRIMARY KEY,
    session_id       uuid        NOT NULL,
    archive_id       text        NOT NULL UNIQUE,
    status           text        NOT NULL,
    requested_by     text,
    started_at       timestamptz NOT NULL,
    location         text,
    duration_seconds bigint,
    available_at     timestamptz,
    available_until  timestamptz,
    deleted_at       timestamptz
);
CREATE INDEX recording_session ON recording (session_id);

CREATE TABLE connection_test_result (
    id         uuid PRIMARY KEY,
    user_id    text        NOT NULL,
    session_id uuid,
    result     jsonb       NOT NULL,
    browser    text,
    created_at timestamptz NOT NULL
);
CREATE INDEX connection_test_result_user ON connection_test_result (user_id, created_at DESC);

CREATE TABLE bug_report (
    id               uuid PRIMARY KEY,
    session_id       uuid        NOT NULL,
    reporter_id      text        NOT NULL,
    organisation_id  uuid,
    category         text        NOT NULL,
    phase            text        NOT NULL,
    details          text        NOT NULL,
    provider         text,
    provider_room_id text,
    connection_ids   jsonb       NOT NULL,
    connection_test  jsonb,
    browser          text,
    status           text        NOT NULL,
    triage_note      text,
    triaged_by       text,
    triaged_at       timestamptz,
    created_at       timestamptz NOT NULL
);
CREATE INDEX bug_report_status ON bug_report (status, created_at);

CREATE TABLE feedback (
    id              uuid PRIMARY KEY,
    session_id      uuid,
    user_id         text        NOT NULL,
    organisation_id uuid,
    rating          int,
    message         text        NOT NULL,
    created_at      timestamptz NOT NULL
);
