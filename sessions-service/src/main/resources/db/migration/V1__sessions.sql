-- sessions-service: catalogue webinars, registrations, the known token balance, mentoring sessions.
-- Times are timestamptz (UTC); people see them in Europe/Paris.

-- The managed list of catalogue themes (ops add and retire them).
CREATE TABLE theme (
    name        TEXT        PRIMARY KEY,
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX theme_name_ci ON theme (lower(name));
INSERT INTO theme (name) VALUES ('Charlemagne'), ('EcoleDirecte');

-- A webinar of the catalogue.
CREATE TABLE catalogue_session (
    id                      UUID        PRIMARY KEY,
    title                   TEXT        NOT NULL,
    theme                   TEXT        NOT NULL REFERENCES theme (name),
    description             TEXT,
    starts_at               TIMESTAMPTZ NOT NULL,
    duration_minutes        INT         NOT NULL CHECK (duration_minutes > 0),
    ends_at                 TIMESTAMPTZ NOT NULL,
    trainer_id              TEXT        NOT NULL,
    capacity                INT         CHECK (capacity > 0),          -- organisations; NULL = unlimited
    registration_closes_at  TIMESTAMPTZ NOT NULL,
    status                  TEXT        NOT NULL,                      -- SCHEDULED | CANCELLED
    schedule_sequence       INT         NOT NULL DEFAULT 0,            -- iCalendar SEQUENCE, +1 per reschedule
    cancellation_reason     TEXT,
    cancelled_by            TEXT,
    cancelled_at            TIMESTAMPTZ,
    room_ready              BOOLEAN     NOT NULL DEFAULT FALSE,
    created_by              TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    version                 BIGINT      NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    CHECK (registration_closes_at <= starts_at)
);
CREATE INDEX catalogue_session_starts_at ON catalogue_session (starts_at);
CREATE INDEX catalogue_session_trainer ON catalogue_session (trainer_id, starts_at);

-- One organisation's registration to a webinar (the registration saga).
CREATE TABLE registration (
    id                UUID        PRIMARY KEY,
    session_id        UUID        NOT NULL REFERENCES catalogue_session (id),
    organisation_id   UUID        NOT NULL,
    status            TEXT        NOT NULL,        -- PENDING | CONFIRMED | REJECTED | CANCELLED
    requested_by      TEXT        NOT NULL,
    requested_at      TIMESTAMPTZ NOT NULL,
    decided_at        TIMESTAMPTZ,
    rejection_reason  TEXT,
    cancelled_by      TEXT,
    cancelled_at      TIMESTAMPTZ,
    refundable        BOOLEAN,                     -- set when cancelled
    awaiting_debit    BOOLEAN     NOT NULL DEFAULT FALSE, -- cancelled while PENDING: refund once the debit lands
    join_url          TEXT,
    version           BIGINT      NOT NULL DEFAULT 0
);
-- One live registration per organisation and session; a rejected or cancelled one may be followed by a new one.
CREATE UNIQUE INDEX registration_live_once ON registration (session_id, organisation_id)
    WHERE status IN ('PENDING', 'CONFIRMED');
CREATE INDEX registration_organisation ON registration (organisation_id);
CREATE INDEX registration_session ON registration (session_id);

-- The organisation's usable token balance as last told by tokens-service (balanceAfter of ledger events).
CREATE TABLE organisation_balance (
    organisation_id  UUID        PRIMARY KEY,
    balance          INT         NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    last_event_id    TEXT        NOT NULL
);

-- A one-to-one mentoring session or defence, its video facts and its report.
CREATE TABLE mentoring_session (
    id                      UUID        PRIMARY KEY,
    kind                    TEXT        NOT NULL,  -- MENTORING | DEFENCE
    title                   TEXT        NOT NULL,
    mentor_id               TEXT        NOT NULL,
    student_id              TEXT        NOT NULL,
    starts_at               TIMESTAMPTZ NOT NULL,
    duration_minutes        INT         NOT NULL CHECK (duration_minutes > 0),
    ends_at                 TIMESTAMPTZ NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    room_ready              BOOLEAN     NOT NULL DEFAULT FALSE,
    exception               BOOLEAN     NOT NULL DEFAULT FALSE,   -- a bug was reported: paid in full
    bug_reports             INT         NOT NULL DEFAULT 0,
    usage_recorded          BOOLEAN     NOT NULL DEFAULT FALSE,   -- a VideoUsageRecorded arrived
    video_used              BOOLEAN,
    video_first_join_at     TIMESTAMPTZ,
    video_last_leave_at     TIMESTAMPTZ,
    video_minutes           INT,                                  -- minutes with both present
    report_status           TEXT,                                 -- NULL until reported
    report_notes            TEXT,
    video_not_used_reason   TEXT,
    video_not_used_details  TEXT,
    cancelled_by            TEXT,                                 -- MENTOR | STUDENT when CANCELLED
    cancelled_late          BOOLEAN,
    reported_at             TIMESTAMPTZ,
    version                 BIGINT      NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at)
);
CREATE INDEX mentoring_session_mentor ON mentoring_session (mentor_id, starts_at);
CREATE INDEX mentoring_session_student ON mentoring_session (student_id, starts_at);
CREATE INDEX mentoring_session_starts_at ON mentoring_session (starts_at);
