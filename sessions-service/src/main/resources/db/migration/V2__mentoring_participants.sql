-- Mentors' and students' contact details, copied from accounts-service's MentoringUserCreated so that
-- SessionScheduled can carry where notifications-service sends the invites. PersonalDataErased deletes the row.
CREATE TABLE mentoring_participant (
    user_id    VARCHAR(255) PRIMARY KEY,
    role       VARCHAR(16)  NOT NULL,
    email      VARCHAR(320) NOT NULL,
    first_name VARCHAR(255) NOT NULL,
    locale     VARCHAR(16)  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
