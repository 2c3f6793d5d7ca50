package dev.shiplog.kit;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/** No cycle between this library's packages, no class over 300 lines. */
class ArchitectureTest {

    @Test
    void thePackagesGoOneWayAndTheClassesStaySmall() {
        Architecture.checkLibrary("dev.shiplog.kit");
    }
}
