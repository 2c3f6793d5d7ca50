package dev.shiplog.pipeline.domain.lane;

import dev.shiplog.schema.common.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lane's rules for a deployment that needs an approval: it waits aside, holding no place, until a maintainer
 * other than its requester approves it (it then takes its place as if just requested), rejects it, or lets it
 * expire (it is cancelled with the reason).
 */
final class Approvals {

    /** Another maintainer approved a deployment that waits for it: it is admitted as if just requested. */
    static List<Decision> approve(Lane lane, String deploymentId, Envelope cause, String instance) {
        Optional<Entry> found = lane.entry(deploymentId).filter(Entry::awaitingApproval);
        if (found.isEmpty()) {
            return List.of(); // unknown, over (cancelled, expired), or approved already
        }
        Entry approved = found.get().in(Entry.State.QUEUED);
        lane.replace(found.get(), approved);
        return lane.admit(approved, cause, instance);
    }

    /** A maintainer rejected a deployment that waits for an approval: it is cancelled with the reason. */
    static List<Decision> reject(Lane lane, String deploymentId, String why, Envelope cause, String instance) {
        return dropAwaiting(lane, deploymentId, why, cause, instance);
    }

    /** Nobody decided in time: a deployment still waiting for an approval at {@code now} is cancelled. */
    static List<Decision> expire(Lane lane, String deploymentId, Instant now, Envelope cause, String instance) {
        Optional<Entry> found = lane.entry(deploymentId).filter(Entry::awaitingApproval);
        if (found.isEmpty() || found.get().approvalExpiresAt() == null
                || found.get().approvalExpiresAt().isAfter(now)) {
            return List.of();
        }
        return dropAwaiting(lane, deploymentId, "nobody approved it before " + found.get().approvalExpiresAt()
                + " (the approval expired)", cause, instance);
    }

    private static List<Decision> dropAwaiting(Lane lane, String deploymentId, String why, Envelope cause,
            String instance) {
        Optional<Entry> found = lane.entry(deploymentId).filter(Entry::awaitingApproval);
        if (found.isEmpty()) {
            return List.of();
        }
        lane.remove(found.get());
        List<Decision> out = new ArrayList<>();
        out.add(new Decision.Emit(lane.events().cancelled(lane.subject(found.get(), cause), null, why)));
        out.addAll(lane.startHead(cause, instance));
        return out;
    }

    private Approvals() {
    }
}
