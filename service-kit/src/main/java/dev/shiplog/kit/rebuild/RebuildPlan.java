package dev.shiplog.kit.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * What a service adds to a rebuild of its projection: state that is not derived from the log (a command handler's
 * idempotency keys, the pipeline's leases on running deployments) carried from the live tables into the rebuilt ones
 * at the switch, and the columns that legitimately differ between the two (when a row was written, not what it
 * says). A service without such state needs no plan.
 */
public interface RebuildPlan {

    /** Copies what is not derived from the log from {@code live} into {@code rebuilt}; runs under the exclusive gate. */
    default void carryOver(Connection connection, String live, String rebuilt) throws SQLException {
    }

    /**
     * Tables that are carried over whole and written by more than the projection (heartbeats, health probes): they
     * may change between the carry-over and the comparison, so they are not compared.
     */
    default Set<String> notCompared() {
        return Set.of();
    }

    /** Per table, the columns left out of the comparison. */
    default Map<String, Set<String>> ignoredColumns() {
        return Map.of();
    }
}
