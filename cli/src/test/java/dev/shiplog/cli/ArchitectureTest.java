package dev.shiplog.cli;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/** No cycle between the CLI's packages (command -> api, config, output -> outcome), no class over 300 lines. */
class ArchitectureTest {

    @Test
    void thePackagesGoOneWayAndTheClassesStaySmall() {
        Architecture.checkLibrary("dev.shiplog.cli");
    }
}
