package dev.sessio.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Jib settings build the images the manifests run: same registry, group, user and port. */
class ContainerImagePropertiesTest {

    @Test
    void jibBuildsTheImagesTheManifestsUse() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Kustomize.k8s().resolve("container-image.properties"))) {
            p.load(r);
        }
        assertThat(p.getProperty("quarkus.container-image.registry") + "/" + p.getProperty("quarkus.container-image.group") + "/")
                .isEqualTo(Rules.IMAGE_PREFIX);
        // push=true would imply a build (and a push) on every ./mvnw package: releases pass it on the command line.
        assertThat(p.getProperty("quarkus.container-image.push")).as("push only on demand").isNull();
        assertThat(p.getProperty("quarkus.container-image.build")).as("build only on demand").isNull();
        assertThat(p.getProperty("quarkus.jib.base-jvm-image")).as("a pinned base image").matches(".+:[0-9][^:]*");
        assertThat(p.getProperty("quarkus.jib.ports")).isEqualTo("8080");
        assertThat(p.getProperty("quarkus.jib.platforms")).contains("linux/amd64");
        long user = Long.parseLong(p.getProperty("quarkus.jib.user"));
        for (Deployment d : Kustomize.overlay("prod").all(Deployment.class)) {
            assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                    .as("%s runs as the image's user", d.getMetadata().getName()).isEqualTo(user);
        }
    }
}
