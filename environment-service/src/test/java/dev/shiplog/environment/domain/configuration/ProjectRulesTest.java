package dev.shiplog.environment.domain.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.domain.ProjectChange;
import dev.shiplog.environment.domain.Refusal;
import dev.shiplog.schema.rules.EventRules.Violation;
import dev.shiplog.schema.rules.GitSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a project's configuration may hold, what a new project gets, when a project may be deleted. */
class ProjectRulesTest {

    static final GitSources.Policy SOURCES = new GitSources.Policy(List.of(Path.of("/srv/git")), false);

    @Test
    void aValidProjectIsAccepted() {
        assertNull(ProjectRules.configuration("shop", new ProjectChange("Shop", "https://github.com/acme/shop.git",
                "main", new Project.BuildDefaults("npm ci", "npm run build", "dist", "/health", "20", 600,
                        "node server.js --port \"$PORT\"")), SOURCES));
        assertNull(ProjectRules.configuration("shop", new ProjectChange("Shop", null, null, null), SOURCES),
                "only the name is required");
    }

    @Test
    void aProjectNeedsAName() {
        assertEquals(List.of(new Violation("name", "is required")), violations(ProjectRules.configuration("shop",
                new ProjectChange(null, null, null, null), SOURCES)));
        assertEquals(List.of(new Violation("name", "must be at most 200 characters")),
                violations(ProjectRules.configuration("shop", new ProjectChange("n".repeat(201), null, null, null), SOURCES)));
    }

    @Test
    void anUnsafeRepositoryBranchOrBuildDefaultIsRefusedNamingEach() {
        ProjectChange change = new ProjectChange("x", "--upload-pack=evil", "../main",
                new Project.BuildDefaults("a\u0000b", null, "../etc", "no-slash", "bad version!", 0, null));
        assertEquals(List.of("repositoryUrl", "defaultBranch", "buildDefaults.installCommand",
                "buildDefaults.outputDirectory", "buildDefaults.healthCheckPath", "buildDefaults.nodeVersion",
                "buildDefaults.timeout"), violations(ProjectRules.configuration("shop", change, SOURCES)).stream()
                        .map(Violation::field).toList());
        assertEquals(List.of(new Violation("repositoryUrl", "must not start with '-'")),
                violations(ProjectRules.configuration("shop", new ProjectChange("x", "-x", null, null), SOURCES)));
    }

    @Test
    void aStartCommandFollowsTheRulesOfABuildCommand() {
        assertNull(ProjectRules.configuration("shop", new ProjectChange("Shop", null, null, new Project.BuildDefaults(
                null, null, null, null, null, null, "cd server\n\tnode index.js")), SOURCES));
        for (String start : List.of("node\u0000index.js", "node\u001b[2J", "x".repeat(10_001))) {
            assertEquals(List.of("buildDefaults.startCommand"), violations(ProjectRules.configuration("shop",
                    new ProjectChange("Shop", null, null, new Project.BuildDefaults(null, null, null, null, null,
                            null, start)), SOURCES)).stream().map(Violation::field).toList(), start);
        }
    }

    @Test
    void aRepositoryFollowsTheRulesOfADeploymentsSource() {
        for (String url : new String[] { "file:///etc/passwd", "/srv/git/../../etc", "/tmp/shiplog-git/other",
                "http://127.0.0.1:8080/x", "https://localhost/x.git", "https://169.254.169.254/x", "git://10.0.0.1/x",
                "ssh://[::1]/x" }) {
            assertEquals(List.of("repositoryUrl"), violations(ProjectRules.configuration("shop",
                    new ProjectChange("x", url, null, null), SOURCES)).stream().map(Violation::field).toList(), url);
        }
        assertNull(ProjectRules.configuration("shop", new ProjectChange("x", "/srv/git/shop", null, null), SOURCES));
        assertNull(ProjectRules.configuration("shop", new ProjectChange("x", "http://127.0.0.1:3000/shop.git", null,
                null), new GitSources.Policy(List.of(), true)), "an internal git server, where allowed");
    }

