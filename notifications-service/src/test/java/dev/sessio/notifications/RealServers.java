package dev.sessio.notifications;

import dev.sessio.testing.KafkaResource;
import dev.sessio.testing.OidcResource;
import dev.sessio.testing.PostgresResource;
import dev.sessio.testing.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database "notifications"), real Kafka, real SMTP (GreenMail) and a test OIDC issuer. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(Topics.class)
@QuarkusTestResource(SmtpResource.class)
@QuarkusTestResource(OidcResource.class)
public final class RealServers {
    private RealServers() {
    }
}
