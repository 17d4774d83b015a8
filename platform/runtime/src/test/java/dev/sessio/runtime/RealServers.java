package dev.sessio.runtime;

import dev.sessio.testing.KafkaResource;
import dev.sessio.testing.OidcResource;
import dev.sessio.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Real PostgreSQL, real Kafka and an OIDC issuer for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "runtime_test"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcResource.class)
public final class RealServers {
    private RealServers() {
    }
}
