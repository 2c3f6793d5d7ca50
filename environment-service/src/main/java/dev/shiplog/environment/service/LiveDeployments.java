package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.environment.domain.state.Releases;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.mapping.FactMapper;
import dev.shiplog.environment.repository.ReleaseStore;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.SourceResolved;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What is live in each environment, from {@code shiplog.deployment.events}, as schemas' ReleaseLine answers it
 * ({@link Releases}): a release goes live with its ReleaseActivated (a first one creates the environment; a rollback
 * is a deployment too, whose activation makes it live), and is withdrawn if its deployment then fails or is
 * cancelled (the release before it is live again); an old-shape DeploymentRolledBack makes the restored release live
 * again. Also each deployment's version (its request, its success), the commit it built and the ones before it
 * (SourceResolved, for comparisons), and the pin a rollback sets and an unpin lifts. Every other deployment event is
 * ignored.
 */
@ApplicationScoped
public class LiveDeployments implements Projection {

    private static final Logger LOG = Logger.getLogger(LiveDeployments.class);

    private final EnvironmentFacts environments;
    private final ReleaseStore releases;
    private final EnvironmentMapper mapper;

    public LiveDeployments(EnvironmentFacts environments, ReleaseStore releases, EnvironmentMapper mapper) {
        this.environments = environments;
        this.releases = releases;
        this.mapper = mapper;
    }

    @Override
    public String consumer() {
        return "environment-service.deployments";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        if (delivery.event() instanceof DeploymentRequested e) {
            releases.requested(e.getDeploymentId(), EnvironmentRef.of(e.getProjectId(), e.getEnvironment()),
                    e.getVersion());
            return;
        }
        if (delivery.event() instanceof SourceResolved e) {
            releases.source(e.getDeploymentId(), EnvironmentRef.of(e.getProjectId(), e.getEnvironment()),
                    e.getCommit(), mapper.historyJson(e.getHistory()));
            return;
        }
        FactMapper.Located located = FactMapper.ofDeploymentEvent(delivery.event());
        if (located == null) {
            return;
        }
        EnvironmentRef ref = EnvironmentRef.of(located.projectId(), located.environment());
        Fact fact = located.fact();
        if (!Releases.isAbout(fact)) {
            environments.apply(delivery, ref, fact); // the pin
            return;
        }
        if (fact instanceof Fact.Activated a) {
            fact = new Fact.Activated(a.deploymentId(), a.artifactId(), releases.version(a.deploymentId()));
        } else if (fact instanceof Fact.Restored r && !releases.knows(r.deploymentId())) {
            LOG.warnf("rollback of %s to deployment %s, which this service never saw go live: version unknown", ref,
                    r.deploymentId());
        }
        Releases before = releases.of(ref);
        Releases after = before.after(fact);
        if (!Releases.isNews(fact, before, after)) {
            return; // a deployment that never went live here ended: nothing changes
        }
        releases.save(ref, after);
        environments.apply(delivery, ref, fact, after);
    }
}
