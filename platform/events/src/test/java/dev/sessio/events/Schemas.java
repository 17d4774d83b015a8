package dev.sessio.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON side of the contracts, configured the way the services' Jackson is. */
final class Schemas {

    // Instants as ISO-8601 strings, as Quarkus' default ObjectMapper writes them.
    static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    // Draft 2020-12 treats "format" as an annotation only; we want uuid/date-time/date enforced.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<Class<?>, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static List<Error> validate(Class<?> contract, JsonNode document) {
        return SCHEMAS.computeIfAbsent(contract, Schemas::load).validate(document);
    }

    /** The schema document itself, to read its properties, required list and enums. */
    static JsonNode document(Class<?> contract) {
        try (InputStream in = resource(contract)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema load(Class<?> contract) {
        try (InputStream in = resource(contract)) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(Class<?> contract) {
        InputStream in = EventTypes.class.getResourceAsStream(EventTypes.schemaResource(contract));
        if (in == null) {
            throw new IllegalStateException("Missing schema " + EventTypes.schemaResource(contract));
        }
        return in;
    }
}
