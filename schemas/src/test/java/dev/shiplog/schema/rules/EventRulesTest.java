package dev.shiplog.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.common.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a consumer refuses from the log, and what it lets through. */
class EventRulesTest {

    @Test
    void aValidRequestPasses() {
        assertEquals(List.of(), EventRules.violations(request(config("/health"), "main", "1.0.0")));
    }

    @Test
    void valuesThatWouldBecomeOptionsPathsOrBrokenRowsAreRefusedByField() {
        assertEquals(List.of("config.healthCheckPath"), fields(request(config("/../../q/health"), "main", "1")));
        assertEquals(List.of("config.healthCheckPath"), fields(request(config("/%2e%2e/q/health"), "main", "1")));
        assertEquals(List.of("config.healthCheckPath"), fields(request(config("//evil.example/"), "main", "1")));
        assertEquals(List.of("source.gitBranch"), fields(request(config("/"), "--pathspec-from-file=/etc/x", "1")));
        assertEquals(List.of("version"), fields(request(config("/"), "main", "1.0\u0000")));
        DeploymentRequested commit = DeploymentRequested.newBuilder(request(config("/"), "main", "1"))
                .setSource(Source.newBuilder().setGitUrl("ext::sh -c id").setGitCommit("-1").build()).build();
        assertEquals(List.of("source.gitUrl", "source.gitCommit"), fields(commit));
        DeploymentRequested id = DeploymentRequested.newBuilder(request(config("/"), "main", "1"))
                .setDeploymentId("../../etc").setProjectId("Shop").build();
        assertEquals(List.of("deploymentId", "projectId"), fields(id));
    }

    @Test
    void aStartCommandFollowsTheRulesOfABuildCommand() {
        DeploymentConfig application = DeploymentConfig.newBuilder(config("/health"))
                .setStartCommand("cd server &&\tnode index.js --port \"$PORT\"").build();
        assertEquals(List.of(), EventRules.violations(request(application, "main", "1")));
        for (String bad : List.of("node index.js\u0000", "node\u001b[2J index.js",
                "x".repeat(FieldRules.COMMAND + 1))) {
            DeploymentConfig refused = DeploymentConfig.newBuilder(config("/")).setStartCommand(bad).build();
            assertEquals(List.of("config.startCommand"), fields(request(refused, "main", "1")));
        }
    }

    @Test
    void variablesAreLimitedInNumberNameAndValue() {
        DeploymentConfig bad = DeploymentConfig.newBuilder(config("/"))
                .setEnvironmentVariables(Map.of("1X", "v", "OK", "a\u0000b")).build();
        assertEquals(2, EventRules.violations(request(bad, "main", "1")).size());
    }

    @Test
    void freeTextThatIsOnlyShownIsNotRefusedButStoredWithoutNul() {
        DeploymentFailed failed = DeploymentFailed.newBuilder().setEnvelope(envelope()).setDeploymentId("d-1")
                .setProjectId("shop").setEnvironment("staging").setStage(Stage.BUILD)
                .setReason("build printed \u0000 and failed").setDurationMillis(1).build();
        assertEquals(List.of(), EventRules.violations(failed));
        assertEquals("build printed \uFFFD and failed", FieldRules.storable(failed.getReason()));
    }

    @Test
    void healthCheckPathsWithQueriesAndEncodedCharactersStayOnTheRelease() {
        assertNull(FieldRules.healthCheckPath("/health?full=1"));
        assertNull(FieldRules.healthCheckPath("/a%20b/"));
        assertNotNull(FieldRules.healthCheckPath("health"));
        assertNotNull(FieldRules.healthCheckPath("/a/./b"));
        assertNotNull(FieldRules.healthCheckPath("/a\\..\\b"));
        assertTrue(FieldRules.hasControl("a\u0085b", true));
    }

    static List<String> fields(DeploymentRequested r) {
        return EventRules.violations(r).stream().map(EventRules.Violation::field).toList();
    }

    static Envelope envelope() {
        return Envelope.newBuilder().setEventId("e-1").setOccurredAt(Instant.now()).setActor("ada")
                .setCorrelationId("d-1").build();
    }

    static DeploymentConfig config(String health) {
        return DeploymentConfig.newBuilder().setBuildCommand("make\nmake test").setOutputDirectory("dist")
                .setHealthCheckPath(health).setEnvironmentVariables(Map.of("NODE_ENV", "production"))
                .setTimeoutSeconds(60).build();
    }

    static DeploymentRequested request(DeploymentConfig config, String branch, String version) {
        return DeploymentRequested.newBuilder().setEnvelope(envelope()).setDeploymentId("d-1").setProjectId("shop")
                .setEnvironment("staging").setVersion(version)
                .setSource(Source.newBuilder().setGitUrl("/srv/git/shop").setGitBranch(branch).build())
                .setConfig(config).build();
    }
}
