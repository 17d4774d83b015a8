package dev.sessio.notifications;

import dev.sessio.testing.KafkaTestClient;
import dev.sessio.events.accounts.OrganisationRegistered;
import dev.sessio.notifications.domain.OrganisationContact;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A registered organisation with its own address, known to notifications through accounts events. */
public final class Organisations {

    private Organisations() {
    }

    public record Org(UUID id, String email, String adminUserId) {
    }

    public static Org registered(String locale) {
        UUID id = UUID.randomUUID();
        String email = "ecole-" + id + "@example.fr";
        String admin = "admin-" + id;
        KafkaTestClient.publish(new OrganisationRegistered(id, "Collège Jean Moulin", null, null, admin, email, "Anne",
                "Durand", locale, "tok-" + id, Instant.now().plus(Duration.ofDays(2)), false), id);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> OrganisationContact.findById(id) != null));
        return new Org(id, email, admin);
    }
}
