package dev.shiplog.notification.service;

import dev.shiplog.kit.rebuild.RebuildPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/**
 * A rebuilt feed says what the live one says; only when each row was written (and in what order) differs. The
 * deliveries, their attempts and the read marks are not derived from the log: they are carried over whole, under the
 * gate the dispatcher also takes, and not compared.
 */
@ApplicationScoped
public class FeedRebuildPlan implements RebuildPlan {

    static final Set<String> CARRIED = Set.of("delivery", "delivery_attempt", "notification_read");

    @Override
    public void carryOver(Connection connection, String live, String rebuilt) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String table : CARRIED) {
                s.execute("insert into " + rebuilt + "." + table + " select * from " + live + "." + table);
            }
            s.execute("select setval(pg_get_serial_sequence('" + rebuilt + ".delivery', 'seq'), coalesce((select"
                    + " max(seq) from " + rebuilt + ".delivery), 0) + 1, false)");
        }
    }

    @Override
    public Set<String> notCompared() {
        return CARRIED;
    }

    @Override
    public Map<String, Set<String>> ignoredColumns() {
        return Map.of("notification", Set.of("created_at", "seq"));
    }
}
