package dev.sessio.sessions.events;

import dev.sessio.events.accounts.MentoringUserCreated;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.events.accounts.PersonalDataErased;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.sessions.domain.MentoringSessions;
import dev.sessio.sessions.domain.RegistrationSaga;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** accounts-service's events: mentors' and students' contact details (and their erasure). */
@ApplicationScoped
public class AccountsEventsConsumer {

    static final String CONSUMER = "sessions.accounts";

    private final Inbox inbox;
    private final MentoringSessions mentoring;
    private final RegistrationSaga saga;

    public AccountsEventsConsumer(Inbox inbox, MentoringSessions mentoring, RegistrationSaga saga) {
        this.inbox = inbox;
        this.mentoring = mentoring;
        this.saga = saga;
    }

    @Incoming("accounts-events")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch(CONSUMER, "accounts-events", records, Map.of(
                MentoringUserCreated.class, e -> mentoring.participantCreated(e.as(MentoringUserCreated.class)),
                OrganisationRegistered.class,
                e -> saga.organisationKnown(e.as(OrganisationRegistered.class).organisationId(), e.id()),
                PersonalDataErased.class, e -> mentoring.personalDataErased(e.as(PersonalDataErased.class).userId())));
    }
}
