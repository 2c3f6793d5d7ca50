package dev.shiplog.pipeline.domain.lane;

import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import java.time.Instant;
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
 * <li>a scheduled request waits aside until its time, then takes its place;</li>
 * <li>a rollback does not wait in line: it pins the environment, stops what runs there (unless it is already going
 * live), cancels everything else waiting there, and runs next;</li>
 * <li>while the environment is pinned, every other deployment that would join its line is cancelled with the pin's
 * reason, until an unpin;</li>
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

    private final String projectId;
    private final String environment;
    private final List<Entry> entries;
    private final DeploymentEvents events;
    private Pin pin;

    /** The lane of {@code projectId/environment} with its unfinished {@code entries}, in line order. */
    public Lane(String projectId, String environment, List<Entry> entries, DeploymentEvents events) {
        this(projectId, environment, entries, null, events);
    }

    /** The lane, pinned by {@code pin} (null: not pinned). */
    public Lane(String projectId, String environment, List<Entry> entries, Pin pin, DeploymentEvents events) {
        this.projectId = projectId;
        this.environment = environment;
        this.entries = new ArrayList<>(entries);
        this.pin = pin;
        this.events = events;
    }

    String projectId() {
        return projectId;
    }

    String environment() {
        return environment;
    }

    DeploymentEvents events() {
        return events;
    }

    void remove(Entry entry) {
        entries.remove(entry);
    }

    /** The pin of the environment, or null. */
    public Pin pin() {
        return pin;
    }

    /** The unfinished deployments, the one holding the environment first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Optional<Entry> entry(String deploymentId) {
        return entries.stream().filter(e -> e.deploymentId().equals(deploymentId)).findFirst();
    }

    /**
     * A new request: one awaiting approval waits aside; a rollback goes first; a scheduled one waits for its time;
     * any other joins the line (and runs at once if the environment is free), unless the environment is pinned.
     */
    public List<Decision> request(Entry entry, Envelope cause, String instance) {
        entries.add(entry);
        if (entry.awaitingApproval()) {
            return List.of();
        }
        return admit(entry, cause, instance);
    }

    /** Another maintainer approved a deployment that waits for it ({@link Approvals#approve}). */
    public List<Decision> approve(String deploymentId, Envelope cause, String instance) {
        return Approvals.approve(this, deploymentId, cause, instance);
    }

    /** A maintainer rejected a deployment that waits for an approval ({@link Approvals#reject}). */
    public List<Decision> reject(String deploymentId, String why, Envelope cause, String instance) {
        return Approvals.reject(this, deploymentId, why, cause, instance);
    }

    /** Nobody decided in time ({@link Approvals#expire}). */
    public List<Decision> expire(String deploymentId, Instant now, Envelope cause, String instance) {
        return Approvals.expire(this, deploymentId, now, cause, instance);
    }

    /** A scheduled deployment whose time has come ({@code now} at or after it) takes its place. */
    public List<Decision> due(String deploymentId, Instant now, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId).filter(e -> e.state() == Entry.State.SCHEDULED);
        if (found.isEmpty() || found.get().notBefore().isAfter(now)) {
            return List.of();
        }
        Entry due = found.get().in(Entry.State.QUEUED);
        replace(found.get(), due);
        return join(due, cause, instance);
    }

    /**
     * The log shows a deployment took its place ({@code DeploymentQueued}, the lane's own decision): one still set
     * aside for its time is in line (what a rebuild from the log sees of a schedule that came due).
     */
    public List<Decision> queuedOnLog(String deploymentId, Envelope cause, String instance) {
        Optional<Entry> found = entry(deploymentId).filter(e -> e.state() == Entry.State.SCHEDULED);
        if (found.isEmpty()) {
            return List.of();
        }
        replace(found.get(), found.get().in(Entry.State.QUEUED));
        return startHead(cause, instance);
    }

    /** Someone unpinned the environment: deployments are taken again. */
    public List<Decision> unpin() {
        pin = null;
        return List.of();
    }

    List<Decision> admit(Entry entry, Envelope cause, String instance) {
        if (entry.rollback()) {
            return rollback(entry, cause, instance);
        }
        if (entry.notBefore() != null && entry.notBefore().isAfter(events.now())) {
            replace(entry, entry.in(Entry.State.SCHEDULED));
            return List.of(new Decision.Emit(events.scheduled(subject(entry, cause), entry.notBefore())));
        }
        return join(entry, cause, instance);
    }

    /** Joins the line, unless the environment is pinned: then it is cancelled with the pin's reason. */
    private List<Decision> join(Entry entry, Envelope cause, String instance) {
        if (pin != null) {
            entries.remove(entry);
            return List.of(new Decision.Emit(events.cancelled(subject(entry, cause), null, pin.refusal())));
        }
        return queued(entry, cause, instance);
    }

    /**
     * A rollback: the environment is pinned; what runs is stopped (one past its point of no return goes live, and
     * the rollback follows it); everything else waiting is cancelled; the rollback is next in line.
     */
    private List<Decision> rollback(Entry rollback, Envelope cause, String instance) {
        List<Decision> out = new ArrayList<>();
        pin = new Pin(rollback.deploymentId(), rollback.restore().reason(), cause.getActor());
        out.add(new Decision.Emit(events.pinned(subject(rollback, cause), rollback.deploymentId(),
                "rolled back to " + rollback.restore().from() + (rollback.restore().reason() == null ? ""
                        : ": " + rollback.restore().reason()))));
        String why = "cancelled: rollback " + rollback.deploymentId() + " pinned the environment";
        for (Entry other : List.copyOf(entries)) {
            if (other == rollback) {
                continue;
            }
            if (other.running()) {
                if (!other.activating() && other.cancelReason() == null) {
                    replace(other, other.cancelling(why));
                    out.add(new Decision.Stop(other.deploymentId(), why));
                }
            } else {
                entries.remove(other);
                out.add(new Decision.Emit(events.cancelled(subject(other, cause), null, why)));
            }
        }
        entries.remove(rollback);
        entries.add(entries.isEmpty() ? 0 : 1, rollback); // right behind the one that runs, if one does
        out.addAll(queued(rollback, cause, instance));
        return out;
    }

    /** Tells a deployment its place among those in line (position 0: it holds the environment), then starts one. */
    private List<Decision> queued(Entry entry, Envelope cause, String instance) {
        List<Entry> line = entries.stream().filter(Entry::inLine).toList();
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

    /**
     * The log shows that a run of the deployment claimed the point of no return ({@code DeploymentGoingLive}): as the
     * claim itself decided when it was made (what a rebuild from the log sees of it); a cancel after it is too late.
     */
    public void claimedOnLog(String deploymentId) {
        entry(deploymentId).filter(e -> e.running() && !e.activating()).ifPresent(e -> replace(e, e.goingLive()));
    }

    /** The head waits although the environment is free (its start was lost): run it. */
    public List<Decision> startStalledHead(Envelope cause, String instance) {
        return startHead(cause, instance);
    }

    /**
     * The worker running {@code deploymentId} is gone. {@code live}: the environment's live release, if any
     * ({@link Recovery#orphan}).
     */
    public List<Decision> orphan(String deploymentId, LiveRelease live, int maxAttempts, Envelope cause,
            String instance) {
        return Recovery.orphan(this, deploymentId, live, maxAttempts, cause, instance);
    }

    /** A record about {@code deploymentId} could not be processed ({@link Recovery#poisoned}). */
    public List<Decision> poisoned(String deploymentId, boolean terminal, String reason, Envelope cause,
            String instance) {
        return Recovery.poisoned(this, deploymentId, terminal, reason, cause, instance);
    }

    /** When nothing runs, the first in line (not waiting for an approval or for its time) runs. */
    List<Decision> startHead(Envelope cause, String instance) {
        if (entries.stream().anyMatch(Entry::running)) {
            return List.of();
        }
        Optional<Entry> first = entries.stream().filter(Entry::inLine).findFirst();
        if (first.isEmpty()) {
            return List.of();
        }
        Entry started = first.get().startedBy(instance);
        replace(first.get(), started);
        return List.of(new Decision.Run(started.deploymentId(), started.attempt()));
    }

    void replace(Entry old, Entry now) {
        entries.set(entries.indexOf(old), now);
    }

    DeploymentEvents.Subject subject(Entry entry, Envelope cause) {
        return new DeploymentEvents.Subject(entry.deploymentId(), projectId, environment, entry.requestedAt(), cause);
    }
}
