package dev.shiplog.deployment.domain.request;

import static dev.shiplog.deployment.domain.Requests.fromGit;
import static dev.shiplog.deployment.domain.Requests.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Requests;
import dev.shiplog.deployment.domain.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless request gets: every field that breaks its rule is named, with the rule, before anything
 * reaches the log. Given a request, when it is validated, then these violations.
 */
class DeploymentValidatorTest {

    static List<String> fields(NewDeployment request) {
        return DeploymentValidator.violations(request).stream().map(Violation::field).toList();
    }

    static String rule(NewDeployment request, String field) {
        return DeploymentValidator.violations(request).stream().filter(v -> v.field().equals(field)).findFirst()
                .map(Violation::rule).orElseThrow(() -> new AssertionError(field + " was not refused: "
                        + DeploymentValidator.violations(request)));
    }

    static DeploymentSettings config(String field, String value) {
        return new DeploymentSettings(field.equals("buildCommand") ? value : null,
                field.equals("outputDirectory") ? value : null, Map.of(), field.equals("nodeVersion") ? value : null,
                field.equals("installCommand") ? value : null, field.equals("healthCheckPath") ? value : null, null,
                field.equals("startCommand") ? value : null);
    }

    @Test
    void aWellFormedRequestBreaksNoRule() {
        assertEquals(List.of(), DeploymentValidator.violations(fromGit()));
    }

    @Test
    void noBodyAtAllIsRefusedAsTheBody() {
        assertEquals(List.of(new Violation("body", "is required")), DeploymentValidator.violations(null));
    }

    @Test
    void nulAndControlCharactersAreRefusedInEveryFieldNamingIt() {
        for (String field : List.of("version", "gitBranch", "gitUrl")) {
            assertTrue(fields(with(fromGit(), field, "main\u0000")).contains(field), field);
        }
        assertTrue(fields(fromGit(Requests.config(null, Map.of("A", "x\u0000y"))))
                .contains("config.environmentVariables.A"));
        assertTrue(fields(fromGit(config("healthCheckPath", "/ok\u0000"))).contains("config.healthCheckPath"));
        assertTrue(fields(fromGit(config("buildCommand", "make\u0000"))).contains("config.buildCommand"));
    }

    @Test
    void valuesThatWouldBeReadAsOptionsOrEscapeTheirPlaceAreRefused() {
        assertTrue(fields(fromGit(config("healthCheckPath", "/../../q/health"))).contains("config.healthCheckPath"));
        assertTrue(fields(with(fromGit(), "gitBranch", "--pathspec-from-file=/etc/passwd")).contains("gitBranch"));
        assertTrue(fields(with(fromGit(), "gitCommit", "-1")).contains("gitCommit"));
        assertTrue(fields(with(fromGit(), "gitUrl", "-uhelp")).contains("gitUrl"));
        assertTrue(fields(fromGit(config("outputDirectory", "../../etc"))).contains("config.outputDirectory"));
    }

    @Test
    void valuesPastTheirLimitAreRefused() {
        assertTrue(fields(with(fromGit(), "gitUrl", "https://x/" + "x".repeat(2001))).contains("gitUrl"));
        assertTrue(fields(fromGit(config("buildCommand", "x".repeat(10_001)))).contains("config.buildCommand"));
        assertTrue(fields(with(fromGit(), "version", "v".repeat(201))).contains("version"));
        DeploymentSettings timeout = new DeploymentSettings(null, null, Map.of(), null, null, null, -5, null);
        assertTrue(rule(fromGit(timeout), "config.timeout").contains("between 1 and"));
    }

    @Test
    void aStartCommandOverSeveralLinesIsAcceptedAndKeptAsItIs() {
        String start = "cd server\n\tnode index.js --port \"$PORT\"";
        NewDeployment request = fromGit(config("startCommand", start));
        assertEquals(List.of(), DeploymentValidator.violations(request));
        assertEquals(start, request.config().startCommand());
    }

    @Test
    void aStartCommandWithNulOrControlCharactersOrPastItsLimitIsRefusedNamingIt() {
        for (String start : List.of("node index.js\u0000", "node\u001b[2J index.js", "node\u0085index.js",
                "x".repeat(10_001))) {
            assertEquals(List.of("config.startCommand"), fields(fromGit(config("startCommand", start))), start);
        }
        assertEquals("must be at most 10000 characters", rule(fromGit(config("startCommand", "x".repeat(10_001))),
                "config.startCommand"));
        assertEquals(List.of(), fields(fromGit(config("startCommand", "x".repeat(10_000)))));
    }

    @Test
    void theProjectTheEnvironmentAndTheVersionAreRequired() {
        NewDeployment bare = new NewDeployment(null, null, null, "https://github.com/acme/shop.git", null, null, null,
                DeploymentSettings.NONE);
        assertEquals(List.of("projectId", "environment", "version"), fields(bare));
        assertEquals("is required", rule(bare, "version"));
        assertTrue(fields(new NewDeployment("Shop!", "staging", "1", "https://x/y.git", null, null, null,
                DeploymentSettings.NONE)).contains("projectId"));
    }

    @Test
    void exactlyOneSourceIsRequiredAndARefNeedsARepository() {
        NewDeployment none = with(fromGit(), "gitUrl", null);
        assertEquals("exactly one source is required: gitUrl or archiveId", rule(with(none, "gitBranch", null),
                "gitUrl"));
        assertEquals("gitCommit and gitBranch need a gitUrl", rule(none, "gitCommit"));
        NewDeployment both = with(fromGit(), "archiveId", "a".repeat(64));
        assertTrue(fields(both).contains("gitUrl"));
        assertTrue(fields(with(with(none, "gitBranch", null), "archiveId", "not-a-sha")).contains("archiveId"));
    }

    @Test
    void aRollbackBuildsNothingSoItNeedsNoSourceButItsArtifactAndReasonFollowTheirRules() {
        assertEquals(List.of(), DeploymentValidator.violations(Requests.rollbackTo("v1")));
        NewDeployment bad = new NewDeployment("shop", "staging", "1", null, null, null, null, DeploymentSettings.NONE,
                null, new NewDeployment.Restore(NewDeployment.Restore.Kind.ROLLBACK, "v1", "nope", "v2",
                        "r".repeat(1001), false, null));
        assertEquals(List.of("artifactId", "reason"), fields(bad));
    }
}
