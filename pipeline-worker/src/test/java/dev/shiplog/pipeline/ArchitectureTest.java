package dev.shiplog.pipeline;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The pipeline-worker's shape: the layers (rest, messaging.incoming, service, repository, messaging.outgoing,
 * mapping), a pure domain core (dev.shiplog.pipeline.domain: the lane, retention, health and bake rules), no cycle
 * between packages, no class over 300 lines.
 */
class ArchitectureTest {

    @Test
    void theLayersTheDomainAndThePackagesKeepTheirShape() {
        Architecture.check("dev.shiplog.pipeline");
    }
}
