package dev.sessio.sessions;

import dev.sessio.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Callers and requests the tests share. */
final class Api {

    private Api() {
    }

    static String ops() {
        return TestTokens.user("ops-" + UUID.randomUUID()).roles("ops").bearer();
    }

    static String trainer(String id) {
        return TestTokens.user(id).roles("trainer").bearer();
    }

    static String schoolAdmin(UUID org) {
        return TestTokens.user("admin-" + org).org(org).roles("school-admin").bearer();
    }

    static String schoolStaff(UUID org) {
        return TestTokens.user("staff-" + org).org(org).roles("school-staff").bearer();
    }

    static String mentor(String id) {
        return TestTokens.user(id).roles("mentor").bearer();
    }

    static String student(String id) {
        return TestTokens.user(id).roles("student").bearer();
    }

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    static String newTrainer() {
        return "trainer-" + UUID.randomUUID();
    }

    static Map<String, Object> session(String trainerId, Instant startsAt, int minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "EcoleDirecte : les bases");
        body.put("theme", "EcoleDirecte");
        body.put("description", "Prise en main");
        body.put("startsAt", startsAt.toString());
        body.put("durationMinutes", minutes);
        body.put("trainerId", trainerId);
        return body;
    }

    static Response schedule(Map<String, Object> body) {
        return as(ops()).body(body).post("/api/sessions");
    }

    /** Schedules a session by ops and returns its id. */
    static UUID scheduled(Map<String, Object> body) {
        Response response = schedule(body);
        response.then().statusCode(201);
        return UUID.fromString(response.jsonPath().getString("id"));
    }

    static UUID scheduled(Instant startsAt) {
        return scheduled(session(newTrainer(), startsAt, 60));
    }

    /** Registers without waiting for the saga's decision ({@code Prefer: respond-async}): 202 PENDING. */
    static Response register(UUID sessionId, String bearer) {
        return as(bearer).header("Prefer", "respond-async").post("/api/sessions/" + sessionId + "/registrations");
    }

    static UUID registered(UUID sessionId, UUID org) {
        Response response = register(sessionId, schoolAdmin(org));
        response.then().statusCode(202);
        return UUID.fromString(response.jsonPath().getString("id"));
    }

    static String problem(String slug) {
        return "https://sessio.dev/problems/" + slug;
    }
}
