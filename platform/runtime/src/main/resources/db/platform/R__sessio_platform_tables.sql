-- Tables every service has: outbox, inbox, idempotency keys.
-- A repeatable migration (runs after the service's own versioned ones) written to be re-runnable:
-- additive changes only (IF NOT EXISTS), so services never collide with platform version numbers.

CREATE TABLE IF NOT EXISTS outbox (
    id             BIGSERIAL PRIMARY KEY,          -- publication order
    event_id       UUID        NOT NULL UNIQUE,    -- ce_id
    topic          TEXT        NOT NULL,
    kafka_key      TEXT        NOT NULL,           -- the aggregate consumers must see in order
    ce_type        TEXT        NOT NULL,
    ce_source      TEXT        NOT NULL,
    ce_subject     TEXT,
    ce_time        TIMESTAMPTZ NOT NULL,
    payload        JSON        NOT NULL,          -- JSON, not JSONB: the bytes go out exactly as written
    sent_at        TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relay at commit time; a rolled-back insert never notifies.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sessio_outbox', '');
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS outbox_inserted ON outbox;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TABLE IF NOT EXISTS inbox (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    ce_type      TEXT,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS inbox_received_at ON inbox (received_at);

CREATE TABLE IF NOT EXISTS idempotency_key (
    caller          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    fingerprint     TEXT        NOT NULL,          -- SHA-256 of method, path and body
    status          INT         NOT NULL,
    body            TEXT,
    location        TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX IF NOT EXISTS idempotency_key_created_at ON idempotency_key (created_at);
