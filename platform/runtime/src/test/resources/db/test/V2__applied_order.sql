-- The order in which the test consumer applied events (one row per application).
CREATE TABLE applied_order (
    seq             BIGSERIAL PRIMARY KEY,
    organisation_id UUID NOT NULL,
    name            TEXT NOT NULL
);
