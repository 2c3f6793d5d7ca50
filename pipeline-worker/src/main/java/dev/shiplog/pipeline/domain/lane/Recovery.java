package dev.shiplog.pipeline.domain.lane;

import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lane's rules for what went wrong outside it: a run whose worker is gone (an orphan), and a record about a
 * deployment that could not be processed (poison). Each brings the deployment to a final state or runs it again.
 */
final class Recovery {

    /**
     * The worker running {@code deploymentId} is gone. {@code live}: its release, if the log shows it activated.
     */
    static List<Decision> orphan(Lane lane, String deploymentId, LiveRelease live, int maxAttempts,
            Envelope cause, String instance) {
        Optional<Entry> found = lane.entry(deploymentId);
        if (found.isEmpty() || !found.get().running()) {
            return List.of();
        }
        Entry entry = found.get();
        DeploymentEvents.Subject subject = lane.subject(entry, cause);
        if (live != null && live.deploymentId().equals(deploymentId)) {
            lane.replace(entry, entry.adoptedBy(instance));
            List<Decision> out = new ArrayList<>();
            if (entry.rollback() && live.previousDeploymentId() != null) {
                out.add(new Decision.Emit(lane.events().rolledBack(subject, live.previousDeploymentId(),
                        entry.restore())));
            }
            out.add(new Decision.Emit(lane.events().succeeded(subject, entry.version(), live.deploymentUrl(),
                    live.environmentUrl(), live.artifactId())));
            return out;
        }
        if (entry.cancelReason() != null) {
            lane.replace(entry, entry.adoptedBy(instance));
            return List.of(new Decision.Emit(lane.events().cancelled(subject, null, entry.cancelReason())));
        }
        if (entry.attempt() < maxAttempts) {
            Entry again = entry.startedBy(instance);
            lane.replace(entry, again);
            return List.of(new Decision.Run(deploymentId, again.attempt()));
        }
        lane.replace(entry, entry.adoptedBy(instance));
        return List.of(new Decision.Emit(lane.events().failed(subject,
                entry.restore() == null ? Stage.BUILD : Stage.DEPLOY, "the pipeline-worker running it stopped "
                        + entry.attempt() + " time(s) (the most a deployment is tried); it did not go live")));
    }

    /**
     * A record about {@code deploymentId} could not be processed. A terminal one still ends it here; any other fails
     * it with {@code reason} (even one this lane never saw, so that its deployment reaches a final state).
     */
    static List<Decision> poisoned(Lane lane, String deploymentId, boolean terminal, String reason,
            Envelope cause, String instance) {
        Optional<Entry> found = lane.entry(deploymentId);
        List<Decision> out = new ArrayList<>();
        if (found.isPresent()) {
            lane.remove(found.get());
        }
        if (!terminal) {
            out.add(new Decision.Stop(deploymentId, reason));
            DeploymentEvents.Subject subject = new DeploymentEvents.Subject(deploymentId, lane.projectId(),
                    lane.environment(), found.map(Entry::requestedAt).orElse(null), cause);
            out.add(new Decision.Emit(lane.events().failed(subject, Stage.BUILD,
                    "the platform could not process this deployment's " + reason)));
        }
        out.addAll(lane.startHead(cause, instance));
        return out;
    }

    private Recovery() {
    }
}
