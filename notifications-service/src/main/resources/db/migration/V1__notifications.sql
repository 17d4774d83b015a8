-- notifications-service: what it needs to address, schedule and send email, and the in-account feed.
-- Every time is timestamptz (UTC); Europe/Paris only appears in what people read.

-- Where to write to an organisation: built from OrganisationRegistered / OrganisationVerified.
CREATE TABLE organisation_contact (
    organisation_id UUID PRIMARY KEY,
    name            TEXT        NOT NULL,
    email           TEXT        NOT NULL,
    admin_user_id   TEXT,
    locale          TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Sessions as notifications needs them (titles, times, mentoring participants), from sessions events.
CREATE TABLE session (
    session_id       UUID PRIMARY KEY,
    kind             TEXT        NOT NULL,   -- WEBINAR, MENTORING, DEFENCE
    title            TEXT        NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    duration_minutes INT         NOT NULL,
    sequence         INT         NOT NULL DEFAULT 0,
    mentor_id        TEXT,
    mentor_email     TEXT,
    student_id       TEXT,
    student_email    TEXT,
    cancelled        BOOLEAN     NOT NULL DEFAULT false,
    cancel_reason    TEXT
);

-- Confirmed registrations: one calendar invite each (UID per registration, SEQUENCE grows on each change).
CREATE TABLE registration (
    registration_id  UUID PRIMARY KEY,
    session_id       UUID        NOT NULL,
    organisation_id  UUID        NOT NULL,
    session_title    TEXT        NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    duration_minutes INT         NOT NULL,
    sequence         INT         NOT NULL DEFAULT 0,
    status           TEXT        NOT NULL    -- CONFIRMED, CANCELLED
);
CREATE INDEX registration_session ON registration (session_id);

-- The link video-service made for a registration; it may arrive before or after the confirmation.
CREATE TABLE join_link (
    registration_id UUID PRIMARY KEY,
    session_id      UUID        NOT NULL,
    organisation_id UUID        NOT NULL,
    join_url        TEXT        NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL
);

-- Emails due later (the 48 h join link, mentoring reminders). Claimed FOR UPDATE SKIP LOCKED when due:
-- the claim renders the email rows and marks the reminder SENT in one transaction.
CREATE TABLE reminder (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT        NOT NULL,    -- JOIN_LINK, MENTORING
    registration_id UUID,                    -- JOIN_LINK
    session_id      UUID        NOT NULL,
    recipient_role  TEXT,                    -- MENTORING: MENTOR or STUDENT
    starts_at       TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL,    -- PENDING, SENT, DROPPED
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT reminder_once UNIQUE NULLS NOT DISTINCT (kind, registration_id, session_id, recipient_role)
);
CREATE INDEX reminder_due ON reminder (due_at) WHERE status = 'PENDING';
CREATE INDEX reminder_session ON reminder (session_id);

-- Every email is a row first (same transaction as the inbox record of its event), then sent by a worker.
CREATE TABLE email (
    id              UUID PRIMARY KEY,
    kind            TEXT        NOT NULL,
    dedup_key       TEXT UNIQUE,              -- event id + kind + recipient: a second insert is a no-op
    recipient       TEXT        NOT NULL,
    organisation_id UUID,
    user_id         TEXT,
    locale          TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    html            TEXT        NOT NULL,
    text            TEXT        NOT NULL,
    calendar        TEXT,                     -- the .ics attached, if any
    calendar_method TEXT,                     -- REQUEST or CANCEL
    status          TEXT        NOT NULL,     -- PENDING, SENDING, SENT, FAILED
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until     TIMESTAMPTZ,              -- SENDING only: after it, the worker is presumed dead
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX email_pending ON email (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX email_sending ON email (lease_until) WHERE status = 'SENDING';
CREATE INDEX email_status ON email (status, created_at DESC);

-- The in-account feed. A row with user_id is that user's; a row with only organisation_id is seen by
-- every member of the organisation. Read state is per user.
CREATE TABLE notification (
    id              UUID PRIMARY KEY,
    organisation_id UUID,
    user_id         TEXT,
    kind            TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    link            TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK (organisation_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE INDEX notification_user ON notification (user_id, created_at DESC);
CREATE INDEX notification_organisation ON notification (organisation_id, created_at DESC);

CREATE TABLE notification_read (
    notification_id UUID        NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    user_id         TEXT        NOT NULL,
    read_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);

-- A user's email settings: where they want mail (from their token), language, and optional emails.
CREATE TABLE user_profile (
    user_id         TEXT PRIMARY KEY,
    organisation_id UUID,
    email           TEXT,
    locale          TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_profile_organisation ON user_profile (organisation_id);

CREATE TABLE user_preference (
    user_id  TEXT    NOT NULL REFERENCES user_profile (user_id) ON DELETE CASCADE,
    category TEXT    NOT NULL,
    enabled  BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, category)
);
