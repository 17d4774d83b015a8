-- Orders of tokens (by card through Stripe Checkout, or by purchase order approved by ops) and the invoices and
-- credit notes they give rise to.

CREATE TABLE token_order (
    id                          UUID PRIMARY KEY,
    organisation_id             UUID        NOT NULL,
    quantity                    INT         NOT NULL CHECK (quantity > 0),
    payment_method              TEXT        NOT NULL CHECK (payment_method IN ('CARD', 'PURCHASE_ORDER')),
    status                      TEXT        NOT NULL,
    currency                    TEXT        NOT NULL,
    unit_excluding_tax          BIGINT      NOT NULL,
    vat_rate_basis_points       INT         NOT NULL,
    total_excluding_tax         BIGINT      NOT NULL,
    vat                         BIGINT      NOT NULL,
    total_including_tax         BIGINT      NOT NULL,
    purchase_order_reference    TEXT,
    billing_name                TEXT,
    billing_address             TEXT,
    billing_postcode            TEXT,
    billing_city                TEXT,
    billing_country             TEXT,
    billing_siret               TEXT,
    billing_vat_number          TEXT,
    billing_email               TEXT,
    chorus_service_code         TEXT,
    chorus_engagement_number    TEXT,
    stripe_checkout_session_id  TEXT UNIQUE,
    checkout_url                TEXT,
    rejection_reason            TEXT,
    payment_reference           TEXT,
    created_by                  TEXT        NOT NULL,
    created_at                  TIMESTAMPTZ NOT NULL,
    decided_by                  TEXT,
    decided_at                  TIMESTAMPTZ,
    paid_at                     TIMESTAMPTZ,
    cancelled_at                TIMESTAMPTZ,
    invoice_id                  UUID,
    version                     INT         NOT NULL DEFAULT 0
);
CREATE INDEX token_order_org ON token_order (organisation_id, created_at DESC);
CREATE INDEX token_order_awaiting ON token_order (created_at) WHERE status = 'AWAITING_APPROVAL';

-- One row per year: the last number issued. Taken with UPDATE … RETURNING in the issuing transaction, so numbers
-- follow the order of issue, a rolled-back issue gives its number back, and there is never a gap or a reuse.
CREATE TABLE invoice_number (
    year       INT PRIMARY KEY,
    last_value INT NOT NULL
);

CREATE TABLE invoice (
    id                        UUID PRIMARY KEY,
    number                    TEXT        NOT NULL UNIQUE,
    year                      INT         NOT NULL,
    sequence                  INT         NOT NULL,
    kind                      TEXT        NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
    status                    TEXT        NOT NULL,
    organisation_id           UUID        NOT NULL,
    order_id                  UUID,
    credits_invoice_id        UUID UNIQUE,                 -- for a credit note: the invoice it cancels (once)
    issued_at                 TIMESTAMPTZ NOT NULL,
    issued_on                 DATE        NOT NULL,
    due_on                    DATE,
    paid_at                   TIMESTAMPTZ,
    currency                  TEXT        NOT NULL,
    line_description          TEXT        NOT NULL,
    quantity                  INT         NOT NULL,
    unit_excluding_tax        BIGINT      NOT NULL,
    vat_rate_basis_points     INT         NOT NULL,
    total_excluding_tax       BIGINT      NOT NULL,
    vat                       BIGINT      NOT NULL,
    total_including_tax       BIGINT      NOT NULL,
    payment_method            TEXT        NOT NULL,
    payment_terms             TEXT        NOT NULL,
    buyer_name                TEXT        NOT NULL,
    buyer_address             TEXT,
    buyer_postcode            TEXT,
    buyer_city                TEXT,
    buyer_country             TEXT,
    buyer_siret               TEXT,
    buyer_vat_number          TEXT,
    buyer_email               TEXT,
    purchase_order_reference  TEXT,
    chorus_service_code       TEXT,
    chorus_engagement_number  TEXT,
    note                      TEXT,
    UNIQUE (year, sequence)
);
CREATE INDEX invoice_org ON invoice (organisation_id, issued_at DESC);
CREATE INDEX invoice_issued_at ON invoice (issued_at);
