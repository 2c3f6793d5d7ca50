package dev.shiplog.deployment.messaging.outgoing;

import dev.shiplog.kit.access.RefusalLog;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.schema.audit.CommandRefused;
import jakarta.enterprise.context.ApplicationScoped;

/** Calls this service refused for want of a role go to {@code shiplog.audit.events}, for the audit trail. */
@ApplicationScoped
public class AuditRefusals implements RefusalLog {

    private final EventPublisher audit;

    public AuditRefusals(@AuditEventsLog EventPublisher audit) {
        this.audit = audit;
    }

    @Override
    public void record(String key, CommandRefused refused) {
        audit.publish(key, refused);
    }
}
