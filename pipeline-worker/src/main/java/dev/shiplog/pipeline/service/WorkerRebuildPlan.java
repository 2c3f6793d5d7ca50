package dev.shiplog.pipeline.service;

import dev.shiplog.kit.rebuild.RebuildPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/**
 * A rebuild of the pipeline-worker rebuilds the lanes, the release history and the artifact versions from the log.
 * Who runs a deployment (its lease: instance, attempt, whether this attempt claimed to go live), which instances are
 * alive, the bake watch's failed checks so far and the verdicts of watches that ended before verdicts were on the log
 * (ReleaseBaked), the health last published for each environment are not on the log: they are carried over as they
 * are, and left out of the comparison with the times rows were written. The instances'
 * heartbeats and the health probes go on while a rebuild compares: those two tables are not compared at all.
 */
@ApplicationScoped
public class WorkerRebuildPlan implements RebuildPlan {

    @Override
    public void carryOver(Connection connection, String live, String rebuilt) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("insert into " + rebuilt + ".worker_instance select * from " + live + ".worker_instance"
                    + " on conflict do nothing");
            s.execute("update " + rebuilt + ".lane_entry n set owner = l.owner, attempt = l.attempt, activating ="
                    + " l.activating from " + live + ".lane_entry l where n.deployment_id = l.deployment_id"
                    + " and n.state <> 'finished'");
            s.execute("insert into " + rebuilt + ".environment_health select * from " + live
                    + ".environment_health");
            s.execute("update " + rebuilt + ".release n set bake_verdict = l.bake_verdict, bake_failures ="
                    + " l.bake_failures from " + live + ".release l where n.deployment_id = l.deployment_id");
            s.execute("insert into " + rebuilt + ".round_lease select * from " + live + ".round_lease");
        }
    }

    @Override
    public Set<String> notCompared() {
        return Set.of("worker_instance", "environment_health", "round_lease");
    }

    @Override
    public Map<String, Set<String>> ignoredColumns() {
        return Map.of("lane_entry", Set.of("owner", "attempt", "activating", "finished_at"),
                "artifact", Set.of("created_at"), "release", Set.of("bake_verdict", "bake_failures"));
    }
}
