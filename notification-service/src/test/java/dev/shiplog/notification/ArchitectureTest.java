package dev.shiplog.notification;

import dev.shiplog.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service (test-support {@link Architecture}): rest and messaging.incoming -> service -> repository,
 * messaging.outgoing; the domain core pure (no Kafka, JDBC, Hibernate, Jakarta REST, CDI, Quarkus, service-kit); no
 * cycle between packages; no class over 300 lines.
 */
class ArchitectureTest {

    @Test
    void theDomainIsPureTheLayersHoldAndNoPackagesFormACycle() {
        Architecture.check("dev.shiplog.notification");
    }
}
