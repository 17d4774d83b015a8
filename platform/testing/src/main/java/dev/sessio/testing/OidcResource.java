package dev.sessio.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service's OIDC at the test issuer. The audience to check is the service's own setting (the shared
 * default {@code sessio-api}), so tests prove it is really checked.
 */
public class OidcResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", OidcIssuer.get().issuer());
    }

    @Override
    public void stop() {
        // one issuer per JVM
    }
}
