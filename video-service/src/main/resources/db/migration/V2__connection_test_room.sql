-- The one provider room every client runs its pre-call network test in (created on first use).
CREATE TABLE connection_test_room (
    provider         text PRIMARY KEY,
    provider_room_id text        NOT NULL,
    created_at       timestamptz NOT NULL
);
