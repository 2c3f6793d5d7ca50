package dev.shiplog.kit.messaging;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Which failures are worth waiting out (the database, the broker or the registry is away, or a transaction lost a
 * race) and which will fail the same way every time (a value a column refuses, a bug).
 */
public final class Failures {

    /** True if {@code e} comes from something unavailable for now: try the same thing again later. */
    public static boolean isTransient(Throwable e) {
        boolean sawTransaction = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EventRejectedException) {
                return false;
            }
            if (t instanceof EventLogUnavailableException || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                return transientState(sql.getSQLState());
            }
            String name = t.getClass().getName();
            if (name.equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            sawTransaction |= name.startsWith("jakarta.transaction") || name.startsWith("com.arjuna");
        }
        // a transaction that failed without a database error to say why (timed out, or its commit could not reach
        // the database): transient. One that failed because of a refused value carries that SQLException above.
        return sawTransaction;
    }

    /** True if the database is unavailable (as opposed to refusing what was asked of it). */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connection failures (08), serialization failures and deadlocks (40), the server shutting down (57P), out of
     * resources (53), a lock not available (55P03). A null state is the pool's own (no connection in time).
     */
    static boolean transientState(String state) {
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("57P")
                || state.startsWith("53") || state.equals("55P03");
    }

    /** The innermost cause's text, for logs and dead-letter reasons. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private Failures() {
    }
}
