package dev.shiplog.schema.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the compatibility gate bites: on a copy of the real catalog, released as it is, a breaking edit of
 * DeploymentRequested is reported (so CatalogTest, and with it the build, would fail) and a compatible one is not.
 */
class CompatibilityCheckTest {

    static final Path CURRENT = Path.of(System.getProperty("shiplog.schemas.current", "src/main/avro"));

    @TempDir
    Path tmp;
    Path current;
    Path released;

    @BeforeEach
    void releaseACopyOfTheCatalog() throws IOException {
        current = tmp.resolve("avro");
        released = tmp.resolve("released");
        try (Stream<Path> files = Files.walk(CURRENT)) {
            for (Path source : files.toList()) {
                Path target = current.resolve(CURRENT.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        List<Path> written = CompatibilityCheck.release(current, released);
        assertEquals(SchemaCatalog.load(current).size(), written.size());
    }

    @Test
    void aNewRequiredFieldWithoutDefaultBreaksTheBuild() throws IOException {
        editRequested(fields -> fields.insertObject(0)
                .put("name", "approvedBy").put("type", "string").put("doc", "breaking: old events have no value"));

        List<CompatibilityCheck.Violation> violations = CompatibilityCheck.check(current, released);

        assertEquals(1, violations.size(), violations::toString);
        assertEquals("dev.shiplog.schema.deployment.event.DeploymentRequested", violations.get(0).schema());
        assertTrue(violations.get(0).detail().contains("approvedBy"), violations.get(0).detail());
        assertThrows(IllegalStateException.class, () -> CompatibilityCheck.release(current, released));
    }

    @Test
    void aChangedFieldTypeBreaksTheBuild() throws IOException {
        editRequested(fields -> fields.forEach(field -> {
            if (field.get("name").asText().equals("version")) {
                ((ObjectNode) field).put("type", "int");
            }
        }));

        assertEquals(1, CompatibilityCheck.check(current, released).size());
    }

    @Test
    void anOptionalFieldWithADefaultIsCompatibleAndReleasesAsV2() throws IOException {
        editRequested(fields -> {
            ObjectNode field = fields.addObject().put("name", "approvedBy").put("doc", "compatible: null for old events");
            field.putArray("type").add("null").add("string");
            field.putNull("default");
        });

        assertTrue(CompatibilityCheck.check(current, released).isEmpty());
        List<Path> written = CompatibilityCheck.release(current, released);
        assertEquals(List.of(released.resolve("dev.shiplog.schema.deployment.event.DeploymentRequested.v2.avsc")),
                written);
    }

    /** Edits the "fields" array of DeploymentRequested.avsc in the copy. */
    private void editRequested(Consumer<ArrayNode> edit) throws IOException {
        Path path = current.resolve("deployment/event/DeploymentRequested.avsc");
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema = (ObjectNode) json.readTree(path.toFile());
        edit.accept((ArrayNode) schema.get("fields"));
        json.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), schema);
    }
}
