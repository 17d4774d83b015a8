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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Names derived from {@link EventType}: CloudEvents type, Kafka topic, schema resource. */
public final class EventTypes {

    /** Every contract. Explicit rather than scanned, so a consumer sees the catalogue at a glance. */
    public static final List<Class<?>> ALL = List.of(
            // accounts
            OrganisationRegistered.class,
            OrganisationVerified.class,
            MemberInvited.class,
            PasswordResetRequested.class,
            OrganisationSuspended.class,
            OrganisationReactivated.class,
            PersonalDataErased.class,
            MentoringUserCreated.class,
            // tokens
            TokensCredited.class,
            TokenDebited.class,
            TokenDebitRejected.class,
            TokenRefunded.class,
            TokensExpired.class,
            TokensExpiring.class,
            InvoiceIssued.class,
            OrderAwaitingApproval.class,
            OrderRejected.class,
            // sessions
            SessionScheduled.class,
            SessionRescheduled.class,
            SessionCancelled.class,
            RegistrationRequested.class,
            RegistrationConfirmed.class,
            RegistrationRejected.class,
            RegistrationCancelled.class,
            MentoringSessionReported.class,
            // video
            VideoRoomReady.class,
            JoinLinkIssued.class,
            RecordingAvailable.class,
            BugReported.class,
            VideoUsageRecorded.class);

    // Throws at class load if two contracts claim the same ce type: better than a silent misroute.
    private static final Map<String, Class<?>> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventTypes::ceType, Function.identity()));

    private EventTypes() {
    }

    /** {@code sessio.tokens.TokenDebited.v1}: the {@code ce_type} header. */
    public static String ceType(Class<?> contract) {
        EventType type = annotation(contract);
        return "sessio." + type.service() + "." + type.name() + ".v" + type.version();
    }

    /** {@code tokens.events.v1}: one topic per producing service, whatever the event's version. */
    public static String topic(Class<?> contract) {
        return annotation(contract).service() + ".events.v1";
    }

    /** {@code /schemas/tokens/TokenDebited.v1.json}: a classpath resource of this module. */
    public static String schemaResource(Class<?> contract) {
        EventType type = annotation(contract);
        return "/schemas/" + type.service() + "/" + type.name() + ".v" + type.version() + ".json";
    }

    /** The contract for a {@code ce_type} header; empty for a missing header or a type this build does not know. */
    public static Optional<Class<?>> byCeType(String ceType) {
        return ceType == null ? Optional.empty() : Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    private static EventType annotation(Class<?> contract) {
        EventType type = contract.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(contract.getName() + " is not annotated with @EventType");
        }
        return type;
    }
}
