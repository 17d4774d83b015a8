package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.faults.Consumers.Channel;
import dev.sessio.systemtests.faults.Schools.School;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #10: a poison event on each topic the services consume, on every partition: a record that is not a
 * CloudEvent at all (binary garbage, no headers), and a CloudEvent of a type the consumers handle whose payload is
 * not JSON. Each lands in every consumer's dead-letter topic (reason in its headers), and a valid flow afterwards
 * goes through every consumer; each consumer group catches up with its topics.
 */
class PoisonEventIT {

    /** Per topic, a type every consumer of it handles, so the bad payload reaches a handler and not the skip. */
    static final Map<String, String> HANDLED_TYPE = Map.of(
            "accounts.events.v1", "sessio.accounts.PersonalDataErased.v1",
            "tokens.events.v1", "sessio.tokens.TokensCredited.v1",
            "sessions.events.v1", "sessio.sessions.SessionCancelled.v1",
            "video.events.v1", "sessio.video.JoinLinkIssued.v1");

    static final byte[] GARBAGE = {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 'n', 'o', 't', ' ', 'a', 'n', ' ', 'e', 'v'};

    @BeforeAll
    static void platformUp() {
        LocalPlatform.ensureUp();
    }

    @Test
    void poisonOnEveryTopicIsDeadLetteredAndTheConsumersKeepGoing() {
        List<Channel> channels = Consumers.deployed();
        Set<String> topics = channels.stream().map(Channel::topic).collect(Collectors.toSet());
        assertThat(topics).as("topics the services consume").contains("accounts.events.v1", "tokens.events.v1",
                "sessions.events.v1", "video.events.v1");
        assertThat(HANDLED_TYPE.keySet()).as("a poison type for every consumed topic").containsAll(topics);

        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> poisonKeys = new HashMap<>();
        try (Admin admin = Topics.admin(); KafkaProducer<String, byte[]> producer = Topics.producer()) {
            for (String topic : topics) {
                for (int partition = 0; partition < Topics.partitions(admin, topic); partition++) {
                    String garbage = "poison-" + run + "-garbage-" + topic + "-" + partition;
                    Topics.send(producer, new ProducerRecord<>(topic, partition, garbage, GARBAGE));
                    String badPayload = "poison-" + run + "-payload-" + topic + "-" + partition;
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("ce_specversion", bytes("1.0"));
                    headers.add("ce_id", bytes(UUID.randomUUID().toString()));
                    headers.add("ce_type", bytes(HANDLED_TYPE.get(topic)));
                    headers.add("ce_source", bytes("/sessio/faults"));
                    headers.add("ce_time", bytes(Instant.now().toString()));
                    headers.add("content-type", bytes("application/json"));
                    Topics.send(producer, new ProducerRecord<>(topic, partition, badPayload,
                            bytes("{\"sessionId\": 42, \"organisationId\": ["), headers));
                    poisonKeys.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(List.of(garbage, badPayload));
                }
            }
        }

        // Every consumer dead-letters both poisons of every partition of its topic, saying why.
        for (Channel channel : channels) {
            List<String> expected = poisonKeys.get(channel.topic());
            List<ConsumerRecord<String, byte[]>> dead = await(channel.deadLetterTopic()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Topics.readAll(List.of(channel.deadLetterTopic())).stream()
                                    .filter(r -> r.key() != null && r.key().startsWith("poison-" + run)).toList(),
                            seen -> seen.size() >= expected.size());
            assertThat(dead).as("%s dead letters", channel).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(dead).allSatisfy(r -> {
                assertThat(Topics.header(r, "dead-letter-topic")).isEqualTo(channel.topic());
                assertThat(Topics.header(r, "dead-letter-reason")).as("reason of %s", r.key())
                        .contains(r.key().contains("-garbage-") ? "without ce_id" : "does not match");
            });
        }

        // A valid flow afterwards passes every consumer: accounts → notifications (confirmation mail), tokens →
        // sessions + notifications (grant), sessions → tokens + notifications + video (registration), video →
        // sessions + notifications (join link).
        String ops = Schools.ops();
        School school = Schools.signedUpSchool("poison");
        Schools.grant(ops, school.organisationId(), 1);
        String session = Schools.webinar(ops, "poison");
        String registration = PostgresRestartIT.register(school, session);
        await("registration confirmed with its join link").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Schools.gateway().header("Authorization", school.bearer()).get("/api/registrations/" + registration)
                        .then().statusCode(200).extract().<String>path("joinUrl") != null);
        await("notifications mailed the grant and the registration, and knows the join link")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(Databases.query("notifications", "SELECT kind FROM email WHERE organisation_id = ?",
                            rs -> Databases.string(rs, 1), school.organisationId()))
                            .contains("ACCOUNT_CONFIRMATION", "PURCHASE_RECEIPT", "REGISTRATION_CONFIRMED");
                    assertThat(Databases.count("notifications", "SELECT count(*) FROM join_link WHERE registration_id = ?",
                            UUID.fromString(registration))).isEqualTo(1);
                });

        // And every consumer group has read past the poison to the end of its topics.
        try (Admin admin = Topics.admin()) {
            for (Channel channel : channels) {
                await("%s caught up with %s".formatted(channel.group(), channel.topic())).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> Topics.lag(admin, channel.group(), channel.topic()) == 0);
            }
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void platformLeftUp() {
        LocalPlatform.ensureUp();
    }
}
