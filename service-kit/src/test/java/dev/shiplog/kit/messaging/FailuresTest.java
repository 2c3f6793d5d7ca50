package dev.shiplog.kit.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures are waited out (the event is tried again) and which make an event poison (dead-letter topic). */
class FailuresTest {

    @Test
    void anUnreachableDatabaseOrLogIsWaitedOut() {
        assertTrue(Failures.isTransient(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(Failures.isTransient(new RuntimeException(new SQLException("shutting down", "57P01"))));
        assertTrue(Failures.isTransient(new RuntimeException(new SQLException("serialization", "40001"))));
        assertTrue(Failures.isTransient(new EventLogUnavailableException("broker away", null)));
        assertTrue(Failures.isTransient(new jakarta.transaction.RollbackException("timed out")));
    }

    @Test
    void aValueTheDatabaseRefusesIsPoisonEvenWhenItSurfacesAtCommit() {
        assertFalse(Failures.isTransient(new IllegalArgumentException("no such stage")));
        assertFalse(Failures.isTransient(new RuntimeException(new SQLException("bad value", "22001"))));
        assertFalse(Failures.isTransient(new UndecodableEventException("t")));
        // what a NUL byte or an over-long value looked like before: a rolled-back commit caused by a data exception
        jakarta.transaction.RollbackException atCommit = new jakarta.transaction.RollbackException("rolled back");
        atCommit.initCause(new RuntimeException(new SQLException("invalid byte sequence 0x00", "22021")));
        assertFalse(Failures.isTransient(atCommit));
        assertFalse(Failures.isTransient(new EventRejectedException("too large", null)));
    }
}
