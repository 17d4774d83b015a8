package dev.sessio.runtime.app;

import dev.sessio.events.accounts.OrganisationVerified;
import dev.sessio.runtime.inbox.Inbox;
import dev.sessio.runtime.inbox.IncomingEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** A consumer of the test application: counts OrganisationVerified per organisation, through the inbox. */
@ApplicationScoped
public class AccountsConsumer {

    private final Inbox inbox;
    private final DataSource dataSource;

    public AccountsConsumer(Inbox inbox, DataSource dataSource) {
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Incoming("accounts-in")
    @Blocking(Inbox.CONSUMER_POOL)
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch("runtime-test.accounts", "accounts-in", records, Map.of(OrganisationVerified.class, this::verified));
    }

    private void verified(IncomingEvent event) {
        OrganisationVerified verified = event.as(OrganisationVerified.class);
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO applied_event (organisation_id, times) VALUES (?, 1)
                     ON CONFLICT (organisation_id) DO UPDATE SET times = applied_event.times + 1""")) {
            upsert.setObject(1, verified.organisationId());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement order = c.prepareStatement(
                     "INSERT INTO applied_order (organisation_id, name) VALUES (?, ?)")) {
            order.setObject(1, verified.organisationId());
            order.setString(2, verified.name());
            order.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
