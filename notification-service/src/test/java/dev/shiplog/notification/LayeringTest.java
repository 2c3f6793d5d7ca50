package dev.shiplog.notification;

import dev.shiplog.testing.Layering;
import org.junit.jupiter.api.Test;

/** rest and messaging.incoming -> service -> repository, messaging.outgoing; mapping a leaf. */
class LayeringTest {

    @Test
    void theLayersAreRespected() {
        Layering.check("dev.shiplog.notification");
    }
}
