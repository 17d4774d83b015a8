package dev.sessio.sessions;

import dev.sessio.testing.KafkaResource;
import dev.sessio.testing.OidcResource;
import dev.sessio.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database "sessions"), real Kafka and a test OIDC issuer for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcResource.class)
public final class RealServers {
    private RealServers() {
    }
}
