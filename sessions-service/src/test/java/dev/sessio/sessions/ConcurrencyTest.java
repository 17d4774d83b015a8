package dev.sessio.sessions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static dev.sessio.sessions.Api.newTrainer;
import static dev.sessio.sessions.Api.register;
import static dev.sessio.sessions.Api.schedule;
import static dev.sessio.sessions.Api.scheduled;
import static dev.sessio.sessions.Api.schoolAdmin;
import static dev.sessio.sessions.Api.session;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules that must hold when requests race, against the real database (row and advisory locks). */
@QuarkusTest
class ConcurrencyTest {

    @Inject
    TestClock clock;
    @Inject
    Events events;

    @BeforeEach
    void startOfNovember() {
        clock.reset();
    }

    @Test
    void racingSchoolsNeverOverfillASession() throws Exception {
        Map<String, Object> body = session(newTrainer(), Instant.parse("2026-11-18T09:00:00Z"), 60);
        body.put("capacity", 2);
        UUID sessionId = scheduled(body);
        List<Integer> statuses = race(6, () -> register(sessionId, schoolAdmin(UUID.randomUUID())));
        assertThat(statuses).filteredOn(s -> s == 202).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(4);
        assertThat(events.recorded("RegistrationRequested", "sessionId", sessionId)).hasSize(2);
    }

    @Test
    void oneOrganisationRacingItselfGetsOneRegistration() throws Exception {
        UUID sessionId = scheduled(Instant.parse("2026-11-18T09:00:00Z"));
        UUID org = UUID.randomUUID();
        List<Integer> statuses = race(4, () -> register(sessionId, schoolAdmin(org)));
        assertThat(statuses).containsOnlyOnce(202);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
    }

    @Test
    void racingCreationsCannotDoubleBookATrainer() throws Exception {
        String trainer = newTrainer();
        Instant start = Instant.parse("2026-11-19T09:00:00Z");
        List<Integer> statuses = race(4, () -> schedule(session(trainer, start, 60)));
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
    }

    @Test
    void aReplayedScheduleRequestCreatesOneSession() {
        String trainer = newTrainer();
        String key = UUID.randomUUID().toString();
        String ops = Api.ops();
        Map<String, Object> body = session(trainer, Instant.parse("2026-11-19T13:00:00Z"), 60);
        Response first = Api.as(ops).header("Idempotency-Key", key).body(body).post("/api/sessions");
        Response again = Api.as(ops).header("Idempotency-Key", key).body(body).post("/api/sessions");
        first.then().statusCode(201);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(again.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(events.recorded("SessionScheduled", "trainerId", trainer)).hasSize(1);
    }

    private static List<Integer> race(int requests, Supplier<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return request.get().statusCode();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
