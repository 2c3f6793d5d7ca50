package dev.shiplog.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.compat.CompatibilityCheck;
import dev.shiplog.schema.compat.SchemaCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The build's gate on the event catalog: compatible with what was released, documented, enveloped. */
class CatalogTest {

    static final Path CURRENT = Path.of(System.getProperty("shiplog.schemas.current", "src/main/avro"));
    static final Path RELEASED = Path.of(System.getProperty("shiplog.schemas.released", "released"));

    @Test
    void everyCurrentSchemaIsBackwardCompatibleWithItsLatestRelease() {
        List<CompatibilityCheck.Violation> violations = CompatibilityCheck.check(CURRENT, RELEASED);
        assertTrue(violations.isEmpty(), () -> "incompatible schema changes: " + violations);
    }

    @Test
    void everyTopLevelSchemaHasBeenReleased() {
        Map<String, Schema> current = SchemaCatalog.load(CURRENT);
        List<String> unreleased = current.keySet().stream()
                .filter(name -> CompatibilityCheck.latestReleased(RELEASED, name).isEmpty())
                .toList();
        assertTrue(unreleased.isEmpty(), () -> "new schemas must be released (see schemas/README.md): " + unreleased);
    }

    @Test
    void everyRecordAndFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        SchemaCatalog.load(CURRENT).values().forEach(s -> collectUndocumented(s, undocumented, new HashSet<>()));
        assertTrue(undocumented.isEmpty(), () -> "add a doc to: " + undocumented);
    }

    @Test
    void everyCommandAndEventOnATopicCarriesTheEnvelopeFirst() {
        for (Topics.Topic topic : Topics.ALL) {
            for (Class<?> type : topic.valueTypes()) {
                Schema schema = SpecificData.get().getSchema(type);
                assertEquals("envelope", schema.getFields().get(0).name(), type + " must start with the envelope");
                assertEquals("dev.shiplog.schema.common.Envelope", schema.getFields().get(0).schema().getFullName());
            }
        }
    }

    @Test
    void everyTopicHasAUniqueNameAndEveryRecordOneTopic() {
        Set<String> names = new HashSet<>();
        Set<Class<?>> types = new HashSet<>();
        for (Topics.Topic topic : Topics.ALL) {
            assertTrue(names.add(topic.name()), "duplicate topic " + topic.name());
            for (Class<?> type : topic.valueTypes()) {
                assertTrue(types.add(type), type + " is on two topics");
            }
        }
        assertFalse(types.isEmpty());
    }

    @Test
    void theEventCatalogPageListsEveryRecordOnATopic() throws java.io.IOException {
        String page = java.nio.file.Files.readString(Path.of(System.getProperty("shiplog.docs", "../docs"))
                .resolve("events.md"));
        List<String> missing = Topics.ALL.stream().flatMap(t -> t.valueTypes().stream())
                .map(Class::getSimpleName)
                .filter(name -> !page.contains("| `" + name + "` |"))
                .toList();
        assertTrue(missing.isEmpty(), () -> "docs/events.md does not list: " + missing);
    }

    private static void collectUndocumented(Schema schema, List<String> out, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        out.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), out, seen);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, out, seen));
            case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
            case MAP -> collectUndocumented(schema.getValueType(), out, seen);
            default -> {
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
