package dev.sessio.notifications;

import dev.sessio.notifications.domain.Email;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.List;

/** The email rows (delivery log) as tests inspect them. */
public final class Deliveries {

    private Deliveries() {
    }

    public static List<Email> to(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> Email.<Email>list("recipient = ?1 order by createdAt", recipient));
    }
}
