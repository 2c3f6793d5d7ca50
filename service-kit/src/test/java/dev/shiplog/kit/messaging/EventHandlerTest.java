package dev.shiplog.kit.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures are waited out (the event is tried again) and which make an event poison (dead-letter topic). */
class EventHandlerTest {

    @Test
    void anUnreachableDatabaseOrLogIsWaitedOut() {
        assertTrue(EventHandler.transientFailure(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(EventHandler.transientFailure(new RuntimeException(new SQLException("shutting down", "57P01"))));
        assertTrue(EventHandler.transientFailure(new RuntimeException(new SQLException("serialization", "40001"))));
        assertTrue(EventHandler.transientFailure(new EventLogUnavailableException("broker away", null)));
    }

    @Test
    void aBugOrABadEventIsPoison() {
        assertFalse(EventHandler.transientFailure(new IllegalArgumentException("no such stage")));
        assertFalse(EventHandler.transientFailure(new RuntimeException(new SQLException("bad value", "22001"))));
        assertFalse(EventHandler.transientFailure(new UndecodableEventException("t")));
    }
}
