package dev.shiplog.schema.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Map<String, Schema> schemas = new TreeMap<>();
        // The shared types may name each other: parse them in as many rounds as it takes, each file once every
        // type it names is known.
        List<Path> pending = new ArrayList<>(avscFiles(root.resolve(IMPORTS)));
        while (!pending.isEmpty()) {
            List<Path> undefined = new ArrayList<>();
            RuntimeException last = null;
            for (Path file : pending) {
                try {
                    Schema schema = parse(parserKnowing(schemas), file);
                    schemas.put(schema.getFullName(), schema);
                } catch (IllegalArgumentException e) {
                    undefined.add(file);
                    last = e;
                }
            }
            if (undefined.size() == pending.size()) {
                throw last;
            }
            pending = undefined;
        }
        Schema.Parser parser = parserKnowing(schemas);
        for (Path file : avscFiles(root)) {
            if (!file.startsWith(root.resolve(IMPORTS))) {
                Schema schema = parse(parser, file);
                schemas.put(schema.getFullName(), schema);
            }
        }
        return schemas;
    }

    private static Schema.Parser parserKnowing(Map<String, Schema> known) {
        Schema.Parser parser = new Schema.Parser();
        parser.addTypes(known.values());
        return parser;
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
