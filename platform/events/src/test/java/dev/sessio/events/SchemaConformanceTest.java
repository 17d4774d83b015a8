package dev.sessio.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every record, serialised as the services do, is valid against its schema, and the schema is strict. */
class SchemaConformanceTest {

    static Stream<Named<Class<?>>> contracts() {
        return EventTypes.ALL.stream().map(contract -> Named.of(contract.getSimpleName(), contract));
    }

    static Stream<Arguments> samples() {
        return EventTypes.ALL.stream().flatMap(contract -> {
            List<Object> samples = Samples.of(contract);
            return IntStream.range(0, samples.size()).mapToObj(i ->
                    Arguments.of(Named.of(contract.getSimpleName() + " #" + (i + 1), samples.get(i))));
        });
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleIsValidAgainstItsSchema(Object sample) {
        JsonNode json = Schemas.MAPPER.valueToTree(sample);
        assertEquals(List.of(), Schemas.validate(sample.getClass(), json), json.toString());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleRoundTrips(Object sample) throws Exception {
        String json = Schemas.MAPPER.writeValueAsString(sample);
        assertEquals(sample, Schemas.MAPPER.readValue(json, sample.getClass()));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void schemaNamesTheContractAndListsExactlyItsFields(Class<?> contract) {
        JsonNode schema = Schemas.document(contract);
        EventType type = contract.getAnnotation(EventType.class);
        List<String> components = Arrays.stream(contract.getRecordComponents()).map(RecordComponent::getName).toList();
        assertAll(
                () -> assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText()),
                () -> assertEquals("https://sessio.dev" + EventTypes.schemaResource(contract), schema.path("$id").asText()),
                () -> assertEquals(type.name(), schema.path("title").asText()),
                () -> assertEquals("object", schema.path("type").asText()),
                () -> assertFalse(schema.path("additionalProperties").asBoolean(true), "additionalProperties: false"),
                () -> assertEquals(components, fieldNames(schema.path("properties")), "properties, in record order"));
    }

    /** A constant added to a Java enum must be added to the schema too, and the reverse. */
    @ParameterizedTest
    @MethodSource("contracts")
    void schemaEnumsMatchTheJavaEnums(Class<?> contract) {
        JsonNode properties = Schemas.document(contract).path("properties");
        assertAll(Arrays.stream(contract.getRecordComponents())
                .filter(component -> component.getType().isEnum())
                .map(component -> () -> {
                    List<String> constants = Arrays.stream(component.getType().getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name()).toList();
                    List<String> listed = new ArrayList<>();
                    properties.path(component.getName()).path("enum").forEach(value -> {
                        if (!value.isNull()) {
                            listed.add(value.asText());
                        }
                    });
                    assertEquals(constants, listed, contract.getSimpleName() + "." + component.getName());
                }));
    }

    /** Required in the schema exactly when no sample leaves it null; optional ones are filled in some sample. */
    @ParameterizedTest
    @MethodSource("contracts")
    void schemaRequiresExactlyTheFieldsSamplesNeverLeaveNull(Class<?> contract) throws Exception {
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (RecordComponent component : contract.getRecordComponents()) {
            List<Object> seen = new ArrayList<>();
            for (Object sample : Samples.of(contract)) {
                seen.add(component.getAccessor().invoke(sample));
            }
            values.put(component.getName(), seen);
        }
        Set<String> neverNull = values.entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(v -> v != null))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> required = StreamSupport.stream(Schemas.document(contract).path("required").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.toSet());
        assertAll(
                () -> assertEquals(required, neverNull, "required fields vs fields no sample leaves null"),
                () -> assertEquals(List.of(), values.entrySet().stream()
                        .filter(e -> e.getValue().stream().allMatch(v -> v == null))
                        .map(Map.Entry::getKey).toList(), "fields no sample fills"));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void mutatedDocumentIsRejected(Class<?> contract) {
        JsonNode schema = Schemas.document(contract);
        ObjectNode valid = Schemas.MAPPER.valueToTree(Samples.of(contract).getFirst());
        Map<String, Consumer<ObjectNode>> mutations = new LinkedHashMap<>();
        schema.path("required").forEach(field ->
                mutations.put("without required " + field.asText(), doc -> doc.remove(field.asText())));
        schema.path("properties").properties().forEach(property -> {
            String field = property.getKey();
            JsonNode definition = property.getValue();
            if (definition.has("enum")) {
                mutations.put(field + " not in enum", doc -> doc.put(field, "NOT_A_VALUE"));
            }
            switch (definition.path("format").asText()) {
                case "uuid" -> mutations.put(field + " not a uuid", doc -> doc.put(field, "not-a-uuid"));
                case "date-time" -> mutations.put(field + " not a date-time", doc -> doc.put(field, "2026-03-12 09:00"));
                case "date" -> mutations.put(field + " not a date", doc -> doc.put(field, "12/03/2026"));
                default -> { }
            }
        });
        mutations.put("unknown property", doc -> doc.put("unexpected", 1));

        assertAll(mutations.entrySet().stream().map(mutation -> (Executable) () -> {
            ObjectNode mutated = valid.deepCopy();
            mutation.getValue().accept(mutated);
            assertFalse(Schemas.validate(contract, mutated).isEmpty(), mutation.getKey() + " was accepted: " + mutated);
        }));
        assertTrue(mutations.size() > 1);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
