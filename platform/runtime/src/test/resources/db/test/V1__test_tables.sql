-- Tables of the test application only.
CREATE TABLE note (
    id              UUID PRIMARY KEY,
    organisation_id UUID NOT NULL,
    title           TEXT NOT NULL
);
CREATE TABLE applied_event (
    organisation_id UUID PRIMARY KEY,
    times           INT NOT NULL
);
