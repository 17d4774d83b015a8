package dev.sessio.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules are only worth something if they fail: each test breaks the real prod rendering one way. */
class BrokenManifestTest {

    private static final Duration SHUTDOWN = Duration.ofSeconds(20);

    private static Manifests prod() {
        return Kustomize.overlay("prod");
    }

    private static Manifests withDeployment(String name, Consumer<Deployment> change) {
        Manifests prod = prod();
        Deployment original = prod.named(Deployment.class, name).orElseThrow();
        Deployment broken = Manifests.deepCopy(original);
        change.accept(broken);
        return prod.with(original, broken);
    }

    private static Manifests without(Class<? extends HasMetadata> type, String name) {
        Manifests prod = prod();
        return prod.with(prod.named(type, name).orElseThrow(), null);
    }

    @Test
    void aMissingProbeIsCaught() {
        Manifests broken = withDeployment("tokens-service", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setStartupProbe(null));
        assertThat(Rules.deploymentsAreHardened(broken, SHUTDOWN)).anyMatch(v -> v.contains("tokens-service") && v.contains("no startupProbe"));
    }

    @Test
    void aWritableRootFilesystemMissingLimitsAndRootAreCaught() {
        Manifests broken = withDeployment("video-service", d -> {
            var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            c.getSecurityContext().setReadOnlyRootFilesystem(false);
            c.getSecurityContext().getCapabilities().setDrop(List.of());
            c.getResources().setLimits(Map.of());
            d.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(null);
        });
        assertThat(Rules.deploymentsAreHardened(broken, SHUTDOWN)).anyMatch(v -> v.contains("readOnlyRootFilesystem"))
                .anyMatch(v -> v.contains("drop ALL")).anyMatch(v -> v.contains("no memory limit"))
                .anyMatch(v -> v.contains("runAsNonRoot"));
    }

    @Test
    void aGracePeriodShorterThanTheShutdownIsCaught() {
        Manifests broken = withDeployment("notifications-service", d -> d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(15L));
        assertThat(Rules.deploymentsAreHardened(broken, SHUTDOWN)).anyMatch(v -> v.contains("terminationGracePeriodSeconds 15"));
    }

    @Test
    void aCommittedSecretValueIsCaught() {
        Manifests broken = prod().plus(new SecretBuilder().withNewMetadata().withName("tokens-stripe").endMetadata()
                .withStringData(Map.of("api-key", "sk_live_oops")).build());
        assertThat(Rules.noCommittedSecrets(broken)).anyMatch(v -> v.contains("Secret tokens-stripe carries values"));
    }

    @Test
    void aPasswordInPlainEnvIsCaught() {
        Manifests broken = withDeployment("accounts-service", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new io.fabric8.kubernetes.api.model.EnvVar("QUARKUS_DATASOURCE_PASSWORD_2", "hunter2", null)));
        assertThat(Rules.noCommittedSecrets(broken)).anyMatch(v -> v.contains("without a secretKeyRef"));
    }

    @Test
    void aTopicWithoutKafkaTopicIsCaught() {
        Manifests prod = prod();
        GenericKubernetesResource dlq = prod.custom("KafkaTopic").stream()
                .filter(t -> t.getMetadata().getName().equals("tokens.events.v1.sessions.dlq")).findFirst().orElseThrow();
        Manifests broken = prod.with(dlq, null);
        assertThat(Rules.everyTopicHasAKafkaTopic(broken, Set.of())).anyMatch(v -> v.contains("no KafkaTopic for tokens.events.v1.sessions.dlq"));
        assertThat(Rules.everyTopicHasAKafkaTopic(prod(), Set.of("payments.events.v1.video.dlq")))
                .anyMatch(v -> v.contains("payments.events.v1.video.dlq (configured in a service)"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnderReplicatedTopicIsCaught() {
        Manifests prod = prod();
        GenericKubernetesResource topic = prod.custom("KafkaTopic").get(0);
        GenericKubernetesResource broken = Manifests.deepCopy(topic);
        ((Map<String, Object>) broken.getAdditionalProperties().get("spec")).put("replicas", 1);
        assertThat(Rules.kafkaIsKraftAndTopicsAreReplicated(prod.with(topic, broken), 3, 3, 2))
                .anyMatch(v -> v.contains("replicas 1 / min.insync.replicas 2"));
    }

    @Test
    void aServiceWithoutNetworkPolicyOrReachableByAnyoneIsCaught() {
        assertThat(Rules.networkPolicies(without(NetworkPolicy.class, "sessions-service")))
                .anyMatch(v -> v.contains("no NetworkPolicy for sessions-service"));
        Manifests prod = prod();
        NetworkPolicy policy = prod.named(NetworkPolicy.class, "tokens-service").orElseThrow();
        NetworkPolicy open = Manifests.deepCopy(policy);
        open.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().setMatchLabels(Map.of("app.kubernetes.io/name", "video-service"));
        assertThat(Rules.networkPolicies(prod.with(policy, open))).anyMatch(v -> v.contains("reach tokens-service"));
        NetworkPolicy db = prod.named(NetworkPolicy.class, "tokens-db").orElseThrow();
        NetworkPolicy leaky = Manifests.deepCopy(db);
        leaky.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().setMatchLabels(Map.of("app.kubernetes.io/name", "sessions-service"));
        assertThat(Rules.networkPolicies(prod.with(db, leaky))).anyMatch(v -> v.contains("reach PostgreSQL cluster tokens-db"));
    }

    @Test
    void aMissingPdbOrAutoscalerIsCaught() {
        assertThat(Rules.everyDeploymentHasServicePdbAndHpa(without(PodDisruptionBudget.class, "gateway")))
                .anyMatch(v -> v.contains("gateway: no PodDisruptionBudget"));
        assertThat(Rules.everyDeploymentHasServicePdbAndHpa(without(HorizontalPodAutoscaler.class, "video-service")))
                .anyMatch(v -> v.contains("video-service: needs exactly one HorizontalPodAutoscaler"));
    }

    @Test
    void twoServicesOnOneDatabaseOrASnapshotInProdAreCaught() {
        Manifests shared = withDeployment("video-service", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef().getName().equals("video-db-app")) {
                        e.getValueFrom().getSecretKeyRef().setName("tokens-db-app");
                    }
                }));
        assertThat(Rules.databasesOnePerServiceWithBackups(shared)).anyMatch(v -> v.contains("must come from the generated Secret video-db-app"));
        Manifests snapshot = withDeployment("gateway", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                .setImage("ghcr.io/sessio/gateway:0.1.0-SNAPSHOT"));
        assertThat(Rules.releasedImagesOnly(snapshot)).anyMatch(v -> v.contains("not a released version"));
    }

    @Test
    void anExposedInternalServiceIsCaught() {
        Manifests prod = prod();
        var route = prod.named(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class, "sessio-api").orElseThrow();
        var exposed = Manifests.deepCopy(route);
        exposed.getSpec().getRules().get(0).getBackendRefs().get(0).setName("tokens-service");
        assertThat(Rules.onlyTheGatewayIsPublic(prod.with(route, exposed))).anyMatch(v -> v.contains("exposes tokens-service"));
    }
}
