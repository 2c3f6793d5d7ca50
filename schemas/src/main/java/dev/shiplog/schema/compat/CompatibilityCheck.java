package dev.shiplog.schema.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks that every current schema is BACKWARD compatible with its latest released version: a consumer built with
 * the current schema can read every event written with the released one (replay from offset zero keeps working).
 *
 * <p>Released versions live in {@code schemas/released/<full.Name>.v<N>.avsc}, each a self-contained schema as it
 * was when released. {@link #release} writes the next version of every schema that changed.
 */
public final class CompatibilityCheck {

    private static final Pattern RELEASED = Pattern.compile("(.+)\\.v(\\d+)\\.avsc");

    /** One incompatibility: the record, the released version it breaks, and Avro's explanation. */
    public record Violation(String schema, int releasedVersion, String detail) {
        @Override
        public String toString() {
            return schema + " is not backward compatible with released v" + releasedVersion + ": " + detail;
        }
    }

    /** A released schema: its version and content. */
    public record Released(int version, Schema schema) {
    }

    /** Returns every violation; an empty list means the catalog may be built and released. */
    public static List<Violation> check(Path currentRoot, Path releasedDir) {
        Map<String, Schema> current = SchemaCatalog.load(currentRoot);
        List<Violation> violations = new ArrayList<>();
        current.forEach((name, schema) -> latestReleased(releasedDir, name).ifPresent(released -> {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, released.schema()).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                violations.add(new Violation(name, released.version(), result.getIncompatibilities().toString()));
            }
        }));
        return violations;
    }

    /** The highest released version of {@code fullName}, if it was ever released. */
    public static Optional<Released> latestReleased(Path releasedDir, String fullName) {
        Released latest = null;
        for (Path file : SchemaCatalog.avscFiles(releasedDir)) {
            Matcher m = RELEASED.matcher(file.getFileName().toString());
            if (m.matches() && m.group(1).equals(fullName)) {
                int version = Integer.parseInt(m.group(2));
                if (latest == null || version > latest.version()) {
                    latest = new Released(version, parse(file));
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Writes a new released version for each schema that is new or differs from its latest release. */
    public static List<Path> release(Path currentRoot, Path releasedDir) {
        List<Violation> violations = check(currentRoot, releasedDir);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("refusing to release incompatible schemas: " + violations);
        }
        List<Path> written = new ArrayList<>();
        SchemaCatalog.load(currentRoot).forEach((name, schema) -> {
            Optional<Released> latest = latestReleased(releasedDir, name);
            if (latest.isEmpty() || !latest.get().schema().equals(schema)) {
                int next = latest.map(r -> r.version() + 1).orElse(1);
                Path file = releasedDir.resolve(name + ".v" + next + ".avsc");
                try {
                    Files.createDirectories(releasedDir);
                    Files.writeString(file, schema.toString(true) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written.add(file);
            }
        });
        return written;
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code check <current-dir> <released-dir>} or {@code release <current-dir> <released-dir>}; exits 1 on a
     * violation.
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: CompatibilityCheck check|release <schemas/src/main/avro> <schemas/released>");
            System.exit(2);
        }
        Path current = Path.of(args[1]);
        Path released = Path.of(args[2]);
        if (args[0].equals("release")) {
            release(current, released).forEach(p -> System.out.println("released " + p));
            return;
        }
        List<Violation> violations = check(current, released);
        violations.forEach(System.err::println);
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    private CompatibilityCheck() {
    }
}