    @Test
    void aProjectIdIsANameOfTheCatalog() {
        assertEquals(List.of(new Violation("projectId", "must match [a-z0-9][a-z0-9-]{0,62} (lower case letters,"
                + " digits, dashes)")), violations(ProjectRules.configuration("Bad_Id", new ProjectChange("x", null,
                        null, null), SOURCES)));
        assertEquals("projectId", violations(ProjectRules.configuration(null, new ProjectChange("x", null, null,
                null), SOURCES)).get(0).field());
    }

    @Test
    void aNewProjectGetsStagingAndProductionWithTheirDefaults() {
        Map<String, EnvironmentChange> first = ProjectRules.firstEnvironments("shop", Set.of());
        assertEquals(List.of("staging", "production"), List.copyOf(first.keySet()));
        assertEquals(ConfigurationRules.defaults("shop", "production"), first.get("production"));
        assertTrue(first.get("production").isProtected());
    }

    @Test
    void anEnvironmentMadeBeforeItsProjectKeepsItsConfiguration() {
        assertEquals(List.of("production"), List.copyOf(ProjectRules.firstEnvironments("shop", Set.of("staging",
                "preview")).keySet()));
        assertTrue(ProjectRules.firstEnvironments("shop", Set.of("staging", "production")).isEmpty());
    }

    @Test
    void aProjectWithSomethingLiveIsDeletedOnlyWhenForced() {
        assertEquals(new Refusal.Conflict("force", "something is live in production, staging of project shop:"
                + " delete it with ?force=true"), ProjectRules.deletion("shop", true, List.of("production",
                        "staging"), false));
        assertNull(ProjectRules.deletion("shop", true, List.of("production"), true));
        assertNull(ProjectRules.deletion("shop", true, List.of(), false));
    }

    @Test
    void deletingAProjectThatIsNotThereIsNotFound() {
        assertEquals(new Refusal.NotFound("No project shop"), ProjectRules.deletion("shop", false, List.of(), true));
    }

    @Test
    void aDeletionsReasonIsOneLine() {
        assertEquals(List.of(new Violation("reason", "must not contain control characters (NUL, newline, ...)")),
                violations(ProjectRules.deletionInput("shop", "done\nreally")));
        assertEquals("projectId", violations(ProjectRules.deletionInput("Bad_Id", "done")).get(0).field());
        assertNull(ProjectRules.deletionInput("shop", null));
        assertNull(ProjectRules.deletionInput("shop", "replaced by shop-2"));
    }

    private static List<Violation> violations(Refusal refusal) {
        return ((Refusal.Invalid) refusal).violations();
    }

    @Test
    void aRepositoryIsOneProjectsAndAnotherMayNotTakeItWrittenAnyWay() {
        List<String> others = List.of("/srv/git/billing", "https://github.com/acme/web");
        for (String taken : List.of("/srv/git/billing/", "file:///srv/git/billing", "https://GitHub.com/acme/web.git")) {
            Refusal refused = ProjectRules.repositoryClaim(new ProjectChange("Shop", taken, null, null), taken, others);
            assertEquals(new Refusal.Conflict("repositoryUrl", "is another project's repository (a repository belongs"
                    + " to one project)"), refused, taken);
        }
        assertNull(ProjectRules.repositoryClaim(new ProjectChange("Shop", "/srv/git/shop", null, null),
                "/srv/git/shop", others));
        assertNull(ProjectRules.repositoryClaim(new ProjectChange("Shop", null, null, null), null, others));
        // a link to another project's repository is that repository
        assertEquals("repositoryUrl", ((Refusal.Conflict) ProjectRules.repositoryClaim(new ProjectChange("Shop",
                "/srv/git/link-to-billing", null, null), "/srv/git/billing", others)).field());
    }
}
