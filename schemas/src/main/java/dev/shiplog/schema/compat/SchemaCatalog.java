package dev.shiplog.schema.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Reads the schema catalog from {@code .avsc} files the way the build does: the shared types in {@code common/}
 * first, then every other file, which may name them.
 */
public final class SchemaCatalog {

    public static final String IMPORTS = "common";

    /** Parses every {@code .avsc} below {@code root}; returns each file's top-level schema by full name. */
    public static Map<String, Schema> load(Path root) {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new TreeMap<>();
        for (Path file : avscFiles(root.resolve(IMPORTS))) {
            Schema schema = parse(parser, file);
            schemas.put(schema.getFullName(), schema);
        }
        for (Path file : avscFiles(root)) {
            if (!file.startsWith(root.resolve(IMPORTS))) {
                Schema schema = parse(parser, file);
                schemas.put(schema.getFullName(), schema);
            }
        }
        return schemas;
    }

    static List<Path> avscFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private SchemaCatalog() {
    }
}
