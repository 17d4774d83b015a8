package dev.sessio.accounts;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * Test profile of the *IT tests: the application talks to a real Keycloak ({@link KeycloakResource}) through the
 * production {@code KeycloakIdentityProvider}; the in-memory double is switched off at build time.
 */
public class RealKeycloak implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sessio-test.real-keycloak", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakResource.class));
    }
}
