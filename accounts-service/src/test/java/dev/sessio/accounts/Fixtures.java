package dev.sessio.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Request bodies, valid identifiers and database reads shared by the tests. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000, 9000));
    public static final String PASSWORD = "correct-horse-battery";

    private Fixtures() {
    }

    /** A fresh valid UAI: 7 digits and the key letter. */
    public static String uai() {
        int number = ThreadLocalRandom.current().nextInt(0, 10_000_000);
        return String.format("%07d", number) + "ABCDEFGHJKLMNPRSTUVWXYZ".charAt(number % 23);
    }

    /** A fresh SIRET passing Luhn. */
    public static String siret() {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 12; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = digits.toString() + check;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    static boolean luhn(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(s.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    public static String email(String who) {
        return who + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@ecole.test";
    }

    /** A random client address, so the per-address rate limit of one test never bites another. */
    public static RequestSpecification anonymous() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255));
    }

    public static Map<String, Object> signUpBody(String email, String uai, String siret) {
        Map<String, Object> organisation = new HashMap<>();
        organisation.put("name", "Collège Jean Moulin " + SEQUENCE.incrementAndGet());
        organisation.put("uai", uai);
        organisation.put("siret", siret);
        organisation.put("address", Map.of("street", "1 rue de l'École", "postalCode", "75005", "city", "Paris",
                "country", "FR"));
        Map<String, Object> admin = new HashMap<>();
        admin.put("email", email);
        admin.put("password", PASSWORD);
        admin.put("firstName", "Alice");
        admin.put("lastName", "Martin");
        admin.put("phone", "+33 1 23 45 67 89");
        Map<String, Object> body = new HashMap<>();
        body.put("organisation", organisation);
        body.put("admin", admin);
        body.put("acceptTerms", true);
        return body;
    }

    public static Response signUp(Map<String, Object> body) {
        return anonymous().body(body).post("/api/accounts/signup");
    }

    /** An organisation signed up and verified; its admin's token is ready to use. */
    public record School(UUID organisationId, String adminEmail, String adminUserId, String adminToken) {
        public String tokenFor(String userId, String... roles) {
            return TestTokens.user(userId).org(organisationId).roles(roles).bearer();
        }
    }

    public static School activeSchool() {
        String email = email("admin");
        Response created = signUp(signUpBody(email, uai(), siret()));
        created.then().statusCode(201);
        UUID organisationId = UUID.fromString(created.jsonPath().getString("organisationId"));
        String token = latestEvent("OrganisationRegistered", organisationId.toString())
                .get("confirmationToken").asText();
        anonymous().body(Map.of("token", token)).post("/api/accounts/verify").then().statusCode(200);
        String userId = latestEvent("OrganisationRegistered", organisationId.toString()).get("adminUserId").asText();
        return new School(organisationId, email, userId,
                TestTokens.user(userId).org(organisationId).roles("school-admin").email(email).bearer());
    }

    // ---------------------------------------------------------------- database

    /** Payloads of the events of this type (short name) recorded in the outbox under this key, oldest first. */
    public static List<JsonNode> events(String name, String key) {
        List<JsonNode> events = new ArrayList<>();
        query("SELECT payload::text FROM outbox WHERE ce_type = ? AND kafka_key = ? ORDER BY id",
                List.of("sessio.accounts." + name + ".v1", key), rs -> events.add(JSON.readTree(rs.getString(1))));
        return events;
    }

    public static JsonNode latestEvent(String name, String key) {
        List<JsonNode> events = events(name, key);
        if (events.isEmpty()) {
            throw new AssertionError("no " + name + " event for " + key);
        }
        return events.getLast();
    }

    public static long count(String sql, Object... parameters) {
        long[] result = new long[1];
        query(sql, List.of(parameters), rs -> result[0] = rs.getLong(1));
        return result[0];
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection c = Arc.container().instance(DataSource.class).get().getConnection();
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Row {
        void read(ResultSet rs) throws Exception;
    }

    static void query(String sql, List<Object> parameters, Row row) {
        try (Connection c = Arc.container().instance(DataSource.class).get().getConnection();
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
