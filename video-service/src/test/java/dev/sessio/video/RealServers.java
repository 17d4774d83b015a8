package dev.sessio.video;

import dev.sessio.testing.KafkaResource;
import dev.sessio.testing.OidcResource;
import dev.sessio.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL (database "video"), real Kafka, a test OIDC issuer and a WireMock Vonage Video API for every test
 * of this module.
 */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "video"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(VonageStub.class)
public final class RealServers {
    private RealServers() {
    }
}
