package dev.shiplog.deployment.domain.request;

import static dev.shiplog.deployment.domain.Requests.fromGit;
import static dev.shiplog.deployment.domain.Requests.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Requests;
import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.schema.rules.GitSources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of a request that need facts: schedule, where the code comes from, the archive, the environment. */
class DeploymentRequestRulesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final GitSources.Policy SOURCES = new GitSources.Policy(List.of(Path.of("/srv/git")), false);

    /** What the service knows: shop has staging; one archive was uploaded for shop; every question asked is noted. */
    static final class Known implements DeploymentRequestRules.Facts {
        final List<String> asked = new ArrayList<>();
        Set<String> environments = Set.of("shop/staging");

        @Override
        public boolean archiveOf(String projectId, String archiveId) {
            asked.add("archive " + archiveId);
            return projectId.equals("shop") && archiveId.equals("b".repeat(64));
        }

        @Override
        public boolean environmentExists(String projectId, String environment) {
            asked.add("environment " + projectId + "/" + environment);
            return environments.contains(projectId + "/" + environment);
        }

        @Override
        public boolean projectExists(String projectId) {
            asked.add("project " + projectId);
            return environments.stream().anyMatch(e -> e.startsWith(projectId + "/"));
        }

        @Override
        public SourceOwnership.Owner sourceOwner(String projectId) {
            return SourceOwnership.Owner.NONE;
        }

        @Override
        public boolean anotherProjectsRepository(String projectId, String gitUrl) {
            return false;
        }
    }

    static List<Violation> violations(NewDeployment request, Known known) {
        return DeploymentRequestRules.violations(request, NOW, SOURCES, known);
    }

    @Test
    void aRequestToAnEnvironmentThatExistsIsAccepted() {
        assertEquals(List.of(), violations(fromGit(), new Known()));
    }

    @Test
    void anUnknownProjectIsNamedAsTheProjectAndAnUnknownEnvironmentOfAKnownOneAsTheEnvironment() {
        Known known = new Known();
        NewDeployment elsewhere = new NewDeployment("nobody", "staging", "1", "https://github.com/a/b.git", null,
                null, null, null);
        assertEquals("projectId", violations(elsewhere, known).get(0).field());
        NewDeployment production = new NewDeployment("shop", "production", "1", "https://github.com/a/b.git", null,
                null, null, null);
        Violation refused = violations(production, known).get(0);
        assertEquals("environment", refused.field());
        assertTrue(refused.rule().contains("does not exist"), refused.rule());
    }

    @Test
    void aScheduleMayBeHalfAMinuteInThePastAndAtMostAYearAhead() {
        Known known = new Known();
        assertEquals(List.of(), violations(Requests.scheduled(NOW.minusSeconds(20)), known));
        assertEquals(List.of(), violations(Requests.scheduled(NOW.plus(Duration.ofDays(30))), known));
        Violation past = violations(Requests.scheduled(NOW.minusSeconds(3600)), known).get(0);
        assertEquals(new Violation("scheduledAt", "must not be in the past (it is " + NOW + ")"), past);
        assertEquals(new Violation("scheduledAt", "must be at most 366 days ahead"),
                violations(Requests.scheduled(NOW.plus(Duration.ofDays(400))), known).get(0));
    }

    @Test
    void codeComesFromAPublicHostOrALocalRootOnly() {
        Known known = new Known();
        assertEquals(List.of(), violations(with(fromGit(), "gitUrl", "/srv/git/shop"), known));
        assertEquals("gitUrl", violations(with(fromGit(), "gitUrl", "/etc/shop"), known).get(0).field());
        assertEquals("gitUrl", violations(with(fromGit(), "gitUrl", "http://127.0.0.1/shop.git"), known).get(0)
                .field());
    }

    @Test
    void anArchiveMustHaveBeenUploadedForTheProjectItDeploys() {
        Known known = new Known();
        NewDeployment fromArchive = with(with(with(fromGit(), "gitUrl", null), "gitBranch", null), "archiveId",
                "b".repeat(64));
        assertEquals(List.of(), violations(fromArchive, known));
        assertEquals(List.of(new Violation("archiveId", "no source archive with this id was uploaded for project shop"
                + " (POST /api/sources?projectId=shop)")), violations(with(fromArchive, "archiveId", "c".repeat(64)),
                        known));
        // another project's archive is as unknown as one never uploaded
        known.environments = Set.of("shop/staging", "other/staging");
        assertEquals(List.of(new Violation("archiveId", "no source archive with this id was uploaded for project other"
                + " (POST /api/sources?projectId=other)")), violations(with(fromArchive, "projectId", "other"),
                        known));
    }

    @Test
    void factsAreAskedOnlyOnceTheRequestsOwnRulesPass() {
        Known known = new Known();
        violations(with(fromGit(), "version", ""), known);
        assertEquals(List.of(), known.asked);
    }

    @Test
    void aRollbackIsNotAskedForItsSourceButItsEnvironmentMustExist() {
        Known known = new Known();
        assertEquals(List.of(), violations(Requests.rollbackTo("v1"), known));
        assertFalse(known.asked.stream().anyMatch(q -> q.startsWith("archive")));
        known.environments = Set.of();
        assertEquals("projectId", violations(Requests.rollbackTo("v1"), known).get(0).field());
    }

    @Test
    void namesThatCannotBeLookedUpAreSaidSo() {
        assertTrue(DeploymentRequestRules.namesAreValid(fromGit()));
        assertFalse(DeploymentRequestRules.namesAreValid(null));
        assertFalse(DeploymentRequestRules.namesAreValid(new NewDeployment("Shop", "staging", "1", null, null, null,
                null, null)));
        assertFalse(DeploymentRequestRules.namesAreValid(new NewDeployment("shop", null, "1", null, null, null, null,
                null)));
    }
}
