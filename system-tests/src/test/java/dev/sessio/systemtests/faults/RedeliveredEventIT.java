package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.faults.Consumers.Channel;
import dev.sessio.systemtests.faults.Schools.School;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #10, the outbox relay killed between send and mark, as the whole platform sees it: the relay then
 * publishes the same rows again, same {@code ce_id}. Here every event of a school's flow (sign-up, grant,
 * registration, join link) is published a second time, verbatim; every consumer's inbox absorbs the copies.
 * The relay's own crash between send and mark is proven in platform/runtime's
 * {@code OutboxTest.aCrashBetweenSendAndMarkResendsAndTheInboxAppliesItOnce}.
 */
class RedeliveredEventIT {

    static final List<String> TOPICS = List.of("accounts.events.v1", "tokens.events.v1", "sessions.events.v1",
            "video.events.v1");

    @BeforeAll
    static void platformUp() {
        LocalPlatform.ensureUp();
    }

    @Test
    void everyEventOfAFlowPublishedTwiceIsAppliedOnce() {
        String ops = Schools.ops();
        School school = Schools.signedUpSchool("replay");
        Schools.grant(ops, school.organisationId(), 1);
        String session = Schools.webinar(ops, "replay");
        String registration = PostgresRestartIT.register(school, session);
        UUID registrationId = UUID.fromString(registration);
        await("registration confirmed with its join link, emails sent").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(Schools.gateway().header("Authorization", school.bearer())
                            .get("/api/registrations/" + registration).then().statusCode(200)
                            .extract().<String>path("joinUrl")).isNotNull();
                    assertThat(emailKinds(school)).containsKeys("ACCOUNT_CONFIRMATION", "PURCHASE_RECEIPT",
                            "REGISTRATION_CONFIRMED");
                    assertThat(Databases.count("notifications",
                            "SELECT count(*) FROM email WHERE organisation_id = ? AND status <> 'SENT'",
                            school.organisationId())).isZero();
                });
        Map<String, Long> kindsBefore = emailKinds(school);
        int mailsBefore = Mailbox.messages(school.email()).size();

        List<ConsumerRecord<String, byte[]>> flow = Topics.readAll(TOPICS).stream()
                .filter(r -> Topics.mentions(r, school.organisationId().toString())).toList();
        assertThat(flow.stream().map(r -> Topics.header(r, "ce_type")).collect(Collectors.toSet()))
                .as("the flow's events").contains("sessio.accounts.OrganisationRegistered.v1",
                        "sessio.tokens.TokensCredited.v1", "sessio.sessions.RegistrationRequested.v1",
                        "sessio.tokens.TokenDebited.v1", "sessio.sessions.RegistrationConfirmed.v1",
                        "sessio.video.JoinLinkIssued.v1");
        try (KafkaProducer<String, byte[]> producer = Topics.producer()) {
            for (ConsumerRecord<String, byte[]> record : flow) {
                Topics.send(producer, new ProducerRecord<>(record.topic(), record.partition(), record.key(),
                        record.value(), record.headers()));
            }
        }
        try (Admin admin = Topics.admin()) {
            for (Channel channel : Consumers.deployed()) {
                await("%s caught up with %s".formatted(channel.group(), channel.topic())).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> Topics.lag(admin, channel.group(), channel.topic()) == 0);
            }
        }

        assertThat(Databases.count("tokens", "SELECT count(*) FROM posting WHERE kind = 'DEBIT' AND cause_id = ?",
                registrationId)).as("debits").isEqualTo(1);
        assertThat(Databases.count("tokens", "SELECT balance FROM token_account WHERE organisation_id = ?",
                school.organisationId())).as("ledger balance").isZero();
        assertThat(Schools.gateway().header("Authorization", school.bearer()).get("/api/tokens/balance")
                .then().statusCode(200).extract().<Integer>path("available")).isZero();
        assertThat(Schools.gateway().header("Authorization", school.bearer()).get("/api/registrations/" + registration)
                .then().statusCode(200).extract().<String>path("status")).isEqualTo("CONFIRMED");
        assertThat(outboxEvents("tokens", "sessio.tokens.TokenDebited.v1", registration)).isEqualTo(1);
        assertThat(outboxEvents("sessions", "sessio.sessions.RegistrationConfirmed.v1", registration)).isEqualTo(1);
        assertThat(outboxEvents("video", "sessio.video.JoinLinkIssued.v1", registration)).isEqualTo(1);
        assertThat(emailKinds(school)).as("emails").isEqualTo(kindsBefore);
        Retry.sleep(3_000); // the email worker polls every second: give a duplicate the time to go out
        assertThat(Mailbox.messages(school.email())).as("mails received").hasSize(mailsBefore);
    }

    static Map<String, Long> emailKinds(School school) {
        return Databases.query("notifications", "SELECT kind FROM email WHERE organisation_id = ?",
                rs -> Databases.string(rs, 1), school.organisationId()).stream()
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    }

    static long outboxEvents(String database, String type, String registrationId) {
        return Databases.count(database, "SELECT count(*) FROM outbox WHERE ce_type = ? AND payload->>'registrationId' = ?",
                type, registrationId);
    }

    @AfterAll
    static void platformLeftUp() {
        LocalPlatform.ensureUp();
    }
}
