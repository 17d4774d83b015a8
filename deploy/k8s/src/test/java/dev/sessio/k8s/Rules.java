package dev.sessio.k8s;

import static dev.sessio.k8s.Manifests.at;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deployment rules. Each returns the violations it finds (empty = fine), so a test can both assert a real
 * rendering is clean and prove that a broken one is caught.
 */
final class Rules {

    static final Set<String> SERVICES = Set.of("accounts-service", "tokens-service", "sessions-service",
            "notifications-service", "video-service", "gateway");
    static final String IMAGE_PREFIX = "ghcr.io/sessio/";
    static final Pattern SECRET_LIKE = Pattern.compile("(?i)(.*(PASSWORD|SECRET|PRIVATE_KEY|API_KEY|CREDENTIAL).*|.*_TOKEN|TOKEN)");
    /** Topics the issue names explicitly (the application.properties grep finds the rest). */
    static final List<String> REQUIRED_TOPICS = List.of("accounts.events.v1", "tokens.events.v1", "sessions.events.v1",
            "video.events.v1", "notifications.events.v1", "sessions.events.v1.tokens.dlq",
            "tokens.events.v1.sessions.dlq", "video.events.v1.sessions.dlq", "sessions.events.v1.video.dlq",
            "accounts.events.v1.notifications.dlq", "tokens.events.v1.notifications.dlq",
            "sessions.events.v1.notifications.dlq", "video.events.v1.notifications.dlq",
            "notifications.events.v1.notifications.dlq");

    private Rules() {
    }

    // ------------------------------------------------------------------------------------------ workloads

    static List<String> everyServiceIsDeployed(Manifests m) {
        Set<String> deployed = m.all(Deployment.class).stream().map(d -> d.getMetadata().getName())
                .collect(Collectors.toSet());
        return SERVICES.stream().filter(s -> !deployed.contains(s)).sorted()
                .map(s -> m.source() + ": no Deployment for " + s).toList();
    }

