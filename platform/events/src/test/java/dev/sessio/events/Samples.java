package dev.sessio.events;

import dev.sessio.events.accounts.MemberInvited;
import dev.sessio.events.accounts.MentoringUserCreated;
import dev.sessio.events.accounts.OrganisationReactivated;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.accounts.OrganisationSuspended;
import dev.sessio.events.accounts.OrganisationVerified;
import dev.sessio.events.accounts.PasswordResetRequested;
import dev.sessio.events.accounts.PersonalDataErased;
import dev.sessio.events.sessions.MentoringSessionReported;
import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.sessions.RegistrationRejected;
import dev.sessio.events.sessions.RegistrationRequested;
import dev.sessio.events.sessions.SessionCancelled;
import dev.sessio.events.sessions.SessionKind;
import dev.sessio.events.sessions.SessionRescheduled;
import dev.sessio.events.sessions.SessionScheduled;
import dev.sessio.events.tokens.InvoiceIssued;
import dev.sessio.events.tokens.OrderAwaitingApproval;
import dev.sessio.events.tokens.OrderRejected;
import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.events.tokens.TokenRefunded;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpired;
import dev.sessio.events.tokens.TokensExpiring;
import dev.sessio.events.video.BugReported;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.events.video.RecordingAvailable;
import dev.sessio.events.video.VideoRoomReady;
import dev.sessio.events.video.VideoUsageRecorded;
import dev.sessio.events.video.VideoUsageRecorded.ParticipantUsage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One realistic instance per contract with every optional field filled, and a second one with
 * every optional field null where the contract has any.
 */
final class Samples {

    static final UUID ORGANISATION = UUID.fromString("5f0c1d6e-2a4b-4c8d-9e0f-1a2b3c4d5e6f");
    static final UUID SESSION = UUID.fromString("a1b2c3d4-e5f6-4789-8abc-def012345678");
    static final UUID REGISTRATION = UUID.fromString("0d9c8b7a-6f5e-4d3c-8b2a-190817263544");
    static final UUID POSTING = UUID.fromString("7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9");
    static final UUID ORDER = UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab");
    static final String ADMIN = "f47ac10b-58cc-4372-a567-0e02b2c3d479";
    static final String MENTOR = "mentor-3f2e";
    static final String STUDENT = "student-9a8b";
    static final Instant STARTS_AT = Instant.parse("2026-03-12T09:00:00Z");
    static final Instant SCHOOL_YEAR_END = Instant.parse("2026-08-31T21:59:59Z");
    static final Instant LINK_EXPIRY = Instant.parse("2026-03-03T10:15:30.412Z");

