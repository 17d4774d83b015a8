package dev.sessio.systemtests.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessio.systemtests.Mailbox;
import dev.sessio.systemtests.Mailbox.Mail;
import dev.sessio.systemtests.journeys.Journey.School;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sessio.systemtests.journeys.Journey.MAIL;
import static dev.sessio.systemtests.journeys.Journey.SAGA;
import static dev.sessio.systemtests.journeys.Journey.as;
import static dev.sessio.systemtests.journeys.Journey.keyed;
import static dev.sessio.systemtests.journeys.Journey.retryingOn504;
import static dev.sessio.systemtests.journeys.Journey.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue #10, school webinar: sign up, buy 3 tokens by card (Stripe Checkout on the stub, the signed
 * {@code checkout.session.completed} webhook), receipt + invoice email and a Factur-X PDF, register, confirmation
 * with ICS, the join link at T−48 h (moved clock), a Vonage client token for a chosen display name, usage recorded,
 * and the registration in the "past" list.
 */
class SchoolWebinarJourneyIT {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @AfterEach
    void realTimeAgain() {
        PlatformClock.reset();
    }

    @Test
    void aSchoolBuysTokensByCardRegistersGetsItsJoinLinkAtTMinus48hAndJoins() throws Exception {
        Instant journeyStart = Instant.now();
        School school = School.signUp("Webinar");

        // --- 3 tokens by card: Checkout Session at the Stripe stub, then Stripe's signed webhook.
        String orderKey = UUID.randomUUID().toString();
        String schoolBearer = school.bearer();
        String orderId = retryingOn504(() -> keyed(schoolBearer, orderKey, Map.of("quantity", 3, "paymentMethod", "CARD"))
                .post("/api/tokens/orders"))
                .then().statusCode(201).body("status", equalTo("AWAITING_PAYMENT"))
                .body("checkoutUrl", startsWith("https://checkout.stripe.com/c/pay/cs_test_"))
                .extract().path("id");
        String paid = Stripe.checkoutCompleted(orderId, 3 * 7200);
        Stripe.deliver(paid, "whsec_not_the_endpoint_secret").then().statusCode(400)
                .body("type", equalTo("https://sessio.dev/problems/invalid-stripe-signature"));
        assertThat(school.balance()).as("a forged webhook credits nothing").isZero();
        Stripe.deliver(paid).then().statusCode(200).body("applied", equalTo(true));
        school.awaitBalance(3);
        as(school.bearer()).get("/api/tokens/orders/" + orderId).then().statusCode(200).body("status", equalTo("PAID"));
        // Stripe retries: the same event 4 more times at once, then a late "expired" for that session: still 3 tokens
        // (and, below, one invoice).
        java.util.stream.IntStream.range(0, 4).parallel().forEach(i -> Stripe.deliver(paid).then().statusCode(200));
        Stripe.deliver(Stripe.checkoutExpired(orderId)).then().statusCode(200);
        as(school.bearer()).get("/api/tokens/orders/" + orderId).then().body("status", equalTo("PAID"));
        assertThat(school.balance()).as("5 deliveries and a late expiry credit once").isEqualTo(3);

        // --- Receipt and invoice by email; the invoice PDF is a Factur-X (EN 16931) carrying the same figures.
        Mail receipt = Mailbox.awaitMail(school.email(), m -> m.subjectContains("Reçu : 3 jeton(s) crédités"), MAIL);
        assertThat(receipt.text()).contains("Votre solde est désormais de 3 jeton(s)");
        Response invoices = as(school.bearer()).get("/api/tokens/invoices").then().statusCode(200).extract().response();
        assertThat(invoices.jsonPath().getInt("total")).isEqualTo(1);
        String invoiceId = invoices.path("items[0].id");
        String number = invoices.path("items[0].number");
        assertThat((String) invoices.path("items[0].status")).isEqualTo("PAID");
        assertThat((String) invoices.path("items[0].orderId")).isEqualTo(orderId);
        assertThat(invoices.jsonPath().getInt("items[0].totals.includingTax.amount")).isEqualTo(21600);
        Mail invoiceMail = Mailbox.awaitMail(school.email(), m -> m.subjectContains("Votre facture " + number), MAIL);
        assertThat(invoiceMail.text()).contains("/api/tokens/invoices/" + invoiceId + "/pdf").contains("Déjà réglée");

        byte[] pdf = retryingOn504(() -> as(schoolBearer).get("/api/tokens/invoices/" + invoiceId + "/pdf"))
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        FacturX.Invoice facturX = FacturX.read(pdf);
        assertThat(facturX.xmpMetadata()).contains("pdfaid:part>3<").contains("factur-x.xml")
                .containsPattern("ConformanceLevel>(EN 16931|EXTENDED)<");
        assertThat(facturX.afRelationship()).isIn("Alternative", "Data");
        assertThat(facturX.value("GuidelineSpecifiedDocumentContextParameter/ID")).startsWith("urn:cen.eu:en16931:2017");
        assertThat(facturX.value("ExchangedDocument/ID")).isEqualTo(number);
        assertThat(facturX.value("ExchangedDocument/TypeCode")).isEqualTo("380");
        assertThat(facturX.value("BilledQuantity")).startsWith("3");
        assertThat(facturX.value("SpecifiedTradeSettlementHeaderMonetarySummation/TaxBasisTotalAmount")).isEqualTo("180.00");
        assertThat(facturX.value("SpecifiedTradeSettlementHeaderMonetarySummation/GrandTotalAmount")).isEqualTo("216.00");
        assertThat(facturX.value("SpecifiedTradeSettlementHeaderMonetarySummation/TotalPrepaidAmount")).isEqualTo("216.00");
        assertThat(facturX.value("SpecifiedTradeSettlementHeaderMonetarySummation/DuePayableAmount")).isEqualTo("0.00");

        // --- A webinar 50 h ahead; the registration is confirmed by the saga and costs one token.
        OffsetDateTime startsAt = Journey.inFuture(Duration.ofHours(50));
        String title = "Webinar " + school.name();
        String sessionId = Journey.scheduleWebinar(title, startsAt);
        String registrationId = school.registerConfirmed(sessionId);
        school.awaitBalance(2);

        Mail confirmation = Mailbox.awaitMail(school.email(), m -> m.subjectContains("Inscription confirmée : " + title), MAIL);
        assertThat(confirmation.calendars()).hasSize(1);
        String ics = confirmation.calendars().getFirst().replace("\r\n ", "");
        assertThat(ics).contains("METHOD:REQUEST").contains("UID:registration-" + registrationId + "@sessio.dev")
                .contains("DTSTART;TZID=Europe/Paris:" + startsAt.atZoneSameInstant(PARIS)
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
        assertThat(Mailbox.mails(school.email())).as("the join link waits for T−48 h")
                .noneMatch(m -> m.subjectContains("Votre lien de connexion"));

        // --- T−48 h: the join-link email arrives.
        Instant start = startsAt.toInstant();
        PlatformClock.moveTo(start.minus(Duration.ofHours(48)).plusSeconds(30));
        Mail joinMail = Mailbox.awaitMail(school.email(), m -> m.subjectContains("Votre lien de connexion : " + title), MAIL);
        Matcher link = Pattern.compile("https?://\\S+/join/([A-Za-z0-9_-]{32})").matcher(joinMail.text());
        assertThat(link.find()).as("a join link in:\n" + joinMail.text()).isTrue();
        String code = link.group(1);
        assertThat((String) school.registration(registrationId).path("joinUrl")).endsWith("/join/" + code);

        // Two days early the room is not open yet.
        gateway().get("/api/video/join/" + code).then().statusCode(200)
                .body("sessionId", equalTo(sessionId)).body("state", equalTo("NOT_YET_OPEN"));
        gateway().contentType(ContentType.JSON).body(Map.of("displayName", "Salle des profs"))
                .post("/api/video/join/" + code).then().statusCode(409)
                .body("type", equalTo("https://sessio.dev/problems/room-not-open"));

        // --- 10 minutes before: the link gives a Vonage client token for the display name chosen.
        PlatformClock.moveTo(start.minus(Duration.ofMinutes(10)));
        gateway().get("/api/video/join/" + code).then().statusCode(200).body("state", equalTo("OPEN"));
        String displayName = "CDI – Mme Ségolène";
        Response access = gateway().contentType(ContentType.JSON).body(Map.of("displayName", displayName))
                .post("/api/video/join/" + code).then().statusCode(200)
                .body("provider", equalTo("vonage")).body("role", equalTo("PUBLISHER"))
                .body("applicationId", equalTo(Vonage.applicationId()))
                .extract().response();
        String roomId = access.path("sessionId");
        assertThat(roomId).startsWith("2_MX4stub-");
        JsonNode claims = Vonage.verifiedClientToken(access.path("token"));
        assertThat(claims.path("session_id").asText()).isEqualTo(roomId);
        assertThat(claims.path("role").asText()).isEqualTo("publisher");
        assertThat(claims.path("scope").asText()).isEqualTo("session.connect");
        String connectionData = access.path("connectionData");
        assertThat(claims.path("connection_data").asText()).isEqualTo(connectionData);
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(connectionData);
        assertThat(data.path("displayName").asText()).isEqualTo(displayName);
        assertThat(data.path("organisationId").asText()).isEqualTo(school.organisationId());
        String participant = data.path("participantId").asText();
        assertThat(participant).startsWith("attendance:");

        // Vonage reports the connection (signed callbacks): the school stays 50 minutes.
        Instant joined = PlatformClock.now();
        Vonage.send(Vonage.connectionCreated(roomId, "conn-" + registrationId, connectionData, joined)).then().statusCode(204);
        Vonage.send(Vonage.connectionDestroyed(roomId, "conn-" + registrationId, connectionData, joined,
                start.plus(Duration.ofMinutes(50)))).then().statusCode(204);

        // --- After the session (end + 30 min the room closes): usage recorded, the registration is "past".
        PlatformClock.moveTo(start.plus(Duration.ofMinutes(60 + 31)));
        JsonNode usage = await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(2))
                .until(() -> VideoEvents.find("VideoUsageRecorded", sessionId, journeyStart), Optional::isPresent)
                .orElseThrow();
        assertThat(usage.path("provider").asText()).isEqualTo("vonage");
        assertThat(usage.path("used").asBoolean()).isTrue();
        assertThat(Instant.parse(usage.path("firstJoinAt").asText())).isCloseTo(joined, within());
        assertThat(Instant.parse(usage.path("lastLeaveAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(50)));
        assertThat(usage.path("participants").findValuesAsText("participantId")).containsExactly(participant);

        List<String> past = as(school.bearer()).queryParam("when", "past").get("/api/registrations")
                .then().statusCode(200).extract().path("items.id");
        assertThat(past).containsExactly(registrationId);
        List<String> upcoming = as(school.bearer()).queryParam("when", "upcoming").get("/api/registrations")
                .then().statusCode(200).extract().path("items.id");
        assertThat(upcoming).isEmpty();
        gateway().get("/api/video/join/" + code).then().statusCode(200).body("state", equalTo("OVER"));
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS);
    }
}