    static List<String> deploymentsAreHardened(Manifests m, Duration quarkusShutdownTimeout) {
        List<String> v = new ArrayList<>();
        for (Deployment d : m.all(Deployment.class)) {
            String where = m.source() + ": Deployment " + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                v.add(where + ": automountServiceAccountToken must be false");
            }
            var psc = pod.getSecurityContext();
            if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot())) {
                v.add(where + ": pod securityContext.runAsNonRoot must be true");
            }
            if (psc == null || psc.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
                v.add(where + ": pod seccompProfile must be RuntimeDefault");
            }
            if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())) {
                v.add(where + ": must not use the host's network or PIDs");
            }
            for (Container c : pod.getContainers()) {
                String cw = where + " container " + c.getName();
                v.addAll(probe(cw, "startupProbe", c.getStartupProbe(), "/q/health/started"));
                v.addAll(probe(cw, "readinessProbe", c.getReadinessProbe(), "/q/health/ready"));
                v.addAll(probe(cw, "livenessProbe", c.getLivenessProbe(), "/q/health/live"));
                v.addAll(resources(cw, c.getResources()));
                var sc = c.getSecurityContext();
                if (sc == null) {
                    v.add(cw + ": no securityContext");
                } else {
                    if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                        v.add(cw + ": readOnlyRootFilesystem must be true");
                    }
                    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                        v.add(cw + ": allowPrivilegeEscalation must be false");
                    }
                    if (Boolean.TRUE.equals(sc.getPrivileged())) {
                        v.add(cw + ": must not be privileged");
                    }
                    if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                            || !sc.getCapabilities().getDrop().contains("ALL")) {
                        v.add(cw + ": capabilities must drop ALL");
                    }
                    if (sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
                            && !sc.getCapabilities().getAdd().isEmpty()) {
                        v.add(cw + ": must not add capabilities " + sc.getCapabilities().getAdd());
                    }
                    if (Boolean.FALSE.equals(sc.getRunAsNonRoot()) || (sc.getRunAsUser() != null && sc.getRunAsUser() == 0)) {
                        v.add(cw + ": must not run as root");
                    }
                }
                boolean tmpFromEmptyDir = c.getVolumeMounts() != null && c.getVolumeMounts().stream()
                        .anyMatch(vm -> "/tmp".equals(vm.getMountPath()) && pod.getVolumes() != null && pod.getVolumes()
                                .stream().anyMatch(vol -> vol.getName().equals(vm.getName()) && vol.getEmptyDir() != null));
                if (!tmpFromEmptyDir) {
                    v.add(cw + ": /tmp must be an emptyDir (the root filesystem is read-only)");
                }
                if (c.getPorts() == null || c.getPorts().stream().noneMatch(p -> p.getContainerPort() == 8080)) {
                    v.add(cw + ": must listen on containerPort 8080");
                }
                String image = c.getImage() == null ? "" : c.getImage();
                if (!image.startsWith(IMAGE_PREFIX + d.getMetadata().getName() + ":")) {
                    v.add(cw + ": image must be " + IMAGE_PREFIX + d.getMetadata().getName() + ":<tag>, is " + image);
                }
                // Graceful shutdown: the preStop pause, then Quarkus' own shutdown timeout, must fit in the grace period.
                long preStop = preStopSeconds(c);
                if (preStop <= 0) {
                    v.add(cw + ": needs a preStop pause (endpoints must be removed before the JVM stops)");
                }
                long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
                long needed = preStop + quarkusShutdownTimeout.toSeconds() + 5;
                if (grace < needed) {
                    v.add(cw + ": terminationGracePeriodSeconds " + grace + " < preStop " + preStop
                            + " s + Quarkus shutdown " + quarkusShutdownTimeout.toSeconds() + " s + 5 s");
                }
            }
        }
        return v;
    }

    private static long preStopSeconds(Container c) {
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var handler = c.getLifecycle().getPreStop();
        if (handler.getSleep() != null && handler.getSleep().getSeconds() != null) {
            return handler.getSleep().getSeconds();
        }
        if (handler.getExec() != null && handler.getExec().getCommand() != null) {
            Matcher matcher = Pattern.compile("sleep\\s+(\\d+)").matcher(String.join(" ", handler.getExec().getCommand()));
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        }
        return 0;
    }

    private static List<String> probe(String where, String kind, Probe probe, String path) {
        if (probe == null) {
            return List.of(where + ": no " + kind);
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null || !path.equals(get.getPath())) {
            return List.of(where + ": " + kind + " must GET " + path);
        }
        return List.of();
    }

    private static List<String> resources(String where, ResourceRequirements r) {
        List<String> v = new ArrayList<>();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = r == null || r.getRequests() == null ? null : r.getRequests().get(resource);
            Quantity limit = r == null || r.getLimits() == null ? null : r.getLimits().get(resource);
            if (request == null) {
                v.add(where + ": no " + resource + " request");
            }
            if (limit == null) {
                v.add(where + ": no " + resource + " limit");
            }
            if (request != null && limit != null) {
                BigDecimal req = Quantity.getAmountInBytes(request);
                BigDecimal lim = Quantity.getAmountInBytes(limit);
                if (lim.compareTo(req) < 0) {
                    v.add(where + ": " + resource + " limit " + limit + " below its request " + request);
                }
            }
        }
        return v;
    }

    static List<String> everyDeploymentHasServicePdbAndHpa(Manifests m) {
        List<String> v = new ArrayList<>();
        for (Deployment d : m.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            String where = m.source() + ": Deployment " + name;
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            if (!matches(d.getSpec().getSelector(), podLabels)) {
                v.add(where + ": its selector does not match its pod labels");
            }
            Optional<Service> service = m.named(Service.class, name);
            if (service.isEmpty()) {
                v.add(where + ": no Service " + name);
            } else {
                Map<String, String> selector = service.get().getSpec().getSelector();
                if (selector == null || selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
                    v.add(where + ": Service selector " + selector + " does not select its pods");
                }
                if (!"ClusterIP".equals(Objects.requireNonNullElse(service.get().getSpec().getType(), "ClusterIP"))) {
                    v.add(where + ": Service must be ClusterIP (public traffic comes through the Gateway/Ingress)");
                }
            }
            List<PodDisruptionBudget> pdbs = m.all(PodDisruptionBudget.class).stream()
                    .filter(p -> matches(p.getSpec().getSelector(), podLabels)).toList();
            if (pdbs.isEmpty()) {
                v.add(where + ": no PodDisruptionBudget selects its pods");
            }
            List<HorizontalPodAutoscaler> hpas = m.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                            && name.equals(h.getSpec().getScaleTargetRef().getName())).toList();
            if (hpas.size() != 1) {
                v.add(where + ": needs exactly one HorizontalPodAutoscaler, has " + hpas.size());
            } else {
                var hpa = hpas.get(0).getSpec();
                int min = hpa.getMinReplicas() == null ? 1 : hpa.getMinReplicas();
                if (min < 1 || hpa.getMaxReplicas() < min) {
                    v.add(where + ": HPA min " + min + " / max " + hpa.getMaxReplicas() + " make no sense");
                }
                if (hpa.getMetrics() == null || hpa.getMetrics().isEmpty()) {
                    v.add(where + ": HPA has no metric");
                }
                Integer replicas = d.getSpec().getReplicas();
                if (replicas != null && (replicas < min || replicas > hpa.getMaxReplicas())) {
                    v.add(where + ": replicas " + replicas + " outside the HPA's range " + min + ".." + hpa.getMaxReplicas());
                }
            }
        }
        return v;
    }

    /** prod: at least two pods of everything, so a drain or a crash never takes a service away. */
    static List<String> highlyAvailable(Manifests m) {
        List<String> v = new ArrayList<>();
        for (HorizontalPodAutoscaler h : m.all(HorizontalPodAutoscaler.class)) {
            if (h.getSpec().getMinReplicas() == null || h.getSpec().getMinReplicas() < 2) {
                v.add(m.source() + ": HPA " + h.getMetadata().getName() + " minReplicas must be >= 2");
            }
        }
        for (GenericKubernetesResource c : m.custom("Cluster")) {
            if (number(at(c, "spec", "instances")) < 2) {
                v.add(m.source() + ": PostgreSQL cluster " + c.getMetadata().getName() + " needs >= 2 instances");
            }
        }
        return v;
    }

    static List<String> releasedImagesOnly(Manifests m) {
        List<String> v = new ArrayList<>();
        for (Deployment d : m.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String tag = c.getImage().substring(c.getImage().lastIndexOf(':') + 1);
                if (tag.contains("SNAPSHOT") || tag.equals("latest") || !c.getImage().contains(":")) {
                    v.add(m.source() + ": " + d.getMetadata().getName() + " runs " + c.getImage() + " (not a released version)");
                }
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------ configuration

    static List<String> noCommittedSecrets(Manifests m) {
        List<String> v = new ArrayList<>();
        for (Secret s : m.all(Secret.class)) {
            if ((s.getData() != null && !s.getData().isEmpty()) || (s.getStringData() != null && !s.getStringData().isEmpty())) {
                v.add(m.source() + ": Secret " + s.getMetadata().getName() + " carries values; Secrets are created by ops, only referenced here");
            }
        }
        for (ConfigMap cm : m.all(ConfigMap.class)) {
            if (cm.getData() != null) {
                cm.getData().keySet().stream().filter(k -> SECRET_LIKE.matcher(k).matches()).forEach(k ->
                        v.add(m.source() + ": ConfigMap " + cm.getMetadata().getName() + " holds " + k + ", which belongs in a Secret"));
            }
        }
        for (Deployment d : m.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar e : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
                    if (SECRET_LIKE.matcher(e.getName()).matches()
                            && (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)) {
                        v.add(m.source() + ": " + d.getMetadata().getName() + " sets " + e.getName() + " without a secretKeyRef");
                    }
                }
            }
        }
        return v;
    }

    /** Every ConfigMap a pod reads exists in the same rendering. */
    static List<String> referencedConfigMapsExist(Manifests m) {
        Set<String> present = m.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        List<String> v = new ArrayList<>();
        for (Deployment d : m.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvFromSource f : Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
                    if (f.getConfigMapRef() != null && !present.contains(f.getConfigMapRef().getName())) {
                        v.add(m.source() + ": " + d.getMetadata().getName() + " reads missing ConfigMap " + f.getConfigMapRef().getName());
                    }
                }
            }
        }
        return v;
    }

    /** The environment a container gets from ConfigMaps (in envFrom order, later wins) and env entries. */
    static Map<String, EnvVar> environment(Manifests m, Deployment d) {
        Map<String, EnvVar> env = new java.util.LinkedHashMap<>();
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (EnvFromSource f : Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
            if (f.getConfigMapRef() != null) {
                m.named(ConfigMap.class, f.getConfigMapRef().getName()).ifPresent(cm -> cm.getData()
                        .forEach((k, val) -> env.put(k, new EnvVar(k, val, null))));
            }
        }
        for (EnvVar e : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
            env.put(e.getName(), e);
        }
        return env;
    }

    static String value(Map<String, EnvVar> env, String name) {
        EnvVar e = env.get(name);
        return e == null ? null : e.getValue();
    }

    static Optional<SecretKeySelector> secretRef(Map<String, EnvVar> env, String name) {
        EnvVar e = env.get(name);
        return e == null || e.getValueFrom() == null ? Optional.empty() : Optional.ofNullable(e.getValueFrom().getSecretKeyRef());
    }

    /** Every Secret (name + key) the manifests reference is described in deploy/k8s/README.md. */
    static List<String> secretsAreDocumented(Manifests m, String readme) {
        Set<String> refs = new TreeSet<>();
        for (Deployment d : m.all(Deployment.class)) {
            environment(m, d).values().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .forEach(s -> refs.add(s.getName() + "|" + s.getKey()));
        }
        for (GenericKubernetesResource c : m.custom("Cluster")) {
            for (String k : List.of("accessKeyId", "secretAccessKey")) {
                Object name = at(c, "spec", "backup", "barmanObjectStore", "s3Credentials", k, "name");
                Object key = at(c, "spec", "backup", "barmanObjectStore", "s3Credentials", k, "key");
                if (name != null) {
                    refs.add(name + "|" + key);
                }
            }
        }
        for (GenericKubernetesResource k : m.custom("Keycloak")) {
            refs.add(at(k, "spec", "bootstrapAdmin", "user", "secret") + "|username");
            refs.add(at(k, "spec", "bootstrapAdmin", "user", "secret") + "|password");
        }
        for (GenericKubernetesResource r : m.custom("KeycloakRealmImport")) {
            if (at(r, "spec", "placeholders") instanceof Map<?, ?> placeholders) {
                placeholders.values().forEach(p -> refs.add(at(p, "secret", "name") + "|" + at(p, "secret", "key")));
            }
        }
        List<String> v = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        for (String ref : refs) {
            String[] nk = ref.split("\\|");
            boolean documented = lines.stream().anyMatch(l -> l.contains("`" + nk[0] + "`") && l.contains("`" + nk[1] + "`"));
            if (!documented) {
                v.add(m.source() + ": Secret `" + nk[0] + "` key `" + nk[1] + "` is used but not described in deploy/k8s/README.md (one table line naming both)");
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------ PostgreSQL

    static List<String> databasesOnePerServiceWithBackups(Manifests m) {
        List<String> v = new ArrayList<>();
        Map<String, GenericKubernetesResource> clusters = m.custom("Cluster").stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        Map<String, String> clusterUsers = new java.util.HashMap<>();
        for (Deployment d : m.all(Deployment.class)) {
            Map<String, EnvVar> env = environment(m, d);
            String url = value(env, "QUARKUS_DATASOURCE_JDBC_URL");
            String where = m.source() + ": " + d.getMetadata().getName();
            if (url == null) {
                continue;
            }
            Matcher jdbc = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw(?:\\.[a-z0-9.-]+)?:5432/([a-z0-9_]+)").matcher(url);
            if (!jdbc.matches()) {
                v.add(where + ": JDBC URL " + url + " must point at a CloudNativePG <cluster>-rw service");
                continue;
            }
            String cluster = jdbc.group(1);
            GenericKubernetesResource c = clusters.get(cluster);
            if (c == null) {
                v.add(where + ": no CloudNativePG Cluster " + cluster);
                continue;
            }
            String previous = clusterUsers.put(cluster, d.getMetadata().getName());
            if (previous != null) {
                v.add(where + ": shares PostgreSQL cluster " + cluster + " with " + previous);
            }
            if (!jdbc.group(2).equals(at(c, "spec", "bootstrap", "initdb", "database"))) {
                v.add(where + ": database " + jdbc.group(2) + " is not the one cluster " + cluster + " creates");
            }
            for (String var : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                Optional<SecretKeySelector> ref = secretRef(env, var);
                if (ref.isEmpty() || !(cluster + "-app").equals(ref.get().getName())) {
                    v.add(where + ": " + var + " must come from the generated Secret " + cluster + "-app");
                }
            }
        }
        for (GenericKubernetesResource c : clusters.values()) {
            String name = c.getMetadata().getName();
            if (at(c, "spec", "backup", "barmanObjectStore", "destinationPath") == null
                    || at(c, "spec", "backup", "barmanObjectStore", "s3Credentials") == null) {
                v.add(m.source() + ": PostgreSQL cluster " + name + " has no backup (barmanObjectStore with credentials)");
            }
            boolean scheduled = m.custom("ScheduledBackup").stream().anyMatch(b -> name.equals(at(b, "spec", "cluster", "name")));
            if (!scheduled) {
                v.add(m.source() + ": PostgreSQL cluster " + name + " has no ScheduledBackup");
            }
        }
        for (GenericKubernetesResource k : m.custom("Keycloak")) {
            String host = String.valueOf(at(k, "spec", "db", "host"));
            String cluster = host.replaceFirst("-rw$", "");
            if (!clusters.containsKey(cluster) || clusterUsers.containsKey(cluster)) {
                v.add(m.source() + ": Keycloak must have its own PostgreSQL cluster, has host " + host);
            }
            if (!(cluster + "-app").equals(at(k, "spec", "db", "passwordSecret", "name"))) {
                v.add(m.source() + ": Keycloak's database password must come from " + cluster + "-app");
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------ Kafka

    /** Topic names the services configure: topic(s)= and dead-letter-queue.topic= in their application.properties. */
    static Set<String> configuredTopics(Path repo) {
        Set<String> topics = new TreeSet<>();
        Pattern line = Pattern.compile("^\\s*(?:%[\\w-]+\\.)?[\\w.\\-\"]*\\.topics?\\s*[=:]\\s*(.+?)\\s*$");
        try (Stream<Path> files = Files.list(repo)) {
            for (Path module : files.filter(Files::isDirectory).sorted().toList()) {
                Path props = module.resolve("src/main/resources/application.properties");
                if (!Files.isRegularFile(props)) {
                    continue;
                }
                for (String l : Files.readAllLines(props)) {
                    Matcher matcher = line.matcher(l);
                    if (!l.trim().startsWith("#") && matcher.matches()) {
                        for (String t : matcher.group(1).split(",")) {
                            if (!t.isBlank()) {
                                topics.add(t.trim());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    static List<String> everyTopicHasAKafkaTopic(Manifests m, Set<String> configured) {
        Set<String> declared = m.custom("KafkaTopic").stream()
                .map(t -> Objects.toString(at(t, "spec", "topicName"), t.getMetadata().getName()))
                .collect(Collectors.toSet());
        Set<String> wanted = new LinkedHashSet<>(REQUIRED_TOPICS);
        wanted.addAll(configured);
        List<String> v = new ArrayList<>();
        for (String topic : wanted) {
            if (topic.contains("${")) {
                v.add(m.source() + ": topic name " + topic + " is an expression; use a literal so it can be checked");
            } else if (!declared.contains(topic)) {
                v.add(m.source() + ": no KafkaTopic for " + topic + (configured.contains(topic) ? " (configured in a service)" : ""));
            }
        }
        return v;
    }

    static List<String> kafkaIsKraftAndTopicsAreReplicated(Manifests m, int expectedNodes, int expectedReplicas, int expectedMinIsr) {
        List<String> v = new ArrayList<>();
        List<GenericKubernetesResource> kafkas = m.custom("Kafka");
        if (kafkas.size() != 1) {
            return List.of(m.source() + ": expected one Kafka, found " + kafkas.size());
        }
        GenericKubernetesResource kafka = kafkas.get(0);
        String cluster = kafka.getMetadata().getName();
        Map<String, String> annotations = Objects.requireNonNullElse(kafka.getMetadata().getAnnotations(), Map.of());
        if (!"enabled".equals(annotations.get("strimzi.io/node-pools")) || !"enabled".equals(annotations.get("strimzi.io/kraft"))) {
            v.add(m.source() + ": Kafka " + cluster + " must use node pools and KRaft (annotations)");
        }
        if (at(kafka, "spec", "zookeeper") != null) {
            v.add(m.source() + ": Kafka " + cluster + " must not use ZooKeeper");
        }
        if (!"false".equals(String.valueOf(at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")))) {
            v.add(m.source() + ": auto.create.topics.enable must be false (every topic is a KafkaTopic)");
        }
        int brokers = 0;
        boolean controllers = false;
        for (GenericKubernetesResource pool : m.custom("KafkaNodePool")) {
            if (!cluster.equals(pool.getMetadata().getLabels().get("strimzi.io/cluster"))) {
                v.add(m.source() + ": KafkaNodePool " + pool.getMetadata().getName() + " is not labelled for " + cluster);
                continue;
            }
            List<?> roles = (List<?>) at(pool, "spec", "roles");
            if (roles != null && roles.contains("broker")) {
                brokers += number(at(pool, "spec", "replicas"));
            }
            controllers |= roles != null && roles.contains("controller");
        }
        if (!controllers) {
            v.add(m.source() + ": no KafkaNodePool has the controller role (KRaft)");
        }
        if (brokers != expectedNodes) {
            v.add(m.source() + ": " + brokers + " Kafka broker nodes, expected " + expectedNodes);
        }
        int defaultRf = number(at(kafka, "spec", "kafka", "config", "default.replication.factor"));
        int offsetsRf = number(at(kafka, "spec", "kafka", "config", "offsets.topic.replication.factor"));
        if (defaultRf > brokers || offsetsRf > brokers || offsetsRf != expectedReplicas) {
            v.add(m.source() + ": Kafka replication factors (" + defaultRf + ", offsets " + offsetsRf + ") do not fit " + brokers + " brokers");
        }
        for (GenericKubernetesResource t : m.custom("KafkaTopic")) {
            String where = m.source() + ": KafkaTopic " + t.getMetadata().getName();
            if (!cluster.equals(Objects.requireNonNullElse(t.getMetadata().getLabels(), Map.of()).get("strimzi.io/cluster"))) {
                v.add(where + ": label strimzi.io/cluster must be " + cluster);
            }
            int replicas = number(at(t, "spec", "replicas"));
            int minIsr = number(at(t, "spec", "config", "min.insync.replicas"));
            if (replicas != expectedReplicas || minIsr != expectedMinIsr) {
                v.add(where + ": replicas " + replicas + " / min.insync.replicas " + minIsr + ", expected "
                        + expectedReplicas + " / " + expectedMinIsr);
            }
            if (replicas > brokers) {
                v.add(where + ": " + replicas + " replicas on " + brokers + " brokers");
            }
            if (number(at(t, "spec", "partitions")) < 1 || at(t, "spec", "config", "retention.ms") == null) {
                v.add(where + ": needs partitions and retention.ms");
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------ network

    static List<String> networkPolicies(Manifests m) {
        List<String> v = new ArrayList<>();
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        for (Deployment d : m.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> pod = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> own = policies.stream()
                    .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
                            && !p.getSpec().getPodSelector().getMatchLabels().isEmpty()
                            && matches(p.getSpec().getPodSelector(), pod))
                    .toList();
            if (own.isEmpty()) {
                v.add(m.source() + ": no NetworkPolicy for " + name);
                continue;
            }
            if (!name.equals("gateway")) {
                for (NetworkPolicy p : own) {
                    for (var rule : Objects.requireNonNullElse(p.getSpec().getIngress(), List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of())) {
                        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                            v.add(m.source() + ": NetworkPolicy " + p.getMetadata().getName() + " lets anyone reach " + name);
                        }
                        for (NetworkPolicyPeer peer : Objects.requireNonNullElse(rule.getFrom(), List.<NetworkPolicyPeer>of())) {
                            boolean fromGateway = peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                                    && Map.of("app.kubernetes.io/name", "gateway").equals(peer.getPodSelector().getMatchLabels());
                            boolean fromMonitoring = peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                                    && Map.of("sessio.dev/monitoring", "true").equals(peer.getNamespaceSelector().getMatchLabels());
                            if (!fromGateway && !fromMonitoring) {
                                v.add(m.source() + ": NetworkPolicy " + p.getMetadata().getName() + " lets " + peer + " reach " + name
                                        + " (only the gateway and Prometheus may)");
                            }
                        }
                    }
                }
            }
        }
        // Each database only from its service (plus its own instances, the CNPG operator and Prometheus).
        Map<String, Map<String, String>> clientsOfCluster = new java.util.HashMap<>();
        for (Deployment d : m.all(Deployment.class)) {
            String url = value(environment(m, d), "QUARKUS_DATASOURCE_JDBC_URL");
            if (url != null) {
                Matcher host = Pattern.compile("//([a-z0-9-]+)-rw").matcher(url);
                if (host.find()) {
                    clientsOfCluster.put(host.group(1), d.getSpec().getTemplate().getMetadata().getLabels());
                }
            }
        }
        for (GenericKubernetesResource c : m.custom("Cluster")) {
            String cluster = c.getMetadata().getName();
            List<NetworkPolicy> own = policies.stream().filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
                    && cluster.equals(p.getSpec().getPodSelector().getMatchLabels().get("cnpg.io/cluster"))).toList();
            if (own.isEmpty()) {
                v.add(m.source() + ": no NetworkPolicy for PostgreSQL cluster " + cluster);
                continue;
            }
            for (NetworkPolicy p : own) {
                for (var rule : Objects.requireNonNullElse(p.getSpec().getIngress(), List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of())) {
                    for (NetworkPolicyPeer peer : Objects.requireNonNullElse(rule.getFrom(), List.<NetworkPolicyPeer>of())) {
                        if (peer.getPodSelector() == null || peer.getNamespaceSelector() != null) {
                            continue; // namespace peers: the operator's and Prometheus' namespaces, on their ports
                        }
                        Map<String, String> sel = Objects.requireNonNullElse(peer.getPodSelector().getMatchLabels(), Map.of());
                        if (cluster.equals(sel.get("cnpg.io/cluster"))) {
                            continue;
                        }
                        Map<String, String> client = clientsOfCluster.get(cluster);
                        boolean ownService = client != null && !sel.isEmpty() && client.entrySet().containsAll(sel.entrySet());
                        boolean keycloak = cluster.equals("keycloak-db") && "keycloak".equals(sel.get("app"));
                        if (!ownService && !keycloak) {
                            v.add(m.source() + ": NetworkPolicy " + p.getMetadata().getName() + " lets pods " + sel
                                    + " reach PostgreSQL cluster " + cluster + " (only its own service may)");
                        }
                    }
                }
                if (p.getSpec().getIngress() != null && p.getSpec().getIngress().stream().anyMatch(r -> r.getFrom() == null || r.getFrom().isEmpty())) {
                    v.add(m.source() + ": NetworkPolicy " + p.getMetadata().getName() + " lets anyone reach " + cluster);
                }
            }
        }
        // Kafka: Strimzi writes the policy from each listener's networkPolicyPeers.
        for (GenericKubernetesResource k : m.custom("Kafka")) {
            List<?> listeners = (List<?>) at(k, "spec", "kafka", "listeners");
            for (Object l : Objects.requireNonNullElse(listeners, List.of())) {
                Object peers = at(l, "networkPolicyPeers");
                boolean onlyClients = peers instanceof List<?> list && !list.isEmpty() && list.stream()
                        .allMatch(p -> Map.of("sessio.dev/kafka-client", "true").equals(at(p, "podSelector", "matchLabels"))
                                && at(p, "namespaceSelector") == null);
                if (!onlyClients) {
                    v.add(m.source() + ": Kafka listener " + at(l, "name") + " must be limited to pods labelled sessio.dev/kafka-client=true");
                }
            }
        }
        for (Deployment d : m.all(Deployment.class)) {
            boolean usesKafka = environment(m, d).containsKey("KAFKA_BOOTSTRAP_SERVERS");
            boolean labelled = "true".equals(d.getSpec().getTemplate().getMetadata().getLabels().get("sessio.dev/kafka-client"));
            if (usesKafka != labelled) {
                v.add(m.source() + ": " + d.getMetadata().getName() + (usesKafka
                        ? " uses Kafka but its pods lack the label sessio.dev/kafka-client=true"
                        : " does not use Kafka but its pods carry sessio.dev/kafka-client=true"));
            }
        }
        return v;
    }

    /** Public traffic reaches only the gateway (and Keycloak on its own host), over TLS from cert-manager. */
    static List<String> onlyTheGatewayIsPublic(Manifests m) {
        List<String> v = new ArrayList<>();
        Set<String> allowedBackends = Set.of("gateway", "sessio-keycloak-service");
        for (HTTPRoute r : m.all(HTTPRoute.class)) {
            r.getSpec().getRules().forEach(rule -> rule.getBackendRefs().forEach(b -> {
                if (!allowedBackends.contains(b.getName())) {
                    v.add(m.source() + ": HTTPRoute " + r.getMetadata().getName() + " exposes " + b.getName());
                }
            }));
        }
        for (Ingress i : m.all(Ingress.class)) {
            i.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(p -> {
                if (!allowedBackends.contains(p.getBackend().getService().getName())) {
                    v.add(m.source() + ": Ingress " + i.getMetadata().getName() + " exposes " + p.getBackend().getService().getName());
                }
            }));
            if (i.getSpec().getTls() == null || i.getSpec().getTls().isEmpty()
                    || !i.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer")) {
                v.add(m.source() + ": Ingress " + i.getMetadata().getName() + " needs TLS from cert-manager");
            }
        }
        for (Gateway g : m.all(Gateway.class)) {
            if (g.getMetadata().getAnnotations() == null || !g.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer")) {
                v.add(m.source() + ": Gateway " + g.getMetadata().getName() + " needs the cert-manager annotation");
            }
            g.getSpec().getListeners().forEach(l -> {
                if (!"HTTPS".equals(l.getProtocol()) || l.getTls() == null || l.getTls().getCertificateRefs().isEmpty()) {
                    v.add(m.source() + ": Gateway listener " + l.getName() + " must be HTTPS with a certificate");
                }
            });
        }
        if (m.all(HTTPRoute.class).isEmpty() && m.all(Ingress.class).isEmpty()) {
            v.add(m.source() + ": nothing exposes the gateway (no HTTPRoute, no Ingress)");
        }
        for (Service s : m.all(Service.class)) {
            String type = Objects.requireNonNullElse(s.getSpec().getType(), "ClusterIP");
            if (!type.equals("ClusterIP")) {
                v.add(m.source() + ": Service " + s.getMetadata().getName() + " is " + type);
            }
        }
        return v;
    }

    static List<String> monitoring(Manifests m) {
        List<String> v = new ArrayList<>();
        Optional<ConfigMap> observability = m.named(ConfigMap.class, "sessio-observability");
        if (observability.isEmpty()) {
            return List.of(m.source() + ": no ConfigMap sessio-observability");
        }
        Map<String, String> data = observability.get().getData();
        if (!"true".equals(data.get("QUARKUS_LOG_CONSOLE_JSON")) || data.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT") == null
                || !"false".equals(data.get("QUARKUS_OTEL_SDK_DISABLED"))) {
            v.add(m.source() + ": sessio-observability must turn on JSON logs and the OTLP exporter");
        }
        for (Deployment d : m.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, EnvVar> env = environment(m, d);
            if (!"true".equals(value(env, "QUARKUS_LOG_CONSOLE_JSON"))) {
                v.add(m.source() + ": " + name + " does not log JSON (sessio-observability must come last in envFrom)");
            }
            boolean scraped = m.custom("ServiceMonitor").stream().anyMatch(sm ->
                    name.equals(at(sm, "spec", "selector", "matchLabels", "app.kubernetes.io/name"))
                            && at(sm, "spec", "endpoints") instanceof List<?> eps && eps.stream()
                            .anyMatch(e -> "/q/metrics".equals(at(e, "path")) && "http".equals(at(e, "port"))));
            if (!scraped) {
                v.add(m.source() + ": no ServiceMonitor scrapes " + name + " on http /q/metrics");
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------ helpers

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            return false; // not used for our own workloads
        }
        return !wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet());
    }

    static int number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof IntOrString ios) {
            return ios.getIntVal();
        }
        return Integer.parseInt(value.toString().trim());
    }

    static Duration quarkusShutdownTimeout(Path repo) {
        Path defaults = repo.resolve("platform/runtime/src/main/resources/META-INF/microprofile-config.properties");
        try {
            for (String line : Files.readAllLines(defaults)) {
                Matcher matcher = Pattern.compile("^quarkus\\.shutdown\\.timeout\\s*=\\s*(\\d+)s\\s*$").matcher(line);
                if (matcher.matches()) {
                    return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Duration.ofSeconds(20);
    }

    static List<Volume> volumes(Deployment d) {
        return Objects.requireNonNullElse(d.getSpec().getTemplate().getSpec().getVolumes(), List.of());
    }
}
