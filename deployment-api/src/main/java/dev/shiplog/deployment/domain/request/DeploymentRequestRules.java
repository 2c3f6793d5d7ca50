package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.schema.rules.GitSources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule a deployment request follows, the catalog's limits ({@link DeploymentValidator}) and those that need
 * facts: its schedule, where its code may come from ({@link GitSources}) and whose it is ({@link SourceOwnership}),
 * an uploaded archive that exists, an
 * environment that exists. The facts are asked only once the request's own rules pass, in that order.
 */
public final class DeploymentRequestRules {

    /** What the rules need to know beyond the request, as the service knows it now. */
    public interface Facts {
        /** Whether {@code archiveId} was uploaded for {@code projectId} (and is still kept). */
        boolean archiveOf(String projectId, String archiveId);

        boolean environmentExists(String projectId, String environment);

        /** Whether the project has any environment. */
        boolean projectExists(String projectId);

        /** What the project says of its sources. */
        SourceOwnership.Owner sourceOwner(String projectId);

        /** Whether {@code gitUrl} is the repository of a project other than {@code projectId}. */
        boolean anotherProjectsRepository(String projectId, String gitUrl);
    }

    /** Every rule {@code request} breaks at {@code now}; empty when it may be accepted. */
    public static List<Violation> violations(NewDeployment request, Instant now, GitSources.Policy sources,
            Facts facts) {
        List<Violation> violations = new ArrayList<>(DeploymentValidator.violations(request));
        if (request == null) {
            return violations;
        }
        Violation schedule = ScheduleWindow.check(request.scheduledAt(), now);
        if (schedule != null) {
            violations.add(schedule);
        }
        boolean restores = request.restore() != null; // builds nothing: its source is the one on record
        if (violations.isEmpty() && !restores && request.gitUrl() != null) {
            String rule = GitSources.check(request.gitUrl(), sources);
            if (rule != null) {
                violations.add(new Violation("gitUrl", rule));
            }
        }
        if (violations.isEmpty() && !restores && request.gitUrl() != null) {
            Violation whose = SourceOwnership.check(request.projectId(), request.gitUrl(),
                    facts.sourceOwner(request.projectId()),
                    url -> facts.anotherProjectsRepository(request.projectId(), url));
            if (whose != null) {
                violations.add(whose);
            }
        }
        if (violations.isEmpty() && !restores && request.archiveId() != null
                && !facts.archiveOf(request.projectId(), request.archiveId())) {
            violations.add(new Violation("archiveId", "no source archive with this id was uploaded for project "
                    + request.projectId() + " (POST /api/sources?projectId=" + request.projectId() + ")"));
        }
        if (violations.isEmpty() && !facts.environmentExists(request.projectId(), request.environment())) {
            violations.add(facts.projectExists(request.projectId())
                    ? new Violation("environment", "environment " + request.environment() + " of project "
                            + request.projectId() + " does not exist (configure it with PUT"
                            + " /api/projects/{id}/environments/{env})")
                    : new Violation("projectId", "project " + request.projectId() + " has no environment yet"
                            + " (configure one with PUT /api/projects/{id}/environments/{env})"));
        }
        return violations;
    }

    /** Whether the request names its project and environment well enough to look them up. */
    public static boolean namesAreValid(NewDeployment request) {
        return request != null && request.projectId() != null
                && FieldRules.name(request.projectId()) == null
                && request.environment() != null
                && FieldRules.name(request.environment()) == null;
    }

    private DeploymentRequestRules() {
    }
}
