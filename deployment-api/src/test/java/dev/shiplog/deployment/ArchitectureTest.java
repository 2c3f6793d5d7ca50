package dev.shiplog.deployment;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The layers (rest and messaging.incoming -> service -> repository, messaging.outgoing; mapping a leaf), a pure
 * domain core, no cycles between packages, no class over 300 lines.
 */
class ArchitectureTest {

    @Test
    void theShapeOfTheServiceIsKept() {
        Architecture.check("dev.shiplog.deployment");
    }
}
