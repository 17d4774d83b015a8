package dev.sessio.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders every overlay with kubectl kustomize, parses it with fabric8 and checks the deployment rules. */
class OverlayRulesTest {

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    private static void clean(List<String> violations) {
        assertThat(violations).as("rule violations").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceAndTheGatewayIsDeployed(String overlay) {
        clean(Rules.everyServiceIsDeployed(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deploymentsHaveProbesLimitsAndALockedDownSecurityContext(String overlay) {
        clean(Rules.deploymentsAreHardened(Kustomize.overlay(overlay), Rules.quarkusShutdownTimeout(Kustomize.repo())));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasAServiceAPodDisruptionBudgetAndAnAutoscaler(String overlay) {
        clean(Rules.everyDeploymentHasServicePdbAndHpa(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretValuesAreCommitted(String overlay) {
        clean(Rules.noCommittedSecrets(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedConfigMapIsThere(String overlay) {
        clean(Rules.referencedConfigMapsExist(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretReferenceIsDescribedInTheReadme(String overlay) throws IOException {
        String readme = Files.readString(Kustomize.k8s().resolve("README.md"));
        clean(Rules.secretsAreDocumented(Kustomize.overlay(overlay), readme));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceHasItsOwnBackedUpPostgresCluster(String overlay) {
        clean(Rules.databasesOnePerServiceWithBackups(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicAServiceConfiguresHasAKafkaTopic(String overlay) {
        clean(Rules.everyTopicHasAKafkaTopic(Kustomize.overlay(overlay), Rules.configuredTopics(Kustomize.repo())));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesOnlyFromTheGatewayDatabasesOnlyFromTheirServiceKafkaOnlyFromTheServices(String overlay) {
        clean(Rules.networkPolicies(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayAndKeycloakArePublicOverTls(String overlay) {
        clean(Rules.onlyTheGatewayIsPublic(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = "prod")
    void prodRunsThreeKafkaNodesWithReplicationThreeAndMinIsrTwo(String overlay) {
        clean(Rules.kafkaIsKraftAndTopicsAreReplicated(Kustomize.overlay(overlay), 3, 3, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = "dev")
    void devRunsOneKafkaNode(String overlay) {
        clean(Rules.kafkaIsKraftAndTopicsAreReplicated(Kustomize.overlay(overlay), 1, 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = "prod")
    void prodIsHighlyAvailableAndRunsReleasedImages(String overlay) {
        Manifests prod = Kustomize.overlay(overlay);
        clean(Rules.highlyAvailable(prod));
        clean(Rules.releasedImagesOnly(prod));
    }

    @ParameterizedTest
    @ValueSource(strings = "prod")
    void prodIsMonitoredWithJsonLogsAndTraces(String overlay) {
        clean(Rules.monitoring(Kustomize.overlay(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void publicHostNamesReachEveryPlaceThatNeedsThem(String overlay) {
        String yaml = Kustomize.render(Kustomize.k8s().resolve("overlays").resolve(overlay));
        assertThat(yaml).as("localhost must not survive into a cluster rendering").doesNotContain("localhost")
                .doesNotContain("127.0.0.1");
        Manifests m = Kustomize.overlay(overlay);
        var hosts = m.named(io.fabric8.kubernetes.api.model.ConfigMap.class, "sessio-public-hosts").orElseThrow().getData();
        var tokens = m.named(io.fabric8.kubernetes.api.model.ConfigMap.class, "tokens-service-config").orElseThrow().getData();
        assertThat(tokens.get("QUARKUS_OIDC_TOKEN_ISSUER")).isEqualTo("https://" + hosts.get("AUTH_HOST") + "/realms/sessio");
        assertThat(tokens.get("TOKENS_STRIPE_SUCCESS_URL")).startsWith("https://" + hosts.get("APP_HOST") + "/");
        var keycloak = m.custom("Keycloak").get(0);
        assertThat(Manifests.at(keycloak, "spec", "hostname", "hostname")).isEqualTo("https://" + hosts.get("AUTH_HOST"));
        var route = m.named(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class, "sessio-api").orElseThrow();
        assertThat(route.getSpec().getHostnames()).containsExactly(hosts.get("API_HOST"));
    }
}
