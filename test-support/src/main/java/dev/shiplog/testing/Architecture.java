package dev.shiplog.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shape every service keeps, checked on its compiled classes and its sources (ArchUnit), in each service's
 * {@code ArchitectureTest}:
 * <ul>
 * <li>the layering of {@link Layering};</li>
 * <li>the domain core ({@code <root>.domain..}) is pure: it depends on the JDK, the event catalog ({@code schemas}:
 * the Avro records, topics, field rules) and itself, never on Kafka, JDBC, Hibernate, Jakarta REST, CDI or Quarkus,
 * so its rules run in milliseconds as plain given / when / then tests;</li>
 * <li>no cycles between packages: an arrow between two packages goes one way only;</li>
 * <li>no class over {@link #MAX_LINES} lines under {@code src/main/java}.</li>
 * </ul>
 */
public final class Architecture {

    public static final int MAX_LINES = 300;

    /** Every rule above, for the service whose classes are under {@code root} (for example dev.shiplog.pipeline). */
    public static void check(String root) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        Layering.check(root, classes);
        domainIsPure(root, classes);
        noCycles(root, classes);
        classesAreSmall(Path.of("src/main/java"));
    }

    /** For a library (service-kit, schemas, test-support): no cycles, no large classes. */
    public static void checkLibrary(String root) {
        checkLibrary(root, Path.of("src/main/java"));
    }

    /** As {@link #checkLibrary(String)}, for a library whose sources are in {@code sources}. */
    public static void checkLibrary(String root, Path sources) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        noCycles(root, classes);
        classesAreSmall(sources);
    }

    static void domainIsPure(String root, JavaClasses classes) {
        classes().that().resideInAPackage(root + ".domain..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", root + ".domain..", "dev.shiplog.schema..", "org.apache.avro..",
                        "io.github.bucket4j..")
                .because("the domain core holds the rules and nothing else: no Kafka, JDBC, Hibernate, Jakarta REST,"
                        + " CDI or Quarkus (plain libraries: Avro's records, Bucket4j's token buckets)")
                .allowEmptyShould(false).check(classes);
    }

    static void noCycles(String root, JavaClasses classes) {
        slices().matching(root + ".(**)").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    /** No source file under {@code sources} has more than {@link #MAX_LINES} lines. */
    public static void classesAreSmall(Path sources) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> large = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > MAX_LINES)
                    .map(f -> f + " (" + lines(f) + " lines)").sorted().toList();
            if (!large.isEmpty()) {
                throw new AssertionError("classes over " + MAX_LINES + " lines (split them by what they do): "
                        + large);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Architecture() {
    }
}
