package dev.sessio.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** components/ingress replaces the Gateway API objects with Ingresses that expose the same two things. */
class IngressAlternativeTest {

    @Test
    void theIngressComponentExposesTheGatewayAndKeycloakOnly() throws IOException {
        Path dir = Kustomize.k8s().resolve("target/ingress-check");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: sessio
                resources:
                  - ../../base
                components:
                  - ../../components/ingress
                  - ../../components/public-hostnames
                configMapGenerator:
                  - name: sessio-public-hosts
                    options:
                      disableNameSuffixHash: true
                    literals:
                      - API_HOST=api.ingress.example.org
                      - AUTH_HOST=auth.ingress.example.org
                      - APP_HOST=app.ingress.example.org
                """);
        Manifests m = Manifests.parse(Kustomize.render(dir), "base + components/ingress");
        assertThat(m.all(Gateway.class)).isEmpty();
        assertThat(m.all(HTTPRoute.class)).isEmpty();
        assertThat(m.all(Ingress.class)).extracting(i -> i.getSpec().getRules().get(0).getHost())
                .containsExactlyInAnyOrder("api.ingress.example.org", "auth.ingress.example.org");
        assertThat(m.all(Ingress.class)).allSatisfy(i -> assertThat(i.getSpec().getTls().get(0).getHosts())
                .containsExactly(i.getSpec().getRules().get(0).getHost()));
        assertThat(Rules.onlyTheGatewayIsPublic(m)).isEmpty();
    }
}
