package dev.shiplog.pipeline.lane;

import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one environment's lane, and nothing else (no database, no log): one deployment at a time, in the
 * order the log gave the requests. Each operation changes the lane and returns its {@link Decision}s; the caller
 * stores the lane, writes the events and runs what is to run.
 * <ul>
 * <li>a request joins the end of the line and is told its place; the first in line runs when nothing runs;</li>
 * <li>a request that needs an approval waits aside, holding no place, until another maintainer approves it (it then
 * takes its place), rejects it or lets it expire (it is cancelled with the reason);</li>
 * <li>a cancel removes a waiting deployment at once, stops a running one, and is too late for one going live;</li>
 * <li>a finished deployment leaves; the next one runs;</li>
 * <li>a running deployment goes live only if it claims the point of no return while it is still this lane's head,
 * run by that attempt, and not being cancelled;</li>
 * <li>an orphan (its worker is gone) whose release the log shows live succeeds; one being cancelled is cancelled;
 * otherwise it runs again, up to the maximum of attempts, then fails;</li>
 * <li>a deployment whose record could not be processed fails with the reason, and the lane goes on.</li>
 * </ul>
 */
public final class Lane {

    /** The release live in this environment, as the log shows it: what an orphan that went live needs. */
    public record Release(String deploymentId, String artifactId, String deploymentUrl, String environmentUrl) {
    }

    private final String projectId;
    private final String environment;
    private final List<Entry> entries;
    private final DeploymentEvents events;

    /** The lane of {@code projectId/environment} with its unfinished {@code entries}, in line order. */
    public Lane(String projectId, String environment, List<Entry> entries, DeploymentEvents events) {
        this.projectId = projectId;
        this.environment = environment;
        this.entries = new ArrayList<>(entries);
        this.events = events;
    }

    /** The unfinished deployments, the one holding the environment first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Optional<Entry> entry(String deploymentId) {
        return entries.stream().filter(e -> e.deploymentId().equals(deploymentId)).findFirst();
    }

    /** A new request joins the line; run at once if the environment is free. One awaiting approval waits aside. */
    public List<Decision> request(Entry entry, Envelope cause, String instance) {
        entries.add(entry);
        if (entry.awaitingApproval()) {
            return List.of();
        }
        return queued(entry, cause, instance);
    }

