package dev.sessio.systemtests.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Issue #10: the Kafka broker SIGKILLed during a registration storm and restarted. Registrations keep being
 * accepted meanwhile (their events wait in the outbox); afterwards none is lost or stuck and no token is debited
 * twice.
 */
class KafkaBrokerRestartIT {

    @BeforeAll
    static void platformUp() {
        LocalPlatform.ensureUp();
    }

    @Test
    void aRegistrationStormSurvivesTheBrokerKilledAndRestarted() {
        RegistrationStorm storm = RegistrationStorm.prepare("kafka", 30, 3, 2);

        storm.run(12, storm.registrations() / 3, () -> {
            LocalPlatform.kill("kafka", LocalPlatform.port(9092));
            Retry.sleep(5_000); // the broker stays down while the rest of the storm comes in
            LocalPlatform.up();
        });

        storm.awaitSettled(Duration.ofSeconds(120));
        storm.assertInvariants();
        System.out.println("[faults] Kafka restart: " + storm.summary());
    }

    @AfterAll
    static void platformLeftUp() {
        LocalPlatform.ensureUp();
    }
}
