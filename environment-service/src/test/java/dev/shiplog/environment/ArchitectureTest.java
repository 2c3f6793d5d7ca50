package dev.shiplog.environment;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The layers (rest and messaging.incoming -> service -> repository, messaging.outgoing; mapping a leaf), a pure
 * domain core (no Kafka, JDBC, Hibernate, Jakarta REST, CDI or Quarkus), no package cycles, no class over 300 lines.
 */
class ArchitectureTest {

    @Test
    void theServiceKeepsItsShape() {
        Architecture.check("dev.shiplog.environment");
    }
}
