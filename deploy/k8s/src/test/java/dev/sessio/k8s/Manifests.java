package dev.sessio.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every object of one rendering, parsed with the fabric8 model (custom resources as generic resources). */
record Manifests(String source, List<HasMetadata> objects) {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String yaml, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(doc);
            } catch (RuntimeException e) {
                throw new AssertionError(source + ": an object does not parse with the fabric8 model: " + e.getMessage()
                        + "\n" + doc, e);
            }
            if (!(parsed instanceof HasMetadata object) || object.getMetadata() == null
                    || object.getMetadata().getName() == null) {
                throw new AssertionError(source + ": not a Kubernetes object with a name:\n" + doc);
            }
            objects.add(object);
        }
        return new Manifests(source, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /** Custom resources (Strimzi, CloudNativePG, Keycloak, Prometheus Operator) by kind. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    Stream<HasMetadata> stream() {
        return objects.stream();
    }

    /** A copy with one object changed or removed (null): for the tests that prove the rules catch mistakes. */
    Manifests with(HasMetadata original, HasMetadata replacement) {
        List<HasMetadata> copy = new ArrayList<>(objects);
        int i = copy.indexOf(original);
        if (i < 0) {
            throw new IllegalArgumentException("not in this rendering: " + original.getMetadata().getName());
        }
        if (replacement == null) {
            copy.remove(i);
        } else {
            copy.set(i, replacement);
        }
        return new Manifests(source + " (altered)", copy);
    }

    Manifests plus(HasMetadata extra) {
        List<HasMetadata> copy = new ArrayList<>(objects);
        copy.add(extra);
        return new Manifests(source + " (altered)", copy);
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T object) {
        return (T) SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), object.getClass());
    }

    /** A nested value of a generic resource, by keys ("spec", "kafka", "config"). */
    @SuppressWarnings("unchecked")
    static Object at(Object root, Object... path) {
        Object current = root instanceof GenericKubernetesResource g ? g.getAdditionalProperties() : root;
        for (Object key : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && key instanceof Integer index) {
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
