package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentGoingLive;
import dev.shiplog.testing.TestEvents;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A decision reaches the log exactly once, whatever instant the process that made it dies. The pipeline-worker is
 * stopped dead (service-kit's fault hooks, as kill -9 would) at the two instants that matter around its outbox:
 * <ol>
 * <li>after its lane decided a deployment's place (DeploymentQueued) and before the transaction that decided it
 * committed: with the decision written to the log inside that transaction (as it was before the outbox), the
 * decision was made again after the restart under a new event id, and the log held it twice;</li>
 * <li>after the outbox's relay wrote the claim to go live (DeploymentGoingLive) to the log and before it recorded
 * that it did: a naive relay writes it again after the restart.</li>
 * </ol>
 * Then the raw topic holds each decision once (no event id twice, one DeploymentQueued, the first attempt's claim
 * once), the deployment still succeeds (run again by its next attempt), and a rebuild of the worker's projection
 * from the log is identical to the live one.
 */
@Isolated
class CrashBetweenLogAndCommitIT {

    static final String HOOK = "SHIPLOG_FAULT_HALT_AT";

    @Test
    void aWorkerStoppedDeadAroundItsOutboxLeavesEachDecisionOnTheLogExactlyOnce() {
        String project = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.environment(project, "staging", "{\"settings\": {}, \"bakeSeconds\": 0}");
        try (TestEvents.Reader log = TestEvents.get().readFromNow(Topics.DEPLOYMENT_EVENTS)) {
            Components.down("pipeline-worker");
            Components.upWith("pipeline-worker", Map.of(HOOK, "outbox.before-commit:DeploymentQueued"));
            long first = Components.pid("pipeline-worker");
            String id = Platform.deploy(OutageIT.body(project, "staging", "1", "true"), project);
            await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(first).isEmpty());

            Components.upWith("pipeline-worker", Map.of(HOOK, "outbox.after-send:DeploymentGoingLive"));
            long second = Components.pid("pipeline-worker");
            await().atMost(Duration.ofSeconds(90)).until(() -> ProcessHandle.of(second).isEmpty());

            Components.up("pipeline-worker");
            JsonPath deployment = Platform.finished(id, Platform.WAIT);
            assertEquals("success", deployment.getString("status"), deployment.prettify());

            List<SpecificRecord> story = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                story.addAll(log.readToEnd(r -> r.value() != null && id.equals(correlation(r.value()))));
                assertTrue(story.stream().anyMatch(e -> e.getSchema().getName().equals("DeploymentSucceeded")));
            });
            Map<String, Long> byEventId = story.stream().collect(Collectors.groupingBy(
                    e -> ((Envelope) e.get(0)).getEventId(), Collectors.counting()));
            assertTrue(byEventId.values().stream().allMatch(n -> n == 1), () -> "an event twice on the log: "
                    + names(story));
            assertEquals(1, count(story, "DeploymentQueued"), () -> names(story));
            assertEquals(1, story.stream().filter(e -> e instanceof DeploymentGoingLive g && g.getAttempt() == 1)
                    .count(), () -> "the first attempt's claim: " + names(story));
            assertEquals(1, count(story, "ReleaseActivated"), () -> names(story));
            assertEquals(1, count(story, "DeploymentSucceeded"), () -> names(story));
        }
        JsonPath report = given().post(Platform.PIPELINE_WORKER + "/admin/rebuild?switch=false").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(report.getBoolean("identical"), report.prettify());
    }

    static String correlation(Object event) {
        return event instanceof SpecificRecord record && record.get(0) instanceof Envelope envelope
                ? envelope.getCorrelationId() : null;
    }

    static long count(List<SpecificRecord> story, String type) {
        return story.stream().filter(e -> e.getSchema().getName().equals(type)).count();
    }

    static String names(List<SpecificRecord> story) {
        Map<String, Long> counts = new TreeMap<>(story.stream().collect(Collectors.groupingBy(
                e -> e.getSchema().getName(), Collectors.counting())));
        return counts.toString();
    }
}
