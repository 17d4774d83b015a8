package dev.sessio.tokens;

import dev.sessio.testing.KafkaResource;
import dev.sessio.testing.OidcResource;
import dev.sessio.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL (database "tokens"), real Kafka, a test OIDC issuer and a Stripe stub for every test of this
 * module.
 */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "tokens"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(StripeResource.class)
public final class RealServers {
    private RealServers() {
    }
}
