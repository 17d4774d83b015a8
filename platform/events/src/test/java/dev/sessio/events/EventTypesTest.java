package dev.sessio.events;

import dev.sessio.events.tokens.TokenDebited;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTypesTest {

    @Test
    void derivesWireNamesFromTheAnnotation() {
        assertEquals("sessio.tokens.TokenDebited.v1", EventTypes.ceType(TokenDebited.class));
        assertEquals("tokens.events.v1", EventTypes.topic(TokenDebited.class));
        assertEquals("/schemas/tokens/TokenDebited.v1.json", EventTypes.schemaResource(TokenDebited.class));
    }

    @Test
    void findsTheContractOfACeType() {
        assertEquals(Optional.of(TokenDebited.class), EventTypes.byCeType("sessio.tokens.TokenDebited.v1"));
        assertEquals(Optional.empty(), EventTypes.byCeType("sessio.tokens.TokenDebited.v9"));
        assertEquals(Optional.empty(), EventTypes.byCeType(null));
    }

    @Test
    void refusesAClassThatIsNotAContract() {
        assertThrows(IllegalArgumentException.class, () -> EventTypes.ceType(String.class));
    }

    @Test
    void everyContractIsAnAnnotatedRecordWithItsSchema() {
        assertAll(EventTypes.ALL.stream().map(contract -> () -> {
            EventType type = contract.getAnnotation(EventType.class);
            assertNotNull(type, contract + " lacks @EventType");
            assertTrue(contract.isRecord(), contract + " is not a record");
            assertEquals("dev.sessio.events." + type.service(), contract.getPackageName(),
                    contract + ": the package is the producing service");
            assertEquals(contract.getSimpleName().replaceFirst("V\\d+$", ""), type.name(), contract + ": name");
            assertNotNull(EventTypes.class.getResource(EventTypes.schemaResource(contract)),
                    "missing " + EventTypes.schemaResource(contract));
            assertEquals(Optional.of(contract), EventTypes.byCeType(EventTypes.ceType(contract)));
        }));
    }

    @Test
    void noTwoContractsShareACeType() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = EventTypes.ALL.stream().map(EventTypes::ceType).filter(t -> !seen.add(t)).toList();
        assertEquals(List.of(), duplicates);
    }

    @Test
    void everySchemaFileBelongsToAContract() throws IOException, URISyntaxException {
        Path root = Path.of(EventTypes.class.getResource("/schemas").toURI()).getParent();
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root.resolve("schemas"))) {
            files = walk.filter(Files::isRegularFile)
                    .map(path -> "/" + root.relativize(path).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = EventTypes.ALL.stream().map(EventTypes::schemaResource)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, files, "a schema without a contract in EventTypes.ALL, or the reverse");
    }
}
