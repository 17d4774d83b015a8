package dev.sessio.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, the way ops (and CI) do. */
final class Kustomize {

    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The repository root: the folder whose pom.xml is sessio-parent (deploy/k8s/../..). */
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/k8s/base")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (deploy/k8s/base) above " + dir);
    }

    static Path k8s() {
        return repo().resolve("deploy/k8s");
    }

    private static final Map<String, Manifests> PARSED = new ConcurrentHashMap<>();

    /** Parsed once per run; tests that alter objects work on deep copies (Manifests.deepCopy, with, plus). */
    static Manifests overlay(String name) {
        return PARSED.computeIfAbsent(name, n -> Manifests.parse(render(k8s().resolve("overlays").resolve(n)), "overlays/" + n));
    }

    static String render(Path kustomization) {
        return RENDERED.computeIfAbsent(kustomization.toAbsolutePath().normalize(), Kustomize::run);
    }

    private static String run(Path dir) {
        String kubectl = kubectl();
        try {
            Path out = Files.createTempFile("kustomize-", ".yaml");
            Path err = Files.createTempFile("kustomize-", ".err");
            Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            String yaml = Files.readString(out, StandardCharsets.UTF_8);
            String error = Files.readString(err, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + repo().relativize(dir) + " failed:\n" + error);
            }
            return yaml;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static volatile String kubectl;

    /** kubectl from -Dsessio.kubectl or the PATH; its embedded Kustomize must know components (v4+). */
    static synchronized String kubectl() {
        if (kubectl != null) {
            return kubectl;
        }
        String candidate = System.getProperty("sessio.kubectl", "kubectl");
        String version;
        try {
            Process p = new ProcessBuilder(candidate, "version", "--client").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("""
                    kubectl is not installed (or not on the PATH): the Kubernetes manifests are rendered with
                    `kubectl kustomize`. Install it (Debian: apt-get install kubernetes-client; .ci/run does this
                    when deploy/k8s exists) or point -Dsessio.kubectl=/path/to/kubectl at one.""", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        var m = java.util.regex.Pattern.compile("Kustomize Version: v(\\d+)").matcher(version);
        if (m.find() && Integer.parseInt(m.group(1)) < 4) {
            throw new AssertionError("kubectl's embedded Kustomize is too old for components (needs v4+, kubectl 1.21+): "
                    + version.trim());
        }
        kubectl = candidate;
        return kubectl;
    }

    static List<String> overlays() {
        return List.of("dev", "prod");
    }
}
