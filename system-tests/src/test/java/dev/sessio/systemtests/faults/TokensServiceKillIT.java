package dev.sessio.systemtests.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10: tokens-service SIGKILLed mid-storm (possibly between a debit and its offset commit, or between the
 * relay's send and mark) and restarted: no registration lost or stuck, no token debited twice.
 */
class TokensServiceKillIT {

    @BeforeAll
    static void platformUp() {
        LocalPlatform.ensureUp();
    }

    @Test
    void aRegistrationStormSurvivesTokensServiceKilledAndRestarted() {
        RegistrationStorm storm = RegistrationStorm.prepare("tokens", 30, 3, 2);
        long before = LocalPlatform.pid("tokens-service");

        storm.run(12, storm.registrations() / 3, () -> {
            LocalPlatform.kill("tokens-service", LocalPlatform.port(8082));
            LocalPlatform.up();
        });

        assertThat(LocalPlatform.pid("tokens-service")).as("a new tokens-service process").isNotEqualTo(before);
        storm.awaitSettled(Duration.ofSeconds(120));
        storm.assertInvariants();
        System.out.println("[faults] tokens-service kill: " + storm.summary());
    }

    @AfterAll
    static void platformLeftUp() {
        LocalPlatform.ensureUp();
    }
}