    /** Another maintainer approved a deployment that waits for it: it takes its place in line. */
    public List<Decision> approve(String deploymentId, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId).filter(Entry::awaitingApproval);
        if (found.isEmpty()) {
            return List.of(); // unknown, over (cancelled, expired), or approved already
        }
        Entry approved = found.get().approved();
        replace(found.get(), approved);
        return queued(approved, cause, instance);
    }

    /** A maintainer rejected a deployment that waits for an approval: it is cancelled with the reason. */
    public List<Decision> reject(String deploymentId, String why, Envelope cause, String instance) {
        return dropAwaiting(deploymentId, why, cause, instance);
    }

    /** Nobody decided in time: a deployment still waiting for an approval at {@code now} is cancelled. */
    public List<Decision> expire(String deploymentId, java.time.Instant now, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId).filter(Entry::awaitingApproval);
        if (found.isEmpty() || found.get().approvalExpiresAt() == null
                || found.get().approvalExpiresAt().isAfter(now)) {
            return List.of();
        }
        return dropAwaiting(deploymentId, "nobody approved it before " + found.get().approvalExpiresAt()
                + " (the approval expired)", cause, instance);
    }

    private List<Decision> dropAwaiting(String deploymentId, String why, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId).filter(Entry::awaitingApproval);
        if (found.isEmpty()) {
            return List.of();
        }
        entries.remove(found.get());
        List<Decision> out = new ArrayList<>();
        out.add(new Decision.Emit(events.cancelled(subject(found.get(), cause), null, why)));
        out.addAll(startHead(cause, instance));
        return out;
    }

    /** Tells a deployment its place among those in line (position 0: it holds the environment), then starts one. */
    private List<Decision> queued(Entry entry, Envelope cause, String instance) {
        List<Entry> line = entries.stream().filter(e -> !e.awaitingApproval()).toList();
        Entry holder = line.stream().filter(Entry::running).findFirst().orElse(line.get(0));
        int position = holder == entry ? 0 : (int) line.stream().filter(e -> e != entry).count();
        List<Decision> out = new ArrayList<>();
        out.add(new Decision.Emit(events.queued(subject(entry, cause), position,
                position == 0 ? null : holder.deploymentId())));
        out.addAll(startHead(cause, instance));
        return out;
    }

    /** A cancellation: a waiting deployment leaves now; a running one is stopped; one going live is past it. */
    public List<Decision> cancel(String deploymentId, String reason, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId);
        if (found.isEmpty() || found.get().activating()) {
            return List.of(); // unknown, over, or past the point of no return: it goes live
        }
        Entry entry = found.get();
        String why = reason == null || reason.isBlank() ? "cancelled" : reason;
        if (!entry.running()) {
            entries.remove(entry);
            List<Decision> out = new ArrayList<>();
            out.add(new Decision.Emit(events.cancelled(subject(entry, cause), null, reason)));
            out.addAll(startHead(cause, instance));
            return out;
        }
        replace(entry, entry.cancelling(why));
        return List.of(new Decision.Stop(deploymentId, why));
    }

    /** The deployment succeeded, failed or was cancelled: it leaves, and the next one runs. */
    public List<Decision> finish(String deploymentId, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId);
        if (found.isEmpty()) {
            return List.of();
        }
        entries.remove(found.get());
        return startHead(cause, instance);
    }

    /**
     * The run's claim to go live: granted to the attempt that holds the environment, unless a cancel came first.
     * Once granted, a cancel is too late.
     */
    public boolean claimActivation(String deploymentId, int attempt, String instance) {
        Optional<Entry> found = entry(deploymentId);
        if (found.isEmpty() || !found.get().running() || found.get().attempt() != attempt
                || !instance.equals(found.get().owner()) || found.get().cancelReason() != null) {
            return false;
        }
        replace(found.get(), found.get().goingLive());
        return true;
    }

    /** The head waits although the environment is free (its start was lost): run it. */
    public List<Decision> startStalledHead(Envelope cause, String instance) {
        return startHead(cause, instance);
    }

    /**
     * The worker running {@code deploymentId} is gone. {@code live}: its release, if the log shows it activated.
     */
    public List<Decision> orphan(String deploymentId, Release live, int maxAttempts, Envelope cause,
            String instance) {
        Optional<Entry> found = entry(deploymentId);
        if (found.isEmpty() || !found.get().running()) {
            return List.of();
        }
        Entry entry = found.get();
        DeploymentEvents.Subject subject = subject(entry, cause);
        if (live != null && live.deploymentId().equals(deploymentId)) {
            replace(entry, entry.adoptedBy(instance));
            return List.of(new Decision.Emit(events.succeeded(subject, entry.version(), live.deploymentUrl(),
                    live.environmentUrl(), live.artifactId())));
        }
        if (entry.cancelReason() != null) {
            replace(entry, entry.adoptedBy(instance));
            return List.of(new Decision.Emit(events.cancelled(subject, null, entry.cancelReason())));
        }
        if (entry.attempt() < maxAttempts) {
            Entry again = entry.startedBy(instance);
            replace(entry, again);
            return List.of(new Decision.Run(deploymentId, again.attempt()));
        }
        replace(entry, entry.adoptedBy(instance));
        return List.of(new Decision.Emit(events.failed(subject, Stage.BUILD, "the pipeline-worker running it stopped "
                + entry.attempt() + " time(s) (the most a deployment is tried); it did not go live")));
    }

    /**
     * A record about {@code deploymentId} could not be processed. A terminal one still ends it here; any other fails
     * it with {@code reason} (even one this lane never saw, so that its deployment reaches a final state).
     */
    public List<Decision> poisoned(String deploymentId, boolean terminal, String reason, Envelope cause,
            String instance) {
        Optional<Entry> found = entry(deploymentId);
        List<Decision> out = new ArrayList<>();
        if (found.isPresent()) {
            entries.remove(found.get());
        }
        if (!terminal) {
            out.add(new Decision.Stop(deploymentId, reason));
            out.add(new Decision.Emit(events.failed(new DeploymentEvents.Subject(deploymentId, projectId, environment,
                    found.map(Entry::requestedAt).orElse(null), cause), Stage.BUILD,
                    "the platform could not process this deployment's " + reason)));
        }
        out.addAll(startHead(cause, instance));
        return out;
    }

    /** When nothing runs, the first in line (not waiting for an approval) runs. */
    private List<Decision> startHead(Envelope cause, String instance) {
        if (entries.stream().anyMatch(Entry::running)) {
            return List.of();
        }
        Optional<Entry> first = entries.stream().filter(e -> !e.awaitingApproval()).findFirst();
        if (first.isEmpty()) {
            return List.of();
        }
        Entry started = first.get().startedBy(instance);
        replace(first.get(), started);
        return List.of(new Decision.Run(started.deploymentId(), started.attempt()));
    }

    private void replace(Entry old, Entry now) {
        entries.set(entries.indexOf(old), now);
    }

    private DeploymentEvents.Subject subject(Entry entry, Envelope cause) {
        return new DeploymentEvents.Subject(entry.deploymentId(), projectId, environment, entry.requestedAt(), cause);
    }
}
