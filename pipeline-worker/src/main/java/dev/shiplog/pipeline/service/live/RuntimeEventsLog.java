package dev.shiplog.pipeline.service.live;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.pipeline.runtime.ReleaseSpec;
import dev.shiplog.pipeline.runtime.RuntimeEvents;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.environment.ApplicationCrashed;
import dev.shiplog.schema.environment.ApplicationScaled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

/**
 * A running application's crashes and scalings on {@code shiplog.environment.events}, through the outbox (written
 * in a transaction of their own, relayed until the broker has them). Its last output is cut to 2000 characters and
 * rid of control characters (it is what the application printed, secrets already masked).
 */
@ApplicationScoped
public class RuntimeEventsLog implements RuntimeEvents {

    private static final Logger LOG = Logger.getLogger(RuntimeEventsLog.class);
    static final int LAST_OUTPUT = 2000;

    private final EventPublisher events;
    private final Outbox outbox;

    public RuntimeEventsLog(@EnvironmentEventsLog EventPublisher events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    @Override
    public void crashed(ReleaseSpec release, int instance, int exitCode, String lastOutput, int restartInSeconds) {
        String text = lastOutput == null ? "" : lastOutput.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
        String key = EnvironmentRef.of(release.projectId(), release.environment()).key();
        write(key, ApplicationCrashed.newBuilder().setEnvelope(Envelopes.root(DeploymentEvents.ACTOR, key, null))
                .setProjectId(release.projectId()).setEnvironment(release.environment())
                .setDeploymentId(release.deploymentId()).setInstance(instance).setExitCode(exitCode)
                .setLastOutput(text.length() > LAST_OUTPUT ? text.substring(text.length() - LAST_OUTPUT) : text)
                .setRestartInSeconds(restartInSeconds).build());
    }

    @Override
    public void scaled(ReleaseSpec release, int previous, int instances, String reason) {
        String key = EnvironmentRef.of(release.projectId(), release.environment()).key();
        write(key, ApplicationScaled.newBuilder().setEnvelope(Envelopes.root(DeploymentEvents.ACTOR, key, null))
                .setProjectId(release.projectId()).setEnvironment(release.environment())
                .setDeploymentId(release.deploymentId()).setInstances(instances).setPreviousInstances(previous)
                .setReason(reason).build());
    }

    private void write(String key, SpecificRecord event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.add(events, key, event));
        } catch (RuntimeException e) {
            // the database is away: the application runs on; its runtime log has said what happened
            LOG.warnf("%s for %s not recorded: %s", event.getSchema().getName(), key, Failures.rootMessage(e));
        }
    }
}
