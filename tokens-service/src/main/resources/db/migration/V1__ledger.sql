-- The token ledger: one account row per organisation (the lock every posting takes, and the running balance),
-- lots of tokens by expiry, and the append-only journal of postings.

CREATE TABLE token_account (
    organisation_id UUID PRIMARY KEY,
    balance         INT         NOT NULL DEFAULT 0 CHECK (balance >= 0),   -- sum of the postings
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE token_lot (
    id                   UUID PRIMARY KEY,
    organisation_id      UUID        NOT NULL,
    expires_at           TIMESTAMPTZ NOT NULL,
    remaining            INT         NOT NULL CHECK (remaining >= 0),
    expiring_notified_at TIMESTAMPTZ,                                      -- the 30-day warning went out
    UNIQUE (organisation_id, expires_at)
);
CREATE INDEX token_lot_due ON token_lot (expires_at) WHERE remaining > 0;

CREATE TABLE posting (
    seq             BIGSERIAL   NOT NULL UNIQUE,                           -- journal order
    id              UUID PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('CREDIT', 'DEBIT', 'REFUND', 'EXPIRY')),
    quantity        INT         NOT NULL CHECK (quantity <> 0),
    lot_expires_at  TIMESTAMPTZ NOT NULL,
    cause_type      TEXT        NOT NULL,
    cause_id        UUID        NOT NULL,
    cause_key       TEXT        NOT NULL,                                  -- one posting per cause and kind
    session_id      UUID,
    order_id        UUID,
    credit_reason   TEXT,
    note            TEXT,                                      -- why ops granted tokens
    balance_after   INT         NOT NULL CHECK (balance_after >= 0),
    posted_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, cause_key)
);
CREATE INDEX posting_org_seq ON posting (organisation_id, seq DESC);
CREATE INDEX posting_session_debits ON posting (session_id) WHERE kind = 'DEBIT';
CREATE INDEX posting_posted_at ON posting (posted_at);

-- Postings are immutable: a mistake is fixed by a new posting, never an edit.
CREATE FUNCTION posting_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'postings are append-only';
END $$;
CREATE TRIGGER posting_append_only BEFORE UPDATE OR DELETE ON posting
    FOR EACH ROW EXECUTE FUNCTION posting_is_append_only();