    private static final Map<Class<?>, List<Object>> SAMPLES = Map.ofEntries(
            // accounts
            Map.entry(OrganisationRegistered.class, List.of(
                    new OrganisationRegistered(ORGANISATION, "Lycée Victor Hugo", "0750001A", "19750001200017",
                            ADMIN, "direction@lycee-hugo.fr", "Claire", "Martin", "fr-FR",
                            "cf-8Qz1", LINK_EXPIRY, false),
                    new OrganisationRegistered(ORGANISATION, "Lycée Victor Hugo", null, null,
                            ADMIN, "direction@lycee-hugo.fr", "Claire", "Martin", "fr-FR",
                            "cf-9Rk2", LINK_EXPIRY, true))),
            Map.entry(OrganisationVerified.class, List.of(
                    new OrganisationVerified(ORGANISATION, "Lycée Victor Hugo", ADMIN, "direction@lycee-hugo.fr", "fr-FR"))),
            Map.entry(MemberInvited.class, List.of(
                    new MemberInvited(ORGANISATION, "Lycée Victor Hugo", "vie-scolaire@lycee-hugo.fr",
                            MemberInvited.Role.SCHOOL_STAFF, ADMIN, "inv-4Tq7", LINK_EXPIRY, "fr-FR"))),
            Map.entry(PasswordResetRequested.class, List.of(
                    new PasswordResetRequested(ADMIN, "direction@lycee-hugo.fr", "Claire", "fr-FR", "rst-2Lm5", LINK_EXPIRY))),
            Map.entry(OrganisationSuspended.class, List.of(
                    new OrganisationSuspended(ORGANISATION, "Unpaid purchase order"),
                    new OrganisationSuspended(ORGANISATION, null))),
            Map.entry(OrganisationReactivated.class, List.of(new OrganisationReactivated(ORGANISATION))),
            Map.entry(PersonalDataErased.class, List.of(
                    new PersonalDataErased(ADMIN, ORGANISATION),
                    new PersonalDataErased(STUDENT, null))),
            Map.entry(MentoringUserCreated.class, List.of(
                    new MentoringUserCreated(STUDENT, MentoringUserCreated.Role.STUDENT, "lea.moreau@example.fr", "Léa", "fr"),
                    new MentoringUserCreated(MENTOR, MentoringUserCreated.Role.MENTOR, "sam.jones@sessio.dev", "Sam", "en"))),
            // tokens
            Map.entry(TokensCredited.class, List.of(
                    new TokensCredited(ORGANISATION, POSTING, 10, SCHOOL_YEAR_END, TokensCredited.Reason.PURCHASE, ORDER, 12),
                    new TokensCredited(ORGANISATION, POSTING, 2, SCHOOL_YEAR_END, TokensCredited.Reason.GRANT, null, 2))),
            Map.entry(TokenDebited.class, List.of(
                    new TokenDebited(ORGANISATION, POSTING, REGISTRATION, SESSION, SCHOOL_YEAR_END, 11))),
            Map.entry(TokenDebitRejected.class, List.of(
                    new TokenDebitRejected(ORGANISATION, REGISTRATION, SESSION, TokenDebitRejected.Reason.INSUFFICIENT_TOKENS, 0))),
            Map.entry(TokenRefunded.class, List.of(
                    new TokenRefunded(ORGANISATION, POSTING, REGISTRATION, SESSION, 1, SCHOOL_YEAR_END, 12))),
            Map.entry(TokensExpired.class, List.of(
                    new TokensExpired(ORGANISATION, POSTING, 3, SCHOOL_YEAR_END, 0))),
            Map.entry(TokensExpiring.class, List.of(new TokensExpiring(ORGANISATION, 3, SCHOOL_YEAR_END))),
            Map.entry(InvoiceIssued.class, List.of(
                    new InvoiceIssued(ORGANISATION, UUID.fromString("1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"), "F-2026-000042",
                            ORDER, InvoiceIssued.Kind.INVOICE, Money.eur(60000), Money.eur(12000), Money.eur(72000),
                            InvoiceIssued.Status.UNPAID, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1),
                            "invoices/2026/F-2026-000042.pdf"),
                    new InvoiceIssued(ORGANISATION, UUID.fromString("2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6"), "A-2026-000003",
                            null, InvoiceIssued.Kind.CREDIT_NOTE, Money.eur(6000), Money.eur(1200), Money.eur(7200),
                            InvoiceIssued.Status.PAID, LocalDate.of(2026, 3, 20), null,
                            "invoices/2026/A-2026-000003.pdf"))),
            Map.entry(OrderAwaitingApproval.class, List.of(
                    new OrderAwaitingApproval(ORGANISATION, ORDER, 10, "BC-2026-118", Money.eur(72000)))),
            Map.entry(OrderRejected.class, List.of(
                    new OrderRejected(ORGANISATION, ORDER, "Purchase order not signed"))),
            // sessions
            Map.entry(SessionScheduled.class, List.of(
                    new SessionScheduled(SESSION, SessionKind.WEBINAR, "EcoleDirecte : bien démarrer", "EcoleDirecte",
                            STARTS_AT, 90, "trainer-77", null, null, 300),
                    new SessionScheduled(SESSION, SessionKind.MENTORING, "Weekly mentoring", null,
                            STARTS_AT, 45, null, MENTOR, STUDENT, null, "mentor@sessio.dev", "eleve@lycee-hugo.fr"))),
            Map.entry(SessionRescheduled.class, List.of(
                    new SessionRescheduled(SESSION, SessionKind.DEFENCE, "Project 5 defence", STARTS_AT,
                            STARTS_AT.plusSeconds(86_400), 60, 1))),
            Map.entry(SessionCancelled.class, List.of(
                    new SessionCancelled(SESSION, SessionKind.WEBINAR, "Charlemagne : les bases", STARTS_AT, "Trainer ill"),
                    new SessionCancelled(SESSION, SessionKind.WEBINAR, "Charlemagne : les bases", STARTS_AT, null))),
            Map.entry(RegistrationRequested.class, List.of(
                    new RegistrationRequested(REGISTRATION, SESSION, ORGANISATION, ADMIN, STARTS_AT))),
            Map.entry(RegistrationConfirmed.class, List.of(
                    new RegistrationConfirmed(REGISTRATION, SESSION, ORGANISATION, "Charlemagne : les bases", STARTS_AT, 60))),
            Map.entry(RegistrationRejected.class, List.of(
                    new RegistrationRejected(REGISTRATION, SESSION, ORGANISATION, "INSUFFICIENT_TOKENS"))),
            Map.entry(RegistrationCancelled.class, List.of(
                    new RegistrationCancelled(REGISTRATION, SESSION, ORGANISATION, true, ADMIN, STARTS_AT))),
            Map.entry(MentoringSessionReported.class, List.of(
                    new MentoringSessionReported(SESSION, MENTOR, STUDENT, SessionKind.MENTORING,
                            MentoringSessionReported.Status.COMPLETED, false,
                            MentoringSessionReported.VideoNotUsedReason.ACCOMMODATION_RQTH, true),
                    new MentoringSessionReported(SESSION, MENTOR, STUDENT, SessionKind.DEFENCE,
                            MentoringSessionReported.Status.STUDENT_ABSENT, null, null, false))),
            // video
            Map.entry(VideoRoomReady.class, List.of(new VideoRoomReady(SESSION, "vonage", "2_MX40NTk3NjQ5Mn5-"))),
            Map.entry(JoinLinkIssued.class, List.of(
                    new JoinLinkIssued(REGISTRATION, SESSION, ORGANISATION, "https://visio.sessio.dev/join/Xk3p9QwZ"))),
            Map.entry(RecordingAvailable.class, List.of(
                    new RecordingAvailable(UUID.fromString("3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"), SESSION, 3_540,
                            Instant.parse("2026-06-12T09:00:00Z")))),
            Map.entry(BugReported.class, List.of(
                    new BugReported(UUID.fromString("4f5a6b7c-8d9e-4fa0-b1c2-d3e4f5a6b7c8"), SESSION, MENTOR,
                            BugReported.Category.SCREEN_SHARING, BugReported.Phase.DURING))),
            Map.entry(VideoUsageRecorded.class, List.of(
                    new VideoUsageRecorded(SESSION, "vonage", true, STARTS_AT.minusSeconds(120), STARTS_AT.plusSeconds(2_700), 43,
                            List.of(new ParticipantUsage(MENTOR, 46), new ParticipantUsage(STUDENT, 43))),
                    new VideoUsageRecorded(SESSION, "external-link", null, null, null, 0, List.of()))));

    private Samples() {
    }

    /** The samples of one contract; fails loudly for a contract added to {@link EventTypes#ALL} without one. */
    static List<Object> of(Class<?> contract) {
        List<Object> samples = SAMPLES.get(contract);
        if (samples == null) {
            throw new IllegalStateException("No sample for " + contract.getSimpleName() + ": add one to Samples");
        }
        return samples;
    }
}
