package dev.shiplog.deployment.domain.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Requests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request that says nothing of them takes its project's repository, default branch and build defaults. */
class ProjectDefaultsTest {

    static final DeploymentSettings DEFAULTS = new DeploymentSettings("npm run build", "dist",
            Map.of("A", "from-project", "B", "from-project"), "20", null, "/health", 300, "node server.js");
    static final ProjectDefaults SHOP = new ProjectDefaults("https://github.com/acme/shop.git", "trunk", DEFAULTS);

    static NewDeployment asked(String gitUrl, String commit, String branch, String archive, DeploymentSettings c) {
        return new NewDeployment("shop", "staging", "1", gitUrl, commit, branch, archive, c);
    }

    @Test
    void aRequestWithoutSourceTakesTheRepositoryAtItsDefaultBranch() {
        NewDeployment merged = ProjectDefaults.apply(asked(null, null, null, null, DeploymentSettings.NONE), SHOP);
        assertEquals("https://github.com/acme/shop.git", merged.gitUrl());
        assertEquals("trunk", merged.gitBranch());
    }

    @Test
    void aNamedBranchOrCommitOfTheProjectsRepositoryIsKept() {
        assertEquals("release", ProjectDefaults.apply(asked(null, null, "release", null, null), SHOP).gitBranch());
        NewDeployment commit = ProjectDefaults.apply(asked(null, "abc123", null, null, null), SHOP);
        assertEquals("abc123", commit.gitCommit());
        assertEquals(null, commit.gitBranch());
    }

    @Test
    void aRequestThatNamesItsSourceKeepsIt() {
        NewDeployment own = ProjectDefaults.apply(asked("https://github.com/me/fork.git", null, "x", null, null),
                SHOP);
        assertEquals("https://github.com/me/fork.git", own.gitUrl());
        assertEquals("x", own.gitBranch());
        NewDeployment archive = ProjectDefaults.apply(asked(null, null, null, "b".repeat(64), null), SHOP);
        assertEquals(null, archive.gitUrl());
        assertEquals("b".repeat(64), archive.archiveId());
    }

    @Test
    void buildDefaultsFillWhatTheRequestLeavesOutAndItsOwnVariablesWin() {
        DeploymentSettings mine = new DeploymentSettings(null, "out", Map.of("B", "mine", "C", "mine"), null, null,
                null, null, null);
        DeploymentSettings merged = ProjectDefaults.apply(asked(null, null, null, null, mine), SHOP).config();
        assertEquals(new DeploymentSettings("npm run build", "out", Map.of("A", "from-project", "B", "mine",
                "C", "mine"), "20", null, "/health", 300, "node server.js"), merged);
        assertEquals(DEFAULTS.buildCommand(), ProjectDefaults.apply(asked(null, null, null, null, null), SHOP).config()
                .buildCommand());
    }

    @Test
    void theProjectsStartCommandIsUsedWhenTheRequestSaysNothingAndTheRequestsOwnWins() {
        assertEquals("node server.js", ProjectDefaults.apply(asked(null, null, null, null, DeploymentSettings.NONE),
                SHOP).config().startCommand());
        assertEquals("node server.js", ProjectDefaults.apply(asked(null, null, null, null, null), SHOP).config()
                .startCommand());
        DeploymentSettings mine = new DeploymentSettings(null, null, Map.of(), null, null, null, null,
                "./bin/serve --port $PORT");
        assertEquals("./bin/serve --port $PORT", ProjectDefaults.apply(asked(null, null, null, null, mine), SHOP)
                .config().startCommand());
        DeploymentSettings staticSite = new DeploymentSettings("make", "dist", Map.of(), null, null, null, null,
                null);
        assertEquals(null, ProjectDefaults.apply(asked(null, null, null, null, staticSite),
                new ProjectDefaults(null, null, DeploymentSettings.NONE)).config().startCommand(),
                "neither says one: a static site");
    }

    @Test
    void aProjectWithoutDefaultsOrARollbackChangesNothing() {
        NewDeployment request = asked(null, null, null, null, DeploymentSettings.NONE);
        assertSame(request, ProjectDefaults.apply(request, null));
        NewDeployment rollback = Requests.rollbackTo("v1");
        assertSame(rollback, ProjectDefaults.apply(rollback, SHOP));
        NewDeployment noRepository = ProjectDefaults.apply(request, new ProjectDefaults(null, null, null));
        assertEquals(request, noRepository);
    }
}
