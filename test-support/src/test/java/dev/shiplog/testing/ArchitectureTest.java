package dev.shiplog.testing;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * No cycle between the packages of test-support and of the event catalog ({@code schemas}, which cannot depend on
 * test-support: it is checked here), no class over 300 lines in either.
 */
class ArchitectureTest {

    @Test
    void thePackagesGoOneWayAndTheClassesStaySmall() {
        Architecture.checkLibrary("dev.shiplog.testing");
    }

    @Test
    void theCatalogsPackagesGoOneWayAndItsClassesStaySmall() {
        Architecture.checkLibrary("dev.shiplog.schema", java.nio.file.Path.of("../schemas/src/main/java"));
    }
}
