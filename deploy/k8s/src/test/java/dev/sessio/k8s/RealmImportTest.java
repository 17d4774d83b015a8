package dev.sessio.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * base/keycloak/realm-import.yaml is generated from deploy/keycloak/sessio-realm.json (never from the local demo
 * overlay). Out of date: fails; -Dsessio.k8s.regenerate=true rewrites it.
 */
class RealmImportTest {

    private static final String HEADER = """
            # GENERATED from deploy/keycloak/sessio-realm.json (without local-overlay.json) by RealmImportTest;
            # regenerate: ./mvnw -q -pl deploy/k8s test -Dtest=RealmImportTest -Dsessio.k8s.regenerate=true
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> realm() throws IOException {
        return JSON.readValue(Kustomize.repo().resolve("deploy/keycloak/sessio-realm.json").toFile(), Map.class);
    }

    /** ${NAME} placeholders in the realm file, each filled by the operator from a Secret. */
    private static TreeSet<String> placeholders() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(Files.readString(Kustomize.repo().resolve("deploy/keycloak/sessio-realm.json")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static final Map<String, Map<String, String>> PLACEHOLDER_SECRETS = Map.of(
            "SESSIO_KEYCLOAK_ADMIN_CLIENT_SECRET", Map.of("name", "accounts-keycloak-client", "key", "client-secret"));

    static String generate() throws IOException {
        Map<String, Object> placeholders = new LinkedHashMap<>();
        for (String name : placeholders()) {
            Map<String, String> secret = PLACEHOLDER_SECRETS.get(name);
            if (secret == null) {
                throw new AssertionError("the realm file uses ${" + name + "}: add the Secret that fills it to RealmImportTest");
            }
            placeholders.put(name, Map.of("secret", new LinkedHashMap<>(new java.util.TreeMap<>(secret))));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("keycloakCRName", "sessio-keycloak");
        spec.put("placeholders", placeholders);
        spec.put("realm", realm());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        doc.put("kind", "KeycloakRealmImport");
        doc.put("metadata", Map.of("name", "sessio-realm"));
        doc.put("spec", spec);
        return HEADER + YAML.writeValueAsString(doc);
    }

    @Test
    void theRealmImportIsTheRealmFile() throws IOException {
        Path committed = Kustomize.k8s().resolve("base/keycloak/realm-import.yaml");
        if (Boolean.getBoolean("sessio.k8s.regenerate")) {
            Files.writeString(committed, generate());
        }
        GenericKubernetesResource imported = (GenericKubernetesResource) Manifests.parse(Files.readString(committed), "realm-import.yaml")
                .objects().get(0);
        assertThat(Manifests.at(imported, "spec", "realm"))
                .as("base/keycloak/realm-import.yaml is out of date with deploy/keycloak/sessio-realm.json; "
                        + "regenerate: ./mvnw -q -pl deploy/k8s test -Dtest=RealmImportTest -Dsessio.k8s.regenerate=true")
                .isEqualTo(realm());
        for (String name : placeholders()) {
            assertThat(Manifests.at(imported, "spec", "placeholders", name, "secret", "name"))
                    .as("placeholder ${%s} is filled from a Secret", name).isNotNull();
        }
    }

    @Test
    void theLocalDemoOverlayNeverReachesACluster() throws IOException {
        String overlay = Files.readString(Kustomize.repo().resolve("deploy/keycloak/local-overlay.json"));
        Matcher clientIds = Pattern.compile("\"clientId\"\\s*:\\s*\"([^\"]+)\"").matcher(overlay);
        for (String env : Kustomize.overlays()) {
            String rendered = Kustomize.render(Kustomize.k8s().resolve("overlays").resolve(env));
            clientIds.reset();
            while (clientIds.find()) {
                assertThat(rendered).as("%s renders the local-only client %s", env, clientIds.group(1))
                        .doesNotContain("clientId: " + clientIds.group(1));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFrontEndMayOnlyRedirectToItsPublicHost() {
        for (String env : Kustomize.overlays()) {
            Manifests m = Kustomize.overlay(env);
            String app = m.named(io.fabric8.kubernetes.api.model.ConfigMap.class, "sessio-public-hosts").orElseThrow().getData().get("APP_HOST");
            GenericKubernetesResource imported = m.custom("KeycloakRealmImport").get(0);
            List<?> clients = (List<?>) Manifests.at(imported, "spec", "realm", "clients");
            Object web = clients.stream().filter(c -> "sessio-web".equals(Manifests.at(c, "clientId"))).findFirst().orElseThrow();
            assertThat((List<Object>) Manifests.at(web, "redirectUris")).as(env).containsExactly("https://" + app + "/*");
            assertThat((List<Object>) Manifests.at(web, "webOrigins")).as(env).containsExactly("https://" + app);
        }
    }
}
