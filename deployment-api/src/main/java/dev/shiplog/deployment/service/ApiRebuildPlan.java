package dev.shiplog.deployment.service;

import dev.shiplog.kit.rebuild.RebuildPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A rebuild of the deployment-api rebuilds the history, the logs and the environment catalog from the log; the
 * idempotency keys and the commands already handled are the write side's own memory, carried over as they are.
 */
@ApplicationScoped
public class ApiRebuildPlan implements RebuildPlan {

    @Override
    public void carryOver(Connection connection, String live, String rebuilt) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("insert into " + rebuilt + ".idempotency_key select * from " + live + ".idempotency_key");
            s.execute("insert into " + rebuilt + ".processed_event select * from " + live + ".processed_event"
                    + " where consumer = '" + CommandHandling.CONSUMER + "' on conflict do nothing");
        }
    }
}
